/** Nunjucks shortcodes: the shared page pieces (scripts/site/pages/parts.ts) for the one-off Nunjucks pages. */
import { diagramFigure, type DiagramView } from './diagrams.ts';
import { flagLink as flagLinkHtml, kind as kindHtml, link as linkHtml } from './pages/parts.ts';
import type { FlagLink, Link } from './site-data.ts';

/** `{% diagram certdocs.diagrams[id] %}`: the inline SVG figure (or the browser-rendered fallback). */
export function diagram(view: DiagramView | undefined): string {
  return diagramFigure(view);
}

/** `{% flagLink f %}`: a flag as a link with its full reference (`{% flagLink f, true %}`: its name only). */
export function flagLink(f: FlagLink, short?: boolean): string {
  return flagLinkHtml(f, short === true).value;
}

/** `{% link l %}`: a resource or page as a code link. */
export function link(l: Link): string {
  return linkHtml(l).value;
}

/** `{% kind f %}`: the kind badge. */
export function kind(f: FlagLink): string {
  return kindHtml(f).value;
}

export const shortcodes = { diagram, flagLink, link, kind };
