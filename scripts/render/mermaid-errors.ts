/**
 * Diagrams Mermaid would not draw. Mermaid does not always throw: over
 * `maxTextSize` it quietly draws a box saying "Maximum text size in diagram
 * exceeded", and on a syntax error it draws its error picture ("Syntax error
 * in text") before throwing. Such an SVG is a failed render, never a result.
 *
 * The limits are raised deliberately in config.ts (maxTextSize 500,000
 * characters instead of 50,000, maxEdges 5,000 instead of 500) so a
 * component of a few hundred flags still renders; a diagram beyond them fails
 * before the browser starts, naming the diagram, the size and the limit.
 */
import { MERMAID_CONFIG } from './config.ts';

/** What Mermaid draws instead of the diagram when it gives up. */
export const MERMAID_ERROR_TEXTS = ['Maximum text size in diagram exceeded', 'Syntax error in text'] as const;

/** The error an SVG shows instead of a diagram, or undefined for a real diagram. Our <title> and <desc> are not searched. */
export function mermaidErrorIn(svg: string): string | undefined {
  const drawn = svg.replace(/<title\b[^>]*>[^<]*<\/title>|<desc\b[^>]*>[^<]*<\/desc>/g, '');
  const text = MERMAID_ERROR_TEXTS.find((t) => drawn.includes(t));
  if (text) return `Mermaid drew "${text}" instead of the diagram`;
  if (/\baria-roledescription="error"/.test(drawn)) return 'Mermaid drew its error diagram instead of the diagram';
  return undefined;
}

/** A link line of a generated flowchart: `n1 -->|…| n2`, `n1 -.->|…| n2`, `n1 ---|…| n2`. */
const LINK = /^\s*n\d+ (?:-->|-\.->|---)\|/gm;

/** Why Mermaid would refuse this source with our configuration, or undefined. */
export function overMermaidLimits(source: string): string | undefined {
  if (source.length > MERMAID_CONFIG.maxTextSize) {
    return `its Mermaid source is ${source.length.toLocaleString('en-US')} characters, over the configured maxTextSize of ${MERMAID_CONFIG.maxTextSize.toLocaleString('en-US')} (scripts/render/config.ts)`;
  }
  // A link line takes at least 8 characters ("n0 -->|" and its line end): a shorter source cannot have too many.
  if (source.length < 8 * MERMAID_CONFIG.maxEdges) return undefined;
  const links = source.match(LINK)?.length ?? 0;
  if (links > MERMAID_CONFIG.maxEdges) {
    return `it has ${links.toLocaleString('en-US')} arrows, over the configured maxEdges of ${MERMAID_CONFIG.maxEdges.toLocaleString('en-US')} (scripts/render/config.ts)`;
  }
  return undefined;
}
