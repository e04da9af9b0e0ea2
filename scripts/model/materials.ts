/**
 * The four questions (what signs it, who creates it, how often it changes,
 * who owns it) answered for a material, a flag or a resource by following
 * the chain flag → material → signer / combined bundles. Everything here is
 * derived from the model; nothing is stored.
 */
import { parseDuration } from '../lib/duration.ts';
import { cmp } from '../lib/problems.ts';
import { resolveFlagRef, type DistributionNode, type MaterialNode, type Model, type ResourceNode } from './model.ts';
import type { MaterialLocation, MaterialType, Source } from './types.ts';

/** The material's distribution. */
export function distributionOf(model: Model, m: MaterialNode): DistributionNode {
  return model.distributions.find((d) => d.name === m.distribution && d.byId.get(m.id) === m) ?? model.distributions.find((d) => d.name === m.distribution)!;
}

/** Look a material up by "<distribution>/<id>" (or "<id>" when it is unique across distributions). */
export function findMaterial(model: Model, key: string): MaterialNode | undefined {
  const slash = key.indexOf('/');
  if (slash > 0) return model.distributions.find((d) => d.name === key.slice(0, slash))?.byId.get(key.slice(slash + 1));
  const hits = model.distributions.map((d) => d.byId.get(key)).filter((m): m is MaterialNode => !!m);
  return hits.length === 1 ? hits[0] : undefined;
}

export function allMaterials(model: Model): MaterialNode[] {
  return model.distributions.flatMap((d) => [...d.byId.values()]);
}

/** Whether material of this type is a certificate or a CA bundle (not a raw key pair or a token). */
export const isCertificateType = (type: MaterialType): boolean => type !== 'key-pair' && type !== 'token';

/** The type of material that may sign one of type `type`: a key pair signs a token, a signer everything else. */
export function signerTypeFor(type: MaterialType): MaterialType {
  return type === 'token' ? 'key-pair' : 'signer';
}

/** The signers above a material, nearest first (for a token: the key pair that signs it), stopping at a self-signed root, an unknown id or a loop. */
export function signerChain(model: Model, m: MaterialNode): MaterialNode[] {
  const dist = distributionOf(model, m);
  const chain: MaterialNode[] = [];
  let next = m.data.signedBy?.signer;
  let type = signerTypeFor(m.data.type);
  while (next !== undefined) {
    const node = dist.byId.get(next);
    if (!node || node.data.type !== type || chain.includes(node) || node === m) break;
    type = 'signer';
    chain.push(node);
    next = node.data.signedBy?.signer;
  }
  return chain;
}

/** Materials a CA bundle combines, directly. */
export function combined(model: Model, m: MaterialNode): MaterialNode[] {
  const dist = distributionOf(model, m);
  return (m.data.combines?.materials ?? []).map((id) => dist.byId.get(id)).filter((x): x is MaterialNode => !!x);
}

/** The signers a CA bundle ends up trusting, through every bundle it combines (sorted by id). */
export function bundleSigners(model: Model, m: MaterialNode): MaterialNode[] {
  const out = new Set<MaterialNode>();
  const seen = new Set<MaterialNode>();
  const walk = (node: MaterialNode) => {
    if (seen.has(node)) return;
    seen.add(node);
    if (node.data.type === 'signer') out.add(node);
    for (const c of combined(model, node)) walk(c);
  };
  for (const c of combined(model, m)) walk(c);
  return [...out].sort((a, b) => cmp(a.id, b.id));
}

/** Seconds between refreshes as written, or for a bundle the shortest refresh of the signers it trusts. */
export function refreshSeconds(model: Model, m: MaterialNode): number | undefined {
  if (m.data.type === 'ca-bundle') {
    const each = bundleSigners(model, m)
      .map((s) => refreshSeconds(model, s))
      .filter((x): x is number => x !== undefined);
    return each.length ? Math.min(...each) : undefined;
  }
  const d = m.data.refresh?.duration;
  return d === undefined ? undefined : parseDuration(d);
}

export const hasSigner = (model: Model, m: MaterialNode): boolean => {
  if (m.data.type === 'key-pair') return true; // not a certificate: nothing signs it
  if (m.data.type === 'ca-bundle') return bundleSigners(model, m).length > 0;
  return !!m.data.signedBy;
};
export const hasCreator = (m: MaterialNode): boolean => !!m.data.createdBy;
export const hasRotation = (model: Model, m: MaterialNode): boolean => {
  if (m.data.type === 'ca-bundle') return !!m.data.combines && bundleSigners(model, m).every((s) => hasRotation(model, s)) && bundleSigners(model, m).length > 0;
  return !!m.data.validity && !!m.data.refresh;
};
export const hasOwner = (m: MaterialNode): boolean => !!m.data.owner;

/** "<namespace> <Kind>/<name>" or the path. */
export function formatLocation(loc: MaterialLocation): string {
  if (loc.path) return loc.path;
  return `${loc.namespace} ${loc.kind === 'ConfigMap' ? 'cm' : 'secret'}/${loc.name}`;
}

/** Every location of material at a namespace resource, copies included, in material order. */
export function locationsAt(model: Model, r: ResourceNode): Array<{ material: MaterialNode; location: MaterialLocation; index: number }> {
  const out: Array<{ material: MaterialNode; location: MaterialLocation; index: number }> = [];
  for (const m of allMaterials(model))
    m.data.locations.forEach((location, index) => {
      if (!location.path && formatLocation(location) === r.ref) out.push({ material: m, location, index });
    });
  return out;
}

/** Materials that live at a namespace resource (any of their locations). */
export function materialsAt(model: Model, r: ResourceNode): MaterialNode[] {
  return [...new Set(locationsAt(model, r).map((hit) => hit.material))];
}

/** Materials that feed a flag. */
export const materialsOf = (model: Model, flagRef: string): MaterialNode[] => model.materialsFeeding.get(flagRef) ?? [];

/** A source as one line: "openshift/cluster-kube-apiserver-operator pkg/…/x.go:155-175 (symbol) @ release-4.21". */
export function formatSource(s: Source): string {
  return `${s.repository} ${s.path}${s.lines ? `:${s.lines}` : ''}${s.symbol ? ` (${s.symbol})` : ''} @ ${s.release}${s.commit ? ` ${s.commit.slice(0, 8)}` : ''}`;
}

/** A link to the source on GitHub, pinned to the commit when there is one. */
export function sourceUrl(s: Source): string {
  const ref = s.commit ?? s.release;
  const [from, to] = (s.lines ?? '').split('-');
  const anchor = from ? `#L${from}${to ? `-L${to}` : ''}` : '';
  return `https://github.com/${s.repository}/blob/${ref}/${s.path}${anchor}`;
}

export function sourceOf(model: Model, m: MaterialNode, id: string | undefined): Source | undefined {
  return id === undefined ? undefined : distributionOf(model, m).data.sources[id];
}

/** One write of material into a namespace resource, as its source says: the creator at the material's own location, the copier at a copy. */
export interface ResourceWrite {
  material: MaterialNode;
  location: MaterialLocation;
  /** Index of the location in the material's locations. */
  index: number;
  /** The actor that writes it there. */
  writer: string;
  /** The cited fact naming the writer: "createdBy.actor" or "locations[<i>].copy.by". */
  fact: string;
}

/** Who writes documented material into a resource ("<namespace> cm/<name>" or "secret/<name>"), per material location found there. */
export function resourceWrites(model: Model, r: ResourceNode): ResourceWrite[] {
  const out: ResourceWrite[] = [];
  for (const { material, location, index } of locationsAt(model, r)) {
    const writer = location.copy ? location.copy.by : material.data.createdBy?.actor;
    if (writer !== undefined) out.push({ material, location, index, writer, fact: location.copy ? `locations[${index}].copy.by` : 'createdBy.actor' });
  }
  return out;
}

/**
 * What backs a resource's `feeds` entry: a chain of material from one held in the resource to one whose
 * cited `feeds` names the flag, each next one a CA bundle that combines the one before (a bundle built
 * from this resource's bundle feeds the flag). Shortest chain first; undefined when no documented
 * material connects them.
 */
export function feedChain(model: Model, r: ResourceNode, flagRef: string): MaterialNode[] | undefined {
  const feeds = (x: MaterialNode) => (x.data.feeds ?? []).some((f) => resolveFlagRef(f.flag) === flagRef);
  const starts = materialsAt(model, r).sort((a, b) => cmp(a.key, b.key));
  const all = allMaterials(model);
  const seen = new Set<MaterialNode>(starts);
  let frontier = starts.map((x) => [x]);
  while (frontier.length) {
    const found = frontier.find((chain) => feeds(chain[chain.length - 1]!));
    if (found) return found;
    const next: MaterialNode[][] = [];
    for (const chain of frontier) {
      const last = chain[chain.length - 1]!;
      for (const bundle of all)
        if (bundle.distribution === last.distribution && bundle.data.combines?.materials.includes(last.id) && !seen.has(bundle)) {
          seen.add(bundle);
          next.push([...chain, bundle]);
        }
    }
    frontier = next;
  }
  return undefined;
}

/**
 * The materials found at a place, in every distribution: an in-cluster object
 * (namespace, kind, name) or a file path. For tools that read a cluster dump
 * or a node's files and need the flags and facts behind what they find.
 */
export function materialsAtLocation(model: Model, where: { namespace: string; kind: 'ConfigMap' | 'Secret'; name: string } | { path: string }): Array<{ material: MaterialNode; location: MaterialLocation; index: number }> {
  const out: Array<{ material: MaterialNode; location: MaterialLocation; index: number }> = [];
  for (const m of allMaterials(model))
    m.data.locations.forEach((loc, index) => {
      const hit = 'path' in where ? loc.path === where.path : !loc.path && loc.namespace === where.namespace && loc.kind === where.kind && loc.name === where.name;
      if (hit) out.push({ material: m, location: loc, index });
    });
  return out;
}
