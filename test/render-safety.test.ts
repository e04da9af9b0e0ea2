/**
 * The renderer's safety: DOMPurify in the render page removes every active
 * construct from an SVG, and a signal or a kill during rendering leaves no
 * browser behind (SIGTERM: one line, exit 143, nothing written).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { launchBrowser, removeStaleProfiles } from '../scripts/render/browser.ts';
import { MermaidPage } from '../scripts/render/mermaid-page.ts';
import { BIN } from './cli-helpers.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'certdocs-render-safety-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Payloads that got past the old hand-written sanitiser. */
const HOSTILE_SVGS = [
  '<svg xmlns="http://www.w3.org/2000/svg"><scr<script>ipt>alert(1)</script><g/></svg>',
  '<svg xmlns="http://www.w3.org/2000/svg"><a href=javascript:alert(1)><text>x</text></a></svg>',
  '<svg xmlns="http://www.w3.org/2000/svg"><a href="&#106;avascript:alert(1)"><text>x</text></a></svg>',
  '<svg xmlns="http://www.w3.org/2000/svg"><a xlink:href="jav&#x09;ascript:alert(1)" xmlns:xlink="http://www.w3.org/1999/xlink"><text>x</text></a></svg>',
  '<svg xmlns="http://www.w3.org/2000/svg"><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>',
  '<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="onmouseover" to="alert(1)"/></svg>',
  '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe></foreignObject></svg>',
  '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><g onclick = alert(1)><rect/></g></svg>',
  '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"/><script>alert(1)</script></div></foreignObject></svg>',
  '<svg xmlns="http://www.w3.org/2000/svg"><use href="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"/></svg>',
];

const ACTIVE = /<script|\son[a-z]+\s*=|javascript:|<animate|<set\b|<iframe|srcdoc|<use\b|data:image\/svg/i;

describe('render page sanitiser (DOMPurify, real Chromium)', () => {
  let browser: Browser;
  let page: MermaidPage;
  before(async () => {
    browser = await launchBrowser();
    page = await MermaidPage.open(browser);
  });
  after(async () => {
    await page?.close();
    await browser?.close();
  });

  it('removes scripts, handlers, javascript: URLs (plain, unquoted, entity-encoded), animations and embedded documents', async () => {
    for (const svg of HOSTILE_SVGS) {
      const clean = await page.sanitize(svg);
      assert.doesNotMatch(clean, ACTIVE, `${svg}\n→ ${clean}`);
    }
  });

  it('keeps what Mermaid draws: HTML labels inside foreignObject, styles, markers', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" id="x"><style>#x{fill:#333}</style><defs><marker id="m"><path d="M0,0L1,1"/></marker></defs>' +
      '<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml" style="display: table-cell;"><span class="nodeLabel"><p>kubelet</p></span></div></foreignObject></svg>';
    const clean = await page.sanitize(svg);
    for (const kept of ['<style>', '<marker id="m">', '<foreignObject', '<span class="nodeLabel"><p>kubelet</p></span>']) assert.ok(clean.includes(kept), `${kept} missing from ${clean}`);
  });
});

/** Pids of the processes whose parent is `pid`. */
function children(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return Number(/^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${d}/status`, 'utf8'))?.[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Running (a zombie waiting for its parent to reap it counts as gone). */
function running(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (check()) return true;
  return check();
}

/** Start `generate` (rendering, no cache) and resolve once its browser runs. */
async function generateUntilBrowser(out: string) {
  const data = path.join(out, 'data');
  cpSync(path.join(ROOT, 'data'), data, { recursive: true });
  const child = spawn(process.execPath, [BIN, 'generate', '--data', data, '--out', out, '--no-cache'], { env: { ...process.env, CERTDOCS_DEBUG: '' } });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let browserPid: number | undefined;
  const started = await waitFor(() => (browserPid = children(child.pid!).find(running)) !== undefined, 60_000);
  assert.ok(started, `no browser started: ${stderr}`);
  return { child, browserPid: browserPid!, exited, stderr: () => stderr };
}

describe('signals while rendering', () => {
  it('SIGTERM stops the browser and exits 143 with one line; nothing is written', async () => {
    const out = path.join(tmp, 'sigterm');
    const run = await generateUntilBrowser(out);
    await new Promise((r) => setTimeout(r, 300));
    run.child.kill('SIGTERM');
    const { code } = await run.exited;
    assert.equal(code, 143, run.stderr());
    assert.match(run.stderr(), /^certdocs generate: interrupted by SIGTERM; the browser was stopped and nothing was written\n$/);
    assert.ok(await waitFor(() => !running(run.browserPid), 10_000), 'the browser still runs');
    assert.equal(existsSync(path.join(out, 'enhancements')), false, 'outputs were written');
  });

  it('kill -9 of certdocs leaves no orphaned browser (it talks over a pipe that closes)', async () => {
    const run = await generateUntilBrowser(path.join(tmp, 'sigkill'));
    run.child.kill('SIGKILL');
    await run.exited;
    assert.ok(await waitFor(() => !running(run.browserPid), 15_000), 'the browser outlived certdocs');
    // Its browser profile could not be removed by the killed process: the next launch removes it.
    const left = readdirSync(os.tmpdir()).filter((n) => n.startsWith(`certdocs-chromium-${run.child.pid}-`));
    assert.equal(left.length, 1, 'the killed run left its browser profile');
    assert.deepEqual(removeStaleProfiles().filter((n) => left.includes(n)), left);
    assert.equal(existsSync(path.join(os.tmpdir(), left[0]!)), false);
  });
});
