/**
 * render: Mermaid diagrams → SVG, all in ONE browser with one warm page.
 * Cached SVGs are reused; when everything is cached no browser is launched.
 */
import { UserError } from '../lib/problems.ts';
import type { Diagram } from '../generate/diagrams.ts';
import { launchLease, type Launcher } from './browser.ts';
import { SvgCache, cacheKey } from './cache.ts';
import { MermaidPage, RenderError } from './mermaid-page.ts';

export interface RenderOptions {
  /** Where cached SVGs live (`.cache/svg`). */
  cacheDir: string;
  /** Ignore cached SVGs and render everything (fresh results are still stored). */
  noCache?: boolean;
  /** How to get a browser (default: launch one, close it after); tests inject a shared, counted one. */
  launch?: Launcher;
}

export interface RenderResult {
  /** Diagram id → SVG text, in diagram order. */
  svgs: Map<string, string>;
  /** Ids rendered in the browser. */
  rendered: string[];
  /** Ids taken from the cache. */
  cached: string[];
}

export async function renderDiagrams(diagrams: Diagram[], options: RenderOptions): Promise<RenderResult> {
  const cache = new SvgCache(options.cacheDir);
  const found = new Map<string, string>();
  const todo: Array<{ diagram: Diagram; key: string }> = [];
  const cached: string[] = [];
  for (const diagram of diagrams) {
    const key = cacheKey(diagram);
    const hit = options.noCache ? undefined : cache.get(key);
    if (hit !== undefined) {
      found.set(diagram.id, hit);
      cached.push(diagram.id);
    } else todo.push({ diagram, key });
  }
  const fresh = new Map<string, string>();
  if (todo.length) {
    const lease = await (options.launch ?? launchLease)();
    try {
      const page = await MermaidPage.open(lease.browser);
      try {
        for (const { diagram, key } of todo) {
          let svg: string;
          try {
            svg = await page.render(diagram);
          } catch (err) {
            if (err instanceof RenderError) throw new UserError(`diagram ${err.diagramId} could not be rendered: ${err.message}`);
            throw err;
          }
          found.set(diagram.id, svg);
          fresh.set(key, svg);
        }
      } finally {
        await page.close();
      }
    } finally {
      await lease.release();
    }
    cache.putAll(fresh);
  }
  const svgs = new Map(diagrams.map((d) => [d.id, found.get(d.id)!]));
  return { svgs, rendered: todo.map((t) => t.diagram.id), cached };
}
