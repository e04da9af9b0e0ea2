/** Load the data of two git revisions (or a revision and the working tree) and diff them. */
import { UserError } from '../lib/problems.ts';
import { parseEntries, type DataEntry } from '../load/index.ts';
import { validateFiles } from '../validate/index.ts';
import { dataPathIn, openRepo, readDataAtCommit, readDataInWorkTree, resolveRevision } from './git-data.ts';
import { diffData, type DataDiff, type Side } from './semantic-diff.ts';

export interface DiffRequest {
  base: string;
  /** Omitted: the working tree. */
  head?: string;
  /** Data folder, relative to `cwd` (default "data"). */
  data?: string;
  cwd?: string;
}

function side(label: string, entries: DataEntry[], dataPath: string): Side {
  // The same display names on both sides, so a problem present on both compares equal.
  const { files, problems } = parseEntries(entries, (rel) => (dataPath ? `${dataPath}/${rel}` : rel));
  const result = validateFiles(files, problems);
  return { label, problems: result.problems, ...(result.model ? { model: result.model } : {}) };
}

/** Throws UserError (exit 2) outside a git repository or for an unknown revision. */
export function diffRevisions(req: DiffRequest): DataDiff {
  const cwd = req.cwd ?? process.cwd();
  const repo = openRepo(cwd);
  const dataPath = dataPathIn(repo, req.data ?? 'data', cwd);
  const baseCommit = resolveRevision(repo, req.base);
  const headCommit = req.head === undefined ? undefined : resolveRevision(repo, req.head);
  const baseEntries = readDataAtCommit(repo, baseCommit, dataPath);
  const headEntries = headCommit === undefined ? readDataInWorkTree(repo, dataPath) : readDataAtCommit(repo, headCommit, dataPath);
  // Nothing on either side is a wrong --data, not "no changes".
  if (!baseEntries.length && !headEntries.length) {
    throw new UserError(
      `no data files in ${dataPath || '.'} at ${req.base} or in ${req.head ?? 'the working tree'}; pass --data DIR naming the data folder (the one holding components/) inside the repository`,
      2,
    );
  }
  const base = side(req.base, baseEntries, dataPath);
  const head = side(headCommit === undefined ? 'working tree' : req.head!, headEntries, dataPath);
  return diffData(base, head);
}
