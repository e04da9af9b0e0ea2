/** Nunjucks shortcodes: the shared page pieces (scripts/site/pages/parts.ts) for the one-off Nunjucks pages. */
import { diagramFigure, type DiagramView } from './diagrams.ts';
import { componentBody } from './pages/component.ts';
import { flagBody } from './pages/flag.ts';
import { namespaceBody } from './pages/namespace.ts';
import { flagLink as flagLinkHtml, kind as kindHtml, link as linkHtml } from './pages/parts.ts';
import { resourceBody } from './pages/resource.ts';
import { edgeBody, troubleshootBody } from './pages/troubleshoot.ts';
import { rotationBody, signersBody } from './pages/answers.ts';
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

/** The bodies of the paginated pages (templates/*.11ty.js call them as this.flagPage(…) and so on). */
export const pages = {
  flagPage: flagBody,
  componentPage: componentBody,
  namespacePage: namespaceBody,
  resourcePage: resourceBody,
  rotationPage: rotationBody,
  signersPage: signersBody,
  troubleshootPage: troubleshootBody,
  edgePage: edgeBody,
};

export const shortcodes = { diagram, flagLink, link, kind, ...pages };
