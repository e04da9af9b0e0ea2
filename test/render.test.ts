/**
 * The renderer against a real Chromium. One browser is launched for the whole
 * file and lent to every render through a counting launcher.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { buildDiagrams, type Diagram } from '../scripts/generate/diagrams.ts';
import { UserError } from '../scripts/lib/problems.ts';
import { findBrowser, launchBrowser, type Launcher } from '../scripts/render/browser.ts';
import { renderDiagrams, startRenderSession } from '../scripts/render/index.ts';
import { MERMAID_CONFIG } from '../scripts/render/config.ts';
import { mermaidErrorIn, overMermaidLimits } from '../scripts/render/mermaid-errors.ts';
import { MermaidPage } from '../scripts/render/mermaid-page.ts';
import { hostileModel, modelOf, smallDataSet } from './generate-helpers.ts';

let browser: Browser;
let inspector: Page;
let launches = 0;
const launch: Launcher = async () => {
  launches++;
  return { browser, release: async () => undefined };
};
const tmp = mkdtempSync(path.join(os.tmpdir(), 'certdocs-render-'));
const cacheDir = (name: string) => path.join(tmp, name);

before(async () => {
  browser = await launchBrowser();
  inspector = await browser.newPage();
});
after(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

interface Parsed {
  wellFormed: boolean;
  root: string;
  firstChildren: string[];
  title: string | null;
  desc: string | null;
  role: string | null;
  labelledBy: string | null;
  labelTarget: string | null;
  describedBy: string | null;
  scripts: number;
  handlers: number;
  text: string;
}

/** Parse an SVG as XML in the browser (a real XML parser) and report what the tests need. */
async function parseSvg(svg: string): Promise<Parsed> {
  return inspector.evaluate((text: string) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    const kids = Array.from(root.children);
    const labelledBy = root.getAttribute('aria-labelledby');
    const all = Array.from(doc.getElementsByTagName('*'));
    return {
      wellFormed: doc.getElementsByTagName('parsererror').length === 0,
      root: `${root.namespaceURI} ${root.localName}`,
      firstChildren: kids.slice(0, 2).map((k) => k.localName),
      title: kids[0]?.localName === 'title' ? kids[0].textContent : null,
      desc: kids[1]?.localName === 'desc' ? kids[1].textContent : null,
      role: root.getAttribute('role'),
      labelledBy,
      labelTarget: labelledBy ? (doc.getElementById(labelledBy)?.localName ?? null) : null,
      describedBy: root.getAttribute('aria-describedby'),
      scripts: all.filter((e) => e.localName === 'script').length,
      handlers: all.filter((e) => Array.from(e.attributes).some((a) => a.name.toLowerCase().startsWith('on'))).length,
      text: root.textContent ?? '',
    };
  }, svg);
}

describe('renderDiagrams (real Chromium)', () => {
  const diagrams = buildDiagrams(modelOf(smallDataSet()));

  it('finds a browser: $PUPPETEER_EXECUTABLE_PATH first, then the system paths in order', () => {
    assert.ok(findBrowser(), 'a Chrome/Chromium executable on this machine');
    const real = findBrowser()!;
    assert.equal(findBrowser({ PUPPETEER_EXECUTABLE_PATH: real }, []), real);
    assert.equal(findBrowser({}, ['/nonexistent/chromium', real]), real);
    assert.equal(findBrowser({}, ['/nonexistent/chromium', '/nonexistent/chrome']), undefined);
    assert.throws(() => findBrowser({ PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' }), (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.match(err.message, /^PUPPETEER_EXECUTABLE_PATH=\/nonexistent\/chrome is not an executable file; fix or unset it$/);
      return true;
    });
    // A folder, or a file that is not executable, does not count.
    const plain = path.join(tmp, 'not-a-browser');
    writeFileSync(plain, '#!/bin/sh\n', { mode: 0o644 });
    assert.equal(findBrowser({}, [tmp, plain]), undefined);
  });

  it('starts no browser UI pages (omnibox popup, Tab Search) that would take CPU from the render', async () => {
    // Targets of the shared browser: only pages this file opened (about:blank, the inspector, render pages).
    const ui = browser.targets().filter((t) => t.url().startsWith('chrome://') || t.type() === ('browser_ui' as string));
    assert.deepEqual(ui.map((t) => `${t.type()} ${t.url()}`), []);
    // And no renderer process for Chromium's own WebUI (it has --top-chrome-webui on its command line).
    const pid = browser.process()?.pid;
    assert.ok(pid, 'the browser was launched by this process');
    const webui = readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
          return cmd.includes('--top-chrome-webui') && readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] === String(pid);
        } catch {
          return false;
        }
      });
    assert.deepEqual(webui, [], 'no --top-chrome-webui renderer under our browser');
  });

  it('renders well-formed, accessible SVGs with title and desc', async () => {
    const before = launches;
    const result = await renderDiagrams(diagrams, { cacheDir: cacheDir('a'), launch });
    assert.equal(launches, before + 1, 'one browser for all diagrams');
    assert.deepEqual(result.rendered, diagrams.map((d) => d.id));
    assert.deepEqual(result.cached, []);
    for (const d of diagrams) {
      const svg = result.svgs.get(d.id)!;
      const p = await parseSvg(svg);
      assert.ok(p.wellFormed, `${d.id} is well-formed XML`);
      assert.equal(p.root, 'http://www.w3.org/2000/svg svg');
      assert.deepEqual(p.firstChildren, ['title', 'desc']);
      assert.equal(p.title, d.title);
      assert.equal(p.desc, d.description);
      assert.equal(p.role, 'img');
      assert.equal(p.labelTarget, 'title');
      assert.ok(p.describedBy);
      assert.equal(p.scripts, 0);
    }
    const overall = await parseSvg(result.svgs.get('overall')!);
    assert.match(overall.text, /--client-ca-file/);
    assert.match(overall.text, /if \(1\)/); // the numbered label of the conditional edge
    assert.match(overall.text, /\(1\) if the service is not handled with SNI/); // its condition, in the description
    assert.equal(readdirSync(cacheDir('a')).filter((f) => f.endsWith('.svg')).length, diagrams.length);
  });

  it('is byte-identical across renders, and a cache hit never starts the browser', async () => {
    const first = await renderDiagrams(diagrams, { cacheDir: cacheDir('b'), launch });
    const before = launches;
    const cached = await renderDiagrams(diagrams, { cacheDir: cacheDir('b'), launch });
    assert.equal(launches, before, 'no browser when everything is cached');
    assert.deepEqual(cached.rendered, []);
    assert.deepEqual(cached.cached, diagrams.map((d) => d.id));
    assert.deepEqual(cached.svgs, first.svgs);
    const again = await renderDiagrams(diagrams, { cacheDir: cacheDir('b'), launch, noCache: true });
    assert.equal(launches, before + 1, '--no-cache renders again');
    assert.deepEqual(again.rendered, diagrams.map((d) => d.id));
    for (const d of diagrams) assert.equal(again.svgs.get(d.id), first.svgs.get(d.id), `${d.id} byte-identical`);
  });

  it('gives the same SVGs from one page as from a pool of pages in parallel', async () => {
    const one = await renderDiagrams(diagrams, { cacheDir: cacheDir('pool1'), launch, pages: 1 });
    const three = await renderDiagrams(diagrams, { cacheDir: cacheDir('pool3'), launch, pages: 3 });
    assert.equal(three.rendered.length, diagrams.length);
    assert.deepEqual([...three.svgs], [...one.svgs]);
  });

  it('renders only the diagrams whose source changed', async () => {
    await renderDiagrams(diagrams, { cacheDir: cacheDir('c'), launch });
    const changed = diagrams.map((d) => (d.id === 'overall' ? { ...d, source: d.source.replace('flowchart LR', 'flowchart TB') } : d));
    const result = await renderDiagrams(changed, { cacheDir: cacheDir('c'), launch });
    assert.deepEqual(result.rendered, ['overall']);
    assert.equal(result.cached.length, diagrams.length - 1);
  });

  it('renders hostile labels as text: no error, no <script>, no handlers', async () => {
    const hostile = buildDiagrams(hostileModel());
    const result = await renderDiagrams(hostile, { cacheDir: cacheDir('d'), launch });
    for (const d of hostile) {
      const svg = result.svgs.get(d.id)!;
      const p = await parseSvg(svg);
      assert.ok(p.wellFormed, d.id);
      assert.equal(p.scripts, 0, `${d.id}: no <script> element`);
      assert.equal(p.handlers, 0, `${d.id}: no on* attribute`);
      assert.doesNotMatch(svg, /<script/i);
    }
    const overall = await parseSvg(result.svgs.get('overall')!);
    assert.ok(overall.text.includes('<script>alert(1)</script>'), 'the hostile text is shown as text');
    assert.ok(overall.text.includes('日本'));
    // The %%{init: {"theme":"dark"}}%% in the text did not switch the theme: the default theme's cluster colour is still there.
    assert.match(result.svgs.get('overall')!, /\.cluster rect\{fill:#ffffde;/);
  });

  it('a diagram Mermaid cannot parse fails with its id, as a UserError', async () => {
    const broken: Diagram = { id: 'broken', title: 'Broken', description: 'A syntax error.', source: 'flowchart LR\n  n0["a" --> \n' };
    await assert.rejects(renderDiagrams([broken], { cacheDir: cacheDir('e'), launch }), (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.match(err.message, /^diagram broken could not be rendered: /);
      return true;
    });
    assert.ok(!existsSync(cacheDir('e')) || readdirSync(cacheDir('e')).length === 0, 'nothing cached');
  });
  it('an SVG of Mermaid\'s error picture is a failed render: Mermaid over maxTextSize draws one without throwing', async () => {
    const page = await MermaidPage.open(browser);
    try {
      const huge: Diagram = { id: 'huge', title: 'Huge', description: 'Too long.', source: `flowchart LR\n  n0["${'x'.repeat(MERMAID_CONFIG.maxTextSize)}"]\n` };
      const svg = await page.render(huge);
      assert.match(mermaidErrorIn(svg) ?? '', /Maximum text size in diagram exceeded/);
    } finally {
      await page.close();
    }
    const fine = (await renderDiagrams(buildDiagrams(modelOf(smallDataSet())).slice(0, 1), { cacheDir: cacheDir('f'), launch })).svgs;
    for (const svg of fine.values()) assert.equal(mermaidErrorIn(svg), undefined);
    // Our own <title> and <desc> are not Mermaid's drawing.
    assert.equal(mermaidErrorIn('<svg><title id="t">Syntax error in text</title><desc>Maximum text size in diagram exceeded</desc><g/></svg>'), undefined);
    assert.match(mermaidErrorIn('<svg aria-roledescription="error"><g/></svg>') ?? '', /error diagram/);
  });

  it('a diagram over the configured limits fails with its id before a browser starts', async () => {
    const over: Diagram = { id: 'component-huge', title: 'Huge', description: 'Too big.', source: `flowchart LR\n  n0["${'x'.repeat(MERMAID_CONFIG.maxTextSize)}"]\n` };
    const links = Array.from({ length: MERMAID_CONFIG.maxEdges + 1 }, (_, i) => `  n${i} -->|"verifies"| n${i + 1}`).join('\n');
    assert.match(overMermaidLimits(`flowchart LR\n${links}\n`) ?? '', /over the configured maxEdges of 5,000/);
    assert.equal(overMermaidLimits(buildDiagrams(modelOf(smallDataSet()))[0]!.source), undefined);
    const before = launches;
    await assert.rejects(renderDiagrams([over], { cacheDir: cacheDir('g'), launch }), (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.match(err.message, /^diagram component-huge could not be rendered: its Mermaid source is [\d,]+ characters, over the configured maxTextSize/);
      return true;
    });
    assert.equal(launches, before, 'no browser for a diagram that cannot be rendered');
  });

  it('a session started early renders when something is missing, and is released either way', async () => {
    let released = 0;
    const counted: Launcher = async () => {
      launches++;
      return { browser, release: async () => void released++ };
    };
    const diagrams = buildDiagrams(modelOf(smallDataSet()));
    const first = await renderDiagrams(diagrams, { cacheDir: cacheDir('h'), session: startRenderSession({ launch: counted }) });
    assert.equal(first.rendered.length, diagrams.length);
    await first.closed; // the browser is given back after the SVGs are returned, while the caller writes them
    assert.equal(released, 1);
    const again = await renderDiagrams(diagrams, { cacheDir: cacheDir('h'), session: startRenderSession({ launch: counted }) });
    assert.equal(again.cached.length, diagrams.length, 'all from the cache');
    await again.closed;
    assert.equal(released, 2, 'the unused session was closed');
    for (const d of diagrams) assert.equal(again.svgs.get(d.id), first.svgs.get(d.id));
    // A launch that fails is reported when the session is used, and closing it is harmless.
    const failing = startRenderSession({ launch: async () => Promise.reject(new UserError('no browser here')) });
    await assert.rejects(renderDiagrams(diagrams, { cacheDir: cacheDir('i'), session: failing }), /no browser here/);
    await failing.close();
  });
});
