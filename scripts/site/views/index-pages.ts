/** The component and namespace pages: /components/<name>/, /namespaces/<name>/. */
import { componentDiagramId } from '../../generate/diagrams.ts';
import { resolveFlagRef, type ResourceNode, type TrustEdge } from '../../model/model.ts';
import type { FlagLink, Link } from '../links.ts';
import { renderBlock } from '../markdown.ts';
import { componentUrl, namespaceUrl } from '../urls.ts';
import type { ActorView, Builder, SourceView } from './builder.ts';

export interface ComponentPage {
  url: string;
  name: string;
  title: string;
  descriptionHtml?: string;
  flags: Array<FlagLink & { purposeHtml: string; verifiesCount: number; verifiedByCount: number }>;
  diagram?: string;
  source: SourceView;
}

export interface ResourceRow extends Link {
  ref: string;
  purposeHtml?: string;
  feeds: FlagLink[];
  /** Flags it is a published copy of (it does not feed them). */
  publishes: FlagLink[];
  producers: ActorView[];
  consumers: ActorView[];
}

export interface NamespacePage {
  url: string;
  name: string;
  title: string;
  contractHtml?: string;
  resources: ResourceRow[];
  source: SourceView;
}

export function componentPages(b: Builder, edgesOf: Map<string, { verifies: TrustEdge[]; verifiedBy: TrustEdge[] }>): ComponentPage[] {
  const seen = new Set<string>();
  const pages: ComponentPage[] = [];
  for (const comp of b.model.components) {
    if (seen.has(comp.name)) continue;
    seen.add(comp.name);
    const diagram = b.diagramId(componentDiagramId(comp.name));
    const descriptionHtml = b.inline(comp.data.description, { component: comp.name });
    pages.push({
      url: componentUrl(comp.name),
      name: comp.name,
      title: comp.name,
      flags: comp.flags.map((fn) => ({
        ...b.flagLink(fn.ref),
        text: fn.data.name,
        purposeHtml: b.markdown(fn.data.purpose, { component: comp.name }),
        verifiesCount: edgesOf.get(fn.ref)?.verifies.length ?? 0,
        verifiedByCount: edgesOf.get(fn.ref)?.verifiedBy.length ?? 0,
      })),
      source: b.source(comp.file, ''),
      ...(descriptionHtml ? { descriptionHtml } : {}),
      ...(diagram ? { diagram } : {}),
    });
  }
  return pages;
}

export function namespacePages(b: Builder): NamespacePage[] {
  const seen = new Set<string>();
  const pages: NamespacePage[] = [];
  for (const ns of b.model.namespaces) {
    if (seen.has(ns.name)) continue;
    seen.add(ns.name);
    const context = { namespace: ns.name };
    const contractHtml = ns.data.contract ? renderBlock(ns.data.contract, b.linker, context) : undefined;
    pages.push({
      url: namespaceUrl(ns.name),
      name: ns.name,
      title: ns.name,
      resources: ns.resources.map((rn: ResourceNode) => {
        const purposeHtml = b.inline(rn.data.purpose, context);
        return {
          ...b.resourceLink(rn.ref),
          text: rn.data.name,
          ref: rn.ref,
          feeds: (rn.data.feeds ?? []).map((f) => b.flagLink(resolveFlagRef(f) ?? f)),
          publishes: (rn.data.publishes ?? []).map((f) => b.flagLink(resolveFlagRef(f) ?? f)),
          producers: (rn.data.producers ?? []).map((a) => b.actor(a)),
          consumers: (rn.data.consumers ?? []).map((a) => b.actor(a)),
          ...(purposeHtml ? { purposeHtml } : {}),
        };
      }),
      source: b.source(ns.file, ''),
      ...(contractHtml ? { contractHtml } : {}),
    });
  }
  return pages;
}
