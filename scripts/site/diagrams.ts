/**
 * Diagrams on the site are inline SVG rendered at build time
 * (site/diagrams/<id>.svg, written by `certdocs generate`). When an SVG is
 * missing (a --no-render build) the page carries the Mermaid source instead
 * and the browser renders it with the mermaid script served by the site.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeXML } from 'entities';
import { overMermaidLimits } from '../render/mermaid-errors.ts';
import { escape as escapeHtml } from './html.ts';

export interface DiagramSource {
  id: string;
  title: string;
  description: string;
  source: string;
}

export interface DiagramView {
  id: string;
  title: string;
  description: string;
  /** Sanitized inline SVG, or undefined when it has to be rendered in the browser. */
  svg?: string;
  /** Mermaid source, for the browser fallback and for readers who want it. */
  source: string;
  /** Without an SVG: why the browser would not draw it either (over the render limits of scripts/render/config.ts). */
  tooLarge?: string;
}

/** Remove what must never run inside an inline SVG (defence in depth: the SVGs come from our own build). */
export function sanitizeSvg(svg: string): string {
  return svg
    .replace(/<\?xml[^>]*\?>/g, '')
    .replace(/<!DOCTYPE[^>]*>/gi, '')
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<script\b[^>]*\/>/gi, '')
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '')
    .replace(/(\s(?:xlink:)?href\s*=\s*["'])\s*javascript:[^"']*/gi, '$1#')
    .trim();
}

/**
 * Give the SVG a page-unique id (mermaid-cli scopes its CSS and markers by the
 * root id, so two diagrams on one page must not share it), and an accessible
 * name and description.
 */
export function accessibleSvg(svg: string, d: { id: string; title: string; description: string }): string {
  const root = /<svg\b[^>]*?\sid="([^"]+)"/.exec(svg);
  // certdocs renders with a page-unique root id (certdocs-<diagram id>); anything else gets one.
  const keep = root && root[1]!.endsWith(d.id);
  const domId = keep ? root[1]! : `diagram-${d.id}`;
  let out = svg;
  if (root && !keep) out = out.split(root[1]!).join(domId);
  const titleId = `${domId}-title`;
  const descId = `${domId}-desc`;
  const hasTitle = out.includes(`<title id="${titleId}"`);
  const hasDesc = out.includes(`<desc id="${descId}"`);
  return out.replace(/<svg\b([^>]*)>/, (_m, attrs: string) => {
    const kept = attrs.replace(/\s(?:id|role|aria-labelledby|aria-describedby|aria-roledescription|focusable)="[^"]*"/g, '');
    return (
      `<svg${kept} id="${domId}" role="img" aria-labelledby="${titleId}" aria-describedby="${descId}" focusable="false">` +
      (hasTitle ? '' : `<title id="${titleId}">${escapeHtml(d.title)}</title>`) +
      (hasDesc ? '' : `<desc id="${descId}">${escapeHtml(d.description)}</desc>`)
    );
  });
}

/** Mermaid draws text at 16 px; inline diagrams never shrink below this share of their natural size (12 px text). */
export const MIN_DIAGRAM_SCALE = 0.75;

/**
 * Size an inline SVG for reading: it fills the figure up to its natural width
 * and shrinks no further than MIN_DIAGRAM_SCALE of it (the figure scrolls
 * sideways instead), so its text is never smaller than 12 CSS px. Mermaid's
 * own `width="100%"` and `max-width` style are replaced.
 */
export function readableSvg(svg: string): string {
  const vb = /<svg\b[^>]*\sviewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(svg);
  if (!vb) return svg;
  const width = Number(vb[1]);
  const min = Math.ceil(width * MIN_DIAGRAM_SCALE);
  return svg.replace(/<svg\b([^>]*)>/, (_m, attrs: string) => {
    const kept = attrs.replace(/\s(?:width|style)="[^"]*"/g, '');
    return `<svg${kept} width="100%" style="max-width: ${Math.ceil(width)}px; min-width: ${min}px;" data-natural-width="${width}">`;
  });
}

/**
 * An SVG rendered by certdocs carries the diagram's title and description; when
 * they no longer match (the data changed and `certdocs generate --no-render`
 * kept the old file), the SVG is stale and the browser renders the current source.
 */
export function isStale(svg: string, d: { title: string; description: string }): boolean {
  // The SVG's text is XML as the browser serialized it (`&amp;`, `&lt;`, but a quote as it is):
  // compare its decoded text with the raw title and description, never two escapings.
  const title = /<title\b[^>]*>([\s\S]*?)<\/title>/.exec(svg);
  const desc = /<desc\b[^>]*>([\s\S]*?)<\/desc>/.exec(svg);
  return (!!title && decodeXML(title[1]!) !== d.title) || (!!desc && decodeXML(desc[1]!) !== d.description);
}

/** Read `<dir>/<id>.svg` for each diagram; a missing or stale file leaves the diagram to the browser. */
export function diagramViews(diagrams: DiagramSource[], svgDir: string): Map<string, DiagramView> {
  const views = new Map<string, DiagramView>();
  // One listing instead of a failed read (an exception with its stack) per diagram that has no SVG.
  let present: Set<string>;
  try {
    present = new Set(readdirSync(svgDir));
  } catch {
    present = new Set();
  }
  for (const d of diagrams) {
    let svg: string | undefined;
    if (present.has(`${d.id}.svg`)) {
      try {
        svg = readFileSync(path.join(svgDir, `${d.id}.svg`), 'utf8');
      } catch {
        svg = undefined;
      }
    }
    if (svg && isStale(svg, d)) svg = undefined;
    // Without an SVG the browser draws the diagram, with the build's limits: one over them is not sent at all.
    const tooLarge = svg ? undefined : overMermaidLimits(d.source);
    views.set(d.id, {
      id: d.id,
      title: d.title,
      description: d.description,
      source: d.source,
      ...(svg ? { svg: readableSvg(accessibleSvg(sanitizeSvg(svg), d)) } : {}),
      ...(tooLarge ? { tooLarge } : {}),
    });
  }
  return views;
}

/** The figure for one diagram (the `diagram` shortcode). */
export function diagramFigure(view: DiagramView | undefined): string {
  if (!view) return '';
  const caption = `<figcaption><strong>${escapeHtml(view.title)}</strong>${view.description ? ` &mdash; ${escapeHtml(view.description)}` : ''}</figcaption>`;
  const body = view.svg
    ? `<div class="diagram-svg" tabindex="0">${view.svg}</div>`
    : view.tooLarge
      ? `<p class="diagram-too-large">This diagram is not drawn: ${escapeHtml(view.tooLarge)}.</p>`
      : // No aria-label on the <pre> (axe: aria-prohibited-attr): the figure is named by its figcaption.
      // Focusable, as the inline SVG's box is: a wide diagram scrolls sideways, also by keyboard.
      `<pre class="mermaid" tabindex="0">${escapeHtml(view.source)}</pre>` +
      `<noscript><p>This diagram is rendered in the browser; its Mermaid source is shown above.</p></noscript>`;
  const source = view.svg
    ? `<details class="diagram-source"><summary>Mermaid source</summary><pre><code>${escapeHtml(view.source)}</code></pre></details>`
    : '';
  return `<figure class="diagram" id="figure-${escapeHtml(view.id)}" data-pagefind-ignore>${body}${caption}${source}</figure>`;
}
