/** The part of the model an item's impact can depend on (so impactOf does not scan every edge per page). */
import { resolveFlagRef, resolveResourceRef, type Model, type TrustEdge } from '../../model/model.ts';
import { resourceFlags } from '../../model/impact.ts';

/**
 * The model as impactOf sees it from one flag: for a flag, the affected flags
 * are the flag itself, so only the trust edges with that flag at one end can
 * matter (scripts/model/impact.ts). Handing impactOf this view gives the same
 * result without scanning every edge of the model for every flag page;
 * test/site.test.ts checks that the two agree on the committed data.
 */
export function flagNeighbourhood(model: Model, touching: TrustEdge[]): Model {
  return { ...model, edges: touching };
}

/**
 * The same for a resource: the flags it or any resource downstream of it
 * (through inputTo) feeds, and those a downstream resource is a published
 * copy for (impact.ts says why), are the affected flags, so the edges touching them
 * are all impactOf can use. Edges keep the model's order.
 */
export function resourceNeighbourhood(model: Model, ref: string, touching: Map<string, TrustEdge[]>, edgeIndex: Map<TrustEdge, number>): Model {
  const seen = new Set([ref]);
  const queue = [ref];
  const edges = new Set<TrustEdge>();
  while (queue.length) {
    const at = queue.pop()!;
    const node = model.resources.get(at);
    if (!node) continue;
    for (const f of resourceFlags(node.data, at !== ref)) {
      const flag = resolveFlagRef(f);
      for (const e of (flag && touching.get(flag)) || []) edges.add(e);
    }
    for (const t of node.data.inputTo ?? []) {
      const target = resolveResourceRef(t, node.namespace);
      if (target && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return { ...model, edges: [...edges].sort((a, b) => edgeIndex.get(a)! - edgeIndex.get(b)!) };
}

/** Each flag's trust edges, in the model's edge order. */
export function edgesTouching(model: Model): Map<string, TrustEdge[]> {
  const out = new Map<string, TrustEdge[]>();
  const add = (ref: string, e: TrustEdge) => {
    const list = out.get(ref);
    if (list) list.push(e);
    else out.set(ref, [e]);
  };
  for (const e of model.edges) {
    add(e.verifier, e);
    if (e.verified !== e.verifier) add(e.verified, e);
  }
  return out;
}
