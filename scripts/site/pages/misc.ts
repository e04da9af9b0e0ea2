/** The search page and the page for an unknown address. */
import { html } from '../html.ts';
import type { SiteData } from '../site-data.ts';

export function searchBody(site: SiteData): string {
  return html`<h1 id="search-label">Search</h1>
<p>Search flags, ConfigMaps, Secrets and the enhancement, e.g. <code>cluster-signing-cert-file</code> or <code>client-ca</code>.</p>
<div id="search" class="search-ui"></div>
<noscript><p>Search needs JavaScript. Browse the <a href="${site.urls.flags}">list of all flags</a> instead.</p></noscript>
`.value;
}

export function notFoundBody(site: SiteData): string {
  return html`<h1>Page not found</h1>
<p>There is no page at this address. Flags and resources keep their addresses, so the link may have a typo.</p>
<ul>
  <li><a href="${site.urls.search}">Search</a> for a flag or resource</li>
  <li>Browse <a href="${site.urls.flags}">all flags</a> or <a href="${site.urls.namespaces}">all namespaces</a></li>
  <li>Go to the <a href="${site.urls.home}">home page</a></li>
</ul>
`.value;
}
