/**
 * render: Mermaid diagrams → SVG, all in ONE browser with a small pool of warm pages (one per core).
 * Cached SVGs are reused; when everything is cached no browser is launched.
 */
import { UserError } from '../lib/problems.ts';
import type { Diagram } from '../generate/diagrams.ts';
import { launchLease, type BrowserLease, type Launcher } from './browser.ts';
import { SvgCache, cacheKey } from './cache.ts';
import { MermaidPage, RenderError } from './mermaid-page.ts';
import { stoppingOnSignals } from './signals.ts';
import { availableParallelism } from 'node:os';

/** At most this many pages render at once (one per core on this 2-core machine). */
export const PAGE_POOL = 2;

export interface RenderOptions {
  /** Where cached SVGs live (`.cache/svg`). */
  cacheDir: string;
  /** Ignore cached SVGs and render everything (fresh results are still stored). */
  noCache?: boolean;
  /** How to get a browser (default: launch one, close it after); tests inject a shared, counted one. */
  launch?: Launcher;
  /** Pages rendering at once (default: one per core, at most PAGE_POOL). */
  pages?: number;
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
    // A signal stops the browser (the pages' pending renders then fail) and ends the run with one line.
    let lease: BrowserLease | undefined;
    await stoppingOnSignals(async () => lease?.release(), async (checkpoint) => {
      lease = await (options.launch ?? launchLease)();
      try {
        checkpoint();
        // A small pool: one page per core (at most PAGE_POOL), each in its own renderer process.
        // Diagrams are dealt round-robin; an SVG does not depend on which page or in what order it
        // was rendered (deterministic ids restart per render), so the output is the same.
        const slots = Math.max(1, Math.min(options.pages ?? Math.min(PAGE_POOL, availableParallelism()), todo.length));
        const browser = lease.browser;
        const opened = await Promise.allSettled(Array.from({ length: slots }, (_, i) => MermaidPage.open(browser, i)));
        const pages = opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
        try {
          const failed = opened.find((r): r is PromiseRejectedResult => r.status === 'rejected');
          if (failed) throw failed.reason;
          const results = await Promise.all(
            pages.map(async (page, slot) => {
              const mine = new Map<string, string>();
              for (let i = slot; i < todo.length; i += pages.length) {
                const { diagram, key } = todo[i]!;
                try {
                  mine.set(key, await page.render(diagram));
                } catch (err) {
                  if (err instanceof RenderError) throw new UserError(`diagram ${err.diagramId} could not be rendered: ${err.message}`);
                  throw err;
                }
              }
              return mine;
            }),
          );
          for (const { diagram, key } of todo) {
            const svg = results.find((m) => m.has(key))!.get(key)!;
            found.set(diagram.id, svg);
            fresh.set(key, svg);
          }
        } finally {
          await Promise.all(pages.map((p) => p.close()));
        }
      } finally {
        await lease.release();
      }
    });
    cache.putAll(fresh);
  }
  const svgs = new Map(diagrams.map((d) => [d.id, found.get(d.id)!]));
  return { svgs, rendered: todo.map((t) => t.diagram.id), cached };
}
