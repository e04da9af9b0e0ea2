/** Nunjucks shortcodes. */
import { diagramFigure, type DiagramView } from './diagrams.ts';

/** `{% diagram certdocs.diagrams[id] %}`: the inline SVG figure (or the browser-rendered fallback). */
export function diagram(view: DiagramView | undefined): string {
  return diagramFigure(view);
}

export const shortcodes = { diagram };
