/** The frame of every page: head, header with the site navigation and search box, footer, scripts. */
import { escape, html, raw, type Html } from '../html.ts';
import { MERMAID_CONFIG } from '../../render/config.ts';
import type { SiteFrame } from '../page-bodies.ts';
import { SEARCH_RANKING } from '../search-ranking.ts';

/** The page's body and what the frame shows around it (from the page's Eleventy data, through the `page` shortcode). */
export interface LayoutData {
  content: string;
  title: string;
  description: string;
  /** The page shows a diagram that has to be rendered in the browser. */
  mermaid: boolean;
  /** The search page: Pagefind's UI instead of the header's search box. */
  search?: boolean;
  /** Left out of the search index. */
  noindex?: boolean;
  /** The navigation entry marked as current. */
  section?: string;
  page: { url: string };
  certdocs: SiteFrame;
}

/**
 * The build's Mermaid configuration (scripts/render/config.ts) for diagrams drawn in the browser:
 * the same look and the same raised limits (Mermaid's own defaults would refuse a diagram the
 * build draws). Ids need not be deterministic there.
 */
const BROWSER_MERMAID_CONFIG = raw(
  escape(JSON.stringify(Object.fromEntries(Object.entries(MERMAID_CONFIG).filter(([key]) => !['startOnLoad', 'deterministicIds', 'deterministicIDSeed'].includes(key))))),
);

const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

/** The header differs only by the current section, the home page and the search page: built once per variant. */
const headers = new WeakMap<SiteFrame, Map<string, Html>>();

function header(d: LayoutData): Html {
  let built = headers.get(d.certdocs);
  if (!built) headers.set(d.certdocs, (built = new Map()));
  const key = `${d.section ?? ''}\u0000${d.page.url === '/'}\u0000${d.search === true}`;
  let out = built.get(key);
  if (!out) built.set(key, (out = buildHeader(d)));
  return out;
}

function buildHeader(d: LayoutData): Html {
  const site = d.certdocs;
  const current = (on: boolean) => (on ? raw(' aria-current="page"') : '');
  const nav: Array<[string, string, string]> = [
    ['components', site.urls.components, 'Components'],
    ['flags', site.urls.flags, 'Flags'],
    ['namespaces', site.urls.namespaces, 'Namespaces'],
    ['troubleshoot', site.urls.troubleshoot, 'Troubleshoot'],
    ['rotation', site.materials.urls.rotation, 'Rotation'],
    ['signers', site.materials.urls.signers, 'Signers'],
    ['enhancement', site.urls.enhancement, 'Enhancement'],
    ['check', site.urls.check, 'Check your cluster'],
    ['schemas', site.urls.schemas, 'Schemas'],
  ];
  return html`<header class="site-header">
  <div class="wrap header-row">
    <a class="brand" href="${site.urls.home}"${current(d.page.url === '/')}>certdocs<span class="brand-sub"> control-plane TLS</span></a>
    <nav aria-label="Site">
      <ul class="nav">
${nav.map(([section, href, text]) => html`        <li><a href="${href}"${current(d.section === section)}>${text}</a></li>\n`)}      </ul>
    </nav>
${
  d.search
    ? ''
    : html`    <form class="header-search" role="search" action="${site.urls.search}" method="get">
      <label for="site-search" class="visually-hidden">Search flags and resources</label>
      <input id="site-search" name="q" type="search" placeholder="Search, e.g. cluster-signing-cert-file" autocomplete="off">
      <button type="submit">Search</button>
    </form>
`
}  </div>
</header>`;
}

export function layoutPage(d: LayoutData): string {
  const prefix = d.certdocs.pathPrefix;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="${raw(CSP)}">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${d.title} · certdocs</title>
<meta name="description" content="${d.description}">
<link rel="stylesheet" href="/assets/site.css">
${d.search ? html`<link rel="stylesheet" href="/pagefind/pagefind-ui.css">\n` : ''}</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
${header(d)}
<main id="main" class="wrap" tabindex="-1"${d.noindex ? '' : raw(' data-pagefind-body')}>
${raw(d.content)}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>Generated from the schema-validated data in <code>data/</code>. Found something wrong? Change the data, run <code>npm run build</code>, and send a pull request.</p>
  </div>
</footer>
<script src="/assets/copy.js" defer></script>
<script src="/assets/diagram-viewer.js" defer></script>
${d.mermaid ? html`<script src="/assets/mermaid.min.js"></script>\n<script src="/assets/diagrams.js" data-config="${BROWSER_MERMAID_CONFIG}"></script>\n` : ''}${
    d.search
      ? html`<script src="/pagefind/pagefind-ui.js"></script>
<script src="/assets/search.js" data-bundle="${prefix}pagefind/" data-base="${prefix}" data-ranking="${JSON.stringify(SEARCH_RANKING)}"></script>
`
      : ''
  }</body>
</html>
`.value;
}
