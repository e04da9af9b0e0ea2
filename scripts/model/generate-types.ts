/**
 * The TypeScript types of the data, generated from the JSON Schemas in
 * data/schemas/ (`npm run types` writes scripts/model/schema-types.ts; a test
 * fails when the committed file is stale). The schemas are the one source of
 * the data's shape: a property added to a schema appears in the types by
 * regenerating, never by hand.
 *
 * Rules: an object with a "title" (or a $defs entry that is an object)
 * becomes an exported interface named by its title (else its $defs name in
 * PascalCase); other objects are inline; an enum with a title becomes an
 * exported union and a `<TITLE>_VALUES` array; `$schema` is always optional
 * (code builds data in memory without it); descriptions become doc comments.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMA_DIR } from '../lib/schema-shape.ts';
import { writeChanged } from '../lib/atomic.ts';

type Json = Record<string, unknown>;

export const SCHEMA_TYPES_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'schema-types.ts');

/** Top-level files' type names. */
const FILE_TYPES: Record<string, string> = {
  'component.schema.json': 'ComponentFile',
  'namespace.schema.json': 'NamespaceFile',
  'actors.schema.json': 'ActorsFile',
  'document.schema.json': 'DocumentFile',
  'materials.schema.json': 'MaterialsFile',
};

const pascal = (s: string) => s.replace(/(^|[-_])([a-z])/g, (_, __, c: string) => c.toUpperCase());
const constName = (title: string) => `${title.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}_VALUES`;

class Generator {
  private readonly schemas = new Map<string, Json>();
  private readonly decls = new Map<string, string>();
  private readonly order: string[] = [];

  constructor(dir: string) {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.schema.json')).sort()) this.schemas.set(f, JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Json);
  }

  private lookup(file: string, ref: string): { file: string; node: Json; name: string } {
    const [target, pointer = ''] = ref.split('#');
    const f = target || file;
    let at: unknown = this.schemas.get(f);
    for (const part of pointer.split('/').filter(Boolean)) at = (at as Json)[part];
    return { file: f, node: at as Json, name: pointer.split('/').pop() ?? '' };
  }

  private comment(node: Json, indent: string): string {
    const d = node.description;
    return typeof d === 'string' ? `${indent}/** ${d.replace(/\*\//g, '* /').replace(/\s+/g, ' ')} */\n` : '';
  }

  private declare(name: string, body: string): string {
    if (!this.decls.has(name)) {
      this.decls.set(name, body);
      this.order.push(name);
    }
    return name;
  }

  /** The TypeScript type of a schema node. */
  type(file: string, node: Json, defName?: string): string {
    if (typeof node.$ref === 'string') {
      const { file: f, node: target, name } = this.lookup(file, node.$ref);
      return this.type(f, target, name);
    }
    if (Array.isArray(node.enum)) {
      const union = (node.enum as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
      if (typeof node.title === 'string') {
        this.declare(node.title, `export const ${constName(node.title)} = [${(node.enum as unknown[]).map((v) => JSON.stringify(v)).join(', ')}] as const;\nexport type ${node.title} = (typeof ${constName(node.title)})[number];\n`);
        return node.title;
      }
      return union;
    }
    if ('const' in node) return JSON.stringify(node.const);
    switch (node.type) {
      case 'string':
        return 'string';
      case 'integer':
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'array':
        return `Array<${this.type(file, (node.items ?? {}) as Json)}>`;
      case 'object': {
        if (!node.properties) {
          const extra = node.additionalProperties;
          return `Record<string, ${extra && typeof extra === 'object' ? this.type(file, extra as Json) : 'unknown'}>`;
        }
        const title = typeof node.title === 'string' && !node.title.includes(' ') ? node.title : defName ? pascal(defName) : undefined;
        const body = this.objectBody(file, node, title ? '  ' : '    ');
        if (!title) return `{\n${body}  }`;
        this.declare(title, `${this.comment(node, '')}export interface ${title} {\n${body}}\n`);
        return title;
      }
      default:
        return 'unknown';
    }
  }

  private objectBody(file: string, node: Json, indent: string): string {
    const required = new Set((node.required ?? []) as string[]);
    const props = node.properties as Record<string, Json>;
    return Object.entries(props)
      .map(([key, prop]) => {
        const optional = key === '$schema' || !required.has(key) ? '?' : '';
        const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : JSON.stringify(key);
        return `${this.comment(prop, indent)}${indent}${name}${optional}: ${this.type(file, prop)};\n`;
      })
      .join('');
  }

  generate(): string {
    for (const [file, name] of Object.entries(FILE_TYPES)) {
      const schema = this.schemas.get(file);
      if (!schema) continue;
      this.declare(name, `${this.comment(schema, '')}export interface ${name} {\n${this.objectBody(file, schema, '  ')}}\n`);
    }
    const header =
      '// Generated by scripts/model/generate-types.ts from data/schemas/*.schema.json.\n' +
      '// Do not edit: change the schema and run `npm run types`.\n' +
      '/* eslint-disable */\n';
    return `${header}\n${[...this.order].sort().map((n) => this.decls.get(n)!).join('\n')}`;
  }
}

/** The generated types for the schemas in `dir`. */
export function schemaTypesSource(dir = SCHEMA_DIR): string {
  return new Generator(dir).generate();
}

// `npm run types`: write the file.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeChanged(new Map([[SCHEMA_TYPES_PATH, schemaTypesSource()]]));
  process.stdout.write(`types: wrote ${path.relative(process.cwd(), SCHEMA_TYPES_PATH)}\n`);
}
