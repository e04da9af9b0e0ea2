/**
 * The canonical stored form of data files: keys in schema property order,
 * optional properties left out when absent or empty, `$schema` first.
 * The importer writes this form; tests compare committed data against it.
 */
import type {
  Actor,
  ComponentFile,
  DataSet,
  DocumentFile,
  Edge,
  Flag,
  NamespaceFile,
  Resource,
  Rotation,
  Section,
  Source,
  Symptoms,
  VerifierEdge,
} from '../model/types.ts';
import { stringifyData } from '../lib/json.ts';
import { schemaRefFor } from '../validate/schema.ts';

type Obj = Record<string, unknown>;

/** Build an object from [key, value] pairs in order, skipping undefined, empty strings and empty arrays. */
function ordered(pairs: Array<[string, unknown]>): Obj {
  const out: Obj = {};
  for (const [k, v] of pairs) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out;
}

function rotation(r: Rotation | undefined): Obj | undefined {
  if (!r) return undefined;
  const o = ordered([
    ['validity', r.validity],
    ['refresh', r.refresh],
  ]);
  return Object.keys(o).length ? o : undefined;
}

export function canonicalEdge(e: Edge): Edge {
  return ordered([
    ['ref', e.ref],
    ['condition', e.condition],
    ['qualifier', e.qualifier],
    ['consequence', e.consequence],
  ]) as unknown as Edge;
}

function source(s: Source): Obj {
  return ordered([
    ['repository', s.repository],
    ['path', s.path],
    ['symbol', s.symbol],
    ['release', s.release],
  ]);
}

function symptoms(s: Symptoms | undefined): Obj | undefined {
  if (!s) return undefined;
  return ordered([
    ['checkedBy', s.checkedBy],
    [
      'errors',
      s.errors.map((e) =>
        ordered([
          ['text', e.text],
          ['seenIn', e.seenIn],
          ['loggedBy', e.loggedBy],
          ['source', source(e.source)],
        ]),
      ),
    ],
    ['breaks', s.breaks],
    ['sources', s.sources.map(source)],
  ]);
}

/** The verifier's side of an edge: the edge, then where its failure shows. */
export function canonicalVerifierEdge(e: VerifierEdge): VerifierEdge {
  return ordered([...Object.entries(canonicalEdge(e)), ['symptoms', symptoms(e.symptoms)]]) as unknown as VerifierEdge;
}

export function canonicalFlag(f: Flag): Flag {
  return ordered([
    ['name', f.name],
    ['kind', f.kind],
    ['purpose', f.purpose],
    ['pairsWith', f.pairsWith],
    ['verifies', f.verifies?.map(canonicalVerifierEdge)],
    ['verifiedBy', f.verifiedBy?.map(canonicalEdge)],
    ['interactsWith', f.interactsWith],
    ['creation', f.creation],
    ['rotation', rotation(f.rotation)],
    ['owner', f.owner],
  ]) as unknown as Flag;
}

export function canonicalResource(r: Resource): Resource {
  return ordered([
    ['name', r.name],
    ['purpose', r.purpose],
    ['feeds', r.feeds],
    ['inputTo', r.inputTo],
    ['producers', r.producers],
    ['consumers', r.consumers],
    ['creation', r.creation],
    ['rotation', rotation(r.rotation)],
    ['owner', r.owner],
  ]) as unknown as Resource;
}

export function canonicalActor(a: Actor): Actor {
  return ordered([
    ['name', a.name],
    ['description', a.description],
  ]) as unknown as Actor;
}

export function canonicalSection(s: Section): Section {
  return ordered([
    ['depth', s.depth],
    ['title', s.title],
    ['body', s.body],
    ['generated', s.generated],
    ['order', s.order],
  ]) as unknown as Section;
}

/** Rebuild each file in canonical form. Arrays that are required (flags, resources, actors, sections) are always present. */
export function canonicalDataSet(ds: DataSet): DataSet {
  return {
    components: ds.components.map((c) => ({
      ...(ordered([
        ['$schema', schemaRefFor('component')],
        ['name', c.name],
        ['description', c.description],
      ]) as Omit<ComponentFile, 'flags'>),
      flags: c.flags.map(canonicalFlag),
    })),
    namespaces: ds.namespaces.map((n) => ({
      ...(ordered([
        ['$schema', schemaRefFor('namespace')],
        ['namespace', n.namespace],
        ['contract', n.contract],
      ]) as Omit<NamespaceFile, 'resources'>),
      resources: n.resources.map(canonicalResource),
    })),
    actors: { $schema: schemaRefFor('actors'), actors: ds.actors.actors.map(canonicalActor) },
    ...(ds.document
      ? {
          document: {
            ...(ordered([
              ['$schema', schemaRefFor('document')],
              ['output', ds.document.output],
            ]) as Omit<DocumentFile, 'frontMatter' | 'sections'>),
            frontMatter: ds.document.frontMatter,
            sections: ds.document.sections.map(canonicalSection),
          },
        }
      : {}),
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
  files.set('actors.json', stringifyData(c.actors));
  if (c.document) files.set('document.json', stringifyData(c.document));
  return files;
}

/** A file name for a component or namespace name (names of the wrong form are reported by validation, not here). */
export function fileName(name: string): string {
  return name.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'unnamed';
}
