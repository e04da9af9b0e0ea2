/**
 * A semantic diff of two loaded data sets: components, flags, namespaces,
 * resources, actors and document sections added, removed or changed field by
 * field; trust edges added, removed or changed (conditions, qualifiers and
 * consequences on either side); validation problems introduced or fixed.
 *
 * Edge entries (`verifies`, `verifiedBy`) are reported as trust edges, not as
 * flag fields, so an edge written on both flags is one change, not two.
 * References are compared resolved ("cm/x" and "<ns> cm/x" are the same).
 */
import { cmp, type Problem } from '../lib/problems.ts';
import { resolveFlagRef, resolveResourceRef, type EdgeSide, type Model, type TrustEdge } from '../model/model.ts';
import { KIND_LABELS, type Edge, type Flag, type Resource, type Section } from '../model/types.ts';
import { diffMaterials, type MaterialDiff } from './material-diff.ts';
import { fieldsOf, valueAt } from '../lib/schema-shape.ts';

export type FieldChange =
  | { field: string; type: 'value'; before?: string; after?: string }
  | { field: string; type: 'list'; added: string[]; removed: string[] };

export interface ItemChange {
  ref: string;
  changes: FieldChange[];
}

export interface Added {
  ref: string;
  /** A short description: the kind and purpose of a flag, the purpose of a resource… */
  summary?: string;
}

export interface ItemDiff {
  added: Added[];
  removed: Added[];
  changed: ItemChange[];
}

export interface EdgeSummary {
  verifier: string;
  verified: string;
  /** Which flags write the edge. */
  writtenOn: Array<'verifier' | 'verified'>;
  condition?: string;
  qualifier?: string;
  consequence?: string;
}

export interface EdgeChange {
  verifier: string;
  verified: string;
  changes: FieldChange[];
}

export interface ProblemChange {
  code: string;
  message: string;
  /** Where it is (file:line:column) on the side it appears. */
  at: string;
}

export interface DataDiff {
  base: string;
  head: string;
  /** Side whose data could not be compared item by item (syntax or schema problems). */
  unavailable: Array<'base' | 'head'>;
  components: ItemDiff;
  flags: ItemDiff;
  namespaces: ItemDiff;
  resources: ItemDiff;
  actors: ItemDiff;
  document: ItemDiff;
  edges: { added: EdgeSummary[]; removed: EdgeSummary[]; changed: EdgeChange[] };
  /** Certificate material added, removed, and changed fact by fact (in words). */
  materials: MaterialDiff;
  problems: { introduced: ProblemChange[]; fixed: ProblemChange[] };
}

export interface Side {
  label: string;
  model?: Model;
  problems: Problem[];
}

const value = (field: string, before: string | undefined, after: string | undefined): FieldChange[] =>
  before === after ? [] : [{ field, type: 'value', ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) }];

function list(field: string, before: string[] | undefined, after: string[] | undefined): FieldChange[] {
  const b = new Set(before ?? []);
  const a = new Set(after ?? []);
  const added = [...a].filter((x) => !b.has(x)).sort(cmp);
  const removed = [...b].filter((x) => !a.has(x)).sort(cmp);
  if (added.length || removed.length) return [{ field, type: 'list', added, removed }];
  // Same members, different order: the order is visible in generated tables.
  const ob = [...b];
  const oa = [...a];
  if (ob.join('\0') !== oa.join('\0')) return [{ field, type: 'value', before: ob.join(', '), after: oa.join(', ') }];
  return [];
}

/** Compare keyed items: added, removed, and field changes of the ones on both sides. */
function compareItems<T>(
  before: Map<string, T>,
  after: Map<string, T>,
  fields: (b: T, a: T) => FieldChange[],
  summary: (x: T) => string | undefined,
): ItemDiff {
  const added: Added[] = [];
  const removed: Added[] = [];
  const changed: ItemChange[] = [];
  const withSummary = (ref: string, x: T): Added => {
    const s = summary(x);
    return s ? { ref, summary: s } : { ref };
  };
  for (const [ref, a] of [...after].sort(([x], [y]) => cmp(x, y))) {
    const b = before.get(ref);
    if (b === undefined) added.push(withSummary(ref, a));
    else {
      const changes = fields(b, a);
      if (changes.length) changed.push({ ref, changes });
    }
  }
  for (const [ref, b] of [...before].sort(([x], [y]) => cmp(x, y))) if (!after.has(ref)) removed.push(withSummary(ref, b));
  return { added, removed, changed };
}


/**
 * Field-by-field changes of one item, with the fields read from its schema:
 * scalars compared as values, lists of strings as sets (references resolved),
 * nested objects by their fields ("rotation.validity"). The item's key and
 * lists of objects (the edges, reported as trust edges) are left out.
 */
function schemaFields<T>(file: string, pointer: string, key: string, ns = '', dir?: string) {
  const fields = fieldsOf(file, pointer, dir).filter((f) => f.path !== key && f.kind !== 'object' && f.kind !== 'object-list');
  const resolveRef = (def: string | undefined) => (x: string) => (def === 'flagRef' ? (resolveFlagRef(x) ?? x) : def === 'resourceRef' ? (resolveResourceRef(x, ns) ?? x) : x);
  return (b: T, a: T): FieldChange[] =>
    fields.flatMap((f) => {
      const before = valueAt(b, f.path);
      const after = valueAt(a, f.path);
      if (f.kind === 'list') return list(f.path, (before as string[] | undefined)?.map(resolveRef(f.def)), (after as string[] | undefined)?.map(resolveRef(f.def)));
      return value(f.path, before === undefined ? undefined : String(before), after === undefined ? undefined : String(after));
    });
}

const flagFields = (dir?: string) => schemaFields<Flag>('component.schema.json', '#/$defs/flag', 'name', '', dir);

function resourceFields(ns: string, dir?: string) {
  return schemaFields<Resource>('namespace.schema.json', '#/$defs/resource', 'name', ns, dir);
}

/** Order of the names common to both sides, when it changed. */
function order(field: string, before: string[], after: string[]): FieldChange[] {
  const common = new Set(before.filter((n) => after.includes(n)));
  const b = before.filter((n) => common.has(n));
  const a = after.filter((n) => common.has(n));
  return b.join('\0') === a.join('\0') ? [] : [{ field, type: 'value', before: b.join(', '), after: a.join(', ') }];
}

function sectionFields(b: Section, a: Section): FieldChange[] {
  return [
    ...value('depth', String(b.depth), String(a.depth)),
    ...value('body', b.body, a.body),
    ...value('generated', b.generated, a.generated),
    ...value('order', b.order?.join(', '), a.order?.join(', ')),
  ];
}

function mapsOf(model: Model | undefined) {
  const sections = new Map<string, { section: Section; index: number }>();
  const seen = new Map<string, number>();
  (model?.document?.data.sections ?? []).forEach((section, index) => {
    const n = (seen.get(section.title) ?? 0) + 1;
    seen.set(section.title, n);
    sections.set(n === 1 ? section.title : `${section.title} (${n})`, { section, index });
  });
  return {
    components: new Map((model?.components ?? []).map((c) => [c.name, c] as const)),
    flags: new Map([...(model?.flags ?? [])].map(([ref, f]) => [ref, f.data] as const)),
    namespaces: new Map((model?.namespaces ?? []).map((n) => [n.name, n] as const)),
    resources: new Map(model?.resources ?? []),
    actors: new Map((model?.actors ?? []).map((a) => [a.name, a.data] as const)),
    sections,
    edges: new Map((model?.edges ?? []).map((e) => [`${e.verifier}\0${e.verified}`, e] as const)),
  };
}

function edgeSummary(e: TrustEdge): EdgeSummary {
  const sides = [e.verifierSide, e.verifiedSide].filter((s): s is EdgeSide => !!s);
  const first = <K extends keyof Edge>(k: K) => sides.map((s) => s.edge[k]).find((v) => v !== undefined) as string | undefined;
  const condition = first('condition');
  const qualifier = first('qualifier');
  const consequence = first('consequence');
  return {
    verifier: e.verifier,
    verified: e.verified,
    writtenOn: [...(e.verifierSide ? (['verifier'] as const) : []), ...(e.verifiedSide ? (['verified'] as const) : [])],
    ...(condition !== undefined ? { condition } : {}),
    ...(qualifier !== undefined ? { qualifier } : {}),
    ...(consequence !== undefined ? { consequence } : {}),
  };
}

function edgeFields(b: TrustEdge, a: TrustEdge): FieldChange[] {
  const out: FieldChange[] = [];
  const written = (e: TrustEdge) => [e.verifierSide ? e.verifier : undefined, e.verifiedSide ? e.verified : undefined].filter((x): x is string => !!x);
  out.push(...list('written on', written(b), written(a)));
  // A side that appears or disappears is reported under "written on"; compare fields where a side exists before and after.
  const sides = (['verifierSide', 'verifiedSide'] as const).filter((k) => b[k] && a[k]);
  for (const field of ['condition', 'qualifier', 'consequence'] as const) {
    const before = sides.map((k) => b[k]!.edge[field]);
    const after = sides.map((k) => a[k]!.edge[field]);
    if (sides.length === 2 && before[0] === before[1] && after[0] === after[1]) {
      // Written the same on both flags before and after: one change.
      out.push(...value(field, before[0], after[0]));
      continue;
    }
    sides.forEach((k, i) => out.push(...value(`${field} on ${k === 'verifierSide' ? a.verifier : a.verified}`, before[i], after[i])));
  }
  return out;
}

/** Problems compared by code and message (lines move when anything above them changes). */
function problemChanges(base: Problem[], head: Problem[]): DataDiff['problems'] {
  const key = (p: Problem) => `${p.code}\0${p.message}`;
  const count = (ps: Problem[]) => {
    const m = new Map<string, number>();
    for (const p of ps) m.set(key(p), (m.get(key(p)) ?? 0) + 1);
    return m;
  };
  const only = (ps: Problem[], other: Map<string, number>): ProblemChange[] => {
    const left = new Map(other);
    const out: ProblemChange[] = [];
    for (const p of ps) {
      const n = left.get(key(p)) ?? 0;
      if (n > 0) left.set(key(p), n - 1);
      else out.push({ code: p.code, message: p.message, at: `${p.file}:${p.line}:${p.column}` });
    }
    return out.sort((x, y) => cmp(x.code, y.code) || cmp(x.message, y.message) || cmp(x.at, y.at));
  };
  return { introduced: only(head, count(base)), fixed: only(base, count(head)) };
}

export function diffData(base: Side, head: Side, options: { schemaDir?: string } = {}): DataDiff {
  const b = mapsOf(base.model);
  const a = mapsOf(head.model);
  const unavailable = [...(base.model ? [] : (['base'] as const)), ...(head.model ? [] : (['head'] as const))];
  const both = base.model && head.model;
  const none: ItemDiff = { added: [], removed: [], changed: [] };
  const items = (f: () => ItemDiff): ItemDiff => (both ? f() : none);
  return {
    base: base.label,
    head: head.label,
    unavailable,
    components: items(() =>
      compareItems(
        b.components,
        a.components,
        (x, y) => [...value('description', x.data.description, y.data.description), ...order('flag order', x.data.flags.map((f) => f.name), y.data.flags.map((f) => f.name))],
        (x) => x.data.description,
      ),
    ),
    flags: items(() => compareItems(b.flags, a.flags, flagFields(options.schemaDir), (f) => `${KIND_LABELS[f.kind] ?? f.kind}: ${f.purpose}`)),
    namespaces: items(() =>
      compareItems(
        b.namespaces,
        a.namespaces,
        (x, y) => [...value('contract', x.data.contract, y.data.contract), ...order('resource order', x.data.resources.map((r) => r.name), y.data.resources.map((r) => r.name))],
        () => undefined,
      ),
    ),
    resources: items(() => compareItems(b.resources, a.resources, (x, y) => resourceFields(y.namespace, options.schemaDir)(x.data, y.data), (r) => r.data.purpose)),
    actors: items(() => compareItems(b.actors, a.actors, (x, y) => value('description', x.description, y.description), (x) => x.description)),
    document: items(() => {
      const sections = compareItems(b.sections, a.sections, (x, y) => sectionFields(x.section, y.section), () => undefined);
      const bd = base.model!.document?.data;
      const ad = head.model!.document?.data;
      const whole = [
        ...value('output', bd?.output, ad?.output),
        ...value('front matter', bd && JSON.stringify(bd.frontMatter), ad && JSON.stringify(ad.frontMatter)),
        ...order('section order', [...b.sections.keys()], [...a.sections.keys()]),
      ];
      return whole.length ? { ...sections, changed: [{ ref: 'document.json', changes: whole }, ...sections.changed] } : sections;
    }),
    edges: both
      ? (() => {
          const added = [...a.edges].filter(([k]) => !b.edges.has(k)).map(([, e]) => edgeSummary(e));
          const removed = [...b.edges].filter(([k]) => !a.edges.has(k)).map(([, e]) => edgeSummary(e));
          const changed: EdgeChange[] = [];
          for (const [k, e] of a.edges) {
            const old = b.edges.get(k);
            if (!old) continue;
            const changes = edgeFields(old, e);
            if (changes.length) changed.push({ verifier: e.verifier, verified: e.verified, changes });
          }
          const byEnds = (x: { verifier: string; verified: string }, y: { verifier: string; verified: string }) => cmp(x.verifier, y.verifier) || cmp(x.verified, y.verified);
          return { added: added.sort(byEnds), removed: removed.sort(byEnds), changed: changed.sort(byEnds) };
        })()
      : { added: [], removed: [], changed: [] },
    materials: diffMaterials(both ? base.model : undefined, both ? head.model : undefined, options.schemaDir),
    problems: problemChanges(base.problems, head.problems),
  };
}

/** True when nothing differs. */
export function isEmptyDiff(d: DataDiff): boolean {
  const itemEmpty = (x: ItemDiff) => !x.added.length && !x.removed.length && !x.changed.length;
  return (
    [d.components, d.flags, d.namespaces, d.resources, d.actors, d.document].every(itemEmpty) &&
    !d.edges.added.length &&
    !d.edges.removed.length &&
    !d.edges.changed.length &&
    !d.materials.added.length &&
    !d.materials.removed.length &&
    !d.materials.changed.length &&
    !d.problems.introduced.length &&
    !d.problems.fixed.length
  );
}
