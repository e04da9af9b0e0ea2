/**
 * import: read an enhancement markdown document (the upstream hand-written one
 * or the generated one) into a DataSet. The import is faithful: what the
 * document says on one side only stays one-sided and malformed references
 * stay as written, so that validation shows exactly what is inconsistent.
 * Whatever cannot be placed is reported as a note with its line, never
 * dropped silently.
 *
 * Pure: text in, data and notes out. The CLI (scripts/cli/commands/import.ts)
 * reads and writes the files.
 */
import type { Heading, PhrasingContent, Root, RootContent, Table, TableRow } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { parseMarkdown, stringifyMarkdown } from '../lib/markdown.ts';
import type { Actor, ComponentFile, DataSet, DocumentFile, Flag, GeneratedBlock, NamespaceFile, Resource, Section } from '../model/types.ts';
import { cmp } from '../lib/problems.ts';
import { visibleLine } from '../lib/terminal.ts';
import { inlineMarkdown } from './inline.ts';
import { parseFlagCell } from './flag-cell.ts';
import { parseResourceCell } from './resource-cell.ts';
import { inferKind } from '../model/kind.ts';

export interface ImportNote {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface ImportResult {
  data: DataSet;
  notes: ImportNote[];
  /** How many flag and resource tables were read (a document with no flag table is not an enhancement). */
  tables: { flags: number; resources: number };
}

/** Whether a parsed YAML value contains itself (a circular alias). */
function circular(value: unknown, seen: Set<unknown> = new Set()): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (seen.has(value)) return true;
  seen.add(value);
  const found = Object.values(value as Record<string, unknown>).some((v) => circular(v, seen));
  seen.delete(value);
  return found;
}

export function formatNote(n: ImportNote): string {
  return visibleLine(`${n.file}:${n.line}:${n.column}: import-note: ${n.message}`);
}

type TableKind = 'flags' | 'resources' | 'materials' | 'symptoms';

const FLAG_HEADER = ['flag', "what's it for"];
const RESOURCE_HEADER = ['resource', "what's it for", 'who produces it', 'who consumes it'];
/** The generated certificate-material table: regenerated from materials/*.json, never imported. */
const MATERIAL_HEADER = ['certificate', 'type', 'signed by', 'created by'];
/** The generated troubleshooting table of an edge: regenerated from its symptoms, never imported. */
const SYMPTOM_HEADER = ['error text', 'where it shows', 'source'];

function headerText(s: string): string {
  return s.replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

export function tableKind(table: Table): TableKind | undefined {
  const header = (table.children[0]?.children ?? []).map((c) => headerText(toString(c)));
  const starts = (want: string[]) => want.every((w, i) => header[i] === w);
  if (starts(RESOURCE_HEADER)) return 'resources';
  if (starts(FLAG_HEADER)) return 'flags';
  if (starts(MATERIAL_HEADER)) return 'materials';
  if (starts(SYMPTOM_HEADER)) return 'symptoms';
  return undefined;
}

interface Block {
  heading: Heading;
  depth: number;
  content: RootContent[];
}

type BlockKind = TableKind | 'mermaid';

function blockKind(b: Block): BlockKind | undefined {
  for (const n of b.content) {
    if (n.type === 'table') {
      const k = tableKind(n);
      if (k) return k;
    }
    if (n.type === 'code' && n.lang === 'mermaid') return 'mermaid';
  }
  return undefined;
}

const GENERATED: Record<BlockKind, GeneratedBlock> = { flags: 'components', resources: 'namespaces', mermaid: 'diagrams', materials: 'materials', symptoms: 'troubleshooting' };
/** Generated from the data and not carried back: diagrams, material tables and the troubleshooting tables. */
const REGENERATED: ReadonlySet<BlockKind> = new Set(['mermaid', 'materials', 'symptoms']);

/** Block markdown of a list of nodes, canonical and trimmed. */
function blockMarkdown(nodes: RootContent[]): string {
  if (!nodes.length) return '';
  // Trim markdown white space only: a non-breaking space is content ("#\u00a0" is text, "#" a heading).
  return stringifyMarkdown({ type: 'root', children: nodes } satisfies Root).replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}

function cellIsBlank(cell: { children: PhrasingContent[] }): boolean {
  return !toString(cell).trim() && cell.children.every((c) => c.type === 'text');
}

/** The one inline-code value of a cell, or undefined when the cell holds anything else. */
function codeOnly(nodes: readonly PhrasingContent[]): string | undefined {
  const meaningful = nodes.filter((n) => !(n.type === 'text' && !n.value.trim()));
  return meaningful.length === 1 && meaningful[0]!.type === 'inlineCode' ? meaningful[0]!.value : undefined;
}

class Importer {
  readonly notes: ImportNote[] = [];
  readonly components: ComponentFile[] = [];
  readonly namespaces: NamespaceFile[] = [];
  readonly tables = { flags: 0, resources: 0 };

  constructor(readonly file: string) {}

  note(node: { position?: { start: { line: number; column: number } } } | undefined, message: string): void {
    const start = node?.position?.start ?? { line: 1, column: 1 };
    this.notes.push({ file: this.file, line: start.line, column: start.column, message });
  }

  frontMatter(root: Root): Record<string, unknown> {
    const yamlNode = root.children.find((n) => n.type === 'yaml');
    if (!yamlNode || yamlNode.type !== 'yaml') return {};
    try {
      const value: unknown = parseYaml(yamlNode.value);
      if (value === null || value === undefined) return {};
      if (circular(value)) {
        this.note(yamlNode, 'the front matter refers to itself through a YAML alias (&anchor … *anchor inside itself); it was not imported');
        return {};
      }
      if (typeof value !== 'object' || Array.isArray(value)) {
        this.note(yamlNode, 'the front matter is not a YAML mapping (key: value lines); it was not imported');
        return {};
      }
      return value as Record<string, unknown>;
    } catch (err) {
      const e = err as YAMLParseError;
      const line = (yamlNode.position?.start.line ?? 1) + (e.linePos?.[0]?.line ?? 0);
      this.notes.push({
        file: this.file,
        line,
        column: e.linePos?.[0]?.col ?? 1,
        message: `the front matter is not valid YAML (${String(e.message).split('\n')[0]!.replace(/\s+at line \d+, column \d+:?$/, '')}); it was not imported`,
      });
      return {};
    }
  }

  component(block: Block): void {
    const name = toString(block.heading).trim();
    const t = block.content.findIndex((n) => n.type === 'table' && tableKind(n) === 'flags');
    const table = block.content[t] as Table;
    this.tables.flags++;
    const before = block.content.slice(0, t);
    const after = block.content.slice(t + 1);
    const comp: ComponentFile = { name, flags: [] };
    if (before.length === 1 && before[0]!.type === 'paragraph') comp.description = inlineMarkdown(before[0]!.children);
    else if (before.length) {
      comp.description = blockMarkdown(before);
      this.note(before[0], `the description of component ${name} is more than one paragraph; it was kept as written, but a description should be one paragraph`);
    }
    if (after.length) this.note(after[0], `content after the flag table of ${name} is not part of any flag or description and was not imported`);
    const header = table.children[0];
    if (header && header.children.length > FLAG_HEADER.length) this.note(header, `the flag table of ${name} has more than two columns; the extra columns were not imported`);
    for (const row of table.children.slice(1)) {
      const flag = this.flagRow(name, row);
      if (flag) comp.flags.push(flag);
    }
    this.components.push(comp);
  }

  flagRow(component: string, row: TableRow): Flag | undefined {
    if (row.children.every(cellIsBlank)) {
      this.note(row, `empty row in the flag table of ${component}; skipped`);
      return undefined;
    }
    const [nameCell, forCell, ...extra] = row.children;
    let name = codeOnly(nameCell?.children ?? []);
    if (name === undefined) {
      name = toString(nameCell ?? { type: 'text', value: '' }).trim();
      this.note(row, `the flag name ${JSON.stringify(name)} in the table of ${component} is not written as inline code (\`--flag\`); kept as written`);
    }
    if (extra.some((c) => !cellIsBlank(c))) this.note(row, `row ${name} of ${component} has text beyond the second column; it was not imported`);
    const cell = parseFlagCell(forCell?.children ?? []);
    for (const p of cell.problems) this.note(row, `${component} ${name}: ${p}`);
    if (!cell.purpose) this.note(row, `${component} ${name} has no purpose before its "must" sentences; write what the flag is for`);
    const guess = inferKind(cell.purpose, name);
    if (!guess.certain)
      this.note(
        row,
        `${component} ${name}: cannot tell the kind from the purpose ${JSON.stringify(cell.purpose)}; guessed ${guess.kind} (start the purpose with e.g. "CA bundle", "Serving cert", "Client key", "Signing cert", "Kubeconfig")`,
      );
    const flag: Flag = { name, kind: guess.kind, purpose: cell.purpose };
    if (cell.verifies.length) flag.verifies = cell.verifies;
    if (cell.verifiedBy.length) flag.verifiedBy = cell.verifiedBy;
    if (cell.interactsWith.length) flag.interactsWith = cell.interactsWith;
    return flag;
  }

  namespace(block: Block): void {
    const name = toString(block.heading).trim();
    const t = block.content.findIndex((n) => n.type === 'table' && tableKind(n) === 'resources');
    const table = block.content[t] as Table;
    this.tables.resources++;
    const before = block.content.slice(0, t);
    const after = block.content.slice(t + 1);
    const ns: NamespaceFile = { namespace: name, resources: [] };
    const contract = blockMarkdown(before);
    if (contract) ns.contract = contract;
    if (after.length) this.note(after[0], `content after the resource table of ${name} is not part of any resource or the contract and was not imported`);
    for (const row of table.children.slice(1)) {
      const res = this.resourceRow(name, row);
      if (res) ns.resources.push(res);
    }
    this.namespaces.push(ns);
  }

  resourceRow(namespace: string, row: TableRow): Resource | undefined {
    if (row.children.every(cellIsBlank)) {
      this.note(row, `empty row in the resource table of ${namespace}; skipped`);
      return undefined;
    }
    const [nameCell, forCell, producersCell, consumersCell, ...extra] = row.children;
    const name = codeOnly(nameCell?.children ?? []) ?? toString(nameCell ?? { type: 'text', value: '' }).trim();
    if (!name) this.note(row, `a row in the resource table of ${namespace} has no resource name`);
    if (extra.some((c) => !cellIsBlank(c))) this.note(row, `row ${name} of ${namespace} has text beyond the fourth column; it was not imported`);
    const cell = parseResourceCell(forCell?.children ?? []);
    for (const p of cell.problems) this.note(row, `${namespace} ${name}: ${p}`);
    const actors = (c: typeof producersCell) =>
      toString(c ?? { type: 'text', value: '' })
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    const res: Resource = { name };
    if (cell.purpose) res.purpose = cell.purpose;
    if (cell.feeds.length) res.feeds = cell.feeds;
    if (cell.publishes.length) res.publishes = cell.publishes;
    if (cell.inputTo.length) res.inputTo = cell.inputTo;
    const producers = actors(producersCell);
    const consumers = actors(consumersCell);
    if (producers.length) res.producers = producers;
    if (consumers.length) res.consumers = consumers;
    return res;
  }

  run(text: string): ImportResult {
    const root = parseMarkdown(text);
    const frontMatter = this.frontMatter(root);
    const blocks: Block[] = [];
    const preamble: RootContent[] = [];
    for (const node of root.children) {
      if (node.type === 'yaml') continue;
      if (node.type === 'heading') blocks.push({ heading: node, depth: node.depth, content: [] });
      else if (blocks.length) blocks[blocks.length - 1]!.content.push(node);
      else preamble.push(node);
    }
    if (preamble.length) this.note(preamble[0], 'content before the first heading is not part of any section and was not imported');

    const sections: Section[] = [];
    const consumed = new Set<number>();
    const kinds = blocks.map(blockKind);
    for (let i = 0; i < blocks.length; i++) {
      if (consumed.has(i)) continue;
      const b = blocks[i]!;
      const section: Section = { depth: b.depth, title: inlineMarkdown(b.heading.children) };
      // Direct sub-sections: the blocks one level deeper until the next heading at this depth or above.
      const children: number[] = [];
      const descendants: number[] = [];
      for (let j = i + 1; j < blocks.length && blocks[j]!.depth > b.depth; j++) {
        descendants.push(j);
        if (blocks[j]!.depth === b.depth + 1) children.push(j);
      }
      // Generated sub-sections follow the section's body directly: the first sub-section decides.
      const kind = children.length ? kinds[children[0]!] : undefined;
      const body = blockMarkdown(b.content);
      if (body) section.body = body;
      if (kind && kinds[i] === undefined) {
        section.generated = GENERATED[kind];
        const names: string[] = [];
        let plainChildSeen = false;
        for (const j of children) {
          const child = blocks[j]!;
          if (kinds[j] !== kind) {
            plainChildSeen = true;
            if (kinds[j] !== undefined && !REGENERATED.has(kind))
              this.note(child.heading, `sub-section "${toString(child.heading)}" holds a different kind of table than its siblings under "${toString(b.heading)}"; its table is kept as section text, not imported as data`);
            continue;
          }
          if (plainChildSeen) this.note(child.heading, `"${toString(child.heading)}" follows a sub-section that is not generated; in the generated document it moves before that sub-section`);
          consumed.add(j);
          if (kind === 'flags') this.component(child);
          else if (kind === 'resources') this.namespace(child);
          names.push(toString(child.heading).trim());
        }
        if (REGENERATED.has(kind)) {
          // Diagram, material and troubleshooting sub-sections are regenerated from the data: skip them and everything under them.
          for (const j of descendants) {
            const inside = children.filter((c) => c <= j).pop();
            if (inside !== undefined && consumed.has(inside)) consumed.add(j);
          }
        } else {
          section.order = names;
          for (const j of descendants) {
            if (consumed.has(j) || children.includes(j)) continue;
            const owner = children.filter((c) => c < j).pop();
            if (owner !== undefined && consumed.has(owner))
              this.note(blocks[j]!.heading, `"${toString(blocks[j]!.heading)}" sits inside the generated sub-section "${toString(blocks[owner]!.heading)}"; it is kept as a section of its own, placed after the generated sub-sections`);
          }
        }
      } else if (kinds[i] === 'flags' || kinds[i] === 'resources') {
        this.note(b.heading, `the ${kinds[i] === 'flags' ? 'flag' : 'resource'} table under "${toString(b.heading)}" is not under a ${kinds[i] === 'flags' ? 'component' : 'namespace'} sub-heading; it is kept as section text, not imported as data (put it under a sub-heading named after the ${kinds[i] === 'flags' ? 'component' : 'namespace'}, first under its parent section)`);
      }
      sections.push(section);
    }

    const actorNames = new Set<string>();
    for (const ns of this.namespaces) for (const r of ns.resources) for (const a of [...(r.producers ?? []), ...(r.consumers ?? [])]) actorNames.add(a);
    const actors: Actor[] = [...actorNames].sort(cmp).map((name) => ({ name }));
    const document: DocumentFile = { frontMatter, sections };
    const data: DataSet = { components: this.components, namespaces: this.namespaces, actors: { actors }, document };
    const notes = [...this.notes].sort((a, b) => a.line - b.line || a.column - b.column || cmp(a.message, b.message));
    return { data, notes, tables: this.tables };
  }
}

/** Import one enhancement document. `file` is the name used in notes. */
export function importMarkdown(text: string, file: string): ImportResult {
  // CRLF and CR line endings: as LF, so no carriage return stays inside a paragraph (lines keep their numbers).
  return new Importer(file).run(text.replace(/\r\n?/g, '\n'));
}
