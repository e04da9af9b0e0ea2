/**
 * Symptoms of must-verify edges: where a failure of the edge shows (who fails
 * the check, the error texts, what breaks), written on the verifier's side.
 */
import { memoized } from '../lib/memo.ts';
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

/** The error texts of an edge's symptoms with who logs each, nothing else (for the ranking and for verify's reports). */
export function errorTexts(symptoms: Symptoms | undefined): Array<{ text: string; loggedBy?: string }> {
  return (symptoms?.errors ?? []).map((x) => (x.loggedBy ? { text: x.text, loggedBy: x.loggedBy } : { text: x.text }));
}

/** A stable id for an edge, also its anchor on the troubleshooting page: "edge-<verifier>--<verified>". */
export function edgeAnchor(e: { verifier: string; verified: string }): string {
  return `edge-${anchorSlug(e.verifier)}--${anchorSlug(e.verified)}`;
}

/** Each flag reference is slugged once: every page that links an edge asks for its anchor. */
const anchorSlug = memoized((ref) => ref.replace(/[^A-Za-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, ''));

/** Code spans in documentation that a log line may contain: paths and names such as `/containerLogs`, `kubernetes.default.svc`. */
function hintsOf(...texts: Array<string | undefined>): string[] {
  const out = new Set<string>();
  for (const t of texts) for (const m of (t ?? '').matchAll(/`([^`]+)`/g)) if (/^\/[A-Za-z]|\.svc$|^KUBERNETES_/.test(m[1]!)) out.add(m[1]!);
  return [...out];
}

/** What the ranking of a pasted log line reads about one edge (templates/assets/troubleshoot-rank.js): plain text only. */
export interface RankData {
  id: string;
  /** The verified side is a signing certificate: one step removed from the certificate that failed. */
  signing: boolean;
  hints: string[];
  errors: Array<{ text: string; loggedBy?: string }>;
}

/** Every documented error text, once, sorted. */
export function documentedTexts(data: RankData[]): string[] {
  return [...new Set(data.flatMap((d) => d.errors.map((x) => x.text)))].sort();
}

/** The ranking data of every edge, in model order (the same order as model.edges). */
export function rankData(model: Model): RankData[] {
  return model.edges.map((e) => {
    const s = symptomsOf(e);
    return {
      id: edgeAnchor(e),
      signing: model.flags.get(e.verified)?.data.kind === 'signing-cert',
      hints: hintsOf(s?.breaks, s?.checkedBy),
      errors: errorTexts(s),
    };
  });
}
