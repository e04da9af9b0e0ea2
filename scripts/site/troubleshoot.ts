/**
 * The troubleshooting view: every must-verify edge with where its failure
 * shows (who checks it, the error texts, what breaks), the material behind
 * each side and the commands to inspect it; and the plain-text data the
 * page's ranking script reads (templates/assets/troubleshoot-rank.js).
 */
import type { Model, TrustEdge } from '../model/model.ts';
import { formatSource, materialsOf, sourceUrl } from '../model/materials.ts';
import { materialView } from './material-views.ts';
import { documentedTexts, edgeAnchor, rankData, symptomsOf } from '../model/symptoms.ts';
import type { RenderContext } from './markdown.ts';
import { edgeCommands, type Command } from '../review/inspect.ts';
import type { FlagLink, Link } from './links.ts';
import { edgeUrl } from './urls.ts';

/** What the view needs from the site builder (links, rendered markdown). */
export interface ViewMaker {
  readonly model: Model;
  flagLink(ref: string): FlagLink;
  resourceLink(ref: string): Link;
  markdown(text: string, context?: RenderContext): string;
}

export interface SymptomErrorView {
  text: string;
  seenInHtml: string;
  loggedBy?: string;
  source: Link;
}

export interface TroubleshootEdge {
  /** Anchor on the troubleshooting page, stable for an edge: "edge-<verifier>--<verified>". */
  id: string;
  /** The edge's own page (site-root relative; HtmlBasePlugin adds the publishing prefix). */
  url: string;
  verifier: FlagLink;
  verified: FlagLink;
  /** The ConfigMaps and Secrets behind each side. */
  verifierMaterial: Link[];
  verifiedMaterial: Link[];
  /** The certificate material behind each side (data/materials/): "id (type, signed by …, valid …)". */
  verifierCerts: string[];
  verifiedCerts: string[];
  conditionHtml?: string;
  checkedByHtml?: string;
  breaksHtml?: string;
  /** Without symptoms: the documented consequence, if any. */
  consequenceHtml?: string;
  errors: SymptomErrorView[];
  sources: Link[];
  commands: Command[];
}

export interface TroubleshootView {
  edges: TroubleshootEdge[];
  /** JSON for the ranking script, safe inside <script type="application/json">. */
  rankJson: string;
  /** Every distinct documented error text, for the page's list of known messages. */
  errorTexts: string[];
}

/** JSON that cannot end its <script> element or open a comment inside it, in ASCII (other characters as \\u escapes, which also keeps the page a Latin-1 string). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function edgeView(b: ViewMaker, e: TrustEdge): TroubleshootEdge {
  const { model } = b;
  const symptoms = symptomsOf(e);
  const context = { component: model.flags.get(e.verifier)?.component ?? '' };
  const condition = e.verifierSide?.edge.condition ?? e.verifiedSide?.edge.condition;
  const consequence = e.verifierSide?.edge.consequence ?? e.verifiedSide?.edge.consequence;
  const material = (ref: string) => (model.feedersOf.get(ref) ?? []).map((r) => b.resourceLink(r.ref));
  const certs = (ref: string) =>
    materialsOf(model, ref).map((m) => {
      const v = materialView(model, m);
      const signer = v.signedBy.text.startsWith('trusts') ? v.signedBy.text : `signed by ${v.signedBy.text}`;
      const facts = [v.typeLabel, signer, `valid ${v.validity.text}`];
      return `${v.id} (${facts.join(', ')})`;
    });
  // The distribution-neutral page leaves out kubeadm's own command.
  const commands = edgeCommands(model, e).filter((c) => !c.label.startsWith('kubeadm'));
  const url = edgeUrl(e.verifier, e.verified);
  const view: TroubleshootEdge = {
    id: edgeAnchor(e),
    url,
    verifier: b.flagLink(e.verifier),
    verified: b.flagLink(e.verified),
    verifierMaterial: material(e.verifier),
    verifiedMaterial: material(e.verified),
    verifierCerts: certs(e.verifier),
    verifiedCerts: certs(e.verified),
    errors: (symptoms?.errors ?? []).map((x) => ({
      text: x.text,
      seenInHtml: b.markdown(x.seenIn, context),
      ...(x.loggedBy ? { loggedBy: x.loggedBy } : {}),
      source: { href: sourceUrl(x.source), text: formatSource(x.source) },
    })),
    sources: (symptoms?.sources ?? []).map((s) => ({ href: sourceUrl(s), text: formatSource(s) })),
    commands,
  };
  if (condition) view.conditionHtml = b.markdown(condition, context);
  if (symptoms) {
    view.checkedByHtml = b.markdown(symptoms.checkedBy, context);
    view.breaksHtml = b.markdown(symptoms.breaks, context);
  } else if (consequence) view.consequenceHtml = b.markdown(consequence, context);
  return view;
}

/** The view, and each model edge's part of it (for the flag and edge pages). */
export function troubleshootView(b: ViewMaker): { view: TroubleshootView; byEdge: Map<TrustEdge, TroubleshootEdge> } {
  const { model } = b;
  const edges = model.edges.map((e) => edgeView(b, e));
  const byEdge = new Map(model.edges.map((e, i) => [e, edges[i]!]));
  const rank = rankData(model);
  const errorTexts = documentedTexts(rank);
  return { view: { edges, rankJson: scriptJson(rank), errorTexts }, byEdge };
}
