/**
 * The one global data entry of the site (`certdocs`): the validated model
 * with every page's view computed once per build. Templates only lay these
 * views out; no template walks the model or parses markdown, so the work per
 * page stays constant however large the model is. Each kind of view is built
 * by its own module in views/.
 */
import { buildDiagrams } from '../generate/diagrams.ts';
import { cmp, formatProblemText, UserError } from '../lib/problems.ts';
import { resolveFlagRef, type TrustEdge } from '../model/model.ts';
import { validateDataDir } from '../validate/index.ts';
import { diagramViews, type DiagramView } from './diagrams.ts';
import { buildMaterialSiteData, type MaterialSiteData } from './material-views.ts';
import { schemaViews, type SchemaView } from './schemas.ts';
import type { SiteSettings } from './settings.ts';
import { troubleshootView, type TroubleshootView } from './troubleshoot.ts';
import { CHECK_URL, COMPONENTS_URL, ENHANCEMENT_URL, FLAGS_URL, HOME_URL, NAMESPACES_URL, SCHEMAS_URL, SEARCH_URL, TROUBLESHOOT_URL } from './urls.ts';
import { Builder } from './views/builder.ts';
import { enhancementView, type EnhancementView } from './views/enhancement.ts';
import { flagPages, type FlagPage } from './views/flag-pages.ts';
import { homeView, type HomeView } from './views/home.ts';
import { componentPages, namespacePages, type ComponentPage, type NamespacePage } from './views/index-pages.ts';
import { pageMeta, type PageMeta } from './views/meta.ts';
import { resourcePages, type ResourcePage } from './views/resource-pages.ts';

export type { FlagLink, Link } from './links.ts';
export type { ActorView, ConsequenceView, Documented, EdgeView, ImpactView, SourceView } from './views/builder.ts';
export type { EnhancementView } from './views/enhancement.ts';
export { frontMatterValue } from './views/enhancement.ts';
export type { FlagPage } from './views/flag-pages.ts';
export type { HomeView, QuestionItem } from './views/home.ts';
export type { ComponentPage, NamespacePage, ResourceRow } from './views/index-pages.ts';
export type { PageMeta } from './views/meta.ts';
export { edgesTouching, flagNeighbourhood, resourceNeighbourhood } from './views/neighbourhood.ts';
export type { ResourcePage } from './views/resource-pages.ts';

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
  const materials = buildMaterialSiteData(model);

  const meta = pageMeta(b, { home, flags, resources, components, namespaces, edges: byEdge, enhancement, materials });

  return {
    pathPrefix: settings.pathPrefix,
    urls: {
      home: HOME_URL,
      components: COMPONENTS_URL,
      flags: FLAGS_URL,
      namespaces: NAMESPACES_URL,
      enhancement: ENHANCEMENT_URL,
      schemas: SCHEMAS_URL,
      search: SEARCH_URL,
      troubleshoot: TROUBLESHOOT_URL,
      check: CHECK_URL,
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
