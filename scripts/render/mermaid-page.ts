/**
 * One warm browser page with Mermaid loaded from node_modules: every diagram
 * is rendered by calling `mermaid.render` in that page (tens of milliseconds)
 * instead of opening a page and loading Mermaid per diagram.
 *
 * Every request the page makes is answered locally or refused, so a render
 * never reaches the network. Each SVG gets <title> and <desc> as its
 * first children, role="img", aria-labelledby and aria-describedby, and is
 * serialized with XMLSerializer so it is well-formed XML.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import type { Diagram } from '../generate/diagrams.ts';
import { MERMAID_CONFIG, VIEWPORT, dompurifyModule, mermaidDistDir, svgIdFor } from './config.ts';

/**
 * The page is served from a made-up origin (`.invalid` never resolves) by
 * request interception: the page itself and, under /mermaid/, files from
 * Mermaid's dist folder. Mermaid's ES module build is used so only the code of
 * the diagram types in use is loaded (about a quarter of the UMD bundle).
 */
const originFor = (slot: number) => `http://certdocs-render-${slot}.invalid`;
const PAGE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>certdocs render</title>
<script type="module">
// DOMPurify (SVG, SVG filters and the HTML of Mermaid's labels, HTML only inside <foreignObject>): no script,
// event handler, javascript: URL, attribute animation or embedded document survives, whatever a label holds.
const PURIFY = {
  USE_PROFILES: { svg: true, svgFilters: true, html: true },
  ADD_TAGS: ['foreignObject'],
  HTML_INTEGRATION_POINTS: { foreignobject: true, 'annotation-xml': true },
  FORBID_TAGS: ['animate', 'animateMotion', 'animateTransform', 'set', 'iframe', 'embed', 'object', 'script', 'use'],
  RETURN_DOM_FRAGMENT: true,
};
window.certdocsLoading = Promise.all([import('/mermaid/mermaid.esm.min.mjs'), import('/dompurify/purify.es.mjs')]).then(
  ([m, p]) => {
    window.mermaid = m.default;
    window.certdocsSanitize = (svg) => p.default.sanitize(svg, PURIFY);
    return 'ok';
  },
  (err) => String(err),
);
</script></head><body><div id="container"></div></body></html>`;

interface Served {
  status: number;
  contentType: string;
  body: string | Buffer;
}

/** The response for a request, or undefined to refuse it. Only files inside Mermaid's dist folder are served. */
function serve(origin: string, dist: string, url: string): Served | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.origin !== origin) return undefined;
  if (u.pathname === '/render.html') return { status: 200, contentType: 'text/html; charset=utf-8', body: PAGE_HTML };
  if (u.pathname === '/dompurify/purify.es.mjs') return { status: 200, contentType: 'text/javascript; charset=utf-8', body: readFileSync(dompurifyModule()) };
  if (!u.pathname.startsWith('/mermaid/') || !/\.m?js$/.test(u.pathname)) return { status: 404, contentType: 'text/plain', body: '' };
  const file = path.resolve(dist, decodeURIComponent(u.pathname.slice('/mermaid/'.length)));
  if (!file.startsWith(`${dist}${path.sep}`)) return { status: 404, contentType: 'text/plain', body: '' };
  try {
    return { status: 200, contentType: 'text/javascript; charset=utf-8', body: readFileSync(file) };
  } catch {
    return { status: 404, contentType: 'text/plain', body: '' };
  }
}

export class RenderError extends Error {
  constructor(
    readonly diagramId: string,
    message: string,
  ) {
    super(message);
    this.name = 'RenderError';
  }
}

interface PageResult {
  svg?: string;
  error?: string;
}

export class MermaidPage {
  private constructor(private readonly page: Page) {}

  /**
   * Open a page with Mermaid loaded. Pages of different `slot`s are served from different
   * made-up sites, so Chromium gives each its own renderer process and they render in parallel.
   */
  static async open(browser: Browser, slot = 0): Promise<MermaidPage> {
    const origin = originFor(slot);
    const page = await browser.newPage();
    try {
      const dist = mermaidDistDir();
      await page.setRequestInterception(true);
      page.on('request', (req) => {
        if (req.isInterceptResolutionHandled()) return;
        const served = serve(origin, dist, req.url());
        if (served) void req.respond(served);
        else void req.abort('blockedbyclient');
      });
      await page.setViewport(VIEWPORT);
      await page.goto(`${origin}/render.html`, { waitUntil: 'load' });
      // Module scripts run before the load event, so the import is under way; wait for it here (no polling:
      // requestAnimationFrame-based waits never fire in background pages).
      const error = await page.evaluate(async (config) => {
        const w = window as unknown as { certdocsLoading?: Promise<string>; mermaid?: { initialize(c: unknown): void } };
        const state = w.certdocsLoading ? await w.certdocsLoading : 'the loader script did not run';
        if (state !== 'ok' || !w.mermaid) return state;
        w.mermaid.initialize(config);
        return undefined;
      }, MERMAID_CONFIG as unknown as Record<string, unknown>);
      if (error !== undefined) throw new Error(`Mermaid did not load from ${dist}: ${error}`);
    } catch (err) {
      await page.close().catch(() => undefined);
      throw err;
    }
    return new MermaidPage(page);
  }

  /** Render one diagram to a complete, accessible SVG document (no XML declaration). */
  async render(diagram: Diagram): Promise<string> {
    const result = await this.page.evaluate(
      async ({ svgId, source, title, description }): Promise<PageResult> => {
        const NS = 'http://www.w3.org/2000/svg';
        const mermaid = (window as unknown as { mermaid: { render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
        const container = document.getElementById('container')!;
        try {
          const { svg } = await mermaid.render(svgId, source);
          container.append((window as unknown as { certdocsSanitize(svg: string): Node }).certdocsSanitize(svg));
          const el = container.querySelector('svg');
          if (!el) return { error: 'Mermaid returned no <svg> element' };
          for (const child of Array.from(el.children)) {
            if (child.localName === 'title' || child.localName === 'desc') child.remove();
          }
          const t = document.createElementNS(NS, 'title');
          t.setAttribute('id', `${svgId}-title`);
          t.textContent = title;
          const d = document.createElementNS(NS, 'desc');
          d.setAttribute('id', `${svgId}-desc`);
          d.textContent = description;
          el.prepend(t, d);
          el.setAttribute('role', 'img');
          el.setAttribute('aria-labelledby', `${svgId}-title`);
          el.setAttribute('aria-describedby', `${svgId}-desc`);
          el.removeAttribute('aria-roledescription');
          return { svg: new XMLSerializer().serializeToString(el) };
        } catch (err) {
          return { error: err instanceof Error ? err.message : String(err) };
        } finally {
          container.innerHTML = '';
          // Mermaid leaves a temporary element behind when a render fails.
          document.getElementById(`d${svgId}`)?.remove();
        }
      },
      { svgId: svgIdFor(diagram.id), source: diagram.source, title: diagram.title, description: diagram.description },
    );
    if (result.error !== undefined || result.svg === undefined) {
      throw new RenderError(diagram.id, (result.error ?? 'no SVG').split('\n').slice(0, 3).join(' ').trim());
    }
    return `${result.svg}\n`;
  }

  /** The page's sanitiser (DOMPurify) applied to any SVG text, serialized: what a render keeps of it. */
  async sanitize(svg: string): Promise<string> {
    return this.page.evaluate((text) => {
      const box = document.createElement('div');
      box.append((window as unknown as { certdocsSanitize(s: string): Node }).certdocsSanitize(text));
      const el = box.querySelector('svg');
      return el ? new XMLSerializer().serializeToString(el) : '';
    }, svg);
  }

  async close(): Promise<void> {
    await this.page.close().catch(() => undefined);
  }
}
