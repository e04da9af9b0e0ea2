/** The home page's view: counts, and the four questions answered from the data. */
import { OVERALL_ID, RESOURCE_FLOW_ID } from '../../generate/diagrams.ts';
import type { FlagLink, Link } from '../links.ts';
import { COMPONENTS_URL, FLAGS_URL, HOME_URL, NAMESPACES_URL } from '../urls.ts';
import type { Builder, Documented } from './builder.ts';
import type { FlagPage } from './flag-pages.ts';
import type { ComponentPage, NamespacePage } from './index-pages.ts';
import type { ResourcePage } from './resource-pages.ts';

export interface QuestionItem {
  link: Link;
  html: string;
}

export interface HomeView {
  counts: Array<{ label: string; value: number; href: string }>;
  diagrams: string[];
  components: Array<Link & { flagCount: number; descriptionHtml?: string }>;
  namespaces: Array<Link & { resourceCount: number }>;
  /** What breaks: every edge with a documented consequence. */
  breaks: Array<{ verifier: FlagLink; verified: FlagLink; html: string }>;
  /** How it is created. */
  creation: QuestionItem[];
  /** How often it is rotated. */
  rotation: QuestionItem[];
  rotationToggles: FlagLink[];
  /** Flags and resources: what creation and rotation are counted against. */
  itemCount: number;
  flagCount: number;
  resourceCount: number;
}

export function homeView(b: Builder, flags: FlagPage[], resources: ResourcePage[], components: ComponentPage[], namespaces: NamespacePage[]): HomeView {
  const { model } = b;
  const breaks: HomeView['breaks'] = [];
  for (const e of model.edges) {
    const texts = new Set<string>();
    for (const side of [e.verifierSide, e.verifiedSide]) {
      const text = side?.edge.consequence;
      if (!text || texts.has(text)) continue;
      texts.add(text);
      breaks.push({
        verifier: b.flagLink(e.verifier),
        verified: b.flagLink(e.verified),
        html: b.markdown(text, { component: model.flags.get(side.owner)?.component ?? '' }),
      });
    }
  }
  const creation: QuestionItem[] = [];
  const rotation: QuestionItem[] = [];
  const documentedItems: Array<{ link: Link; d: Documented }> = [
    ...flags.map((f) => ({ link: { href: f.url, text: f.ref }, d: f as Documented })),
    ...resources.map((r) => ({ link: { href: r.url, text: r.ref }, d: r as Documented })),
  ];
  for (const { link, d } of documentedItems) {
    if (d.creationHtml) creation.push({ link, html: d.creationHtml });
    const parts = [d.validityHtml ? `valid for ${d.validityHtml}` : '', d.refreshHtml ?? ''].filter(Boolean);
    if (parts.length) rotation.push({ link, html: parts.join('; ') });
  }
  const edgeCount = model.edges.length;
  return {
    counts: [
      { label: 'components', value: components.length, href: COMPONENTS_URL },
      { label: 'TLS flags', value: flags.length, href: FLAGS_URL },
      { label: 'must-verify edges', value: edgeCount, href: `${HOME_URL}#what-breaks` },
      { label: 'namespaces', value: namespaces.length, href: NAMESPACES_URL },
      { label: 'ConfigMaps and Secrets', value: resources.length, href: NAMESPACES_URL },
    ],
    diagrams: [OVERALL_ID, RESOURCE_FLOW_ID].filter((id) => b.diagrams.has(id)),
    components: components.map((c) => ({
      href: c.url,
      text: c.name,
      flagCount: c.flags.length,
      ...(c.descriptionHtml ? { descriptionHtml: c.descriptionHtml } : {}),
    })),
    namespaces: namespaces.map((n) => ({ href: n.url, text: n.name, resourceCount: n.resources.length })),
    breaks,
    creation,
    rotation,
    rotationToggles: flags.filter((f) => f.kind === 'rotation-toggle').map((f) => b.flagLink(f.ref)),
    itemCount: flags.length + resources.length,
    flagCount: flags.length,
    resourceCount: resources.length,
  };
}
