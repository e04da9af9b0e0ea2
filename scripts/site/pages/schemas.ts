/** The JSON Schemas as a reference for contributors. */
import { html, join, raw, type Html } from '../html.ts';
import type { ObjectView } from '../schemas.ts';
import type { SiteData } from '../site-data.ts';
import { crumbs } from './parts.ts';

const codes = (values: string[]) => join(values.map((v) => html`<code>${v}</code>`), ', ');

function objectTable(o: ObjectView): Html {
  if (!o.properties.length) {
    return html`<p>Type: ${raw(o.typeHtml)}${o.constraints.map((c) => html`; ${c}`)}${o.values.length ? html`. One of: ${codes(o.values)}` : ''}.</p>\n`;
  }
  return html`<div class="table-wrap" tabindex="0">
<table class="schema">
<caption class="visually-hidden">Properties of ${o.name}</caption>
<thead><tr><th scope="col">Property</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead>
<tbody>
${o.properties.map(
  (p) => html`<tr>
  <th scope="row"><code>${p.name}</code>${p.required ? html` <span class="required">required</span>` : ''}</th>
  <td>${raw(p.typeHtml)}${p.constraints.map((c) => html`<br><span class="muted">${c}</span>`)}</td>
  <td>${raw(p.descriptionHtml)}${p.values.length ? html`<br>One of: ${codes(p.values)}` : ''}</td>
</tr>
`,
)}</tbody>
</table>
</div>
${o.closed ? html`<p class="muted">No other properties are allowed.</p>\n` : ''}`;
}

export function schemasBody(site: SiteData): string {
  return html`${crumbs([{ href: site.urls.home, text: 'Home' }], 'Schemas')}<h1>Data schemas</h1>
<p class="lead">Every file in <code>data/</code> is checked against these JSON Schemas (draft 2020-12) by <code>npx certdocs validate</code>, then against the semantic rules. Required properties are marked.</p>
<nav class="toc" aria-label="Schemas"><ul>${site.schemas.map((s) => html`<li><a href="#${s.anchor}">${s.title}</a> <span class="muted">${s.file}</span></li>`)}</ul></nav>
${site.schemas.map(
  (s) => html`<section aria-labelledby="${s.anchor}">
<h2 id="${s.anchor}">${s.title} <span class="muted small">${s.file}</span></h2>
${s.descriptionHtml ? html`<p>${raw(s.descriptionHtml)}</p>\n` : ''}${s.root ? html`<h3 id="${s.root.anchor}">The file</h3>\n${objectTable(s.root)}` : ''}${s.definitions.map(
    (d) => html`<h3 id="${d.anchor}"><code>${d.name}</code></h3>
${d.descriptionHtml ? html`<p>${raw(d.descriptionHtml)}</p>\n` : ''}${objectTable(d)}`,
  )}</section>
`,
)}`.value;
}
