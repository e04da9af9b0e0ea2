/**
 * Pieces shared by the page functions (scripts/site/pages/). Everything
 * they show was precomputed in site-data.ts.
 */
import { html, join, raw, type Html, type Part } from '../html.ts';
import type { ActorView, Documented, EdgeView, FlagLink, ImpactView, Link } from '../site-data.ts';

export function flagLink(f: FlagLink, short = false): Html {
  return f.href ? html`<a href="${f.href}"><code>${short ? f.text : f.ref}</code></a>` : html`<code>${f.ref}</code> <span class="muted">(not defined)</span>`;
}

export function link(l: Link): Html {
  return l.href ? html`<a href="${l.href}"><code>${l.text}</code></a>` : html`<code>${l.text}</code>`;
}

export function kind(f: { kind?: string; kindLabel?: string }): Html {
  return f.kindLabel ? html`<span class="kind kind-${f.kind}">${f.kindLabel}</span>` : html``;
}

export function chain(via: Link[]): Html {
  return join(via.map(link), raw(' &rarr; '));
}

export function edgeItem(e: EdgeView): Html {
  return html`<li>
  ${flagLink(e.other)} ${kind(e.other)}${e.qualifierHtml ? html` <span class="qualifier">${raw(e.qualifierHtml)}</span>` : ''}
  ${e.conditionHtml ? html`<p class="condition"><span class="tag">Applies if</span> ${raw(e.conditionHtml)}</p>` : ''}
  ${e.consequenceHtml ? html`<p class="consequence"><span class="tag">Otherwise</span> ${raw(e.consequenceHtml)}</p>` : ''}
</li>
`;
}

export function undocumented(): Html {
  return html`<span class="undocumented">not documented yet</span>`;
}

function fact(label: string, value: string | undefined): Html {
  return html`  <dt>${label}</dt><dd>${value ? raw(value) : undocumented()}</dd>\n`;
}

export function lifecycle(item: Documented): Html {
  return html`<dl class="facts">
${fact('Created by', item.creationHtml)}${fact('Validity', item.validityHtml)}${fact('Refresh', item.refreshHtml)}${fact('Owner', item.ownerHtml)}</dl>
`;
}

export function actors(list: ActorView[]): Html {
  if (!list.length) return html`<span class="muted">none documented</span>`;
  return join(
    list.map((a) => html`<span class="actor">${a.name}</span>`),
    ', ',
  );
}

function list<T>(items: T[], item: (x: T) => Part): Html {
  return html`<ul>
${items.map((x) => html`<li>${item(x)}</li>\n`)}</ul>
`;
}

/** "What breaks if this is wrong", from impactOf. */
export function impact(i: ImpactView, what: string): Html {
  return html`${
    i.consequences.length
      ? html`<ul class="consequences">
${i.consequences.map(
  (c) => html`  <li>
    <p class="consequence-text">${raw(c.html)}</p>
    <p class="because">when ${flagLink(c.verifier)} cannot verify ${flagLink(c.verified)}${c.via.length ? html`, reached through ${chain(c.via)}` : ''}</p>
  </li>
`,
)}</ul>
`
      : html`<p class="muted">No consequence is documented yet for ${what}.</p>\n`
  }${
    i.unexplained.length
      ? html`<p>Must-verify edges that also break, with no consequence documented yet:</p>
${list(i.unexplained, (e) => html`${flagLink(e.verifier)} must be able to verify ${flagLink(e.verified)}${e.via.length ? html` (through ${chain(e.via)})` : ''}`)}`
      : ''
  }${i.flags.length ? html`<p>Flags that read it:</p>\n${list(i.flags, (f) => html`${flagLink(f.link)}${f.via.length ? html` through ${chain(f.via)}` : ''}`)}` : ''}${
    i.resources.length ? html`<p>Resources built from it, downstream:</p>\n${list(i.resources, (r) => html`${link(r.link)}${r.via.length ? html` through ${chain(r.via)}` : ''}`)}` : ''
  }${i.interactions.length ? html`<p>Also check these flags, which interact with it or are named above:</p>\n${list(i.interactions, (f) => flagLink(f.link))}` : ''}`;
}

export function crumbs(items: Link[], current: string): Html {
  return html`<nav class="crumbs" aria-label="Breadcrumb">${items.map((l) => html`<a href="${l.href}">${l.text}</a> &rsaquo; `)}<span aria-current="page">${current}</span></nav>\n`;
}

/** What the inspection commands assume. */
export function inspectNote(): Html {
  return html`<p class="muted">Read-only commands. The data keys come from the certificate material where it is documented; otherwise library-go's conventions: CA bundles under <code>ca-bundle.crt</code> in ConfigMaps, certificates under <code>tls.crt</code> in Secrets.</p>\n`;
}

/** Shell commands, each with a copy button (shown by assets/copy.js when the clipboard is available). */
export function commandList(commands: Array<{ label: string; command: string }>): Html {
  if (!commands.length) return html`<p class="muted">No inspection command applies to this item.</p>\n`;
  return html`<ul class="commands">
${commands.map((c) => html`<li><p class="command-label">${c.label}</p><div class="command"><pre><code>${c.command}</code></pre><button type="button" class="copy" hidden>Copy</button></div></li>\n`)}</ul>
`;
}

/** Where a failure of one must-verify edge shows: who checks it, what breaks, the error texts with their sources. */
export function symptomDetails(e: {
  checkedByHtml?: string;
  breaksHtml?: string;
  consequenceHtml?: string;
  errors: Array<{ text: string; seenInHtml: string; source: Link }>;
  sources: Link[];
}): Html {
  const sourceLink = (s: Link) => html`<a href="${s.href}" rel="noreferrer">${s.text}</a>`;
  return html`<dl class="facts symptoms">
${e.checkedByHtml ? html`  <dt>Checked by</dt><dd>${raw(e.checkedByHtml)}</dd>\n` : ''}${e.breaksHtml ? html`  <dt>What breaks</dt><dd>${raw(e.breaksHtml)}</dd>\n` : ''}${
    e.consequenceHtml ? html`  <dt>What breaks</dt><dd>${raw(e.consequenceHtml)}</dd>\n` : ''
  }${!e.checkedByHtml && !e.consequenceHtml ? html`  <dt>What breaks</dt><dd>${undocumented()}</dd>\n` : ''}</dl>
${
  e.errors.length
    ? html`<div class="table-wrap" tabindex="0">
<table class="errors">
<thead><tr><th scope="col">Error text</th><th scope="col">Where it shows</th><th scope="col">Source</th></tr></thead>
<tbody>
${e.errors.map((x) => html`<tr><td><code class="error-text" data-pagefind-weight="10">${x.text}</code></td><td>${raw(x.seenInHtml)}</td><td class="source-cell">${sourceLink(x.source)}</td></tr>\n`)}</tbody>
</table>
</div>
`
    : html`<p class="muted">The error texts of this edge are not documented yet.</p>\n`
}${e.sources.length ? html`<p class="sources">Read from ${join(e.sources.map(sourceLink), ', ')}.</p>\n` : ''}`;
}
