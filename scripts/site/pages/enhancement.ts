/** The generated enhancement, rendered (scripts/site/markdown.ts), with its metadata and contents. */
import { html, raw } from '../html.ts';
import type { SiteData } from '../site-data.ts';
import { crumbs } from './parts.ts';

export function enhancementBody(site: SiteData): string {
  const e = site.enhancement;
  const top = crumbs([{ href: site.urls.home, text: 'Home' }], 'Enhancement');
  if (!e.available) {
    return html`${top}<h1>The enhancement</h1>
<p class="muted">The enhancement has not been generated yet. Run <code>npm run build</code> to write <code>${e.file}</code>.</p>
`.value;
  }
  const toc = e.headings.filter((h) => h.depth > 1 && h.depth <= 3);
  return html`${top}<p class="note">This is <code>${e.file}</code>, generated from <code>data/</code> by <code>certdocs generate</code>. Edit the data, not the document.</p>
${
  e.frontMatter.length
    ? html`<details class="front-matter"><summary>Enhancement metadata</summary>
<dl class="facts">${e.frontMatter.map((f) => html`<dt>${f.key}</dt><dd>${f.value || raw('&mdash;')}</dd>`)}</dl>
</details>
`
    : ''
}${
  e.headings.length > 3
    ? html`<nav class="toc" aria-label="Contents"><h2 id="contents">Contents</h2>
<ul>${toc.map((h) => html`<li class="toc-${h.depth}"><a href="#${h.id}">${h.text}</a></li>`)}</ul>
</nav>
`
    : ''
}<article class="prose">
${raw(e.html)}
</article>
`.value;
}
