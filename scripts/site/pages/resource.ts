/** The page of one ConfigMap or Secret: /resources/<namespace>/<cm|secret>/<name>/. */
import { html, join, raw } from '../html.ts';
import type { Link, ResourcePage, SiteData } from '../site-data.ts';
import { actors, commandList, crumbs, inspectNote, flagLink, impact, kind, lifecycle, link } from './parts.ts';
import { answersBox, feedVia, materialSection, producers } from './answers.ts';

function links(items: Link[], none: string) {
  return items.length ? join(items.map(link), ', ') : html`<span class="muted">${none}</span>`;
}

export function resourceBody(r: ResourcePage, site: SiteData): string {
  return html`${crumbs([{ href: site.urls.home, text: 'Home' }, r.namespace], r.name)}<h1><code>${r.ref}</code></h1>
<p class="lead">${r.typeLabel} in namespace <a href="${r.namespace.href}">${r.namespace.text}</a></p>
${r.purposeHtml ? html`<p class="purpose">${raw(r.purposeHtml)}</p>\n` : ''}${answersBox(site.materials.answers[r.ref], site)}
<section aria-labelledby="feeds">
<h2 id="feeds">Flags it feeds</h2>
${r.feeds.length ? html`<ul>${r.feeds.map((f, i) => html`<li>${flagLink(f)} ${kind(f)}${feedVia(r.feedsVia[i], site)}</li>`)}</ul>` : html`<p class="muted">It feeds no flag directly.</p>`}
${
  r.publishes.length
    ? html`<p>A published copy of what these flags use; their files are filled from elsewhere, so changing this copy alone does not change them (it is not in <a href="#what-breaks">what breaks</a>):</p>
<ul>${r.publishes.map((p) => html`<li>${flagLink(p.flag)} ${kind(p.flag)}${feedVia(p.via, site)}</li>`)}</ul>
`
    : ''
}</section>

<section aria-labelledby="actors">
<h2 id="actors">Producers and consumers</h2>
<dl class="facts">
  <dt>Produced by</dt><dd>${producers(r.producers, site)}</dd>
  <dt>Consumed by</dt><dd>${actors(r.consumers)}</dd>
</dl>
</section>

<section aria-labelledby="flow">
<h2 id="flow">Upstream and downstream</h2>
<dl class="facts">
  <dt>Built from (upstream)</dt><dd>${links(r.upstream, 'no resource is documented as an input to it')}</dd>
  <dt>Input to (downstream)</dt><dd>${links(r.downstream, 'no other resource')}</dd>
</dl>
</section>

<section aria-labelledby="what-breaks">
<h2 id="what-breaks">What breaks if this is wrong</h2>
${impact(r.impact, 'this resource or what it feeds')}</section>

<section aria-labelledby="inspect">
<h2 id="inspect">Inspect it</h2>
${inspectNote()}${commandList(r.commands)}</section>

${materialSection(site.materials.answers[r.ref], site)}${
  r.creationHtml || r.validityHtml || r.refreshHtml || r.ownerHtml
    ? html`<section aria-labelledby="lifecycle">
<h2 id="lifecycle">Creation and rotation, as written on the resource</h2>
${lifecycle(r)}</section>`
    : ''
}

<p class="source">Defined in <code>${r.source.file}</code> at line ${r.source.line}.</p>
`.value;
}
