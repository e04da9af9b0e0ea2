/**
 * The JSON Schemas as a reference for contributors: every object's
 * properties with type, whether required, description and allowed values.
 */
import { loadSchemas } from '../validate/schema.ts';
import { escape as escapeHtml } from './html.ts';
import { renderInline } from './markdown.ts';

type JsonSchema = Record<string, unknown>;

export interface PropertyRow {
  name: string;
  required: boolean;
  /** HTML: type, with links to definitions. */
  typeHtml: string;
  descriptionHtml: string;
  /** Allowed values, when the property is an enum. */
  values: string[];
  /** Other constraints in words (length, pattern, …). */
  constraints: string[];
}

export interface ObjectView {
  anchor: string;
  name: string;
  descriptionHtml: string;
  typeHtml: string;
  properties: PropertyRow[];
  values: string[];
  constraints: string[];
  closed: boolean;
}

export interface SchemaView {
  anchor: string;
  file: string;
  title: string;
  descriptionHtml: string;
  /** The top-level object, when the schema describes a file. */
  root?: ObjectView;
  definitions: ObjectView[];
}

const schemaKey = (id: string) => id.replace(/\.schema\.json$/, '');

function refTarget(ref: string, currentId: string): { file: string; def: string } | undefined {
  const m = /^([^#]*)#\/\$defs\/(.+)$/.exec(ref);
  if (!m) return undefined;
  return { file: m[1] || currentId, def: m[2]! };
}

function anchorOf(file: string, def?: string): string {
  return def ? `${schemaKey(file)}-${def}` : schemaKey(file);
}

class Describer {
  constructor(private readonly byId: Map<string, JsonSchema>) {}

  resolve(ref: string, currentId: string): { schema: JsonSchema; anchor: string; name: string } | undefined {
    const t = refTarget(ref, currentId);
    if (!t) return undefined;
    const defs = (this.byId.get(t.file)?.$defs ?? {}) as Record<string, JsonSchema>;
    const schema = defs[t.def];
    return schema ? { schema, anchor: anchorOf(t.file, t.def), name: t.def } : undefined;
  }

  typeHtml(s: JsonSchema, currentId: string): string {
    if (typeof s.$ref === 'string') {
      const target = this.resolve(s.$ref, currentId);
      return target ? `<a href="#${target.anchor}">${escapeHtml(target.name)}</a>` : escapeHtml(s.$ref);
    }
    if (Array.isArray(s.enum)) return 'one of the values listed';
    if (s.type === 'array') {
      const items = (s.items ?? {}) as JsonSchema;
      return `array of ${this.typeHtml(items, currentId)}${s.uniqueItems ? ' (unique)' : ''}`;
    }
    if (Array.isArray(s.type)) return s.type.map((t) => escapeHtml(String(t))).join(' or ');
    if (typeof s.type === 'string') return escapeHtml(s.type);
    return 'any';
  }

  description(s: JsonSchema, currentId: string): string {
    if (typeof s.description === 'string') return s.description;
    if (typeof s.$ref === 'string') {
      const target = this.resolve(s.$ref, currentId);
      if (target && typeof target.schema.description === 'string') return target.schema.description;
    }
    if (s.type === 'array' && s.items) return this.description(s.items as JsonSchema, currentId);
    return '';
  }

  constraints(s: JsonSchema): string[] {
    const out: string[] = [];
    if (typeof s.minLength === 'number' || typeof s.maxLength === 'number')
      out.push(`length ${s.minLength ?? 0}–${s.maxLength ?? '∞'}`);
    if (typeof s.minimum === 'number' || typeof s.maximum === 'number') out.push(`from ${s.minimum ?? '−∞'} to ${s.maximum ?? '∞'}`);
    if (typeof s.minItems === 'number') out.push(`at least ${s.minItems} item${s.minItems === 1 ? '' : 's'}`);
    if (typeof s.minProperties === 'number') out.push(`at least ${s.minProperties} propert${s.minProperties === 1 ? 'y' : 'ies'}`);
    if (typeof s.pattern === 'string') out.push(`matches ${s.pattern}`);
    return out;
  }

  object(s: JsonSchema, currentId: string, anchor: string, name: string): ObjectView {
    const props = (s.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((s.required ?? []) as string[]);
    return {
      anchor,
      name,
      descriptionHtml: renderInline(typeof s.description === 'string' ? s.description : ''),
      typeHtml: this.typeHtml(s, currentId),
      values: Array.isArray(s.enum) ? s.enum.map(String) : [],
      constraints: this.constraints(s),
      closed: s.additionalProperties === false,
      properties: Object.entries(props).map(([key, p]) => ({
        name: key,
        required: required.has(key),
        typeHtml: this.typeHtml(p, currentId),
        descriptionHtml: renderInline(this.description(p, currentId)),
        values: Array.isArray(p.enum) ? p.enum.map(String) : [],
        constraints: this.constraints(p),
      })),
    };
  }
}

export function schemaViews(schemas: JsonSchema[] = loadSchemas()): SchemaView[] {
  const byId = new Map(schemas.map((s) => [String(s.$id), s]));
  const describer = new Describer(byId);
  // The files first, the shared definitions they refer to last.
  const ordered = [...schemas].sort((a, b) => Number(a.$id === 'common.schema.json') - Number(b.$id === 'common.schema.json'));
  return ordered.map((s) => {
    const id = String(s.$id);
    const defs = (s.$defs ?? {}) as Record<string, JsonSchema>;
    return {
      anchor: anchorOf(id),
      file: `data/schemas/${id}`,
      title: typeof s.title === 'string' ? s.title : id,
      descriptionHtml: renderInline(typeof s.description === 'string' ? s.description : ''),
      ...(s.properties ? { root: describer.object(s, id, `${anchorOf(id)}-file`, id) } : {}),
      definitions: Object.entries(defs).map(([name, d]) => describer.object(d, id, anchorOf(id, name), name)),
    };
  });
}
