/** One view per flag page: /flags/<component>/<flag>/. */
import { flagDiagramId } from '../../generate/diagrams.ts';
import { impactFrom } from '../../model/impact.ts';
import { resolveFlagRef, type TrustEdge } from '../../model/model.ts';
import { KIND_LABELS, type FlagKind } from '../../model/types.ts';
import { flagCommands, type Command } from '../../review/inspect.ts';
import type { FlagLink, Link } from '../links.ts';
import type { TroubleshootEdge } from '../troubleshoot.ts';
import { componentUrl, flagUrl } from '../urls.ts';
import { byRef, type Builder, type Documented, type EdgeView, type ImpactView, type SourceView } from './builder.ts';
import { edgesTouching, flagNeighbourhood } from './neighbourhood.ts';

export interface FlagPage extends Documented {
  url: string;
  ref: string;
  title: string;
  component: Link;
  name: string;
  kind: FlagKind;
  kindLabel: string;
  purposeHtml: string;
  pairsWith?: FlagLink;
  pairedBy: FlagLink[];
  verifies: EdgeView[];
  verifiedBy: EdgeView[];
  interactsWith: FlagLink[];
  interactedBy: FlagLink[];
  feeders: Link[];
  /** Resources that are a published copy of what the flag uses (changing them alone does not change it). */
  publishedAs: Link[];
  diagram?: string;
  impact: ImpactView;
  source: SourceView;
  /** Commands that show the real material behind the flag and check its edges. */
  commands: Command[];
  /** Where a failure of this flag's must-verify edges shows (views shared with the troubleshooting page). */
  symptoms: TroubleshootEdge[];
}

export function flagPages(
  b: Builder,
  pairedBy: Map<string, string[]>,
  edgesOf: Map<string, { verifies: TrustEdge[]; verifiedBy: TrustEdge[] }>,
  troubleshoot: Map<TrustEdge, TroubleshootEdge>,
): FlagPage[] {
  const { model } = b;
  const touching = edgesTouching(model);
  const pages: FlagPage[] = [];
  for (const comp of model.components) {
    for (const fn of comp.flags) {
      if (model.flags.get(fn.ref) !== fn) continue; // a duplicate definition (invalid data) gets no second page
      const context = { component: fn.component };
      const edges = edgesOf.get(fn.ref) ?? { verifies: [], verifiedBy: [] };
      const pairs = fn.data.pairsWith ? resolveFlagRef(fn.data.pairsWith) : undefined;
      const diagram = b.diagramId(flagDiagramId(fn.ref));
      const page: FlagPage = {
        url: flagUrl(fn.ref),
        ref: fn.ref,
        title: fn.ref,
        component: { href: componentUrl(fn.component), text: fn.component },
        name: fn.data.name,
        kind: fn.data.kind,
        kindLabel: KIND_LABELS[fn.data.kind] ?? fn.data.kind,
        purposeHtml: b.markdown(fn.data.purpose, context),
        pairedBy: (pairedBy.get(fn.ref) ?? []).filter((r) => r !== pairs).map((r) => b.flagLink(r)),
        verifies: edges.verifies.map((e) => b.edgeView(e, 'verifier')),
        verifiedBy: edges.verifiedBy.map((e) => b.edgeView(e, 'verified')),
        interactsWith: (fn.data.interactsWith ?? []).map((r) => b.flagLink(resolveFlagRef(r) ?? r)),
        interactedBy: (model.interactedBy.get(fn.ref) ?? []).map((n) => b.flagLink(n.ref)).sort(byRef),
        feeders: [...(model.feedersOf.get(fn.ref) ?? [])].sort(byRef).map((r) => b.resourceLink(r.ref)),
        publishedAs: [...(model.publishersOf.get(fn.ref) ?? [])].sort(byRef).map((r) => b.resourceLink(r.ref)),
        impact: b.impactView(impactFrom(flagNeighbourhood(model, touching.get(fn.ref) ?? []), { kind: 'flag', ref: fn.ref })),
        source: b.source(fn.file, fn.pointer),
        commands: flagCommands(model, fn.ref, [...edges.verifies, ...edges.verifiedBy]),
        symptoms: [...edges.verifies, ...edges.verifiedBy].map((e) => troubleshoot.get(e)!).filter((e) => e.errors.length),
        ...b.documented(fn.data, context),
        ...(diagram ? { diagram } : {}),
      };
      if (pairs) page.pairsWith = b.flagLink(pairs);
      pages.push(page);
    }
  }
  return pages;
}
