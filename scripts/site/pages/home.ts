/** The home page: the four questions, answered from the data. */
import { plural } from '../../lib/plural.ts';
import { diagramFigure } from '../diagrams.ts';
import { html, raw, type Html } from '../html.ts';
import type { SiteData } from '../site-data.ts';
import { flagLink, link } from './parts.ts';

export function homeBody(site: SiteData): string {
  const h = site.home;
  const mc = site.materials.coverage;
  const notYet = (n: number) => (n < mc.items ? html`; for the rest it is <span class="undocumented">not documented yet</span>` : '');
  const items = (list: Array<{ link: { href: string; text: string }; html: string }>): Html | string =>
    list.length ? html`<ul>${list.map((i) => html`<li>${link(i.link)}: ${raw(i.html)}</li>`)}</ul>\n` : '';
  const figure = (id: string | undefined) => raw(diagramFigure(id ? site.diagrams[id] : undefined));
  return html`<h1>Control-plane TLS certificates</h1>
<p class="lead">Which certificates, CA bundles and keys the Kubernetes and OpenShift control plane uses: what each TLS flag is for, what must be able to verify it, which ConfigMaps and Secrets feed it, and what breaks when it is wrong.</p>
<p>Everything here is generated from schema-validated data in <code>data/</code>, the same data that generates the <a href="${site.urls.enhancement}">kube-apiserver certificates enhancement</a>.</p>

<form class="big-search" role="search" action="${site.urls.search}" method="get">
  <label for="home-search">Search a flag, ConfigMap or Secret</label>
  <div class="search-row">
    <input id="home-search" name="q" type="search" placeholder="e.g. cluster-signing-cert-file" autocomplete="off">
    <button type="submit">Search</button>
  </div>
</form>

<ul class="counts" aria-label="What is documented">
${h.counts.map((c) => html`<li><a href="${c.href}"><span class="count">${c.value}</span> ${c.label}</a></li>\n`)}</ul>

<nav class="questions" aria-label="Four questions">
<ul>
  <li><a href="#what-for">What is it for?</a></li>
  <li><a href="#how-created">How is it created?</a></li>
  <li><a href="#what-breaks">What breaks when it fails?</a></li>
  <li><a href="#how-rotated">How often is it rotated?</a></li>
</ul>
</nav>

<section aria-labelledby="what-for">
<h2 id="what-for">What is it for?</h2>
<p>Every flag has its own page with its purpose. Browse them by component:</p>
<ul class="cards">
${h.components.map((c) => html`<li><a href="${c.href}">${c.text}</a> <span class="muted">${plural(c.flagCount, 'flag')}</span></li>\n`)}</ul>
<p>The ConfigMaps and Secrets that feed them, by namespace:</p>
<ul class="cards">
${
  h.namespaces.length
    ? h.namespaces.map((n) => html`<li><a href="${n.href}">${n.text}</a> <span class="muted">${plural(n.resourceCount, 'resource')}</span></li>\n`)
    : html`<li class="muted">No namespace is documented yet.</li>\n`
}</ul>
</section>

<section aria-labelledby="how-created">
<h2 id="how-created">How is it created?</h2>
<p>${mc.answered.creation} of ${mc.items} flags and resources say who creates the certificate material behind them, and ${mc.answered.signer} of ${mc.items} which signer issued it${notYet(mc.answered.creation)} (rotation toggles are not counted; the same figures as <code>certdocs coverage</code>). Each flag and resource page answers it at the top, with a link to the source of every fact; the <a href="${site.materials.urls.signers}">signer tree</a> shows every signer, what it signs and the flags that use it.</p>
${items(h.creation)}</section>

<section aria-labelledby="what-breaks">
<h2 id="what-breaks">What breaks when it fails?</h2>
${
  h.breaks.length
    ? html`<p>Each flag page lists everything that breaks if it is wrong. The consequences documented so far:</p>
<ul class="breaks">
${h.breaks.map((b) => html`<li>If ${flagLink(b.verifier)} cannot verify ${flagLink(b.verified)}: ${raw(b.html)}</li>\n`)}</ul>
`
    : html`<p class="muted">No consequence is documented yet.</p>\n`
}</section>

<section aria-labelledby="how-rotated">
<h2 id="how-rotated">How often is it rotated?</h2>
<p>${mc.answered.rotation} of ${mc.items} flags and resources document the validity and refresh of the material behind them${notYet(mc.answered.rotation)}, and ${mc.answered.owner} of ${mc.items} its owner. The <a href="${site.materials.urls.rotation}">rotation page</a> lists every certificate by how often it changes.</p>
${items(h.rotation)}${h.rotationToggles.length ? html`<p>Flags that switch rotation on:</p>\n<ul>${h.rotationToggles.map((f) => html`<li>${flagLink(f)}</li>`)}</ul>\n` : ''}</section>
${
  h.diagrams.length
    ? html`
<section aria-labelledby="trust-diagram">
<h2 id="trust-diagram">The trust graph</h2>
<p>An arrow goes from the flag that verifies (a CA bundle or token-verifying keys) to the flag it must be able to verify.</p>
${figure(h.diagrams[0])}
</section>
`
    : ''
}${
  h.diagrams.length > 1
    ? html`
<section aria-labelledby="resource-flow">
<h2 id="resource-flow">Where the files come from</h2>
${figure(h.diagrams[1])}
</section>
`
    : ''
}`.value;
}
