/** The index pages: all components, all flags by component, all namespaces with their resources. */
import { plural } from '../../lib/plural.ts';
import { html, join, raw } from '../html.ts';
import type { SiteData } from '../site-data.ts';
import { crumbs, flagLink, kind } from './parts.ts';

export function componentsBody(site: SiteData): string {
  return html`${crumbs([{ href: site.urls.home, text: 'Home' }], 'Components')}<h1>Components</h1>
<ul class="cards">
${site.home.components.map(
  (c) => html`  <li><a href="${c.href}">${c.text}</a> <span class="muted">${plural(c.flagCount, 'flag')}</span>${c.descriptionHtml ? html`<br>${raw(c.descriptionHtml)}` : ''}</li>\n`,
)}</ul>
`.value;
}

export function flagsBody(site: SiteData): string {
  return html`${crumbs([{ href: site.urls.home, text: 'Home' }], 'Flags')}<h1>All TLS flags</h1>
${site.components.map(
  (c) => html`<h2 id="${c.name}"><a href="${c.url}">${c.name}</a></h2>
<ul class="flag-list">
${c.flags.map((f) => html`<li>${flagLink(f, true)} ${kind(f)} &mdash; ${raw(f.purposeHtml)}</li>\n`)}</ul>
`,
)}`.value;
}

export function namespacesBody(site: SiteData): string {
  return html`${crumbs([{ href: site.urls.home, text: 'Home' }], 'Namespaces')}<h1>Namespaces</h1>
${site.namespaces.map(
  (n) => html`<h2 id="${n.name}"><a href="${n.url}">${n.name}</a></h2>
<ul class="flag-list">
${n.resources.map(
  (r) =>
    html`<li><a href="${r.href}"><code>${r.text}</code></a>${r.feeds.length ? html` &mdash; feeds ${join(r.feeds.map((f) => html`<a href="${f.href}"><code>${f.ref}</code></a>`), ', ')}` : ''}${r.publishes.length ? html` &mdash; published copy of what ${join(r.publishes.map((f) => html`<a href="${f.href}"><code>${f.ref}</code></a>`), ', ')} uses` : ''}</li>\n`,
)}</ul>
`,
)}`.value;
}
