/**
 * The SVG cache: `.cache/svg/<sha256>.svg`, keyed by everything that decides
 * the SVG's bytes (diagram source, title, description, Mermaid version,
 * render configuration). An unchanged diagram is never rendered twice.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeAtomically } from '../lib/atomic.ts';
import type { Diagram } from '../generate/diagrams.ts';
import { MERMAID_CONFIG, RENDERER_REVISION, VIEWPORT, mermaidVersion, svgIdFor } from './config.ts';

export function cacheKey(diagram: Diagram): string {
  const material = JSON.stringify({
    revision: RENDERER_REVISION,
    mermaid: mermaidVersion(),
    config: MERMAID_CONFIG,
    viewport: VIEWPORT,
    svgId: svgIdFor(diagram.id),
    title: diagram.title,
    description: diagram.description,
    source: diagram.source,
  });
  return createHash('sha256').update(material).digest('hex');
}

export class SvgCache {
  constructor(readonly dir: string) {}

  file(key: string): string {
    return path.join(this.dir, `${key}.svg`);
  }

  get(key: string): string | undefined {
    try {
      const svg = readFileSync(this.file(key), 'utf8');
      return svg.startsWith('<svg') && svg.trimEnd().endsWith('</svg>') ? svg : undefined;
    } catch {
      return undefined;
    }
  }

  putAll(entries: Map<string, string>): void {
    writeAtomically(new Map([...entries].map(([key, svg]) => [this.file(key), svg])));
  }
}
