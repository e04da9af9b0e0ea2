/**
 * The troubleshooting page: paste a log line, get the must-verify edges that
 * explain it, ranked. Every edge is on the page as built (readable without
 * scripts and indexed by search); assets/troubleshoot.js only reorders and
 * hides these sections. The pasted text stays in the text box: nothing from
 * it is written into the page.
 */
import { html, join, raw } from '../html.ts';
import type { SiteData } from '../site-data.ts';
import type { TroubleshootEdge } from '../troubleshoot.ts';
import { commandList, crumbs, flagLink, kind, link, symptomDetails } from './parts.ts';

function material(items: TroubleshootEdge['verifierMaterial']) {
  return items.length ? join(items.map(link), ', ') : html`<span class="muted">on the host: the file the flag names</span>`;
}

function certs(items: string[], flagHref: string) {
  return items.length ? html`<br><span class="muted">Material:</span> ${join(items.map((c) => html`<code>${c}</code>`), '; ')} (<a href="${flagHref}#at-a-glance">at a glance</a>)` : '';
}

/** What the troubleshooting page and the edge's own page show about one edge. */
export function edgeDetails(e: TroubleshootEdge): string {
  return html`${e.conditionHtml ? html`<p class="condition"><span class="tag">Applies if</span> ${raw(e.conditionHtml)}</p>\n` : ''}<dl class="facts">
  <dt>Verifying side</dt><dd>${flagLink(e.verifier)} ${kind(e.verifier)}: ${material(e.verifierMaterial)}${certs(e.verifierCerts, e.verifier.href)}</dd>
  <dt>Verified side</dt><dd>${flagLink(e.verified)} ${kind(e.verified)}: ${material(e.verifiedMaterial)}${certs(e.verifiedCerts, e.verified.href)}</dd>
</dl>
${symptomDetails(e)}`.value;
}

/** One edge on the troubleshooting page; its own page is the search result (this copy is left out of the index). */
export function edgeSection(e: TroubleshootEdge): string {
  return html`<section class="edge-card" id="${e.id}" data-edge data-pagefind-ignore aria-labelledby="${e.id}-title">
<h3 id="${e.id}-title">${flagLink(e.verifier)} verifies ${flagLink(e.verified)}</h3>
<p class="edge-rank" hidden></p>
${raw(edgeDetails(e))}<h4>Check it</h4>
${commandList(e.commands.filter((c) => c.command.startsWith('openssl verify')))}<p><a href="${e.url}#inspect">Every command to inspect both sides</a> on the page of this edge.</p>
</section>
`.value;
}

/**
 * The page of one must-verify edge: /edges/<verifier>/<verified>/. For site
 * search its documented error texts weigh 10 and the rest of its details
 * 0.2: a query made of an error text finds the edges that document that text
 * first, not a shorter page that shares most of its words in other places.
 */
export function edgeBody(e: TroubleshootEdge, site: SiteData): string {
  return html`${crumbs([{ href: site.urls.home, text: 'Home' }, { href: site.urls.troubleshoot, text: 'Troubleshoot' }], `${e.verifier.ref} verifies ${e.verified.ref}`)}<h1>${flagLink(e.verifier)} verifies ${flagLink(e.verified)}</h1>
<p class="lead">A must-verify edge: where its failure shows, the material behind each side, and how to inspect it.</p>
<div data-pagefind-weight="0.2">
${raw(edgeDetails(e))}<section aria-labelledby="inspect">
<h2 id="inspect">Inspect it</h2>
${commandList(e.commands)}</section>
</div>
`.value;
}

export function troubleshootBody(site: SiteData): string {
  const t = site.troubleshoot;
  const components = [...new Set(site.components.map((c) => c.name))];
  return html`${crumbs([{ href: site.urls.home, text: 'Home' }], 'Troubleshoot')}<h1>Troubleshoot a TLS error</h1>
<p class="lead">Paste an error line from a log or from <code>oc</code>/<code>kubectl</code>. The must-verify edges whose documented error texts it contains are listed first, best match first, each with its flag pair, the ConfigMaps and Secrets behind each side, what breaks and the commands to look at the real certificates. Everything runs in this page: nothing is sent anywhere.</p>
<form class="troubleshoot-form" id="troubleshoot-form">
<label for="log-line">Error line</label>
<textarea id="log-line" name="line" rows="4" spellcheck="false" autocomplete="off" placeholder="e.g. Unable to authenticate the request due to an error: &hellip; x509: certificate signed by unknown authority"></textarea>
<label for="log-component">Written by</label>
<select id="log-component" name="component">
<option value="">detect from the line</option>
${components.map((c) => html`<option value="${c}">${c}</option>\n`)}</select>
<div class="form-actions"><button type="submit">Find the edges</button> <button type="reset">Show all edges</button></div>
</form>
<p id="troubleshoot-status" class="status" role="status" aria-live="polite"></p>
<p class="muted">From a terminal, the same ranking: <code>npx certdocs troubleshoot '&lt;error line&gt;'</code>, or pipe the line into <code>npx certdocs troubleshoot -</code>.</p>

<section aria-labelledby="edges-title">
<h2 id="edges-title">Must-verify edges</h2>
<div id="edges">
${t.edges.map((e) => raw(edgeSection(e)))}</div>
</section>

<section aria-labelledby="known-title">
<h2 id="known-title">Error texts documented here</h2>
<ul class="known-errors">
${t.errorTexts.map((x) => html`<li><code>${x}</code></li>\n`)}</ul>
</section>
<script type="application/json" id="troubleshoot-data">${raw(t.rankJson)}</script>
<script type="module" src="/assets/troubleshoot.js"></script>
`.value;
}
