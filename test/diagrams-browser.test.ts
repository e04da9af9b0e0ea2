/**
 * Diagrams as people see them, measured in headless Chromium from the
 * rendered page (test/diagram-geometry.ts): the committed data's SVGs in the
 * site built once per test run (test/shared-site.ts), one browser.
 *
 * - the trust graph: no edge label overlaps a node, a component title or another label;
 * - at 1366 px: no inline diagram text smaller than 12 CSS px;
 * - on a 390 px phone: every diagram opens full size in a dialog that pans and zooms,
 *   and no table breaks a flag name (or any code) across lines.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { sharedSite } from './shared-site.ts';
import { serveStatic, type StaticServer } from '../scripts/site/static-server.ts';
import { htmlPages, launchChromium } from './browser-helpers.ts';
import { GEOMETRY_SCRIPT, type DiagramGeometry } from './diagram-geometry.ts';


let site: string;
let server: StaticServer;
let browser: Browser;
/** Pages that show at least one diagram, and pages with a table. */
const withDiagrams: string[] = [];
const withTables: string[] = [];


async function open(url: string, width: number, mobile = false): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width, height: mobile ? 844 : 900, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: 1 });
  await page.goto(new URL(url, server.url).href, { waitUntil: 'load' });
  return page;
}

/**
 * Visit every url in a few tabs at once (opened one after another: concurrent
 * Target.createTarget calls race in Chromium), each tab loading its next url
 * when done with the last; `visit` sees the loaded page. Results keep the
 * order of `urls`.
 */
async function visitAll<T>(urls: string[], width: number, mobile: boolean, visit: (page: Page, url: string) => Promise<T>, tabCount = 3): Promise<T[]> {
  const tabs: Page[] = [];
  for (let i = 0; i < Math.min(tabCount, urls.length); i++) {
    const page = await browser.newPage();
    await page.setViewport({ width, height: mobile ? 844 : 900, isMobile: mobile, hasTouch: mobile, deviceScaleFactor: 1 });
    tabs.push(page);
  }
  const out: T[] = new Array(urls.length);
  let next = 0;
  try {
    await Promise.all(
      tabs.map(async (page) => {
        for (let i = next++; i < urls.length; i = next++) {
          await page.goto(new URL(urls[i]!, server.url).href, { waitUntil: 'load' });
          out[i] = await visit(page, urls[i]!);
        }
      }),
    );
  } finally {
    for (const page of tabs) await page.close();
  }
  return out;
}

async function geometry(page: Page): Promise<DiagramGeometry[]> {
  return (await page.evaluate(`(${GEOMETRY_SCRIPT})('main')`)) as DiagramGeometry[];
}

describe('diagrams in headless Chromium', () => {
  before(async () => {
    site = (await sharedSite()).site;
    server = await serveStatic(site);
    browser = await launchChromium();
    for (const url of htmlPages(site).filter((u) => u.endsWith('/'))) {
      const html = readFileSync(path.join(site, url, 'index.html'), 'utf8');
      if (html.includes('<figure class="diagram"')) withDiagrams.push(url);
      if (html.includes('<table')) withTables.push(url);
    }
    assert.ok(withDiagrams.length > 5 && withTables.length > 3, `${withDiagrams.length} pages with diagrams, ${withTables.length} with tables`);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the trust graph: no edge label overlaps a node, a component title or another label', async () => {
    const page = await open('/', 1366);
    try {
      const overall = (await geometry(page)).find((g) => g.id === 'certdocs-overall');
      assert.ok(overall, 'the trust graph is on the home page');
      assert.ok(overall.nodes > 10 && overall.labels > 0, `${overall.nodes} nodes, ${overall.labels} labels measured`);
      assert.deepEqual(overall.overlaps, []);
    } finally {
      await page.close();
    }
  });

  it('at 1366 px no inline diagram text is smaller than 12 CSS px (every page with a diagram)', async () => {
    const small: string[] = [];
    let measured = 0;
    const results = await visitAll(withDiagrams, 1366, false, async (page, url) => ({ url, geometries: await geometry(page) }));
    for (const { url, geometries } of results) {
      for (const g of geometries) {
        measured++;
        if (!(g.minTextPx >= 12)) small.push(`${url} ${g.id}: ${g.minTextPx.toFixed(1)} px (scale ${g.scale.toFixed(2)})`);
      }
    }
    assert.ok(measured >= withDiagrams.length);
    assert.deepEqual(small, []);
  });

  it('on a 390 px phone every diagram opens full size, zooms and pans', async () => {
    const problems: string[] = [];
    let opened = 0;
    // One tab: a dialog's open/zoom steps wait on animation frames, which Chromium throttles in tabs in the background.
    await visitAll(withDiagrams, 390, true, async (page, url) => {
      {
        const count = await page.$$eval('figure.diagram', (f) => f.length);
        for (let i = 0; i < count; i++) {
          const buttons = await page.$$('figure.diagram .diagram-open');
          await buttons[i]!.click();
          await page.waitForSelector('dialog.diagram-dialog[open]');
          const state = (await page.evaluate(`(() => {
            const d = document.querySelector('dialog.diagram-dialog[open]');
            const svg = d.querySelector('svg');
            const vp = d.querySelector('.diagram-viewport');
            const natural = svg.viewBox.baseVal.width;
            const r = svg.getBoundingClientRect();
            const dr = d.getBoundingClientRect();
            return { natural, width: r.width, dialogWidth: dr.width, viewport: vp.clientWidth, scrollable: vp.scrollWidth > vp.clientWidth || vp.scrollHeight > vp.clientHeight };
          })()`)) as { natural: number; width: number; dialogWidth: number; viewport: number; scrollable: boolean };
          if (Math.abs(state.width - state.natural) > 1) problems.push(`${url} #${i}: opens at ${state.width.toFixed(0)} px, natural ${state.natural.toFixed(0)} px`);
          if (state.dialogWidth < 389) problems.push(`${url} #${i}: the dialog is ${state.dialogWidth} px wide on a 390 px screen`);
          // Zoom in: twice as wide after two steps (100 % → 150 % → 200 %).
          const zoomIn = await page.$('dialog[open] button[aria-label="Zoom in"]');
          await zoomIn!.click();
          await zoomIn!.click();
          const zoomed = (await page.evaluate(`document.querySelector('dialog[open] svg').getBoundingClientRect().width`)) as number;
          if (Math.abs(zoomed - 2 * state.natural) > 2) problems.push(`${url} #${i}: zoomed to ${zoomed.toFixed(0)} px, expected ${(2 * state.natural).toFixed(0)}`);
          // Pan: the viewport scrolls over the zoomed diagram.
          const panned = (await page.evaluate(`(() => { const vp = document.querySelector('dialog[open] .diagram-viewport'); vp.scrollLeft = 0; vp.scrollTop = 0; vp.scrollBy(150, 150); return vp.scrollLeft + vp.scrollTop; })()`)) as number;
          if (!(panned > 0)) problems.push(`${url} #${i}: the zoomed diagram does not pan`);
          await page.click('dialog[open] button[aria-label="Close the full-size diagram"]');
          await page.waitForFunction(() => !document.querySelector('dialog.diagram-dialog'));
          opened++;
        }
      }
    }, 1);
    assert.ok(opened >= withDiagrams.length, `${opened} diagrams opened`);
    assert.deepEqual(problems, []);
  });

  it('on a 390 px phone no table breaks a flag name, and no page is wider than the screen', async () => {
    const problems: string[] = [];
    let codes = 0;
    await visitAll(withTables, 390, true, async (page, url) => {
      {
        const r = (await page.evaluate(`(() => {
          const broken = [];
          let n = 0;
          for (const c of document.querySelectorAll('table code')) {
            n++;
            const lines = new Set([...c.getClientRects()].map((x) => Math.round(x.top)));
            if (lines.size > 1) broken.push(c.textContent);
          }
          return { n, broken, width: document.documentElement.scrollWidth };
        })()`)) as { n: number; broken: string[]; width: number };
        codes += r.n;
        for (const b of r.broken) problems.push(`${url}: "${b}" breaks across lines`);
        if (r.width > 390) problems.push(`${url}: ${r.width} px wide`);
      }
    });
    assert.ok(codes > 50, `${codes} code elements in tables measured`);
    assert.deepEqual(problems, []);
  });
});
