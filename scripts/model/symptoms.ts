/**
 * Symptoms of must-verify edges: where a failure of the edge shows (who fails
 * the check, the error texts, what breaks), written on the verifier's side.
 */
import type { Model, TrustEdge } from './model.ts';
import type { Symptoms, VerifierEdge } from './types.ts';

export interface SymptomEdge {
  edge: TrustEdge;
  symptoms: Symptoms;
}

/** The symptoms written on an edge's verifier side, if any. */
export function symptomsOf(edge: TrustEdge): Symptoms | undefined {
  return (edge.verifierSide?.edge as VerifierEdge | undefined)?.symptoms;
}

/** Edges that say where their failure shows, in model order (verifier, then verified). */
export function symptomEdges(model: Model): SymptomEdge[] {
  const out: SymptomEdge[] = [];
  for (const edge of model.edges) {
    const symptoms = symptomsOf(edge);
    if (symptoms) out.push({ edge, symptoms });
  }
  return out;
}
