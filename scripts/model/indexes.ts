/**
 * indexes: lookups over a model that per-item code asks for again and again
 * (one diagram per flag, one line per consequence), built once per model and
 * kept in a WeakMap, so asking for every flag costs linear time, not a scan
 * of every edge per flag. A model is not changed after buildModel, so an
 * index never goes stale.
 */
import { cmp } from '../lib/problems.ts';
import { resolveFlagRef, type Model, type TrustEdge } from './model.ts';

export interface ModelIndexes {
  /** Flag reference → edges where it is the verifier, in model.edges order. */
  edgesByVerifier: Map<string, TrustEdge[]>;
  /** Flag reference → edges where it is the verified flag, in model.edges order. */
  edgesByVerified: Map<string, TrustEdge[]>;
  /** "<verifier>\0<verified>" → the edge. */
  edgeByEnds: Map<string, TrustEdge>;
  /** Flags at either end of a must-verify edge. */
  onEdges: Set<string>;
  /** Cert and key pairs [a, b] with a < b, both defined, sorted. */
  pairs: Array<[string, string]>;
  /** Flag reference → the first pair it belongs to (in `pairs` order). */
  pairByFlag: Map<string, [string, string]>;
  /** Component name → the edges with one of its flags at either end, in model.edges order. */
  edgesByComponent: Map<string, TrustEdge[]>;
  /** Component name → the pairs whose two flags are both its own, in `pairs` order. */
  pairsByComponent: Map<string, Array<[string, string]>>;
}

const cache = new WeakMap<Model, ModelIndexes>();

export function indexesOf(model: Model): ModelIndexes {
  let indexes = cache.get(model);
  if (!indexes) cache.set(model, (indexes = buildIndexes(model)));
  return indexes;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function buildIndexes(model: Model): ModelIndexes {
  const edgesByVerifier = new Map<string, TrustEdge[]>();
  const edgesByVerified = new Map<string, TrustEdge[]>();
  const edgeByEnds = new Map<string, TrustEdge>();
  const onEdges = new Set<string>();
  const edgesByComponent = new Map<string, TrustEdge[]>();
  const componentOfFlag = new Map<string, string>();
  for (const comp of model.components) for (const fn of comp.flags) componentOfFlag.set(fn.ref, comp.name);
  for (const e of model.edges) {
    pushTo(edgesByVerifier, e.verifier, e);
    pushTo(edgesByVerified, e.verified, e);
    edgeByEnds.set(edgeKey(e.verifier, e.verified), e);
    onEdges.add(e.verifier).add(e.verified);
    const owners = new Set([componentOfFlag.get(e.verifier), componentOfFlag.get(e.verified)]);
    for (const owner of owners) if (owner !== undefined) pushTo(edgesByComponent, owner, e);
  }
  const pairs = computePairs(model);
  const pairByFlag = new Map<string, [string, string]>();
  const pairsByComponent = new Map<string, Array<[string, string]>>();
  for (const pair of pairs) {
    for (const ref of pair) if (!pairByFlag.has(ref)) pairByFlag.set(ref, pair);
    const owner = componentOfFlag.get(pair[0]);
    if (owner !== undefined && owner === componentOfFlag.get(pair[1])) pushTo(pairsByComponent, owner, pair);
  }
  return { edgesByVerifier, edgesByVerified, edgeByEnds, onEdges, pairs, pairByFlag, edgesByComponent, pairsByComponent };
}

function edgeKey(verifier: string, verified: string): string {
  return `${verifier}\u0000${verified}`;
}

/** The edge from `verifier` to `verified`, if the model has one. */
export function edgeBetween(model: Model, verifier: string, verified: string): TrustEdge | undefined {
  return indexesOf(model).edgeByEnds.get(edgeKey(verifier, verified));
}

/** The flag a flag pairs with, when that flag exists (either side may write pairsWith). */
function computePairs(model: Model): Array<[string, string]> {
  const seen = new Set<string>();
  const out: Array<[string, string]> = [];
  for (const comp of model.components) {
    for (const fn of comp.flags) {
      if (!fn.data.pairsWith) continue;
      const other = resolveFlagRef(fn.data.pairsWith);
      if (!other || !model.flags.has(other) || other === fn.ref) continue;
      const [a, b] = [fn.ref, other].sort(cmp) as [string, string];
      const key = `${a}\u0000${b}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push([a, b]);
    }
  }
  return out.sort((x, y) => cmp(x[0], y[0]) || cmp(x[1], y[1]));
}
