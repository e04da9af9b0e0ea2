/**
 * The fixed render configuration. Everything that can change an SVG's bytes
 * is here (plus the Mermaid version and the diagram itself), and all of it is
 * part of the cache key.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Bump when the post-processing of the SVG changes, so cached SVGs are re-rendered. */
export const RENDERER_REVISION = 3;

/** mermaid.initialize() options. `securityLevel: 'strict'` keeps labels as text and disables click handlers. */
export const MERMAID_CONFIG = {
  startOnLoad: false,
  securityLevel: 'strict',
  theme: 'default',
  deterministicIds: true,
  deterministicIDSeed: 'certdocs',
  /** Some shapes are drawn with rough.js even in the classic look; a fixed seed keeps their paths stable. */
  handDrawnSeed: 1,
  maxTextSize: 500_000,
  maxEdges: 5_000,
  flowchart: { htmlLabels: true, useMaxWidth: true, curve: 'basis', diagramPadding: 8, wrappingWidth: 320 },
} as const;

export const VIEWPORT = { width: 1600, height: 1200, deviceScaleFactor: 1 } as const;

/** Mermaid's dist folder in node_modules (the ES module build and its chunks); never a CDN. */
export function mermaidDistDir(): string {
  return path.dirname(require.resolve('mermaid/dist/mermaid.esm.min.mjs'));
}

/** DOMPurify's ES module (the copy Mermaid itself depends on), served to the render page. */
export function dompurifyModule(): string {
  return path.join(path.dirname(require.resolve('dompurify')), 'purify.es.mjs');
}

let version: string | undefined;
export function mermaidVersion(): string {
  if (!version) {
    const pkg = path.join(mermaidDistDir(), '..', 'package.json');
    version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
  }
  return version;
}

/** The id of the <svg> element: unique per diagram so several SVGs can be inlined in one page. */
export function svgIdFor(diagramId: string): string {
  return `certdocs-${diagramId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
