/**
 * The four answers at the top of flag and resource pages, the certificate
 * material section under them, the rotation page and the signer tree page.
 * Every value is escaped by `html`; source links point at GitHub at the
 * commit the fact was read at.
 */
import { diagramFigure } from '../diagrams.ts';
import { html, join, raw, type Html } from '../html.ts';
import type { AnswersView, FactView, FeedCitation, MaterialView, ProducerCitation, SignerNode, SourceLinkView } from '../material-views.ts';
import type { ActorView } from '../views/builder.ts';
import type { SiteData } from '../site-data.ts';
import { crumbs } from './parts.ts';

type Site = SiteData;

export const materialAnchor = (m: { distribution: string; id: string }): string => `m-${m.distribution}-${m.id}`;

function materialLink(m: { distribution: string; id: string }, site: Site): Html {
  return html`<a href="${site.materials.urls.rotation}#${materialAnchor(m)}"><code>${m.id}</code></a>`;
}

/** A resource's producers, each with the material a cited source shows it writing there (and that source), when one does. */
export function producers(list: Array<ActorView & { writes?: ProducerCitation }>, site: Site): Html {
  if (!list.length) return html`<span class="muted">none documented</span>`;
  return join(
    list.map((a) =>
      a.writes
        ? html`<span class="actor">${a.name}</span> (${a.writes.copy ? 'copies' : 'writes'} ${a.writes.publicKeyOnly ? 'the public key of ' : ''}${materialLink(a.writes, site)} here${sourceLink(a.writes.source)})`
        : html`<span class="actor">${a.name}</span> <span class="muted">(no documented material shows it writing here)</span>`,
    ),
    ', ',
  );
}

/**
 * How a resource's feed of a flag is backed: the material it holds (and the bundles built from it) that
 * feeds the flag, with the feed's source; or that nothing documented shows it. Worded by content, not by
 * direction: the data does not record which copy of a material a file is filled from.
 */
export function feedVia(via: FeedCitation | undefined, site: Site): Html {
  if (!via) return html` <span class="muted">(no documented material shows this)</span>`;
  const [held, ...built] = via.chain;
  return html` &mdash; holds ${materialLink(held!, site)}${built.map((m) => html`, built into ${materialLink(m, site)}`)}, which feeds it${sourceLink(via.source)}`;
}

function sourceLink(s: SourceLinkView | undefined): Html {
  return s ? html` <a class="fact-source" href="${s.href}" title="${s.label}" rel="noreferrer">[source]</a>` : html``;
}

function factText(f: FactView): Html {
  return f.text === 'not documented yet' ? html`<span class="undocumented">not documented yet</span>` : html`${f.text}`;
}

function answerRow(label: string, a: AnswersView, pick: (m: MaterialView) => FactView, site: Site): Html {
  const one = a.materials.length === 1;
  return html`  <dt>${label}</dt><dd>${join(
    a.materials.map((m) => html`${one ? '' : html`${materialLink(m, site)}: `}${factText(pick(m))}${sourceLink(pick(m).source)}`),
    html`<br>`,
  )}</dd>\n`;
}

/** "At a glance": what signs it, who creates it, how often it changes, who owns it, through the material behind the page. */
export function answersBox(a: AnswersView | undefined, site: Site): Html {
  if (!a?.materials.length) {
    return html`<section class="answers" aria-labelledby="at-a-glance">
<h2 id="at-a-glance">At a glance</h2>
<p class="muted">No certificate material is documented behind this yet, so how it is signed, created and rotated and who owns it are <span class="undocumented">not documented yet</span>.</p>
</section>
`;
  }
  return html`<section class="answers" aria-labelledby="at-a-glance">
<h2 id="at-a-glance">At a glance</h2>
<p>From ${join(
    a.materials.map((m) => html`${materialLink(m, site)} <span class="muted">(${m.typeLabel})</span>`),
    ', ',
  )}:</p>
<dl class="facts">
${answerRow('Signed by', a, (m) => m.signedBy, site)}${answerRow('Created by', a, (m) => m.createdBy, site)}${answerRow('Valid for', a, (m) => m.validity, site)}${answerRow('Changes', a, (m) => m.refresh, site)}${answerRow('Owner', a, (m) => m.owner, site)}</dl>
</section>
`;
}

function materialDetail(m: MaterialView, site: Site): Html {
  return html`<li>
  <p>${materialLink(m, site)} <span class="muted">${m.typeLabel} · ${m.distribution}</span>${m.subject ? html` <code>${m.subject}</code>` : ''}</p>
  ${m.description ? html`<p>${m.description}</p>` : ''}
  <ul class="locations">${m.locations.map((l) => html`<li><code>${l.where}</code>${l.copy ? html` &mdash; ${l.copy}` : ''}${sourceLink(l.source)}</li>`)}</ul>
  ${m.regeneration ? html`<p><span class="tag">Regenerated</span> ${m.regeneration.text}${m.regeneration.recovers === true ? ' Recovers by itself after the cluster was off past its expiry.' : m.regeneration.recovers === false ? ' Does not recover by itself after the cluster was off past its expiry.' : ''}${sourceLink(m.regeneration.source)}</p>` : ''}
  ${m.gaps.length ? html`<p><span class="tag">Not found</span> ${join(m.gaps.map((g) => html`${g.field}: looked in ${g.lookedIn}`), '; ')}</p>` : ''}
</li>
`;
}

/** The material behind the page, in full: where it lives and its copies, what regenerates it, what was looked for and not found. */
export function materialSection(a: AnswersView | undefined, site: Site): Html {
  if (!a?.materials.length) return html``;
  return html`<section aria-labelledby="material">
<h2 id="material">Certificate material</h2>
<ul class="materials">
${a.materials.map((m) => materialDetail(m, site))}</ul>
</section>
`;
}

export function rotationBody(site: Site): string {
  const rows = site.materials.rotation;
  return html`${crumbs([{ href: site.urls.home, text: 'Home' }], 'Rotation')}<h1>Every certificate by how often it changes</h1>
<p class="lead">Every signer, CA bundle, cert/key pair and key pair, shortest refresh first. A CA bundle changes whenever a signer it trusts changes, so it sorts with the fastest of them. ${site.materials.coverage.answered.rotation} of ${site.materials.coverage.items} flags and resources have their rotation documented.</p>
<div class="table-wrap" tabindex="0">
<table class="rotation">
<thead><tr><th>Refresh</th><th>Certificate</th><th>Valid for</th><th>Signed by</th><th>Created by</th><th>Feeds</th><th>Sources</th></tr></thead>
<tbody>
${rows.map(
  (r) => html`<tr id="${materialAnchor(r.material)}"><td>${r.period}</td><td><code>${r.material.id}</code> <span class="muted">${r.material.typeLabel}</span><br><code>${r.material.locations[0]?.where ?? ''}</code></td><td>${factText(r.material.validity)}</td><td>${factText(r.material.signedBy)}</td><td>${factText(r.material.createdBy)}</td><td>${join(
    r.material.feeds.map((f) => html`<code>${f}</code>`),
    html`<br>`,
  )}</td><td>${join(
    r.material.sources.map((s) => html`<a href="${s.href}" title="${s.label}" rel="noreferrer">${s.id}</a>`),
    ', ',
  )}</td></tr>
`,
)}</tbody>
</table>
</div>
`.value;
}

function signerItem(n: SignerNode, site: Site): Html {
  return html`<li>${materialLink(n.material, site)} <span class="muted">${n.material.typeLabel}, ${n.material.refresh.text}</span>${
    n.material.feeds.length ? html` &rarr; ${join(n.material.feeds.map((f) => html`<code>${f}</code>`), ', ')}` : ''
  }${n.trustedBy.length ? html`<br><span class="muted">trusted by</span> ${join(n.trustedBy.map((b) => materialLink(b, site)), ', ')}` : ''}${
    n.signs.length ? html`\n<ul>${n.signs.map((c) => signerItem(c, site))}</ul>` : ''
  }</li>
`;
}

export function signersBody(site: Site): string {
  return html`${crumbs([{ href: site.urls.home, text: 'Home' }], 'Signers')}<h1>Signer tree</h1>
<p class="lead">Every root signer, what it signs, the CA bundles that trust it and the flags each certificate feeds. When a signer is wrong or expires, everything under it breaks: <code>certdocs impact</code> lists it.</p>
${site.materials.signers.diagrams.map((id) => raw(diagramFigure(site.diagrams[id])))}
<ul class="signer-tree">
${site.materials.signers.roots.map((n) => signerItem(n, site))}</ul>
`.value;
}

