/** The page of one component: /components/<name>/. */
import { diagramFigure } from '../diagrams.ts';
import { html, raw } from '../html.ts';
import type { ComponentPage, SiteData } from '../site-data.ts';
import { crumbs, flagLink, kind } from './parts.ts';

function edges(verifies: number, verifiedBy: number): string {
  return [verifies ? `verifies ${verifies}` : '', verifiedBy ? `verified by ${verifiedBy}` : ''].filter(Boolean).join(', ');
}

export function componentBody(c: ComponentPage, site: SiteData): string {
  return html`${crumbs([{ href: site.urls.home, text: 'Home' }, { href: site.urls.components, text: 'Components' }], c.name)}<h1>${c.name}</h1>
${c.descriptionHtml ? html`<p class="lead">${raw(c.descriptionHtml)}</p>\n` : ''}<p>${c.flags.length} TLS-related flag${c.flags.length === 1 ? '' : 's'}.</p>
<div class="table-wrap" tabindex="0">
<table>
<caption class="visually-hidden">TLS flags of ${c.name}</caption>
<thead><tr><th scope="col">Flag</th><th scope="col">Kind</th><th scope="col">What it is for</th><th scope="col">Edges</th></tr></thead>
<tbody>
${c.flags.map((f) => html`<tr><th scope="row">${flagLink(f, true)}</th><td>${kind(f)}</td><td>${raw(f.purposeHtml)}</td><td class="num">${edges(f.verifiesCount, f.verifiedByCount)}</td></tr>\n`)}</tbody>
</table>
</div>
<section aria-labelledby="diagram">
<h2 id="diagram">Diagram</h2>
${c.diagram ? raw(diagramFigure(site.diagrams[c.diagram])) : html`<p class="muted">No diagram.</p>`}
</section>
<p class="source">Defined in <code>${c.source.file}</code>.</p>
`.value;
}
