/**
 * The semantic diff as markdown (mdast serialized by remark-stringify), for
 * a pull request's job summary and for reviewers reading a terminal.
 */
import { structuredPatch } from 'diff';
import type { BlockContent, Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { stringifyMarkdown } from '../lib/markdown.ts';
import { inlineMarkdown } from '../generate/phrasing.ts';
import type { DataDiff, EdgeSummary, FieldChange, ItemDiff } from './semantic-diff.ts';
import { isEmptyDiff } from './semantic-diff.ts';

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const code = (value: string): PhrasingContent => ({ type: 'inlineCode', value });
const para = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
const item = (children: PhrasingContent[], sub?: ListItem[]): ListItem => ({
  type: 'listItem',
  spread: false,
  children: [para(...children), ...(sub?.length ? [bullets(sub)] : [])],
});
const bullets = (items: ListItem[]): List => ({ type: 'list', ordered: false, spread: false, children: items });
const heading = (depth: 2 | 3, ...children: PhrasingContent[]): Heading => ({ type: 'heading', depth, children });

/**
 * Inline markdown as written in the data, as phrasing content that is safe in a job summary: raw HTML
 * becomes text (as in the enhancement), images become their text, and only http(s) and mailto links stay links.
 */
function inline(markdown: string): PhrasingContent[] {
  return inlineMarkdown(markdown).flatMap(safePhrasing);
}

function safePhrasing(node: PhrasingContent): PhrasingContent[] {
  switch (node.type) {
    case 'html':
      return [text(node.value)];
    case 'image':
    case 'imageReference':
      return node.alt ? [text(node.alt)] : [];
    case 'link':
      if (!/^(https?:|mailto:)/i.test(node.url)) return node.children.flatMap(safePhrasing);
      return [{ ...node, children: node.children.flatMap(safePhrasing) }];
    case 'emphasis':
    case 'strong':
    case 'delete':
    case 'linkReference':
      return [{ ...node, children: node.children.flatMap(safePhrasing) } as PhrasingContent];
    default:
      return [node];
  }
}

const joinWith = (parts: PhrasingContent[][], sep: string): PhrasingContent[] => parts.flatMap((p, i) => (i ? [text(sep), ...p] : p));

/** Fields whose values are references (shown as code). */
const REF_FIELDS = new Set(['pairsWith', 'interactsWith', 'feeds', 'publishes', 'inputTo', 'producers', 'consumers', 'written on', 'kind', 'generated']);
/** Fields holding block markdown or structured text: shown as a line diff. */
const BLOCK_FIELDS = new Set(['body', 'contract', 'front matter']);

function fieldValue(field: string, value: string): PhrasingContent[] {
  if (REF_FIELDS.has(field)) return [code(value)];
  if (field.endsWith('order')) return [text(value)];
  return inline(value);
}

function lineDiff(before: string, after: string): BlockContent {
  const patch = structuredPatch('before', 'after', `${before}\n`, `${after}\n`, undefined, undefined, { context: 2 });
  const lines = patch.hunks.flatMap((h, i) => [...(i ? ['…'] : []), ...h.lines.filter((l) => !l.startsWith('\\'))]);
  return { type: 'code', lang: 'diff', value: lines.join('\n') };
}

function fieldItem(c: FieldChange): ListItem {
  const label = c.field.replace(/ on (\S+ --\S+)$/, ' on ');
  const on = / on (\S+ --\S+)$/.exec(c.field)?.[1];
  const name: PhrasingContent[] = on ? [text(label), code(on)] : [text(c.field)];
  if (c.type === 'list' && c.field === 'written on') {
    const parts: PhrasingContent[][] = [];
    if (c.added.length) parts.push([text('now also written on '), ...joinWith(c.added.map((v) => [code(v)]), ' and ')]);
    if (c.removed.length) parts.push([text('no longer written on '), ...joinWith(c.removed.map((v) => [code(v)]), ' and ')]);
    return item(joinWith(parts, '; '));
  }
  if (c.type === 'list') {
    const parts: PhrasingContent[][] = [];
    if (c.added.length) parts.push([text('adds '), ...joinWith(c.added.map((v) => fieldValue(c.field, v)), ', ')]);
    if (c.removed.length) parts.push([text('removes '), ...joinWith(c.removed.map((v) => fieldValue(c.field, v)), ', ')]);
    return item([...name, text(': '), ...joinWith(parts, '; ')]);
  }
  if (BLOCK_FIELDS.has(c.field)) {
    const li = item([...name, text(c.before === undefined ? ' added:' : c.after === undefined ? ' removed:' : ' changed:')]);
    li.children.push(lineDiff(c.before ?? '', c.after ?? ''));
    return li;
  }
  if (c.before === undefined) return item([...name, text(' set to: '), ...fieldValue(c.field, c.after!)]);
  if (c.after === undefined) return item([...name, text(' removed (was: '), ...fieldValue(c.field, c.before), text(')')]);
  return item([...name, text(':')], [item([text('before: '), ...fieldValue(c.field, c.before)]), item([text('after: '), ...fieldValue(c.field, c.after)])]);
}

function edgeName(e: { verifier: string; verified: string }): PhrasingContent[] {
  return [code(e.verifier), text(' → '), code(e.verified)];
}

function edgeDetails(e: EdgeSummary): ListItem[] {
  const out: ListItem[] = [];
  if (e.writtenOn.length === 1) out.push(item([text('written only on '), code(e.writtenOn[0] === 'verifier' ? e.verifier : e.verified)]));
  if (e.condition) out.push(item([text('condition: '), ...inline(e.condition)]));
  if (e.qualifier) out.push(item([text('qualifier: '), ...inline(e.qualifier)]));
  if (e.consequence) out.push(item([text('consequence: '), ...inline(e.consequence)]));
  return out;
}

interface Kind {
  title: string;
  one: string;
  many: string;
  /** How an item is named: refs as code, section titles as text. */
  name: (ref: string) => PhrasingContent[];
}

function itemSection(kind: Kind, d: ItemDiff): RootContent[] {
  const items: ListItem[] = [
    ...d.added.map((a) => item([text('adds '), ...kind.name(a.ref), ...(a.summary ? [text(': '), ...inline(a.summary)] : [])])),
    ...d.removed.map((r) => item([text('removes '), ...kind.name(r.ref)])),
    ...d.changed.map((c) => item([text('changes '), ...kind.name(c.ref), text(':')], c.changes.map(fieldItem))),
  ];
  return items.length ? [heading(3, text(kind.title)), bullets(items)] : [];
}

function count(n: number, one: string, many: string, verb: string): string | undefined {
  return n ? `${n} ${n === 1 ? one : many} ${verb}` : undefined;
}

const KINDS = {
  components: { title: 'Components', one: 'component', many: 'components', name: (r: string) => [code(r)] },
  flags: { title: 'Flags', one: 'flag', many: 'flags', name: (r: string) => [code(r)] },
  namespaces: { title: 'Namespaces', one: 'namespace', many: 'namespaces', name: (r: string) => [code(r)] },
  resources: { title: 'Resources', one: 'resource', many: 'resources', name: (r: string) => [code(r)] },
  actors: { title: 'Actors', one: 'actor', many: 'actors', name: (r: string) => [code(r)] },
  document: { title: 'Document', one: 'document section', many: 'document sections', name: (r: string) => (r === 'document.json' ? [code(r)] : [text(`section “${r}”`)]) },
} satisfies Record<string, Kind>;

export function summaryLine(d: DataDiff): string {
  const parts: string[] = [];
  const items = (k: keyof typeof KINDS) => {
    const x = d[k];
    const kind = KINDS[k];
    for (const [n, verb] of [
      [x.added.length, 'added'],
      [x.removed.length, 'removed'],
      [x.changed.length, 'changed'],
    ] as const) {
      const s = count(n, kind.one, kind.many, verb);
      if (s) parts.push(s);
    }
  };
  for (const [n, verb] of [
    [d.edges.added.length, 'added'],
    [d.edges.removed.length, 'removed'],
    [d.edges.changed.length, 'changed'],
  ] as const) {
    const s = count(n, 'trust edge', 'trust edges', verb);
    if (s) parts.push(s);
  }
  for (const k of Object.keys(KINDS) as Array<keyof typeof KINDS>) items(k);
  for (const [n, verb] of [
    [d.materials.added.length, 'added'],
    [d.materials.removed.length, 'removed'],
  ] as const) {
    const s = count(n, 'certificate material', 'certificate materials', verb);
    if (s) parts.push(s);
  }
  const facts = count(d.materials.changed.length, 'certificate fact', 'certificate facts', 'changed');
  if (facts) parts.push(facts);
  const intro = count(d.problems.introduced.length, 'validation problem', 'validation problems', 'introduced');
  const fixed = count(d.problems.fixed.length, 'validation problem', 'validation problems', 'fixed');
  if (intro) parts.push(intro);
  if (fixed) parts.push(fixed);
  return parts.length ? `${parts.join(', ')}.` : 'No changes to the data.';
}

export function diffMarkdown(d: DataDiff): string {
  const children: RootContent[] = [heading(2, text('Data changes: '), code(d.base), text(' → '), code(d.head))];
  children.push(para(text(summaryLine(d))));
  for (const side of d.unavailable) {
    children.push(
      para(text(`The ${side} data (${side === 'base' ? d.base : d.head}) could not be loaded (missing files, syntax or schema problems), so items could not be compared; only validation problems are listed.`)),
    );
  }
  if (!isEmptyDiff(d)) {
    const edges: ListItem[] = [
      ...d.edges.added.map((e) => item([text('adds the edge '), ...edgeName(e)], edgeDetails(e))),
      ...d.edges.removed.map((e) => item([text('removes the edge '), ...edgeName(e)], edgeDetails(e))),
      ...d.edges.changed.map((e) => item([text('changes the edge '), ...edgeName(e), text(':')], e.changes.map(fieldItem))),
    ];
    if (edges.length) children.push(heading(3, text('Trust edges')), bullets(edges));
    const materials: ListItem[] = [
      ...d.materials.changed.map((c) => item([text(c.sentence)])),
      ...d.materials.added.map((m) => item([text('adds '), code(m.key), text(` at ${m.where}: ${m.summary}`)])),
      ...d.materials.removed.map((m) => item([text('removes '), code(m.key), text(` (was at ${m.where})`)])),
    ];
    if (materials.length) children.push(heading(3, text('Certificate material')), bullets(materials));
    for (const k of ['flags', 'resources', 'components', 'namespaces', 'actors', 'document'] as const) children.push(...itemSection(KINDS[k], d[k]));
    const problems: ListItem[] = [
      ...d.problems.introduced.map((p) => item([text('introduces '), code(p.code), text(` at ${p.at}: `), ...inline(p.message)])),
      ...d.problems.fixed.map((p) => item([text('fixes '), code(p.code), text(': '), ...inline(p.message)])),
    ];
    if (problems.length) children.push(heading(3, text('Validation problems')), bullets(problems));
  }
  const root: Root = { type: 'root', children };
  return stringifyMarkdown(root);
}
