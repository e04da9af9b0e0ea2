/**
 * The canonical stored form of data files: keys in schema property order,
 * optional properties left out when absent or empty, `$schema` first.
 * The order comes from the JSON Schemas at run time (lib/schema-shape.ts), so
 * a property added to a schema needs no change here. The importer writes this
 * form; tests compare committed data against it.
 */
import type { Actor, ComponentFile, DataSet, Edge, Flag, MaterialsFile, Resource, Section } from '../model/types.ts';
import { stringifyData } from '../lib/json.ts';
import { canonicalize } from '../lib/schema-shape.ts';
import { schemaRefFor } from '../validate/schema.ts';

export const canonicalEdge = (e: Edge): Edge => canonicalize(e, 'common.schema.json', '#/$defs/edge');
export const canonicalFlag = (f: Flag): Flag => canonicalize(f, 'component.schema.json', '#/$defs/flag');
export const canonicalResource = (r: Resource): Resource => canonicalize(r, 'namespace.schema.json', '#/$defs/resource');
export const canonicalActor = (a: Actor): Actor => canonicalize(a, 'actors.schema.json', '#/properties/actors/items');
export const canonicalSection = (s: Section): Section => canonicalize(s, 'document.schema.json', '#/properties/sections/items');

/** Rebuild each file in canonical form. Arrays that are required (flags, resources, actors, sections) are always present. */
export function canonicalDataSet(ds: DataSet): DataSet {
  return {
    components: ds.components.map((c) => canonicalize({ ...c, $schema: schemaRefFor('component') }, 'component.schema.json') as ComponentFile),
    namespaces: ds.namespaces.map((n) => canonicalize({ ...n, $schema: schemaRefFor('namespace') }, 'namespace.schema.json')),
    actors: canonicalize({ ...ds.actors, $schema: schemaRefFor('actors') }, 'actors.schema.json'),
    ...(ds.document ? { document: canonicalize({ ...ds.document, $schema: schemaRefFor('document') }, 'document.schema.json') } : {}),
    ...(ds.materials?.length ? { materials: ds.materials.map((m) => canonicalize({ ...m, $schema: schemaRefFor('materials') }, 'materials.schema.json') as MaterialsFile) } : {}),
  };
}

/** The data files of a data set, by path relative to the data folder, in canonical form. */
export function dataSetFiles(ds: DataSet): Map<string, string> {
  const c = canonicalDataSet(ds);
  const files = new Map<string, string>();
  const add = (dir: string, name: string, content: string) => {
    const base = `${dir}/${fileName(name)}`;
    let rel = `${base}.json`;
    for (let i = 2; files.has(rel); i++) rel = `${base}-${i}.json`;
    files.set(rel, content);
  };
  for (const comp of c.components) add('components', comp.name, stringifyData(comp));
  for (const ns of c.namespaces) add('namespaces', ns.namespace, stringifyData(ns));
  for (const m of c.materials ?? []) add('materials', m.distribution, stringifyData(m));
  files.set('actors.json', stringifyData(c.actors));
  if (c.document) files.set('document.json', stringifyData(c.document));
  return files;
}

/** A file name for a component or namespace name (names of the wrong form are reported by validation, not here). */
export function fileName(name: string): string {
  return name.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'unnamed';
}
