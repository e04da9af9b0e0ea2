/**
 * The site in a real headless Chromium (puppeteer-core, /usr/bin/chromium):
 * the committed data/ built once per test run with its search index
 * (test/shared-site.ts, shared with the other browser tests), and a
 * small hostile data folder built without SVGs (browser-rendered diagrams),
 * each served from 127.0.0.1 by a tiny static server. One browser for the file.
 *
 * Every page of the committed site is loaded (a few at a time): no console
 * errors, no request to another host. axe-core runs on one page of each
 * template (pages of one template share their markup). Internal links and
 * #fragments are checked on the built HTML files, without a browser.
 * Screenshots for reviewers are a script: `npm run screenshots`.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { parseDocument, DomUtils } from 'htmlparser2';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { buildSite } from '../scripts/site/build.ts';
import { sharedSite } from './shared-site.ts';
import { htmlPages, launchChromium } from './browser-helpers.ts';
import { HOSTILE_PURPOSE, writeFixtureData } from '../scripts/site/fixture-data.ts';
import { PROJECT_ROOT } from '../scripts/site/settings.ts';
import { serveStatic, type StaticServer } from '../scripts/site/static-server.ts';
import { flagUrl } from '../scripts/site/urls.ts';
import { validateDataDir } from '../scripts/validate/index.ts';

const AXE = readFileSync(path.join(PROJECT_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const FLAG = 'kube-controller-manager --cluster-signing-cert-file';

/** The links (absolute, against the server) and ids of a built page, read from its HTML file. */
function htmlLinks(url: string): { links: string[]; ids: string[] } {
  const file = path.join(site, url.endsWith('/') ? `${url}index.html` : url);
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const base = new URL(url, server.url);
  const links = DomUtils.findAll((e) => e.name === 'a' && e.attribs.href !== undefined, doc.children).map((a) => new URL(a.attribs.href!, base).href);
  const ids = DomUtils.findAll((e) => e.attribs.id !== undefined, doc.children).map((e) => e.attribs.id!);
  return { links, ids };
}

/** Pages of one template share their markup: the first path segment names the template ('/' for the home page). */
function templateOf(url: string): string {
  return url.split('/').filter(Boolean)[0] ?? '/';
}

interface PageReport {
  url: string;
  status: number;
  errors: string[];
  foreign: string[];
  links: string[];
  ids: string[];
  axe: Array<{ id: string; impact: string; help: string; nodes: string[] }>;
}

let tmp: string;
let site: string;
let hostile: string;
let server: StaticServer;
let hostileServer: StaticServer;
let browser: Browser;
const reports = new Map<string, PageReport>();
let axeChecked: string[] = [];

/** A page that records console errors, failed requests and requests to other hosts. */
async function watchedPage(origin: string): Promise<{ page: Page; errors: string[]; foreign: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${(e as Error).message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return { page, errors, foreign };
}

/** Wait until browser-rendered diagrams (if any) are done. */
async function diagramsSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => [...document.querySelectorAll('pre.mermaid')].every((p) => p.querySelector('svg') || p.getAttribute('data-processed')), {
    timeout: 30_000,
  });
}

type Watched = Awaited<ReturnType<typeof watchedPage>>;

/** Load one page in a reused tab: its errors and foreign requests, its links and ids (from the HTML file), and axe's findings when asked. */
async function crawl(tab: Watched, url: string, withAxe: boolean): Promise<PageReport> {
  const { page, errors, foreign } = tab;
  errors.length = 0;
  foreign.length = 0;
  const response = await page.goto(new URL(url, server.url).href, { waitUntil: 'load' });
  await diagramsSettled(page);
  const { links, ids } = htmlLinks(url);
  let axe: PageReport['axe'] = [];
  if (withAxe) {
    await page.evaluate(AXE);
    axe = (await page.evaluate(async () => {
      const w = window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }> } };
      const result = await w.axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    })) as PageReport['axe'];
  }
  return { url, status: response?.status() ?? 0, errors: [...errors], foreign: [...foreign], links, ids, axe };
}

describe('the site in headless Chromium', () => {
  before(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'certdocs-browser-'));
    hostile = path.join(tmp, 'hostile');
    writeFixtureData(path.join(tmp, 'hostile-data'));
    const [shared, b] = await Promise.all([
      sharedSite(),
      buildSite({ dataDir: path.join(tmp, 'hostile-data'), outDir: hostile, diagramsDir: path.join(tmp, 'no-svg'), search: false }),
    ]);
    site = shared.site;
    assert.equal(b.code, 0, b.stderr);
    server = await serveStatic(site);
    hostileServer = await serveStatic(hostile);
    browser = await launchChromium();
    const seen = new Set<string>();
    const pages = htmlPages(site).map((url) => {
      const first = !seen.has(templateOf(url));
      seen.add(templateOf(url));
      return { url, withAxe: first };
    });
    // Tabs are opened one after another (concurrent Target.createTarget calls race in Chromium), then share the pages.
    const tabs: Watched[] = [];
    for (let i = 0; i < 4; i++) tabs.push(await watchedPage(new URL(server.url).origin));
    const queue = [...pages];
    await Promise.all(
      tabs.map(async (tab) => {
        for (let p = queue.shift(); p; p = queue.shift()) reports.set(p.url, await crawl(tab, p.url, p.withAxe));
        await tab.page.close();
      }),
    );
    axeChecked = pages.filter((p) => p.withAxe).map((p) => p.url);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await hostileServer?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('loads every page without console errors or requests to another host', () => {
    assert.ok(reports.size >= 10, `only ${reports.size} pages`);
    for (const r of reports.values()) {
      assert.equal(r.status, 200, r.url);
      assert.deepEqual(r.errors, [], `${r.url}: ${r.errors.join('; ')}`);
      assert.deepEqual(r.foreign, [], `${r.url} loads from another host`);
    }
  });

  it('writes every page as Latin-1 text outside inline SVG (other characters as references), so Eleventy holds each page at one byte per character', () => {
    let pages = 0;
    for (const root of [site, hostile]) {
      for (const url of htmlPages(root)) {
        const file = path.join(root, url.endsWith('.html') ? url : path.join(url, 'index.html'));
        const text = readFileSync(file, 'utf8').replace(/<svg[\s\S]*?<\/svg>/g, '');
        const wide = /[^\u0000-\u00ff]/u.exec(text);
        assert.equal(wide, null, `${url} in ${root}: ${JSON.stringify(wide?.[0])} at ${wide?.index}: ${JSON.stringify(text.slice(Math.max(0, (wide?.index ?? 0) - 40), (wide?.index ?? 0) + 20))}`);
        pages++;
      }
    }
    assert.ok(pages > 20, `${pages} pages`);
  });

  it('resolves every internal link and fragment', () => {
    const origin = new URL(server.url).origin;
    const checked = new Set<string>();
    for (const r of reports.values()) {
      for (const href of r.links) {
        const u = new URL(href);
        if (u.origin !== origin) continue;
        const key = `${u.pathname}#${u.hash}`;
        if (checked.has(key)) continue;
        checked.add(key);
        const target = reports.get(u.pathname);
        if (!target) {
          // Not a page: must be a file of the site (an SVG, the mermaid source…).
          const file = path.join(site, decodeURIComponent(u.pathname));
          assert.ok(statSync(file, { throwIfNoEntry: false })?.isFile(), `${r.url} links to missing ${u.pathname}`);
          continue;
        }
        if (u.hash) assert.ok(target.ids.includes(decodeURIComponent(u.hash.slice(1))), `${r.url} links to missing ${u.pathname}${u.hash}`);
      }
    }
    assert.ok(checked.size > 50, `only ${checked.size} distinct links checked`);
  });

  it('has no serious or critical accessibility violations (axe-core, one page of each template)', () => {
    assert.ok(axeChecked.length >= 6, `axe ran on ${axeChecked.join(', ')}`);
    for (const t of ['/', 'flags', 'components', 'namespaces', 'resources', 'enhancement', 'schemas', 'search']) assert.ok(axeChecked.some((u) => templateOf(u) === t), `axe checked a ${t} page`);
    const problems: string[] = [];
    for (const r of reports.values()) {
      for (const v of r.axe) {
        if (v.impact === 'serious' || v.impact === 'critical') problems.push(`${r.url}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.join(', ')}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it(`finds ${FLAG} with the Pagefind search UI`, async () => {
    const { page, errors, foreign } = await watchedPage(new URL(server.url).origin);
    try {
      await page.goto(new URL('/search/', server.url).href, { waitUntil: 'load' });
      await page.waitForSelector('.pagefind-ui__search-input');
      await page.type('.pagefind-ui__search-input', 'cluster-signing-cert-file');
      await page.waitForSelector('.pagefind-ui__result-link', { timeout: 20_000 });
      const results = await page.$$eval('.pagefind-ui__result-link', (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      assert.ok(results.includes(flagUrl(FLAG)), `results: ${results.join(', ')}`);
      // The search boxes on every page link here with ?q=: the query runs straight away.
      await page.goto(new URL('/search/?q=root-ca-file', server.url).href, { waitUntil: 'load' });
      await page.waitForSelector('.pagefind-ui__result-link', { timeout: 20_000 });
      const viaQuery = await page.$$eval('.pagefind-ui__result-link', (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      assert.ok(viaQuery.includes(flagUrl('kube-controller-manager --root-ca-file')), `results: ${viaQuery.join(', ')}`);
      assert.deepEqual(errors, []);
      assert.deepEqual(foreign, []);
    } finally {
      await page.close();
    }
  });

  it(`shows what verifies ${FLAG} and what breaks`, async () => {
    const model = validateDataDir(path.join(PROJECT_ROOT, 'data')).model!;
    const verifiers = model.edges.filter((e) => e.verified === FLAG);
    assert.ok(verifiers.length > 0, 'the data has verifiers for the flag');
    const page = await browser.newPage();
    try {
      await page.goto(new URL(flagUrl(FLAG), server.url).href, { waitUntil: 'load' });
      const items = await page.$$eval('#verified-by + ul > li', (lis) => lis.map((li) => (li as HTMLElement).innerText.replace(/\s+/g, ' ')));
      const breaks = await page.$eval('section[aria-labelledby="what-breaks"]', (s) => (s as HTMLElement).innerText.replace(/\s+/g, ' '));
      const plain = (md: string) => md.replace(/[`*_]/g, '').replace(/\s+/g, ' ').trim();
      for (const e of verifiers) {
        const item = items.find((t) => t.startsWith(e.verifier));
        assert.ok(item, `${e.verifier} listed under "Must be verifiable by": ${items.join(' | ')}`);
        const consequence = e.verifiedSide?.edge.consequence ?? e.verifierSide?.edge.consequence;
        if (consequence) {
          assert.ok(item.includes(plain(consequence)), `${item} shows "${plain(consequence)}"`);
          assert.ok(breaks.includes(plain(consequence)), `what breaks shows "${plain(consequence)}"`);
        }
      }
      assert.ok(verifiers.some((e) => e.verifiedSide?.edge.consequence ?? e.verifierSide?.edge.consequence), 'at least one consequence checked');
    } finally {
      await page.close();
    }
  });

  it('shows a purpose containing <script> as text, and runs nothing from it', async () => {
    const { page, errors } = await watchedPage(new URL(hostileServer.url).origin);
    try {
      await page.goto(new URL('/flags/alpha/ca-file/', hostileServer.url).href, { waitUntil: 'load' });
      const purpose = await page.$eval('.purpose', (p) => (p as HTMLElement).innerText);
      assert.ok(purpose.includes('<script>window.__pwned = 1</script>'), purpose);
      assert.ok(HOSTILE_PURPOSE.includes('<img src=x onerror='));
      assert.ok(purpose.includes('<img src=x onerror='), purpose);
      assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
      assert.equal(await page.$('.purpose script, .purpose img'), null);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  it('renders diagrams in the browser with the mermaid served by the site when no SVG was built', async () => {
    const origin = new URL(hostileServer.url).origin;
    const { page, errors, foreign } = await watchedPage(origin);
    try {
      await page.goto(new URL('/flags/beta/serving-cert/', hostileServer.url).href, { waitUntil: 'load' });
      await page.waitForSelector('pre.mermaid svg', { timeout: 30_000 });
      const scripts = await page.$$eval('script[src]', (s) => s.map((x) => (x as HTMLScriptElement).src));
      assert.ok(scripts.some((s) => s === `${origin}/assets/mermaid.min.js`), scripts.join(', '));
      assert.deepEqual(errors, []);
      assert.deepEqual(foreign, []);
    } finally {
      await page.close();
    }
  });

  it('is keyboard navigable: the skip link comes first and moves focus to the content', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(new URL(flagUrl(FLAG), server.url).href, { waitUntil: 'load' });
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => ({ cls: document.activeElement?.className, top: document.activeElement?.getBoundingClientRect().top ?? -1 }));
      assert.equal(first.cls, 'skip-link');
      assert.ok(first.top >= 0, 'the focused skip link is on screen');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.id === 'main');
      const outline = await page.evaluate(() => {
        const a = document.querySelector('main a') as HTMLAnchorElement;
        a.focus();
        return getComputedStyle(a).outlineStyle;
      });
      assert.notEqual(outline, 'none', 'focused links show a focus outline');
    } finally {
      await page.close();
    }
  });

  it('follows the reader’s colour scheme and fits a phone screen', async () => {
    const page = await browser.newPage();
    try {
      const background = async (scheme: 'light' | 'dark') => {
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      };
      await page.goto(new URL('/', server.url).href, { waitUntil: 'load' });
      assert.notEqual(await background('light'), await background('dark'));
      await page.setViewport({ width: 375, height: 800 });
      for (const url of ['/', flagUrl(FLAG), '/namespaces/openshift-config-managed/', '/enhancement/']) {
        await page.goto(new URL(url, server.url).href, { waitUntil: 'load' });
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 375, `${url} is ${width}px wide on a 375px screen`);
      }
    } finally {
      await page.close();
    }
  });
});
