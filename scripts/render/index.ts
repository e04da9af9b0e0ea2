/**
 * render: Mermaid diagrams → SVG, all in ONE browser with a small pool of warm pages (one per core).
 * Cached SVGs are reused; when everything is cached no browser is launched.
 *
 * A RenderSession can be started before the diagrams exist (certdocs generate
 * starts one while it loads and validates the data), so the browser boots and
 * the pages load Mermaid in parallel with that work instead of after it.
 */
import { UserError } from '../lib/problems.ts';
import type { Diagram } from '../generate/diagrams.ts';
import { launchLease, type BrowserLease, type Launcher } from './browser.ts';
import { SvgCache, cacheKey } from './cache.ts';
import { mermaidErrorIn, overMermaidLimits } from './mermaid-errors.ts';
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
  /** A session started earlier (startRenderSession); renderDiagrams uses it if it renders anything, and closes it either way. */
  session?: RenderSession;
}

export interface RenderResult {
  /** Diagram id → SVG text, in diagram order. */
  svgs: Map<string, string>;
  /** Ids rendered in the browser. */
  rendered: string[];
  /** Ids taken from the cache. */
  cached: string[];
  /**
   * The browser's shutdown. It is started, not waited for, once the last SVG is in: the caller writes its
   * outputs meanwhile and waits for this before it ends. Never rejects (RenderSession.close does not).
   */
  closed: Promise<void>;
}

function defaultPages(pages: number | undefined): number {
  return Math.max(1, pages ?? Math.min(PAGE_POOL, availableParallelism()));
}

/** One browser and its warm pages, getting ready in the background. */
export class RenderSession {
  private readonly ready: Promise<{ lease: BrowserLease; pages: MermaidPage[] }>;
  private closing: Promise<void> | undefined;

  constructor(launch: Launcher, slots: number) {
    this.ready = (async () => {
      const lease = await launch();
      // Each page in its own renderer process (see MermaidPage.open), opened at once.
      const opened = await Promise.allSettled(Array.from({ length: slots }, (_, i) => MermaidPage.open(lease.browser, i)));
      const pages = opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const failed = opened.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) {
        await Promise.all(pages.map((p) => p.close()));
        await lease.release();
        throw failed.reason;
      }
      return { lease, pages };
    })();
    // A failed launch is reported by pages(); a session that is only closed must not crash the process.
    this.ready.catch(() => undefined);
  }

  /** The warm pages (waits for the launch; rejects with its error). */
  async pages(): Promise<MermaidPage[]> {
    return (await this.ready).pages;
  }

  /** Close the pages and give the browser back; safe to call more than once, and after a failed launch. Never rejects. */
  close(): Promise<void> {
    this.closing ??= this.ready.then(
      async ({ lease, pages }) => {
        await Promise.all(pages.map((p) => p.close()));
        await lease.release().catch(() => undefined);
      },
      () => undefined,
    );
    return this.closing;
  }
}

/** Start launching the browser and opening pages now, to render later. */
export function startRenderSession(options: { launch?: Launcher; pages?: number } = {}): RenderSession {
  return new RenderSession(options.launch ?? launchLease, defaultPages(options.pages));
}

export async function renderDiagrams(diagrams: Diagram[], options: RenderOptions): Promise<RenderResult> {
  try {
    const result = await render(diagrams, options);
    // An early session is closed either way, also when everything came from the cache.
    return { ...result, closed: Promise.all([result.closed, options.session?.close()]).then(() => undefined) };
  } catch (err) {
    await options.session?.close();
    throw err;
  }
}

async function render(diagrams: Diagram[], options: RenderOptions): Promise<RenderResult> {
  const cache = new SvgCache(options.cacheDir);
  const found = new Map<string, string>();
  const todo: Array<{ diagram: Diagram; key: string }> = [];
  const cached: string[] = [];
  for (const diagram of diagrams) {
    const key = cacheKey(diagram);
    const hit = options.noCache ? undefined : cache.get(key);
    // An SVG cached before failed renders were detected may hold Mermaid's error picture: render it again.
    if (hit !== undefined && mermaidErrorIn(hit) === undefined) {
      found.set(diagram.id, hit);
      cached.push(diagram.id);
    } else todo.push({ diagram, key });
  }
  // Diagrams Mermaid would refuse fail here, before a browser starts.
  for (const { diagram } of todo) {
    const over = overMermaidLimits(diagram.source);
    if (over) throw new UserError(`diagram ${diagram.id} could not be rendered: ${over}; split the diagram or raise the limit deliberately`);
  }
  const fresh = new Map<string, string>();
  let closed: Promise<void> = Promise.resolve();
  if (todo.length) {
    // A small pool: one page per core (at most PAGE_POOL), each in its own renderer process.
    // Each free page takes the largest diagram left (the big ones first, so no page is left with
    // one at the end); an SVG does not depend on which page or in what order it was rendered
    // (deterministic ids restart per render), so the output is the same.
    const session =
      options.session ?? new RenderSession(options.launch ?? launchLease, Math.min(defaultPages(options.pages), todo.length));
    // A signal (SIGINT, SIGTERM, SIGHUP) stops the browser (the pages' pending renders then fail) and ends the run with one line.
    await stoppingOnSignals(() => session.close(), async (checkpoint) => {
      checkpoint();
      const queue = [...todo].sort((a, b) => b.diagram.source.length - a.diagram.source.length);
      try {
        const pages = await session.pages();
        const results = await Promise.all(
          pages.map(async (page) => {
            const mine = new Map<string, string>();
            for (let next = queue.shift(); next; next = queue.shift()) {
              const { diagram, key } = next;
              let svg: string;
              try {
                svg = await page.render(diagram);
              } catch (err) {
                queue.length = 0; // the other pages stop too
                if (err instanceof RenderError) throw new UserError(`diagram ${err.diagramId} could not be rendered: ${err.message}`);
                throw err;
              }
              const error = mermaidErrorIn(svg);
              if (error) queue.length = 0;
              if (error) throw new UserError(`diagram ${diagram.id} could not be rendered: ${error}`);
              mine.set(key, svg);
            }
            return mine;
          }),
        );
        for (const { diagram, key } of todo) {
          const svg = results.find((m) => m.has(key))!.get(key)!;
          found.set(diagram.id, svg);
          fresh.set(key, svg);
        }
      } catch (err) {
        await session.close();
        throw err;
      }
      // Every SVG is in: the browser shuts down while the caller carries on (RenderResult.closed).
      closed = session.close();
    });
    cache.putAll(fresh);
  }
  const svgs = new Map(diagrams.map((d) => [d.id, found.get(d.id)!]));
  return { svgs, rendered: todo.map((t) => t.diagram.id), cached, closed };
}
