/**
 * The one global data entry of the site (`certdocs`): the validated model
 * with every page's view computed once per build. Templates only lay these
 * views out; no template walks the model or parses markdown, so the work per
 * page stays constant however large the model is.
 */
import { buildMaterialSiteData, ROTATION_URL, SIGNERS_URL, type MaterialSiteData } from './material-views.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { buildDiagrams, componentDiagramId, flagDiagramId, OVERALL_ID, RESOURCE_FLOW_ID } from '../generate/diagrams.ts';
import { cmp, formatProblemText, UserError } from '../lib/problems.ts';
import { positionOf, type JsonFile } from '../load/json-file.ts';
import { impactOf, type Impact } from '../model/impact.ts';
import { resolveFlagRef, resolveResourceRef, type FlagNode, type Model, type ResourceNode, type TrustEdge } from '../model/model.ts';
import { KIND_LABELS, type Edge, type FlagKind, type Rotation } from '../model/types.ts';
import { symptomsOf } from '../model/symptoms.ts';
import { validateDataDir } from '../validate/index.ts';
import { diagramFigure, diagramViews, type DiagramView } from './diagrams.ts';
import { renderBlock, renderDocument, renderInline, type Heading, type RefLinker, type RenderContext } from './markdown.ts';
import { flagCommands, resourceCommands, type Command } from './inspect.ts';
import { schemaViews, type SchemaView } from './schemas.ts';
import { troubleshootView, type TroubleshootEdge, type TroubleshootView } from './troubleshoot.ts';
import type { SiteSettings } from './settings.ts';
import {
  COMPONENTS_URL,
  componentUrl,
  ENHANCEMENT_URL,
  FLAGS_URL,
  flagUrl,
  HOME_URL,
  NAMESPACES_URL,
  namespaceUrl,
  resourceUrl,
  SCHEMAS_URL,
  CHECK_URL,
  SEARCH_URL,
  TROUBLESHOOT_URL,
  withPrefix,
} from './urls.ts';

// ---------------------------------------------------------------------------
// Views

import type { FlagLink, Link } from './links.ts';
export type { FlagLink, Link };

export interface EdgeView {
  /** The flag at the other end of the edge. */
  other: FlagLink;
  conditionHtml?: string;
  qualifierHtml?: string;
  consequenceHtml?: string;
}

export interface Documented {
  /** Rendered inline markdown, or undefined when not documented yet. */
  creationHtml?: string;
  validityHtml?: string;
  refreshHtml?: string;
  ownerHtml?: string;
}

export interface ConsequenceView {
  html: string;
  verifier: FlagLink;
  verified: FlagLink;
  /** The chain from the page's item to the edge (links), empty when direct. */
  via: Link[];
}

export interface ImpactView {
  consequences: ConsequenceView[];
  /** Edges that break but carry no documented consequence. */
  unexplained: Array<{ verifier: FlagLink; verified: FlagLink; via: Link[] }>;
  flags: Array<{ link: FlagLink; via: Link[] }>;
  resources: Array<{ link: Link; via: Link[] }>;
  interactions: Array<{ link: FlagLink; via: Link[] }>;
}

export interface SourceView {
  file: string;
  line: number;
}

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
  diagram?: string;
  impact: ImpactView;
  source: SourceView;
  /** Commands that show the real material behind the flag and check its edges. */
  commands: Command[];
  /** Where a failure of this flag's must-verify edges shows (views shared with the troubleshooting page). */
  symptoms: TroubleshootEdge[];
}

export interface ComponentPage {
  url: string;
  href: string;
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
  producers: ActorView[];
  consumers: ActorView[];
}

export interface NamespacePage {
  url: string;
  href: string;
  name: string;
  title: string;
  contractHtml?: string;
  resources: ResourceRow[];
  source: SourceView;
}

export interface ActorView {
  name: string;
  descriptionHtml?: string;
}

export interface ResourcePage extends Documented {
  url: string;
  ref: string;
  title: string;
  namespace: Link;
  name: string;
  typeLabel: string;
  purposeHtml?: string;
  feeds: FlagLink[];
  producers: ActorView[];
  consumers: ActorView[];
  /** Resources that are an input to this one. */
  upstream: Link[];
  /** Resources this one is an input to. */
  downstream: Link[];
  impact: ImpactView;
  source: SourceView;
  commands: Command[];
}

export interface PageMeta {
  title: string;
  description: string;
  /** The page shows a diagram that has to be rendered in the browser. */
  mermaid: boolean;
}

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

export interface EnhancementView {
  available: boolean;
  file: string;
  html: string;
  headings: Heading[];
  frontMatter: Array<{ key: string; value: string }>;
  /** Diagrams shown in the document. */
  diagrams: string[];
}

export interface SiteData {
  pathPrefix: string;
  urls: Record<'home' | 'components' | 'flags' | 'namespaces' | 'enhancement' | 'schemas' | 'search' | 'troubleshoot' | 'check', string>;
  meta: Record<string, PageMeta>;
  home: HomeView;
  components: ComponentPage[];
  flags: FlagPage[];
  namespaces: NamespacePage[];
  resources: ResourcePage[];
  diagrams: Record<string, DiagramView>;
  enhancement: EnhancementView;
  schemas: SchemaView[];
  troubleshoot: TroubleshootView;
  /** The certificate material: answers per flag and resource, the rotation and signer pages. */
  materials: MaterialSiteData;
}

// ---------------------------------------------------------------------------
// Building

/** Plain text from inline markdown, for meta descriptions. */
function plainText(markdown: string, max = 200): string {
  const text = markdown.replace(/[`*_]/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

function typeLabel(name: string): string {
  return name.startsWith('secret/') ? 'Secret' : 'ConfigMap';
}

/** A code span that a render context can resolve: "--flag", "cm/name" or "secret/name" alone. */
const CONTEXTUAL = /`\s*(?:--|cm\/|secret\/)/;

class Builder {
  readonly linker: RefLinker;
  private readonly flagLinks = new Map<string, FlagLink>();
  private readonly resourceLinks = new Map<string, Link>();

  constructor(
    readonly model: Model,
    readonly settings: SiteSettings,
    readonly diagrams: Map<string, DiagramView>,
  ) {
    this.linker = (text, context) => this.linkFor(text, context);
  }

  href(url: string): string {
    return withPrefix(url, this.settings.pathPrefix);
  }

  /** Where a code span in markdown points: a flag, a resource, or nothing. */
  linkFor(text: string, context: RenderContext): string | undefined {
    const t = text.trim();
    const flag = resolveFlagRef(t);
    if (flag && this.model.flags.has(flag)) return this.href(flagUrl(flag));
    if (context.component && t.startsWith('--') && this.model.flags.has(`${context.component} ${t}`))
      return this.href(flagUrl(`${context.component} ${t}`));
    const resource = resolveResourceRef(t, context.namespace ?? '');
    if (resource && this.model.resources.has(resource)) return this.href(resourceUrl(resource));
    return undefined;
  }

  private readonly rendered = new Map<string, string>();

  /** Inline markdown as HTML; the same text in the same context is rendered once (purposes and consequences appear on several pages). */
  markdown(text: string, context: RenderContext = {}): string {
    // The context only matters for a bare "--flag" or "cm/name" in backticks.
    const key = CONTEXTUAL.test(text) ? `${context.component ?? ''}\u0000${context.namespace ?? ''}\u0000${text}` : text;
    let out = this.rendered.get(key);
    if (out === undefined) this.rendered.set(key, (out = renderInline(text, this.linker, context)));
    return out;
  }

  inline(text: string | undefined, context: RenderContext = {}): string | undefined {
    return text ? this.markdown(text, context) : undefined;
  }

  flagLink(ref: string): FlagLink {
    let link = this.flagLinks.get(ref);
    if (!link) {
      const node = this.model.flags.get(ref);
      link = node
        ? { ref, href: this.href(flagUrl(ref)), text: ref, kind: node.data.kind, kindLabel: KIND_LABELS[node.data.kind] }
        : { ref, href: '', text: ref };
      this.flagLinks.set(ref, link);
    }
    return link;
  }

  resourceLink(ref: string): Link {
    let link = this.resourceLinks.get(ref);
    if (!link) {
      link = { href: this.model.resources.has(ref) ? this.href(resourceUrl(ref)) : '', text: ref };
      this.resourceLinks.set(ref, link);
    }
    return link;
  }

  anyLink(ref: string): Link {
    return this.model.resources.has(ref) ? this.resourceLink(ref) : this.flagLink(ref);
  }

  actor(name: string): ActorView {
    const node = this.model.actorsByName.get(name);
    const descriptionHtml = this.inline(node?.data.description);
    return { name, ...(descriptionHtml ? { descriptionHtml } : {}) };
  }

  private readonly shownPaths = new Map<string, string>();

  /** Where an item is defined: its file relative to the data folder's parent ("data/components/x.json"), and line. */
  source(file: JsonFile, pointer: string): SourceView {
    let shown = this.shownPaths.get(file.file);
    if (shown === undefined) {
      const rel = path.relative(path.dirname(this.settings.dataDir), path.resolve(process.cwd(), file.file)).split(path.sep).join('/');
      this.shownPaths.set(file.file, (shown = rel.startsWith('..') ? file.file : rel));
    }
    return { file: shown, line: positionOf(file, pointer).line };
  }

  documented(data: { creation?: string; rotation?: Rotation; owner?: string }, context: RenderContext): Documented {
    const out: Documented = {};
    const creation = this.inline(data.creation, context);
    const validity = this.inline(data.rotation?.validity, context);
    const refresh = this.inline(data.rotation?.refresh, context);
    const owner = this.inline(data.owner, context);
    if (creation) out.creationHtml = creation;
    if (validity) out.validityHtml = validity;
    if (refresh) out.refreshHtml = refresh;
    if (owner) out.ownerHtml = owner;
    return out;
  }

  edgeView(e: TrustEdge, mine: 'verifier' | 'verified'): EdgeView {
    const own = mine === 'verifier' ? e.verifierSide : e.verifiedSide;
    const theirs = mine === 'verifier' ? e.verifiedSide : e.verifierSide;
    const pick = (key: keyof Edge) => (own?.edge[key] as string | undefined) ?? (theirs?.edge[key] as string | undefined);
    const owner = own?.owner ?? theirs?.owner ?? (mine === 'verifier' ? e.verifier : e.verified);
    const context = { component: this.model.flags.get(owner)?.component ?? '' };
    const view: EdgeView = { other: this.flagLink(mine === 'verifier' ? e.verified : e.verifier) };
    const condition = this.inline(pick('condition'), context);
    const qualifier = this.inline(pick('qualifier'), context);
    const consequence = this.inline(pick('consequence'), context);
    if (condition) view.conditionHtml = condition;
    if (qualifier) view.qualifierHtml = qualifier;
    if (consequence) view.consequenceHtml = consequence;
    return view;
  }

  impactView(impact: Impact): ImpactView {
    const via = (refs: string[]) => refs.map((r) => this.anyLink(r));
    const explained = new Set(impact.consequences.map((c) => `${c.verifier}\u0000${c.verified}`));
    return {
      consequences: impact.consequences.map((c) => ({
        html: this.markdown(c.text, { component: this.model.flags.get(c.writtenOn)?.component ?? '' }),
        verifier: this.flagLink(c.verifier),
        verified: this.flagLink(c.verified),
        via: via(c.via),
      })),
      unexplained: impact.edges
        .filter((e) => !explained.has(`${e.verifier}\u0000${e.verified}`))
        .map((e) => ({ verifier: this.flagLink(e.verifier), verified: this.flagLink(e.verified), via: via(e.via) })),
      flags: impact.flags.filter((f) => f.ref !== impact.start.ref).map((f) => ({ link: this.flagLink(f.ref), via: via(f.via) })),
      resources: impact.resources.map((r) => ({ link: this.resourceLink(r.ref), via: via(r.via) })),
      interactions: impact.interactions.map((i) => ({ link: this.flagLink(i.ref), via: via(i.via) })),
    };
  }

  diagramId(id: string): string | undefined {
    return this.diagrams.has(id) ? id : undefined;
  }

  needsMermaid(ids: Array<string | undefined>): boolean {
    return ids.some((id) => id !== undefined && !this.diagrams.get(id)?.svg);
  }
}

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
 * (through inputTo) feeds are the affected flags, so the edges touching them
 * are all impactOf can use. Edges keep the model's order.
 */
export function resourceNeighbourhood(model: Model, ref: string, touching: Map<string, TrustEdge[]>, edgeIndex: Map<TrustEdge, number>): Model {
  const seen = new Set([ref]);
  const queue = [ref];
  const edges = new Set<TrustEdge>();
  while (queue.length) {
    const node = model.resources.get(queue.pop()!);
    if (!node) continue;
    for (const f of node.data.feeds ?? []) {
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

function byRef<T extends { ref: string }>(a: T, b: T): number {
  return cmp(a.ref, b.ref);
}

function flagPages(
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
        component: { href: b.href(componentUrl(fn.component)), text: fn.component },
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
        impact: b.impactView(impactOf(flagNeighbourhood(model, touching.get(fn.ref) ?? []), fn.ref)),
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

function resourcePages(b: Builder): ResourcePage[] {
  const { model } = b;
  const touching = edgesTouching(model);
  const edgeIndex = new Map(model.edges.map((e, i) => [e, i]));
  const pages: ResourcePage[] = [];
  for (const ns of model.namespaces) {
    for (const rn of ns.resources) {
      if (model.resources.get(rn.ref) !== rn) continue;
      const context = { namespace: rn.namespace };
      const purposeHtml = b.inline(rn.data.purpose, context);
      pages.push({
        url: resourceUrl(rn.ref),
        ref: rn.ref,
        title: rn.ref,
        namespace: { href: b.href(namespaceUrl(rn.namespace)), text: rn.namespace },
        name: rn.data.name,
        typeLabel: typeLabel(rn.data.name),
        feeds: (rn.data.feeds ?? []).map((f) => b.flagLink(resolveFlagRef(f) ?? f)),
        producers: (rn.data.producers ?? []).map((a) => b.actor(a)),
        consumers: (rn.data.consumers ?? []).map((a) => b.actor(a)),
        upstream: [...(model.inputsOf.get(rn.ref) ?? [])].sort(byRef).map((r) => b.resourceLink(r.ref)),
        downstream: (rn.data.inputTo ?? []).map((t) => b.resourceLink(resolveResourceRef(t, rn.namespace) ?? t)),
        impact: b.impactView(impactOf(resourceNeighbourhood(model, rn.ref, touching, edgeIndex), rn.ref)),
        source: b.source(rn.file, rn.pointer),
        commands: resourceCommands(model, rn.ref),
        ...(purposeHtml ? { purposeHtml } : {}),
        ...b.documented(rn.data, context),
      });
    }
  }
  return pages;
}

function componentPages(b: Builder, edgesOf: Map<string, { verifies: TrustEdge[]; verifiedBy: TrustEdge[] }>): ComponentPage[] {
  const seen = new Set<string>();
  const pages: ComponentPage[] = [];
  for (const comp of b.model.components) {
    if (seen.has(comp.name)) continue;
    seen.add(comp.name);
    const diagram = b.diagramId(componentDiagramId(comp.name));
    const descriptionHtml = b.inline(comp.data.description, { component: comp.name });
    pages.push({
      url: componentUrl(comp.name),
      href: b.href(componentUrl(comp.name)),
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

function namespacePages(b: Builder): NamespacePage[] {
  const seen = new Set<string>();
  const pages: NamespacePage[] = [];
  for (const ns of b.model.namespaces) {
    if (seen.has(ns.name)) continue;
    seen.add(ns.name);
    const context = { namespace: ns.name };
    const contractHtml = ns.data.contract ? renderBlock(ns.data.contract, b.linker, context) : undefined;
    pages.push({
      url: namespaceUrl(ns.name),
      href: b.href(namespaceUrl(ns.name)),
      name: ns.name,
      title: ns.name,
      resources: ns.resources.map((rn: ResourceNode) => {
        const purposeHtml = b.inline(rn.data.purpose, context);
        return {
          ...b.resourceLink(rn.ref),
          text: rn.data.name,
          ref: rn.ref,
          feeds: (rn.data.feeds ?? []).map((f) => b.flagLink(resolveFlagRef(f) ?? f)),
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

function homeView(b: Builder, flags: FlagPage[], resources: ResourcePage[], components: ComponentPage[], namespaces: NamespacePage[]): HomeView {
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
    ...flags.map((f) => ({ link: { href: b.href(f.url), text: f.ref }, d: f as Documented })),
    ...resources.map((r) => ({ link: { href: b.href(r.url), text: r.ref }, d: r as Documented })),
  ];
  for (const { link, d } of documentedItems) {
    if (d.creationHtml) creation.push({ link, html: d.creationHtml });
    const parts = [d.validityHtml ? `valid for ${d.validityHtml}` : '', d.refreshHtml ?? ''].filter(Boolean);
    if (parts.length) rotation.push({ link, html: parts.join('; ') });
  }
  const edgeCount = model.edges.length;
  return {
    counts: [
      { label: 'components', value: components.length, href: b.href(COMPONENTS_URL) },
      { label: 'TLS flags', value: flags.length, href: b.href(FLAGS_URL) },
      { label: 'must-verify edges', value: edgeCount, href: `${b.href(HOME_URL)}#what-breaks` },
      { label: 'namespaces', value: namespaces.length, href: b.href(NAMESPACES_URL) },
      { label: 'ConfigMaps and Secrets', value: resources.length, href: b.href(NAMESPACES_URL) },
    ],
    diagrams: [OVERALL_ID, RESOURCE_FLOW_ID].filter((id) => b.diagrams.has(id)),
    components: components.map((c) => ({
      href: b.href(c.url),
      text: c.name,
      flagCount: c.flags.length,
      ...(c.descriptionHtml ? { descriptionHtml: c.descriptionHtml } : {}),
    })),
    namespaces: namespaces.map((n) => ({ href: b.href(n.url), text: n.name, resourceCount: n.resources.length })),
    breaks,
    creation,
    rotation,
    rotationToggles: flags.filter((f) => f.kind === 'rotation-toggle').map((f) => b.flagLink(f.ref)),
    itemCount: flags.length + resources.length,
    flagCount: flags.length,
    resourceCount: resources.length,
  };
}

function enhancementView(b: Builder): EnhancementView {
  const file = path.relative(process.cwd(), b.settings.enhancementFile).split(path.sep).join('/');
  let text: string;
  try {
    text = readFileSync(b.settings.enhancementFile, 'utf8');
  } catch {
    return { available: false, file, html: '', headings: [], frontMatter: [], diagrams: [] };
  }
  const frontMatter: EnhancementView['frontMatter'] = [];
  const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(text);
  if (fm) {
    text = text.slice(fm[0].length);
    try {
      const data = YAML.parse(fm[1]!) as Record<string, unknown> | null;
      for (const [key, value] of Object.entries(data ?? {})) {
        frontMatter.push({ key, value: frontMatterValue(value) });
      }
    } catch {
      /* front matter that does not parse is shown as nothing rather than failing the site */
    }
  }
  // Mermaid blocks that match a diagram are shown as its rendered figure.
  const bySource = new Map<string, string>();
  for (const d of b.diagrams.values()) bySource.set(d.source.trim(), d.id);
  const used: string[] = [];
  const { html, headings } = renderDocument(text, b.linker, (lang, content) => {
    if (lang !== 'mermaid') return undefined;
    const id = bySource.get(content.trim());
    if (!id) return undefined;
    used.push(id);
    return diagramFigure(b.diagrams.get(id));
  });
  return { available: true, file, html, headings, frontMatter, diagrams: used };
}

/** Everything the templates need, computed once. Throws a UserError when the data has problems. */
export function buildSiteData(settings: SiteSettings): SiteData {
  const result = validateDataDir(settings.dataDir);
  if (!result.model || result.problems.length) {
    const first = result.problems[0];
    const more = result.problems.length > 1 ? ` (and ${result.problems.length - 1} more)` : '';
    throw new UserError(
      first
        ? `the data has problems, fix them first (run \`npx certdocs validate --data ${settings.dataDir}\`): ${formatProblemText(first)}${more}`
        : `no data found in ${settings.dataDir}`,
    );
  }
  const model = result.model;
  const diagrams = diagramViews(buildDiagrams(model), settings.diagramsDir);
  const b = new Builder(model, settings, diagrams);

  const edgesOf = new Map<string, { verifies: TrustEdge[]; verifiedBy: TrustEdge[] }>();
  const slot = (ref: string) => {
    let s = edgesOf.get(ref);
    if (!s) edgesOf.set(ref, (s = { verifies: [], verifiedBy: [] }));
    return s;
  };
  for (const e of model.edges) {
    slot(e.verifier).verifies.push(e);
    slot(e.verified).verifiedBy.push(e);
  }
  const pairedBy = new Map<string, string[]>();
  for (const fn of model.flags.values()) {
    const target = fn.data.pairsWith ? resolveFlagRef(fn.data.pairsWith) : undefined;
    if (target) pairedBy.set(target, [...(pairedBy.get(target) ?? []), fn.ref].sort(cmp));
  }

  const { view: troubleshoot, byEdge } = troubleshootView(b);
  const flags = flagPages(b, pairedBy, edgesOf, byEdge);
  const resources = resourcePages(b);
  const components = componentPages(b, edgesOf);
  const namespaces = namespacePages(b);
  const home = homeView(b, flags, resources, components, namespaces);
  const enhancement = enhancementView(b);
  const materials = buildMaterialSiteData(model, (url) => b.href(url));

  const meta: Record<string, PageMeta> = {};
  const describe = (url: string, title: string, description: string, diagramIds: Array<string | undefined> = []) => {
    meta[url] = { title, description, mermaid: b.needsMermaid(diagramIds) };
  };
  describe(HOME_URL, 'Control-plane TLS certificates', 'What each control-plane TLS flag is for, what verifies it, what feeds it and what breaks when it is wrong.', home.diagrams);
  for (const f of flags) {
    const node = model.flags.get(f.ref) as FlagNode;
    describe(f.url, f.ref, `${f.kindLabel}: ${plainText(node.data.purpose)}`, [f.diagram]);
  }
  for (const r of resources) {
    const node = model.resources.get(r.ref) as ResourceNode;
    describe(r.url, r.ref, node.data.purpose ? plainText(node.data.purpose) : `${r.typeLabel} ${r.name} in namespace ${r.namespace.text}`);
  }
  for (const c of components) describe(c.url, c.name, `The TLS flags of ${c.name}: what each is for and what it must verify.`, [c.diagram]);
  for (const n of namespaces) describe(n.url, n.name, `ConfigMaps and Secrets in ${n.name}: what they feed, who produces and consumes them.`);
  for (const [edge, e] of byEdge) {
    const symptoms = symptomsOf(edge);
    describe(e.url, `${e.verifier.ref} verifies ${e.verified.ref}`, symptoms ? `Checked by ${plainText(symptoms.checkedBy)}` : `A must-verify edge: ${e.verifier.ref} must be able to verify ${e.verified.ref}.`);
  }
  describe(TROUBLESHOOT_URL, 'Troubleshoot a TLS error', 'Paste an error line from a log: the must-verify edges that explain it, ranked, with what breaks and the commands to inspect them.');
  describe(ENHANCEMENT_URL, 'The kube-apiserver certificates enhancement', 'The enhancement document generated from the data.', enhancement.diagrams);
  describe(ROTATION_URL, 'Rotation', 'Every certificate by how often it changes, with its signer, creator and sources.');
  describe(SIGNERS_URL, 'Signer tree', 'Every signer, what it signs, the CA bundles that trust it and the flags that use it.', materials.signers.diagrams);

  return {
    pathPrefix: settings.pathPrefix,
    urls: {
      home: b.href(HOME_URL),
      components: b.href(COMPONENTS_URL),
      flags: b.href(FLAGS_URL),
      namespaces: b.href(NAMESPACES_URL),
      enhancement: b.href(ENHANCEMENT_URL),
      schemas: b.href(SCHEMAS_URL),
      search: b.href(SEARCH_URL),
      troubleshoot: b.href(TROUBLESHOOT_URL),
      check: b.href(CHECK_URL),
    },
    meta,
    home,
    components,
    flags,
    namespaces,
    resources,
    diagrams: Object.fromEntries(diagrams),
    enhancement,
    schemas: schemaViews(),
    troubleshoot,
    materials,
  };
}

/** A front matter value as text: scalars as written, lists joined with commas, nested mappings as compact JSON (never "[object Object]"). */
export function frontMatterValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(frontMatterValue).join(', ');
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
