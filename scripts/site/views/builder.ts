/**
 * The site builder: links, rendered markdown (each text once), sources,
 * edges and impacts as views, shared by every page's view module.
 */
import path from 'node:path';
import { cmp } from '../../lib/problems.ts';
import { lineOf, type JsonFile } from '../../load/json-file.ts';
import type { Impact } from '../../model/impact.ts';
import { resolveFlagRef, resolveResourceRef, type Model, type TrustEdge } from '../../model/model.ts';
import { KIND_LABELS, type Edge, type Rotation } from '../../model/types.ts';
import type { DiagramView } from '../diagrams.ts';
import type { FlagLink, Link } from '../links.ts';
import { inlineText, renderInline, type RefLinker, type RenderContext } from '../markdown.ts';
import type { SiteSettings } from '../settings.ts';
import { flagUrl, resourceUrl } from '../urls.ts';

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

export interface ActorView {
  name: string;
  descriptionHtml?: string;
}

/** Plain text from inline markdown, for meta descriptions. */
export function plainText(markdown: string, max = 200): string {
  const read = inlineText(markdown);
  // Most texts have single spaces only: no new string for them.
  const text = /\s\s|[^\S ]|^\s|\s$/.test(read) ? read.replace(/\s+/g, ' ').trim() : read;
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

export function typeLabel(name: string): string {
  return name.startsWith('secret/') ? 'Secret' : 'ConfigMap';
}

/** A code span that a render context can resolve: "--flag", "cm/name" or "secret/name" alone. */
const CONTEXTUAL = /`\s*(?:--|cm\/|secret\/)/;

/** Sort by reference. */
export function byRef<T extends { ref: string }>(a: T, b: T): number {
  return cmp(a.ref, b.ref);
}

export class Builder {
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

  /** Where a code span in markdown points: a flag, a resource, or nothing. */
  linkFor(text: string, context: RenderContext): string | undefined {
    const t = text.trim();
    const flag = resolveFlagRef(t);
    if (flag && this.model.flags.has(flag)) return flagUrl(flag);
    if (context.component && t.startsWith('--') && this.model.flags.has(`${context.component} ${t}`))
      return flagUrl(`${context.component} ${t}`);
    const resource = resolveResourceRef(t, context.namespace ?? '');
    if (resource && this.model.resources.has(resource)) return resourceUrl(resource);
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
        ? { ref, href: flagUrl(ref), text: ref, kind: node.data.kind, kindLabel: KIND_LABELS[node.data.kind] }
        : { ref, href: '', text: ref };
      this.flagLinks.set(ref, link);
    }
    return link;
  }

  resourceLink(ref: string): Link {
    let link = this.resourceLinks.get(ref);
    if (!link) {
      link = { href: this.model.resources.has(ref) ? resourceUrl(ref) : '', text: ref };
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
    return { file: shown, line: lineOf(file, pointer) };
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
    return ids.some((id) => {
      const view = id === undefined ? undefined : this.diagrams.get(id);
      return view !== undefined && !view.svg && !view.tooLarge;
    });
  }
}
