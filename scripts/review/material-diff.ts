/**
 * The semantic diff of certificate material, fact by fact, in words:
 * "validity of openshift-config-managed secret/kube-controller-manager-client-cert-key: 720h → 1440h (source …)".
 * The fields compared are read from materials.schema.json at run time, so a
 * field added to the schema is compared without a change here.
 */
import { cmp } from '../lib/problems.ts';
import { fieldsOf, valueAt, type FieldShape } from '../lib/schema-shape.ts';
import type { MaterialNode, Model } from '../model/model.ts';
import { allMaterials, formatLocation, formatSource, sourceOf } from '../model/materials.ts';
import { MATERIAL_TYPE_LABELS } from '../model/types.ts';

export interface MaterialFactChange {
  /** "<distribution>/<id>". */
  key: string;
  /** Where the material is made: "<namespace> <cm|secret>/<name>" or a path. */
  where: string;
  /** The field as a reader names it: "validity", "refresh", "signedBy", "feeds"… */
  field: string;
  before?: string;
  after?: string;
  /** For lists: entries added and removed. */
  added?: string[];
  removed?: string[];
  /** The head's (or, when removed, the base's) source of the fact, as one line. */
  source?: string;
  /** The change as one sentence. */
  sentence: string;
}

export interface MaterialDiff {
  added: Array<{ key: string; where: string; summary: string }>;
  removed: Array<{ key: string; where: string; summary: string }>;
  changed: MaterialFactChange[];
}

/** Sub-fields that name the main value of a fact: "validity.duration" reads as "validity". */
const MAIN = new Set(['duration', 'signer', 'actor', 'component', 'materials', 'triggers']);

function fieldName(path: string): string {
  const parts = path.split('.');
  return parts.length === 2 && MAIN.has(parts[1]!) ? parts[0]! : path;
}

/** One entry of a list of objects, in words: its scalar fields in schema order, sources left out. */
function itemWords(item: unknown, shape: FieldShape[]): string {
  if (item === null || typeof item !== 'object') return String(item);
  const o = item as Record<string, unknown>;
  if (typeof o.namespace === 'string' || typeof o.path === 'string') {
    const where = formatLocation(o as never);
    const keys = Array.isArray(o.keys) ? ` (${o.keys.join(', ')})` : '';
    const copy = o.copy && typeof o.copy === 'object' ? ` copied by ${String((o.copy as Record<string, unknown>).by ?? '?')}` : '';
    return `${where}${keys}${copy}`;
  }
  return shape
    .filter((s) => s.kind === 'scalar' && !s.path.includes('.') && s.def !== 'sourceRef')
    .map((s) => o[s.path])
    .filter((v) => v !== undefined)
    .map(String)
    .join(': ');
}

function words(value: unknown, shape: FieldShape): string | string[] | undefined {
  if (value === undefined) return undefined;
  if (shape.kind === 'list') return (value as unknown[]).map(String);
  if (shape.kind === 'object-list') return (value as unknown[]).map((x) => itemWords(x, shape.item ?? []));
  return String(value);
}

function whereOf(m: MaterialNode): string {
  return formatLocation(m.data.locations[0]!);
}

function sourceLine(model: Model, m: MaterialNode, path: string): string | undefined {
  const top = path.split('.')[0]!;
  const fact = m.data[top as keyof typeof m.data] as { source?: string } | undefined;
  const id = fact && !Array.isArray(fact) && typeof fact === 'object' ? fact.source : undefined;
  const s = sourceOf(model, m, id);
  return s && id ? `${id}: ${formatSource(s)}` : undefined;
}

function sentence(c: Omit<MaterialFactChange, 'sentence'>): string {
  const src = c.source ? ` (source ${c.source})` : '';
  if (c.added || c.removed) {
    const parts = [c.added?.length ? `adds ${c.added.join('; ')}` : '', c.removed?.length ? `removes ${c.removed.join('; ')}` : ''].filter(Boolean);
    return `${c.field} of ${c.where}: ${parts.join('; ')}${src}`;
  }
  return `${c.field} of ${c.where}: ${c.before ?? 'not set'} → ${c.after ?? 'not set'}${src}`;
}

/** `schemaDir`: where materials.schema.json is read (data/schemas by default; tests pass a fixture schema). */
export function diffMaterials(baseModel: Model | undefined, headModel: Model | undefined, schemaDir?: string): MaterialDiff {
  const out: MaterialDiff = { added: [], removed: [], changed: [] };
  if (!baseModel || !headModel) return out;
  const fields = fieldsOf('materials.schema.json', '#/$defs/material', schemaDir).filter((f) => f.path !== 'id' && f.kind !== 'object' && f.def !== 'sourceRef');
  const byKey = (model: Model) => new Map(allMaterials(model).map((m) => [m.key, m] as const));
  const b = byKey(baseModel);
  const a = byKey(headModel);
  const summary = (m: MaterialNode) => `${MATERIAL_TYPE_LABELS[m.data.type]}${m.data.description ? `: ${m.data.description}` : ''}`;
  for (const [key, m] of [...a].sort(([x], [y]) => cmp(x, y))) {
    const old = b.get(key);
    if (!old) {
      out.added.push({ key, where: whereOf(m), summary: summary(m) });
      continue;
    }
    for (const f of fields) {
      const before = words(valueAt(old.data, f.path), f);
      const after = words(valueAt(m.data, f.path), f);
      const at = { key, where: whereOf(m), field: fieldName(f.path) };
      const source = sourceLine(headModel, m, f.path) ?? sourceLine(baseModel, old, f.path);
      if (Array.isArray(before) || Array.isArray(after)) {
        const bs = new Set(before ?? []);
        const as = new Set(after ?? []);
        const added = [...as].filter((x) => !bs.has(x));
        const removed = [...bs].filter((x) => !as.has(x));
        if (!added.length && !removed.length) continue;
        const c = { ...at, ...(added.length ? { added } : {}), ...(removed.length ? { removed } : {}), ...(source ? { source } : {}) };
        out.changed.push({ ...c, sentence: sentence(c) });
      } else if (before !== after) {
        const c = { ...at, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}), ...(source ? { source } : {}) };
        out.changed.push({ ...c, sentence: sentence(c) });
      }
    }
  }
  for (const [key, m] of [...b].sort(([x], [y]) => cmp(x, y))) if (!a.has(key)) out.removed.push({ key, where: whereOf(m), summary: summary(m) });
  return out;
}
