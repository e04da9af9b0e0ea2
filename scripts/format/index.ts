/**
 * format: the canonical stored form of every data file (keys in schema order,
 * empty optional properties left out, 2-space JSON, trailing newline, actors
 * sorted by name), the form the importer writes and round trips rely on.
 *
 * `certdocs format` writes it; `certdocs format --check` and `certdocs
 * validate` report each file that differs with the code `not-canonical`.
 */
import type { Problem } from '../lib/problems.ts';
import { canonicalDataSet } from '../import/canonical.ts';
import { stringifyData } from '../lib/json.ts';
import { displayPath, parseEntries, readDataDir, type DataEntry, type Role } from '../load/index.ts';
import type { Actor, ActorsFile, ComponentFile, DataSet, DocumentFile, MaterialsFile, NamespaceFile } from '../model/types.ts';
import { validateFiles } from '../validate/index.ts';

export const FORMAT_COMMAND = 'certdocs format';

/** The canonical text of one data file of the given role. */
export function canonicalFileText(role: Role, data: unknown): string {
  const empty: DataSet = { components: [], namespaces: [], actors: { actors: [] } };
  switch (role) {
    case 'component':
      return stringifyData(canonicalDataSet({ ...empty, components: [data as ComponentFile] }).components[0]);
    case 'namespace':
      return stringifyData(canonicalDataSet({ ...empty, namespaces: [data as NamespaceFile] }).namespaces[0]);
    case 'actors': {
      const actors = [...(data as ActorsFile).actors].sort((a: Actor, b: Actor) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return stringifyData(canonicalDataSet({ ...empty, actors: { actors } }).actors);
    }
    case 'document':
      return stringifyData(canonicalDataSet({ ...empty, document: data as DocumentFile }).document);
    case 'materials':
      return stringifyData(canonicalDataSet({ ...empty, materials: [data as MaterialsFile] }).materials![0]);
  }
}

export interface FormatPlan {
  /** False when syntax or schema problems keep the data from being formatted (they are then all of `validation`). */
  formattable: boolean;
  /** Every validation problem of the data (the rules' too), from the same single read and parse. */
  validation: Problem[];
  /** Files whose text is not canonical: path relative to the data folder, shown path, canonical text. */
  changes: Array<{ rel: string; file: string; text: string }>;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** What formatting the files would change. Only data of the right shape can be formatted. */
export function planFormat(entries: DataEntry[], display: (rel: string) => string): FormatPlan {
  const { files, problems: loadProblems } = parseEntries(entries, display);
  const { problems, model } = validateFiles(files, loadProblems);
  if (!model) return { formattable: false, validation: problems, changes: [] };
  const text = new Map(entries.map((e) => [e.rel, decoder.decode(e.bytes)]));
  const changes: FormatPlan['changes'] = [];
  for (const f of files) {
    const want = canonicalFileText(f.role, f.json.data);
    if (text.get(f.rel) !== want) changes.push({ rel: f.rel, file: f.json.file, text: want });
  }
  return { formattable: true, validation: problems, changes };
}

export function planFormatDir(dir: string): FormatPlan {
  return planFormat(readDataDir(dir), (rel) => displayPath(dir, rel));
}

/** One `not-canonical` problem per file that `certdocs format` would rewrite. */
export function notCanonicalProblems(plan: FormatPlan, dataArg: string): Problem[] {
  const fix = dataArg === 'data' ? FORMAT_COMMAND : `${FORMAT_COMMAND} --data ${dataArg}`;
  return plan.changes.map((c) => ({
    code: 'not-canonical',
    file: c.file,
    line: 1,
    column: 1,
    pointer: '',
    message: `not in canonical form (key order, white space, empty properties or actor order); run \`${fix}\` to rewrite it`,
  }));
}
