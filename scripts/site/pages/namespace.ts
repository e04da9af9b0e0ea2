/** The page of one namespace: /namespaces/<namespace>/. */
import { html, join, raw } from '../html.ts';
import type { NamespacePage, SiteData } from '../site-data.ts';
import { actors, crumbs, flagLink, link } from './parts.ts';

export function namespaceBody(ns: NamespacePage, site: SiteData): string {
  const n = ns.resources.length;
  return html`${crumbs([{ href: site.urls.home, text: 'Home' }, { href: site.urls.namespaces, text: 'Namespaces' }], ns.name)}<h1>${ns.name}</h1>
${ns.contractHtml ? html`<div class="contract">${raw(ns.contractHtml)}</div>\n` : ''}<p>${n} ${n === 1 ? 'ConfigMap or Secret' : 'ConfigMaps and Secrets'}.</p>
<div class="table-wrap" tabindex="0">
<table>
<caption class="visually-hidden">ConfigMaps and Secrets in ${ns.name}</caption>
<thead><tr><th scope="col">Resource</th><th scope="col">What it is for</th><th scope="col">Who produces it</th><th scope="col">Who consumes it</th></tr></thead>
<tbody>
${ns.resources.map(
  (r) => html`<tr>
  <th scope="row">${link(r)}</th>
  <td>${join(
    [
      r.purposeHtml ? raw(r.purposeHtml) : '',
      r.feeds.length ? html`Feeds ${join(r.feeds.map((f) => flagLink(f)), ', ')}.` : '',
      r.publishes.length ? html`Published copy of what ${join(r.publishes.map((f) => flagLink(f)), ', ')} uses.` : '',
    ].filter((part) => part !== ''),
    ' ',
  )}</td>
  <td>${actors(r.producers)}</td>
  <td>${actors(r.consumers)}</td>
</tr>
`,
)}</tbody>
</table>
</div>
<p class="source">Defined in <code>${ns.source.file}</code>.</p>
`.value;
}
