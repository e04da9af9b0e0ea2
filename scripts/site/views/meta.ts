/**
 * Every page's title, description and whether it needs the browser's Mermaid,
 * by URL: Eleventy computes each page's title and description from it
 * (templates/templates.11tydata.js).
 */
import { symptomsOf } from '../../model/symptoms.ts';
import type { FlagNode, ResourceNode, TrustEdge } from '../../model/model.ts';
import { ROTATION_URL, SIGNERS_URL, type MaterialSiteData } from '../material-views.ts';
import type { TroubleshootEdge } from '../troubleshoot.ts';
import { CHECK_URL, COMPONENTS_URL, ENHANCEMENT_URL, FLAGS_URL, HOME_URL, NAMESPACES_URL, NOT_FOUND_URL, SCHEMAS_URL, SEARCH_URL, TROUBLESHOOT_URL } from '../urls.ts';
import { plainText, type Builder } from './builder.ts';
import type { EnhancementView } from './enhancement.ts';
import type { FlagPage } from './flag-pages.ts';
import type { HomeView } from './home.ts';
import type { ComponentPage, NamespacePage } from './index-pages.ts';
import type { ResourcePage } from './resource-pages.ts';

export interface PageMeta {
  title: string;
  description: string;
  /** The page shows a diagram that has to be rendered in the browser. */
  mermaid: boolean;
}

export interface MetaInputs {
  home: HomeView;
  flags: FlagPage[];
  resources: ResourcePage[];
  components: ComponentPage[];
  namespaces: NamespacePage[];
  edges: Map<TrustEdge, TroubleshootEdge>;
  enhancement: EnhancementView;
  materials: MaterialSiteData;
}

export function pageMeta(b: Builder, v: MetaInputs): Record<string, PageMeta> {
  const { model } = b;
  const meta: Record<string, PageMeta> = {};
  const describe = (url: string, title: string, description: string, diagramIds: Array<string | undefined> = []) => {
    meta[url] = { title, description, mermaid: b.needsMermaid(diagramIds) };
  };
  describe(HOME_URL, 'Control-plane TLS certificates', 'What each control-plane TLS flag is for, what verifies it, what feeds it and what breaks when it is wrong.', v.home.diagrams);
  for (const f of v.flags) {
    const node = model.flags.get(f.ref) as FlagNode;
    describe(f.url, f.ref, `${f.kindLabel}: ${plainText(node.data.purpose)}`, [f.diagram]);
  }
  for (const r of v.resources) {
    const node = model.resources.get(r.ref) as ResourceNode;
    describe(r.url, r.ref, node.data.purpose ? plainText(node.data.purpose) : `${r.typeLabel} ${r.name} in namespace ${r.namespace.text}`);
  }
  for (const c of v.components) describe(c.url, c.name, `The TLS flags of ${c.name}: what each is for and what it must verify.`, [c.diagram]);
  for (const n of v.namespaces) describe(n.url, n.name, `ConfigMaps and Secrets in ${n.name}: what they feed, who produces and consumes them.`);
  for (const [edge, e] of v.edges) {
    const symptoms = symptomsOf(edge);
    describe(e.url, `${e.verifier.ref} verifies ${e.verified.ref}`, symptoms ? `Checked by ${plainText(symptoms.checkedBy)}` : `A must-verify edge: ${e.verifier.ref} must be able to verify ${e.verified.ref}.`);
  }
  describe(COMPONENTS_URL, 'Components', 'The control-plane binaries and their TLS-related flags.');
  describe(FLAGS_URL, 'All TLS flags', 'Every documented TLS-related flag, by component, with what it is for.');
  describe(NAMESPACES_URL, 'Namespaces', 'The namespaces whose ConfigMaps and Secrets feed control-plane TLS flags.');
  describe(SCHEMAS_URL, 'Data schemas', 'The JSON Schemas that every file in data/ must match, for contributors.');
  describe(CHECK_URL, 'Check your cluster', "Point certdocs verify at a cluster's certificates and learn which documented edge is broken, with its documented consequence.");
  describe(SEARCH_URL, 'Search', 'Search every flag, ConfigMap, Secret and page of the site.');
  describe(NOT_FOUND_URL, 'Page not found', 'This page does not exist.');
  describe(TROUBLESHOOT_URL, 'Troubleshoot a TLS error', 'Paste an error line from a log: the must-verify edges that explain it, ranked, with what breaks and the commands to inspect them.');
  describe(ENHANCEMENT_URL, 'The kube-apiserver certificates enhancement', 'The enhancement document generated from the data.', v.enhancement.diagrams);
  describe(ROTATION_URL, 'Rotation', 'Every certificate by how often it changes, with its signer, creator and sources.');
  describe(SIGNERS_URL, 'Signer tree', 'Every signer, what it signs, the CA bundles that trust it and the flags that use it.', v.materials.signers.diagrams);
  return meta;
}
