/**
 * The shape of the data, read from the JSON Schemas in data/schemas/ at run
 * time: the properties of an object in schema order, whether each is a
 * scalar, a list of strings, a list of objects or a nested object, and which
 * shared definition ($ref) it uses. Code that walks the data field by field
 * (the semantic diff, canonical key order) asks here instead of keeping its
 * own list, so a field added to a schema is picked up without a code change.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/schemas');

type Json = Record<string, unknown>;

export type FieldKind = 'scalar' | 'list' | 'object-list' | 'object';

export interface FieldShape {
  /** Dot path from the item: "validity.duration", "feeds". */
  path: string;
  kind: FieldKind;
  /** The shared definition the value uses, e.g. "flagRef", "duration", "sourceRef" (last part of its $ref). */
  def?: string;
  /** For an object list: the shape of one item, relative to the item. */
  item?: FieldShape[];
}

const cache = new Map<string, Json>();

function schemaFile(dir: string, file: string): Json {
  const key = path.join(dir, file);
  let s = cache.get(key);
  if (!s) cache.set(key, (s = JSON.parse(readFileSync(key, 'utf8')) as Json));
  return s;
}

/** Resolve a local or cross-file $ref ("common.schema.json#/$defs/text", "#/$defs/feed"). */
function resolve(dir: string, file: string, node: Json): { file: string; node: Json; def?: string } {
  const ref = node.$ref;
  if (typeof ref !== 'string') return { file, node };
  const [target, pointer = ''] = ref.split('#');
  const targetFile = target || file;
  let at: unknown = schemaFile(dir, targetFile);
  for (const part of pointer.split('/').filter(Boolean)) at = (at as Json)[part];
  const def = pointer.split('/').pop();
  const resolved = resolve(dir, targetFile, at as Json);
  return { ...resolved, def: def ?? resolved.def };
}

function shapes(dir: string, file: string, object: Json, prefix: string): FieldShape[] {
  const props = (object.properties ?? {}) as Record<string, Json>;
  const out: FieldShape[] = [];
  for (const [name, raw] of Object.entries(props)) {
    if (name === '$schema') continue;
    const p = prefix ? `${prefix}.${name}` : name;
    const { file: f, node, def } = resolve(dir, file, raw);
    const withDef = def ? { def } : {};
    if (node.type === 'array') {
      const items = resolve(dir, f, (node.items ?? {}) as Json);
      if (items.node.type === 'object') out.push({ path: p, kind: 'object-list', ...(items.def ? { def: items.def } : {}), item: shapes(dir, items.file, items.node, '') });
      else out.push({ path: p, kind: 'list', ...(items.def ? { def: items.def } : {}) });
    } else if (node.type === 'object' && node.properties) {
      out.push({ path: p, kind: 'object', ...withDef });
      out.push(...shapes(dir, f, node, p));
    } else out.push({ path: p, kind: 'scalar', ...withDef });
  }
  return out;
}

/**
 * The fields of the object at `pointer` in a schema file ("#/$defs/material"
 * in materials.schema.json), nested objects flattened with dot paths, in the
 * order the schema lists them.
 */
export function fieldsOf(file: string, pointer: string, dir = SCHEMA_DIR): FieldShape[] {
  const { file: f, node } = resolve(dir, file, { $ref: `${file}${pointer}` });
  return shapes(dir, f, node, '');
}

/** The property names of the object at `pointer`, in schema order: the canonical key order of that object. */
export function keyOrder(file: string, pointer: string, dir = SCHEMA_DIR): string[] {
  const { node } = resolve(dir, file, { $ref: `${file}${pointer}` });
  return Object.keys((node.properties ?? {}) as Json);
}

/** The value at a dot path of an item. */
export function valueAt(item: unknown, dotPath: string): unknown {
  let at: unknown = item;
  for (const part of dotPath.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Json)[part];
  }
  return at;
}

/** The schema node at `pointer` of `file`, with its $ref resolved. */
function nodeAt(file: string, pointer: string, dir: string): { file: string; node: Json } {
  const { file: f, node } = resolve(dir, file, { $ref: `${file}${pointer}` });
  return { file: f, node };
}

function canon(value: unknown, file: string, raw: Json, dir: string): unknown {
  const { file: f, node } = resolve(dir, file, raw);
  if (Array.isArray(value)) return value.map((v) => canon(v, f, (node.items ?? {}) as Json, dir));
  if (value === null || typeof value !== 'object' || !node.properties) return value;
  const props = node.properties as Record<string, Json>;
  const required = new Set((node.required ?? []) as string[]);
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  // Schema order first, then keys the schema does not know (validation reports those).
  for (const key of [...Object.keys(props), ...Object.keys(o).filter((k) => !(k in props))]) {
    const v = o[key];
    if (v === undefined || v === null) continue;
    if (Array.isArray(v) && v.length === 0 && !required.has(key)) continue;
    const c = props[key] ? canon(v, f, props[key]!, dir) : v;
    // A nested object left empty (e.g. a rotation with nothing documented) is left out.
    if (c !== null && typeof c === 'object' && !Array.isArray(c) && Object.keys(c).length === 0 && props[key]?.properties !== undefined && !required.has(key)) continue;
    out[key] = c;
  }
  return out;
}

/**
 * An item in canonical stored form: keys in the schema's property order
 * (nested objects and lists of objects too), absent, null and empty optional
 * values left out, required lists kept even when empty.
 */
export function canonicalize<T>(value: T, file: string, pointer = '#', dir = SCHEMA_DIR): T {
  const { file: f, node } = nodeAt(file, pointer, dir);
  return canon(value, f, node, dir) as T;
}
