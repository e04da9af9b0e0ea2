/** One view per ConfigMap or Secret page: /resources/<namespace>/<cm|secret>/<name>/. */
import { impactFrom } from '../../model/impact.ts';
import { contentFlags, resolveFlagRef, resolveResourceRef } from '../../model/model.ts';
import { resourceCommands, type Command } from '../../review/inspect.ts';
import type { FlagLink, Link } from '../links.ts';
import { feedCitations, producerCitations, type FeedCitation, type ProducerCitation } from '../material-views.ts';
import { namespaceUrl, resourceUrl } from '../urls.ts';
import { byRef, typeLabel, type ActorView, type Builder, type Documented, type ImpactView, type SourceView } from './builder.ts';
import { edgesTouching, resourceNeighbourhood } from './neighbourhood.ts';

export interface ResourcePage extends Documented {
  url: string;
  ref: string;
  title: string;
  namespace: Link;
  name: string;
  typeLabel: string;
  purposeHtml?: string;
  feeds: FlagLink[];
  /** What backs each entry of feeds (same order), when documented material does. */
  feedsVia: Array<FeedCitation | undefined>;
  /** Flags this resource is a published copy of (it does not feed them), each with the material that shows it. */
  publishes: Array<{ flag: FlagLink; via?: FeedCitation }>;
  /** Each with the material a cited source shows it writing here, when one does. */
  producers: Array<ActorView & { writes?: ProducerCitation }>;
  consumers: ActorView[];
  /** Resources that are an input to this one. */
  upstream: Link[];
  /** Resources this one is an input to. */
  downstream: Link[];
  impact: ImpactView;
  source: SourceView;
  commands: Command[];
}

export function resourcePages(b: Builder): ResourcePage[] {
  const { model } = b;
  const touching = edgesTouching(model);
  const edgeIndex = new Map(model.edges.map((e, i) => [e, i]));
  const pages: ResourcePage[] = [];
  for (const ns of model.namespaces) {
    for (const rn of ns.resources) {
      if (model.resources.get(rn.ref) !== rn) continue;
      const context = { namespace: rn.namespace };
      const purposeHtml = b.inline(rn.data.purpose, context);
      const cited = producerCitations(model, rn);
      const via = feedCitations(model, rn, contentFlags(rn.data));
      pages.push({
        url: resourceUrl(rn.ref),
        ref: rn.ref,
        title: rn.ref,
        namespace: { href: namespaceUrl(rn.namespace), text: rn.namespace },
        name: rn.data.name,
        typeLabel: typeLabel(rn.data.name),
        feeds: (rn.data.feeds ?? []).map((f) => b.flagLink(resolveFlagRef(f) ?? f)),
        feedsVia: (rn.data.feeds ?? []).map((f) => via.get(f)),
        publishes: (rn.data.publishes ?? []).map((f) => {
          const backing = via.get(f);
          return { flag: b.flagLink(resolveFlagRef(f) ?? f), ...(backing ? { via: backing } : {}) };
        }),
        producers: (rn.data.producers ?? []).map((a) => {
          const writes = cited.get(a);
          return { ...b.actor(a), ...(writes ? { writes } : {}) };
        }),
        consumers: (rn.data.consumers ?? []).map((a) => b.actor(a)),
        upstream: [...(model.inputsOf.get(rn.ref) ?? [])].sort(byRef).map((r) => b.resourceLink(r.ref)),
        downstream: (rn.data.inputTo ?? []).map((t) => b.resourceLink(resolveResourceRef(t, rn.namespace) ?? t)),
        impact: b.impactView(impactFrom(resourceNeighbourhood(model, rn.ref, touching, edgeIndex), { kind: 'resource', ref: rn.ref })),
        source: b.source(rn.file, rn.pointer),
        commands: resourceCommands(model, rn.ref),
        ...(purposeHtml ? { purposeHtml } : {}),
        ...b.documented(rn.data, context),
      });
    }
  }
  return pages;
}
