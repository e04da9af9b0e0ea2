/**
 * The troubleshooting page in headless Chromium, on the site built once per
 * test run (test/shared-site.ts) from a copy of data/ with three stray files Eleventy must not read (data/__proto__.json,
 * a broken data/notes.json, data/certdocs.json that would shadow the site's
 * global data): three real error lines get the right edge first, pasted
 * markup is never written into the page, the copy buttons show, and site
 * search (Pagefind) for "x509" and for each documented error text lists the
 * pages of exactly the edges that document it first.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { sharedSite, STRAY_FILES } from './shared-site.ts';
import { serveStatic, type StaticServer } from '../scripts/site/static-server.ts';
import { launchChromium } from './browser-helpers.ts';
import { buildModel } from '../scripts/model/model.ts';
import { loadDataDir } from '../scripts/load/index.ts';
import { symptomsOf } from '../scripts/model/symptoms.ts';
import { edgeUrl, flagUrl } from '../scripts/site/urls.ts';
import { LINES } from './troubleshoot-lines.ts';


let dataDir: string;
let site: string;
let server: StaticServer;
let browser: Browser;
const dialogs: string[] = [];

async function open(url: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(new URL(url, server.url).href, { waitUntil: 'load' });
  return page;
}

async function paste(page: Page, line: string): Promise<{ first: string | undefined; visible: number; status: string }> {
  await page.$eval('#log-line', (el, value) => ((el as HTMLTextAreaElement).value = value as string), line);
  await page.click('#troubleshoot-form button[type=submit]');
  return page.evaluate(() => {
    const visible = [...document.querySelectorAll('#edges [data-edge]')].filter((s) => !(s as HTMLElement).hidden);
    return { first: visible[0]?.id, visible: visible.length, status: document.getElementById('troubleshoot-status')!.textContent ?? '' };
  });
}

describe('troubleshooting in headless Chromium', () => {
  before(async () => {
    ({ site, data: dataDir } = await sharedSite());
    server = await serveStatic(site);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('builds from the validated model only: stray data/__proto__.json, broken data/notes.json and data/certdocs.json change nothing', () => {
    for (const name of Object.keys(STRAY_FILES)) assert.ok(existsSync(path.join(dataDir, name)), `${name} was in the data folder the site was built from`);
    const home = readFileSync(path.join(site, 'index.html'), 'utf8');
    assert.doesNotMatch(home, /javascript:alert|polluted/);
    const flag = readFileSync(path.join(site, flagUrl('kubelet --client-ca-file'), 'index.html'), 'utf8');
    assert.match(flag, /x509: certificate signed by unknown authority/);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  for (const { what, line, first } of LINES) {
    it(`puts the right edge first: ${what}`, async () => {
      const page = await open('/troubleshoot/');
      try {
        const result = await paste(page, line);
        assert.equal(result.first, first, result.status);
        assert.ok(result.visible >= 2, `${result.visible} candidates`);
        const rank = await page.$eval(`#${first} .edge-rank`, (el) => ({ hidden: (el as HTMLElement).hidden, text: el.textContent }));
        assert.equal(rank.hidden, false);
        assert.match(rank.text ?? '', /^Candidate 1 of/);
      } finally {
        await page.close();
      }
    });
  }

  it('several pasted lines: each ranked on its own, the edge most lines point to first, with its count', async () => {
    const page = await open('/troubleshoot/');
    try {
      const log = [LINES[1]!.line, 'I1203 nothing documented here', LINES[0]!.line, LINES[0]!.line.replace('SN=4432', 'SN=4433')].join('\n');
      const result = await paste(page, log);
      assert.equal(result.first, LINES[0]!.first, result.status);
      assert.equal(result.visible, 2, 'one edge per distinct first-ranked edge');
      assert.match(result.status, /^4 lines, 3 with a documented error text, pointing to 2 edges;/);
      const rank = await page.$eval(`#${LINES[0]!.first} .edge-rank`, (el) => el.textContent ?? '');
      assert.match(rank, /^Candidate 1 of 2: 2 lines of 4 rank it first; they contain /);
      const second = await page.$eval(`#${LINES[1]!.first} .edge-rank`, (el) => el.textContent ?? '');
      assert.match(second, /^Candidate 2 of 2: 1 line of 4 ranks it first;/);
    } finally {
      await page.close();
    }
  });

  it('never writes pasted text into the page', async () => {
    const page = await open('/troubleshoot/');
    try {
      const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>"><svg onload=alert(3)> x509: certificate signed by unknown authority </textarea><b id=pwned>';
      const before = await page.evaluate(() => document.querySelectorAll('img, script, svg, b#pwned').length);
      const result = await paste(page, hostile);
      assert.ok(result.visible > 0);
      const after = await page.evaluate(() => ({
        count: document.querySelectorAll('img, script, svg, b#pwned').length,
        body: document.body.innerHTML.includes('onerror') || document.body.innerHTML.includes('pwned'),
      }));
      assert.equal(after.count, before);
      assert.equal(after.body, false);
      assert.doesNotMatch(result.status, /<|onerror/);
      assert.deepEqual(dialogs, []);
    } finally {
      await page.close();
    }
  });

  it('shows copy buttons next to the inspection commands', async () => {
    const page = await open(flagUrl('kube-apiserver --kubelet-certificate-authority'));
    try {
      const buttons = await page.$$eval('#inspect ~ ul.commands button.copy, .commands button.copy', (bs) => bs.map((b) => (b as HTMLElement).hidden));
      assert.ok(buttons.length > 0);
      assert.ok(buttons.every((hidden) => !hidden));
      const text = await page.$eval('.commands code', (c) => c.textContent ?? '');
      assert.match(text, /^oc get -n openshift-config-managed configmap\/.* \| openssl x509 -noout -subject -issuer -dates -ext subjectAltName$/);
    } finally {
      await page.close();
    }
  });

  it('site search for x509 and for each documented error text lists the edges that document it first', async () => {
    const model = buildModel(loadDataDir('data').files);
    const documented = (q: string) =>
      model.edges
        .filter((e) => symptomsOf(e)?.errors.some((x) => x.text.toLowerCase().includes(q.toLowerCase())))
        .map((e) => edgeUrl(e.verifier, e.verified))
        .sort();
    const texts = [...new Set(model.edges.flatMap((e) => (symptomsOf(e)?.errors ?? []).map((x) => x.text)))];
    // The search page's own ranking, as its script reads it (templates/assets/search.js).
    const page = await open('/search/');
    try {
      const ranking = await page.$eval('script[data-ranking]', (s) => JSON.parse(s.getAttribute('data-ranking') ?? 'null') as unknown);
      assert.ok(ranking, 'the search page sets its ranking');
      for (const q of ['x509', ...texts]) {
        const want = documented(q);
        assert.ok(want.length > 0, q);
        const urls = (await page.evaluate(async (query, bundle, ranking) => {
          const pagefind = await import(bundle);
          await pagefind.options({ baseUrl: '/', ranking });
          const search = await pagefind.search(query);
          const data = await Promise.all(search.results.slice(0, 20).map((r: { data(): Promise<{ url: string }> }) => r.data()));
          return data.map((d: { url: string }) => d.url);
        }, q, '/pagefind/pagefind.js', ranking)) as string[];
        assert.deepEqual(urls.slice(0, want.length).sort(), want, `search for ${JSON.stringify(q)}: ${urls.join(' ')}`);
      }
    } finally {
      await page.close();
    }
  });
});
