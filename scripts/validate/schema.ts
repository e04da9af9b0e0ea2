/**
 * Schema validation with ajv (JSON Schema draft 2020-12, strict mode).
 * The schemas are compiled once per process and reused.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import Ajv2020Module, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Problem } from '../lib/problems.ts';
import { positionOf } from '../load/json-file.ts';
import type { LoadedFile, Role } from '../load/index.ts';

export const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/schemas');
export const SCHEMA_FILES = [
  'common.schema.json',
  'component.schema.json',
  'namespace.schema.json',
  'actors.schema.json',
  'document.schema.json',
] as const;

const SCHEMA_FOR_ROLE: Record<Role, string> = {
  component: 'component.schema.json',
  namespace: 'namespace.schema.json',
  actors: 'actors.schema.json',
  document: 'document.schema.json',
};

/** The value of "$schema" a data file at `rel` should carry (relative to the data folder's schemas/). */
export function schemaRefFor(role: Role): string {
  const file = SCHEMA_FOR_ROLE[role];
  return role === 'component' || role === 'namespace' ? `../schemas/${file}` : `./schemas/${file}`;
}

type Ajv = InstanceType<typeof Ajv2020Module.default>;
let compiled: Map<Role, ValidateFunction> | undefined;

export function loadSchemas(): Record<string, unknown>[] {
  return SCHEMA_FILES.map((f) => JSON.parse(readFileSync(path.join(SCHEMA_DIR, f), 'utf8')) as Record<string, unknown>);
}

function validators(): Map<Role, ValidateFunction> {
  if (compiled) return compiled;
  const AjvClass = (Ajv2020Module as unknown as { default: new (o: object) => Ajv }).default ?? Ajv2020Module;
  const ajv: Ajv = new (AjvClass as new (o: object) => Ajv)({ strict: true, allErrors: true });
  for (const schema of loadSchemas()) ajv.addSchema(schema);
  compiled = new Map();
  for (const [role, file] of Object.entries(SCHEMA_FOR_ROLE) as Array<[Role, string]>) {
    compiled.set(role, ajv.getSchema(file)!);
  }
  return compiled;
}

function describe(err: ErrorObject, data: unknown): { pointer: string; message: string; atKey: boolean } {
  const at = err.instancePath || '(top level)';
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'required':
      return { pointer: err.instancePath, atKey: false, message: `${at}: missing required property "${String(p.missingProperty)}"; add it` };
    case 'additionalProperties': {
      const extra = String(p.additionalProperty);
      return {
        pointer: `${err.instancePath}/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        atKey: true,
        message: `${at}: unknown property "${extra}"; remove it or check its spelling against the schema`,
      };
    }
    case 'enum':
      return {
        pointer: err.instancePath,
        atKey: false,
        message: `${at}: ${JSON.stringify(valueAt(data, err.instancePath))} is not one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'type':
      return { pointer: err.instancePath, atKey: false, message: `${at}: must be of type ${String(p.type)}` };
    case 'minLength':
      return p.limit === 1
        ? { pointer: err.instancePath, atKey: false, message: `${at}: must not be empty; write the text or remove the property` }
        : { pointer: err.instancePath, atKey: false, message: `${at}: must be at least ${String(p.limit)} characters long` };
    case 'maxLength': {
      const v = valueAt(data, err.instancePath);
      const len = typeof v === 'string' ? v.length : '?';
      return { pointer: err.instancePath, atKey: false, message: `${at}: is ${len} characters long; the limit is ${String(p.limit)}, shorten it` };
    }
    default:
      return { pointer: err.instancePath, atKey: false, message: `${at}: ${err.message ?? 'is invalid'}` };
  }
}

function valueAt(data: unknown, pointer: string): unknown {
  let cur: unknown = data;
  for (const seg of pointer.split('/').slice(1)) {
    const key = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur && typeof cur === 'object') cur = (cur as Record<string, unknown>)[key];
    else return undefined;
  }
  return cur;
}

/** Validate each file against the schema for its role. */
export function schemaProblems(files: LoadedFile[]): Problem[] {
  const problems: Problem[] = [];
  const v = validators();
  for (const f of files) {
    const validate = v.get(f.role)!;
    if (validate(f.json.data)) continue;
    const seen = new Set<string>();
    for (const err of validate.errors ?? []) {
      // "if/then" and "anyOf" wrappers repeat their children; the children say it better.
      if (err.keyword === 'if' || err.keyword === 'anyOf' || err.keyword === 'oneOf') continue;
      const d = describe(err, f.json.data);
      const pos = positionOf(f.json, d.pointer, d.atKey);
      const key = `${d.pointer}\u0000${d.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push({ code: 'schema', file: f.json.file, line: pos.line, column: pos.column, pointer: d.pointer, message: d.message });
    }
  }
  return problems;
}
