/**
 * Symptoms of must-verify edges: where a failure of the edge shows (who fails
 * the check, the error texts, what breaks), written on the verifier's side.
 */
import type { Model, TrustEdge } from './model.ts';
import type { Source, Symptoms, VerifierEdge } from './types.ts';

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

/** The address of a source on GitHub: the file at the commit read (or the release, when no commit is given). */
export function sourceUrl(source: Source): string {
  const enc = (s: string) => s.split('/').map(encodeURIComponent).join('/');
  const ref = source.commit ?? source.release;
  const lines = source.lines ? `#L${source.lines.replace('-', '-L')}` : '';
  return `https://github.com/${enc(source.repository)}/blob/${encodeURIComponent(ref)}/${enc(source.path)}${lines}`;
}

/** "golang/go src/crypto/x509/verify.go UnknownAuthorityError.Error (master 0184fe5e)". */
export function sourceLabel(source: Source): string {
  const at = source.commit ? `${source.release} ${source.commit.slice(0, 8)}` : source.release;
  return [source.repository, source.path, source.symbol].filter(Boolean).join(' ') + ` (${at})`;
}
