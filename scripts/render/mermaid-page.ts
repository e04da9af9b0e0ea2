/**
 * One warm browser page with Mermaid loaded from node_modules: every diagram
 * is rendered by calling `mermaid.render` in that page (tens of milliseconds)
 * instead of opening a page and loading Mermaid per diagram.
 *
 * The page loads from a file:// URL; every other request is refused, so a
 * render never reaches the network. Each SVG gets <title> and <desc> as its
 * first children, role="img", aria-labelledby and aria-describedby, and is
 * serialized with XMLSerializer so it is well-formed XML.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import type { Diagram } from '../generate/diagrams.ts';
import { MERMAID_CONFIG, VIEWPORT, mermaidScriptPath, svgIdFor } from './config.ts';

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

  static async open(browser: Browser): Promise<MermaidPage> {
    const page = await browser.newPage();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'certdocs-render-'));
    try {
      const script = pathToFileURL(mermaidScriptPath()).href;
      const html = path.join(dir, 'render.html');
      writeFileSync(
        html,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>certdocs render</title><script src="${script}"></script></head><body><div id="container"></div></body></html>`,
      );
      const allowed = new Set([pathToFileURL(html).href, script]);
      await page.setRequestInterception(true);
      page.on('request', (req) => {
        if (req.isInterceptResolutionHandled()) return;
        if (allowed.has(req.url())) void req.continue();
        else void req.abort('blockedbyclient');
      });
      await page.setViewport(VIEWPORT);
      await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
      const ok = await page.evaluate((config) => {
        const mermaid = (window as unknown as { mermaid?: { initialize(c: unknown): void } }).mermaid;
        if (!mermaid) return false;
        mermaid.initialize(config);
        return true;
      }, MERMAID_CONFIG as unknown as Record<string, unknown>);
      if (!ok) throw new Error(`Mermaid did not load from ${script}`);
    } catch (err) {
      await page.close().catch(() => undefined);
      throw err;
    } finally {
      rmSync(dir, { recursive: true, force: true });
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
          container.innerHTML = svg;
          const el = container.querySelector('svg');
          if (!el) return { error: 'Mermaid returned no <svg> element' };
          if (el.querySelector('script')) return { error: 'the SVG contains a <script> element' };
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

  async close(): Promise<void> {
    await this.page.close().catch(() => undefined);
  }
}
