/** The page of one flag: /flags/<component>/<flag>/. */
import { diagramFigure } from '../diagrams.ts';
import { html, join, raw } from '../html.ts';
import type { FlagPage, SiteData } from '../site-data.ts';
import { commandList, crumbs, edgeItem, inspectNote, flagLink, impact, kind, lifecycle, link, symptomDetails } from './parts.ts';
import { answersBox, materialSection } from './answers.ts';

export function flagBody(flag: FlagPage, site: SiteData): string {
  const pairs = [...(flag.pairsWith ? [flag.pairsWith] : []), ...flag.pairedBy];
  return html`${crumbs([{ href: site.urls.home, text: 'Home' }, flag.component], flag.name)}<h1><code>${flag.ref}</code></h1>
<p class="lead">${kind(flag)} of <a href="${flag.component.href}">${flag.component.text}</a></p>
<p class="purpose">${raw(flag.purposeHtml)}</p>
${answersBox(site.materials.answers[flag.ref], site)}${pairs.length ? html`<p>Pairs with ${join(pairs.map((p) => flagLink(p)), ', ')}.</p>\n` : ''}
<section aria-labelledby="trust">
<h2 id="trust">What it verifies and what verifies it</h2>
${flag.verifies.length ? html`<h3 id="verifies">Must be able to verify</h3>\n<ul class="edge-list">${flag.verifies.map(edgeItem)}</ul>\n` : ''}${
    flag.verifiedBy.length ? html`<h3 id="verified-by">Must be verifiable by</h3>\n<ul class="edge-list">${flag.verifiedBy.map(edgeItem)}</ul>\n` : ''
  }${!flag.verifies.length && !flag.verifiedBy.length ? html`<p class="muted">No must-verify edge is documented for this flag.</p>\n` : ''}</section>

<section aria-labelledby="what-breaks">
<h2 id="what-breaks">What breaks if this is wrong</h2>
${impact(flag.impact, 'this flag')}</section>

${
  flag.symptoms.length
    ? html`<section aria-labelledby="symptoms" data-pagefind-ignore>
<h2 id="symptoms">Where a failure shows</h2>
${flag.symptoms.map((e) => html`<h3 id="symptoms-${e.id}">${flagLink(e.verifier)} verifies ${flagLink(e.verified)}</h3>
${symptomDetails(e)}<p><a href="${e.url}">The page of this edge</a></p>
`)}</section>

`
    : ''
}<section aria-labelledby="inspect">
<h2 id="inspect">Inspect it</h2>
${inspectNote()}${commandList(flag.commands)}</section>

<section aria-labelledby="fed-by">
<h2 id="fed-by">What feeds it</h2>
${
  flag.feeders.length
    ? html`<p>The file behind this flag is filled from:</p>\n<ul>${flag.feeders.map((r) => html`<li>${link(r)}</li>`)}</ul>\n`
    : site.materials.answers[flag.ref]?.materials.length
      ? html`<p>No ConfigMap or Secret of the documented namespaces feeds it directly; where its certificate material lives is listed under <a href="#material">Certificate material</a>.</p>\n`
      : html`<p class="muted">No ConfigMap or Secret is documented as feeding this flag yet.</p>\n`
}${
  flag.publishedAs.length
    ? html`<p>A copy of what it uses is published for other operators in ${join(
        flag.publishedAs.map((r) => link(r)),
        ', ',
      )}; changing that copy alone does not change this flag's file.</p>\n`
    : ''
}</section>
${materialSection(site.materials.answers[flag.ref], site)}${
  flag.creationHtml || flag.validityHtml || flag.refreshHtml || flag.ownerHtml
    ? html`
<section aria-labelledby="lifecycle">
<h2 id="lifecycle">Creation and rotation, as written on the flag</h2>
${lifecycle(flag)}</section>`
    : ''
}
${
  flag.interactsWith.length || flag.interactedBy.length
    ? html`
<section aria-labelledby="interactions">
<h2 id="interactions">Interacts with</h2>
<ul>
${flag.interactsWith.map((f) => html`<li>${flagLink(f)} ${kind(f)}</li>\n`)}${flag.interactedBy.map((f) => html`<li>${flagLink(f)} ${kind(f)} <span class="muted">(lists this flag)</span></li>\n`)}</ul>
</section>
`
    : ''
}
<section aria-labelledby="diagram">
<h2 id="diagram">Neighbourhood</h2>
${flag.diagram ? raw(diagramFigure(site.diagrams[flag.diagram])) : html`<p class="muted">This flag has no must-verify edges or feeding resources, so it has no diagram.</p>`}
</section>

<p class="source">Defined in <code>${flag.source.file}</code> at line ${flag.source.line}.</p>
`.value;
}
