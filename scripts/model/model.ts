/**
 * model: the loaded data resolved into one graph with lookups and reverse
 * links, computed once. Everything downstream (validation rules, generation,
 * the site, review tooling) reads this instead of the raw files.
 */
import type { JsonFile } from '../load/json-file.ts';
import type { LoadedFile, Role } from '../load/index.ts';
import { cmp } from '../lib/problems.ts';
import type {
  Actor,
  ActorsFile,
  ComponentFile,
  DataSet,
  DocumentFile,
  Edge,
  Flag,
  Material,
  MaterialsFile,
  NamespaceFile,
  Resource,
} from './types.ts';
import { formatResourceRef, parseFlagRef, parseResourceRef } from './refs.ts';

export interface Located {
  file: JsonFile;
  /** JSON pointer of the item inside its file. */
  pointer: string;
}

export interface FlagNode extends Located {
  /** "<component> <--flag>". */
  ref: string;
  component: string;
  data: Flag;
}

export interface ComponentNode extends Located {
  name: string;
  data: ComponentFile;
  flags: FlagNode[];
}

export interface ResourceNode extends Located {
  /** "<namespace> <cm|secret>/<name>". */
  ref: string;
  namespace: string;
  data: Resource;
}

export interface NamespaceNode extends Located {
  name: string;
  data: NamespaceFile;
  resources: ResourceNode[];
}

/** One material (signer, CA bundle, cert/key pair, key pair) of one distribution. */
export interface MaterialNode extends Located {
  /** "<distribution>/<id>", unique across distributions. */
  key: string;
  id: string;
  distribution: string;
  data: Material;
}

/** One distribution's material file. */
export interface DistributionNode extends Located {
  name: string;
  data: MaterialsFile;
  materials: MaterialNode[];
  /** First definition of each material, by id. */
  byId: Map<string, MaterialNode>;
}

export interface ActorNode extends Located {
  name: string;
  data: Actor;
}

/** One side of an edge as written, with where it is written. */
export interface EdgeSide extends Located {
  edge: Edge;
  /** The flag the side is written on. */
  owner: string;
}

/** A must-verify edge, merged from the two flags that write it. */
export interface TrustEdge {
  /** The verifying flag (CA bundle, token-verifying keys). */
  verifier: string;
  /** The verified flag (cert, signing cert, token-signing key). */
  verified: string;
  /** Written in the verifier's `verifies`. */
  verifierSide?: EdgeSide;
  /** Written in the verified flag's `verifiedBy`. */
  verifiedSide?: EdgeSide;
}

export interface Model {
  components: ComponentNode[];
  namespaces: NamespaceNode[];
  actors: ActorNode[];
  /** Material files, one per distribution, sorted by name. */
  distributions: DistributionNode[];
  /** Flag reference → materials that feed it, in every distribution. */
  materialsFeeding: Map<string, MaterialNode[]>;
  document?: { data: DocumentFile; file: JsonFile };
  /** First definition of each flag, by reference. */
  flags: Map<string, FlagNode>;
  /** First definition of each resource, by full reference. */
  resources: Map<string, ResourceNode>;
  actorsByName: Map<string, ActorNode>;
  componentsByName: Map<string, ComponentNode>;
  namespacesByName: Map<string, NamespaceNode>;
  /** Edges sorted by verifier, then verified. */
  edges: TrustEdge[];
  /** Flag reference → resources that feed it. */
  feedersOf: Map<string, ResourceNode[]>;
  /** Flag reference → resources that are a published copy of what it uses (they do not feed it). */
  publishersOf: Map<string, ResourceNode[]>;
  /** Resource reference → resources that are an input to it. */
  inputsOf: Map<string, ResourceNode[]>;
  /** Flag reference → flags that list it under interactsWith. */
  interactedBy: Map<string, FlagNode[]>;
}

/**
 * Resolve a flag reference as written. A malformed reference with an obvious
 * fix (a missing space) resolves to the fix, so one typo is reported once.
 */
export function resolveFlagRef(text: string): string | undefined {
  const parsed = parseFlagRef(text);
  if (parsed.ok) return text;
  return parsed.suggestion;
}

/** The flags whose content a resource holds: those it feeds, then those it is a published copy for. */
export function contentFlags(data: { feeds?: string[]; publishes?: string[] }): string[] {
  return data.publishes?.length ? [...(data.feeds ?? []), ...data.publishes] : (data.feeds ?? []);
}

/** Resolve a resource reference written inside namespace `ns` to its full form. */
export function resolveResourceRef(text: string, ns: string): string | undefined {
  const parsed = parseResourceRef(text, ns);
  if (parsed.ok) return formatResourceRef(parsed.value);
  if (parsed.suggestion) {
    const again = parseResourceRef(parsed.suggestion, ns);
    if (again.ok) return formatResourceRef(again.value);
  }
  return undefined;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildModel(files: LoadedFile[]): Model {
  const model: Model = {
    components: [],
    namespaces: [],
    actors: [],
    distributions: [],
    materialsFeeding: new Map(),
    flags: new Map(),
    resources: new Map(),
    actorsByName: new Map(),
    componentsByName: new Map(),
    namespacesByName: new Map(),
    edges: [],
    feedersOf: new Map(),
    publishersOf: new Map(),
    inputsOf: new Map(),
    interactedBy: new Map(),
  };
  for (const f of files) {
    const file = f.json;
    if (f.role === 'component') {
      const data = file.data as ComponentFile;
      const node: ComponentNode = { name: data.name, data, file, pointer: '', flags: [] };
      data.flags.forEach((flag, i) => {
        const fn: FlagNode = { ref: `${data.name} ${flag.name}`, component: data.name, data: flag, file, pointer: `/flags/${i}` };
        node.flags.push(fn);
        if (!model.flags.has(fn.ref)) model.flags.set(fn.ref, fn);
      });
      model.components.push(node);
      if (!model.componentsByName.has(node.name)) model.componentsByName.set(node.name, node);
    } else if (f.role === 'namespace') {
      const data = file.data as NamespaceFile;
      const node: NamespaceNode = { name: data.namespace, data, file, pointer: '', resources: [] };
      data.resources.forEach((res, i) => {
        const rn: ResourceNode = {
          ref: `${data.namespace} ${res.name}`,
          namespace: data.namespace,
          data: res,
          file,
          pointer: `/resources/${i}`,
        };
        node.resources.push(rn);
        if (!model.resources.has(rn.ref)) model.resources.set(rn.ref, rn);
      });
      model.namespaces.push(node);
      if (!model.namespacesByName.has(node.name)) model.namespacesByName.set(node.name, node);
    } else if (f.role === 'materials') {
      const data = file.data as MaterialsFile;
      const node: DistributionNode = { name: data.distribution, data, file, pointer: '', materials: [], byId: new Map() };
      data.materials.forEach((m, i) => {
        const mn: MaterialNode = { key: `${data.distribution}/${m.id}`, id: m.id, distribution: data.distribution, data: m, file, pointer: `/materials/${i}` };
        node.materials.push(mn);
        if (!node.byId.has(mn.id)) node.byId.set(mn.id, mn);
      });
      model.distributions.push(node);
    } else if (f.role === 'actors') {
      (file.data as ActorsFile).actors.forEach((actor, i) => {
        const an: ActorNode = { name: actor.name, data: actor, file, pointer: `/actors/${i}` };
        model.actors.push(an);
        if (!model.actorsByName.has(an.name)) model.actorsByName.set(an.name, an);
      });
    } else if (f.role === 'document') {
      model.document = { data: file.data as DocumentFile, file };
    }
  }
  model.components.sort((a, b) => cmp(a.name, b.name) || cmp(a.file.file, b.file.file));
  model.namespaces.sort((a, b) => cmp(a.name, b.name) || cmp(a.file.file, b.file.file));
  model.distributions.sort((a, b) => cmp(a.name, b.name) || cmp(a.file.file, b.file.file));
  for (const dist of model.distributions)
    for (const mn of dist.materials)
      for (const feed of mn.data.feeds ?? []) {
        const target = resolveFlagRef(feed.flag);
        if (target && !(model.materialsFeeding.get(target) ?? []).includes(mn)) pushTo(model.materialsFeeding, target, mn);
      }

  // Edges, merged from both sides.
  const edges = new Map<string, TrustEdge>();
  const edgeFor = (verifier: string, verified: string): TrustEdge => {
    const key = `${verifier}\u0000${verified}`;
    let e = edges.get(key);
    if (!e) edges.set(key, (e = { verifier, verified }));
    return e;
  };
  for (const comp of model.components) {
    for (const fn of comp.flags) {
      (fn.data.verifies ?? []).forEach((edge, i) => {
        const target = resolveFlagRef(edge.ref);
        if (!target) return;
        const e = edgeFor(fn.ref, target);
        e.verifierSide ??= { edge, owner: fn.ref, file: fn.file, pointer: `${fn.pointer}/verifies/${i}` };
      });
      (fn.data.verifiedBy ?? []).forEach((edge, i) => {
        const source = resolveFlagRef(edge.ref);
        if (!source) return;
        const e = edgeFor(source, fn.ref);
        e.verifiedSide ??= { edge, owner: fn.ref, file: fn.file, pointer: `${fn.pointer}/verifiedBy/${i}` };
      });
      for (const other of fn.data.interactsWith ?? []) {
        const target = resolveFlagRef(other);
        if (target) pushTo(model.interactedBy, target, fn);
      }
    }
  }
  model.edges = [...edges.values()].sort((a, b) => cmp(a.verifier, b.verifier) || cmp(a.verified, b.verified));

  for (const ns of model.namespaces) {
    for (const rn of ns.resources) {
      for (const flag of rn.data.feeds ?? []) {
        const target = resolveFlagRef(flag);
        if (target) pushTo(model.feedersOf, target, rn);
      }
      for (const flag of rn.data.publishes ?? []) {
        const target = resolveFlagRef(flag);
        if (target) pushTo(model.publishersOf, target, rn);
      }
      for (const other of rn.data.inputTo ?? []) {
        const target = resolveResourceRef(other, ns.name);
        if (target) pushTo(model.inputsOf, target, rn);
      }
    }
  }
  return model;
}

/** Wrap in-memory data as loaded files (positions unknown: everything is at 1:1). */
export function filesFromDataSet(ds: DataSet, prefix = 'data'): LoadedFile[] {
  const wrap = (role: Role, rel: string, data: unknown): LoadedFile => ({
    role,
    rel,
    json: { file: `${prefix}/${rel}`, data, values: new Map(), keys: new Map() },
  });
  return [
    ...ds.components.map((c) => wrap('component', `components/${c.name}.json`, c)),
    ...ds.namespaces.map((n) => wrap('namespace', `namespaces/${n.namespace}.json`, n)),
    ...(ds.materials ?? []).map((d) => wrap('materials', `materials/${d.distribution}.json`, d)),
    wrap('actors', 'actors.json', ds.actors),
    ...(ds.document ? [wrap('document', 'document.json', ds.document)] : []),
  ];
}

/** Collect the loaded files back into a DataSet (sorted by name). */
export function dataSetOf(model: Model): DataSet {
  return {
    components: model.components.map((c) => c.data),
    namespaces: model.namespaces.map((n) => n.data),
    actors: { actors: model.actors.map((a) => a.data) },
    ...(model.distributions.length ? { materials: model.distributions.map((d) => d.data) } : {}),
    ...(model.document ? { document: model.document.data } : {}),
  };
}

/** Items in the order a document section asks for: listed names first, the rest alphabetically. */
export function ordered<T extends { name: string }>(items: T[], order: string[] | undefined): T[] {
  if (!order?.length) return items;
  const rank = new Map(order.map((n, i) => [n, i]));
  return [...items].sort((a, b) => {
    const ra = rank.get(a.name) ?? Number.MAX_SAFE_INTEGER;
    const rb = rank.get(b.name) ?? Number.MAX_SAFE_INTEGER;
    return ra - rb || cmp(a.name, b.name);
  });
}
