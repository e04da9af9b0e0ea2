/**
 * Pieces shared by the pages (also registered as Nunjucks shortcodes for the
 * one-off pages). Everything they show was precomputed in site-data.ts.
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
  return join(via.map(link), ' → ');
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
  return html`<nav class="crumbs" aria-label="Breadcrumb">${items.map((l) => html`<a href="${l.href}">${l.text}</a> › `)}<span aria-current="page">${current}</span></nav>\n`;
}
