/**
 * The committed data/ built into a site once per test run, shared by every
 * browser test file (site-browser, troubleshoot-browser, diagrams-browser).
 *
 * The site is built from a copy of data/ with three stray files beside the
 * data (`__proto__.json`, a broken `notes.json`, `certdocs.json`) that the
 * build must ignore, with every diagram's SVG (from the renderer's content
 * cache, rendered when missing) and with the search index: what every one of
 * those files needs. Test files run in separate processes, so the build is
 * kept under .cache/test-site/run-<pid of the test runner>/ with a lock: the
 * first file to ask builds it, the others wait for it. Folders of earlier runs
 * whose runner is gone are removed.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildDiagrams } from '../scripts/generate/diagrams.ts';
import { loadDataDir } from '../scripts/load/index.ts';
import { buildModel } from '../scripts/model/model.ts';
import { renderDiagrams } from '../scripts/render/index.ts';
import { buildSite } from '../scripts/site/build.ts';
import { processAlive } from '../scripts/lib/atomic.ts';
import { PROJECT_ROOT } from '../scripts/site/settings.ts';

const ROOT = path.join(PROJECT_ROOT, '.cache', 'test-site');

export const STRAY_FILES: Record<string, string> = {
  '__proto__.json': '{"polluted": true, "urls": {"home": "javascript:alert(1)"}}\n',
  'notes.json': '{ this is not JSON\n',
  'certdocs.json': '{"urls": {"home": "javascript:alert(2)"}, "flags": []}\n',
};

export interface SharedSite {
  /** The built site. */
  site: string;
  /** The data folder it was built from (data/ plus STRAY_FILES). */
  data: string;
  /** The SVGs it was built with. */
  diagrams: string;
}

function removeStale(): void {
  if (!existsSync(ROOT)) return;
  for (const name of readdirSync(ROOT)) {
    const m = /^run-(\d+)$/.exec(name);
    if (m && !processAlive(Number(m[1]))) rmSync(path.join(ROOT, name), { recursive: true, force: true });
  }
}

async function build(dir: string): Promise<void> {
  const data = path.join(dir, 'data');
  cpSync(path.join(PROJECT_ROOT, 'data'), data, { recursive: true });
  for (const [name, text] of Object.entries(STRAY_FILES)) writeFileSync(path.join(data, name), text);
  const diagrams = path.join(dir, 'diagrams');
  mkdirSync(diagrams);
  const model = buildModel(loadDataDir(path.join(PROJECT_ROOT, 'data')).files);
  const { svgs } = await renderDiagrams(buildDiagrams(model), { cacheDir: path.join(PROJECT_ROOT, '.cache', 'svg') });
  for (const [id, svg] of svgs) writeFileSync(path.join(diagrams, `${id}.svg`), svg);
  const built = await buildSite({ dataDir: data, outDir: path.join(dir, 'site'), diagramsDir: diagrams });
  if (built.code !== 0) throw new Error(`site build failed (exit ${built.code}):\n${built.stderr}`);
}

let shared: Promise<SharedSite> | undefined;

export function sharedSite(): Promise<SharedSite> {
  shared ??= (async () => {
    mkdirSync(ROOT, { recursive: true });
    removeStale();
    // Under `node --test` every file runs in a child of the runner: they share the runner's folder.
    // A file run on its own builds its own.
    const owner = process.env.NODE_TEST_CONTEXT ? process.ppid : process.pid;
    const dir = path.join(ROOT, `run-${owner}`);
    const done = path.join(dir, 'done');
    const failed = path.join(dir, 'failed');
    const result: SharedSite = { site: path.join(dir, 'site'), data: path.join(dir, 'data'), diagrams: path.join(dir, 'diagrams') };
    let mine = false;
    try {
      mkdirSync(dir);
      mine = true;
    } catch {
      mine = false;
    }
    if (mine) {
      try {
        await build(dir);
        writeFileSync(done, '');
      } catch (err) {
        writeFileSync(failed, (err as Error).message);
        throw err;
      }
      return result;
    }
    for (let waited = 0; waited < 600_000; waited += 200) {
      if (existsSync(done)) return result;
      if (existsSync(failed)) throw new Error(`the shared site build failed in another test file: ${readFileSync(failed, 'utf8')}`);
      await sleep(200);
    }
    throw new Error(`timed out waiting for the shared site build in ${dir}`);
  })();
  return shared;
}
