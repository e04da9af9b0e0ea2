/**
 * Schema validation with ajv (JSON Schema draft 2020-12, strict mode).
 * The schemas are compiled once per process and reused. Compiling them
 * takes about 0.1 s of every process, so the compiled code is also kept
 * between processes: ajv's standalone module for exactly these
 * schemas, options and ajv version, in `.cache/ajv/<sha256>.cjs` next to
 * the project's node_modules (the module requires ajv's runtime helpers).
 * A module that is missing or cannot be loaded is compiled again; a folder
 * that cannot be written to only means compiling in every process, as
 * CERTDOCS_CACHE=0 asks for.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { cacheSetting, writeCacheFile } from '../lib/cache-file.ts';
import type { Problem } from '../lib/problems.ts';
import { clip, escapePointer, positionOf } from '../load/json-file.ts';
import { closest } from '../model/refs.ts';
import type { LoadedFile, Role } from '../load/index.ts';

export const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/schemas');
export const SCHEMA_FILES = [
  'common.schema.json',
  'component.schema.json',
  'namespace.schema.json',
  'materials.schema.json',
  'actors.schema.json',
  'document.schema.json',
] as const;

const SCHEMA_FOR_ROLE: Record<Role, string> = {
  component: 'component.schema.json',
  namespace: 'namespace.schema.json',
  materials: 'materials.schema.json',
  actors: 'actors.schema.json',
  document: 'document.schema.json',
};

/** The value of "$schema" a data file at `rel` should carry (relative to the data folder's schemas/). */
export function schemaRefFor(role: Role): string {
  const file = SCHEMA_FOR_ROLE[role];
  return role === 'component' || role === 'namespace' || role === 'materials' ? `../schemas/${file}` : `./schemas/${file}`;
}

/** What this module uses of an ajv instance (the class itself is loaded only when compiling). */
type Ajv = { addSchema(schema: object): unknown; getSchema(id: string): ValidateFunction | undefined };
let compiled: Map<Role, ValidateFunction> | undefined;

export function loadSchemas(): Record<string, unknown>[] {
  return SCHEMA_FILES.map((f) => JSON.parse(readFileSync(path.join(SCHEMA_DIR, f), 'utf8')) as Record<string, unknown>);
}

const AJV_OPTIONS = { strict: true, allErrors: true, verbose: true } as const;
/** Where compiled validators are kept: inside the project, so `require("ajv/dist/runtime/…")` finds its node_modules. */
export const VALIDATOR_CACHE_DIR = path.resolve(SCHEMA_DIR, '../../.cache/ajv');

/** The compiled validator per role; compiled on first use (or read from the cache) and kept for the process. */
export function validators(): Map<Role, ValidateFunction> {
  if (compiled) return compiled;
  // CERTDOCS_CACHE=0: nothing kept between processes (as for the site's parsed markdown).
  const texts = schemaTexts();
  if (cacheSetting(process.env.CERTDOCS_CACHE) === 'off') return (compiled = compileValidators(undefined, texts));
  const file = validatorCacheFile(texts);
  compiled = loadCompiledValidators(file) ?? compileValidators(file, texts);
  return compiled;
}

const schemaTexts = () => SCHEMA_FILES.map((f) => readFileSync(path.join(SCHEMA_DIR, f), 'utf8'));

/** The cache file for these schema texts (default: the current schemas). */
export function validatorCacheFile(texts: string[] = schemaTexts()): string {
  return path.join(VALIDATOR_CACHE_DIR, `${validatorKey(texts)}.cjs`);
}

/** What decides the compiled code: the schemas, ajv's version and its options. */
function validatorKey(texts: string[]): string {
  const hash = createHash('sha256').update(`certdocs-ajv 1 ${ajvVersion()} ${JSON.stringify(AJV_OPTIONS)}\n`);
  for (const t of texts) hash.update(`${t.length}\n${t}`);
  return hash.digest('hex');
}

function ajvVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('ajv/package.json') as { version: string }).version;
}

/** The validators of a kept standalone module, or undefined when it is missing or not one. */
export function loadCompiledValidators(file: string): Map<Role, ValidateFunction> | undefined {
  try {
    const mod = createRequire(file)(file) as Record<string, ValidateFunction>;
    const out = new Map<Role, ValidateFunction>();
    for (const role of Object.keys(SCHEMA_FOR_ROLE) as Role[]) {
      if (typeof mod[role] !== 'function') return undefined;
      out.set(role, mod[role]);
    }
    return out;
  } catch {
    return undefined;
  }
}

/** Compile the schemas (and keep the standalone module in `file`, when given). */
export function compileValidators(file?: string, texts: string[] = schemaTexts()): Map<Role, ValidateFunction> {
  // ajv's compiler is loaded only here (CommonJS, synchronously): with the kept module, a process never loads it.
  const require = createRequire(import.meta.url);
  const AjvClass = (require('ajv/dist/2020.js') as { default: new (o: object) => Ajv }).default;
  const ajv: Ajv = new (AjvClass as new (o: object) => Ajv)({ ...AJV_OPTIONS, code: { source: true } });
  for (const text of texts) ajv.addSchema(JSON.parse(text) as Record<string, unknown>);
  const out = new Map<Role, ValidateFunction>();
  for (const [role, schemaFile] of Object.entries(SCHEMA_FOR_ROLE) as Array<[Role, string]>) out.set(role, ajv.getSchema(schemaFile)!);
  if (!file) return out;
  const standaloneCode = (require('ajv/dist/standalone/index.js') as { default: (a: Ajv, refs: Record<string, string>) => string }).default;
  writeCacheFile(file, standaloneCode(ajv, { ...SCHEMA_FOR_ROLE }), 4);
  return out;
}

/** "/flags/3 (--client-ca-file)": the pointer, with the item's name when it has one. */
function where(data: unknown, pointer: string): string {
  if (pointer === '') return 'top level';
  const m = /^\/(flags|resources|actors|sections|materials)\/(\d+)/.exec(pointer);
  if (m) {
    const item = valueAt(data, `/${m[1]}/${m[2]}`) as Record<string, unknown> | undefined;
    const name = item && typeof item === 'object' ? (item.name ?? item.title ?? item.id) : undefined;
    if (typeof name === 'string' && name.trim()) return `${pointer} (${clip(name, 40)})`;
  }
  return pointer;
}

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(clip(v)) : clip(JSON.stringify(v) ?? String(v)));

function describe(err: ErrorObject, data: unknown): { pointer: string; message: string; atKey: boolean } {
  const at = where(data, err.instancePath);
  const p = err.params as Record<string, unknown>;
  const here = (message: string, atKey = false) => ({ pointer: err.instancePath, atKey, message });
  switch (err.keyword) {
    case 'required':
      return here(`${at}: missing required property "${String(p.missingProperty)}"; add it`);
    case 'additionalProperties': {
      const extra = String(p.additionalProperty);
      const allowed = Object.keys(((err.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object);
      const near = closest(extra, allowed, 1);
      return {
        pointer: `${err.instancePath}/${escapePointer(extra)}`,
        atKey: true,
        message: `${at}: unknown property ${JSON.stringify(clip(extra))}; ${near.length ? `did you mean "${near[0]}"? ` : ''}remove it or use one of: ${allowed.join(', ')}`,
      };
    }
    case 'enum': {
      const value = valueAt(data, err.instancePath);
      const allowed = (p.allowedValues as unknown[]).map(String);
      const near = typeof value === 'string' ? closest(value, allowed, 1) : [];
      return here(`${at}: ${show(value)} is not one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}${near.length ? `; did you mean "${near[0]}"?` : ''}`);
    }
    case 'type': {
      if (err.instancePath === '') return here(`the file must hold one JSON object ({ … }), not ${describeType(data)}`);
      const type = String(p.type);
      return here(`${at}: must be ${type === 'array' || type === 'object' || type === 'integer' ? 'an' : 'a'} ${type}, not ${describeType(valueAt(data, err.instancePath))}`);
    }
    case 'minLength':
      return p.limit === 1
        ? here(`${at}: must not be empty; write the text or remove the property`)
        : here(`${at}: must be at least ${String(p.limit)} characters long`);
    case 'maxLength': {
      const v = valueAt(data, err.instancePath);
      const len = typeof v === 'string' ? [...v].length : '?';
      return here(`${at}: is ${len} characters long; the limit is ${String(p.limit)}, shorten it`);
    }
    case 'minItems':
      return here(`${at}: needs at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`);
    case 'minProperties':
      return here(`${at}: is empty; add ${Object.keys(((err.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object).join(' or ') || 'a property'}, or remove it`);
    case 'uniqueItems':
      return here(`${at}: items ${String(p.j)} and ${String(p.i)} are the same; keep one`);
    case 'minimum':
    case 'maximum':
      return here(`${at}: ${show(valueAt(data, err.instancePath))} ${err.keyword === 'minimum' ? 'is below the minimum' : 'is above the maximum'} ${String(p.limit)}`);
    case 'pattern':
      if (err.instancePath === '/output') return here(`${at}: ${show(valueAt(data, err.instancePath))} is not a .md file under enhancements/; the enhancement must not overwrite other files of the project (e.g. "enhancements/kube-apiserver/certificates.md")`);
      return here(`${at}: ${show(valueAt(data, err.instancePath))} does not match ${String(p.pattern)}`);
    default:
      return here(`${at}: ${err.message ?? 'is invalid'}`);
  }
}

function describeType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return 'a number';
  return `a ${typeof v}`;
}

function valueAt(data: unknown, pointer: string): unknown {
  let cur: unknown = data;
  for (const seg of pointer.split('/').slice(1)) {
    const key = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur && typeof cur === 'object' && Object.prototype.hasOwnProperty.call(cur, key)) cur = (cur as Record<string, unknown>)[key];
    else return undefined;
  }
  return cur;
}

/** Strings of only white space pass minLength but say nothing; front matter is free-form. */
function blankStrings(data: unknown, pointer = ''): string[] {
  if (pointer === '/frontMatter') return [];
  if (typeof data === 'string') return data.length > 0 && data.trim() === '' ? [pointer] : [];
  if (Array.isArray(data)) return data.flatMap((v, i) => blankStrings(v, `${pointer}/${i}`));
  if (data && typeof data === 'object') return Object.entries(data).flatMap(([k, v]) => blankStrings(v, `${pointer}/${escapePointer(k)}`));
  return [];
}

/** Validate each file against the schema for its role. */
export function schemaProblems(files: LoadedFile[]): Problem[] {
  const problems: Problem[] = [];
  const v = validators();
  for (const f of files) {
    const validate = v.get(f.role)!;
    const add = (pointer: string, message: string, atKey = false) => {
      const pos = positionOf(f.json, pointer, atKey);
      problems.push({ code: 'schema', file: f.json.file, line: pos.line, column: pos.column, pointer, message });
    };
    const data = f.json.data;
    if (data && typeof data === 'object' && !Array.isArray(data)) {
      const declared = (data as Record<string, unknown>).$schema;
      const want = schemaRefFor(f.role);
      if (typeof declared === 'string' && declared !== want) {
        add('/$schema', `"$schema" is ${show(declared)} but a ${f.role} file in this folder must say "${want}" so editors check it against its schema; fix it`);
      }
    }
    for (const pointer of blankStrings(data)) add(pointer, `${where(data, pointer)}: is only white space; write the text or remove the property`);
    if (validate(data)) continue;
    const seen = new Set<string>();
    for (const err of validate.errors ?? []) {
      // "if/then" and "anyOf" wrappers repeat their children; the children say it better.
      if (err.keyword === 'if' || err.keyword === 'anyOf' || err.keyword === 'oneOf') continue;
      const d = describe(err, f.json.data);
      const key = `${d.pointer}\u0000${d.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      add(d.pointer, d.message, d.atKey);
    }
  }
  return problems;
}
