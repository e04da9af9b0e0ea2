/**
 * Site benchmark (a script, not a test). With a synthetic model of 2,000
 * flags (BENCH_SITE_FLAGS), times in the same run:
 *   site      the documentation site's Eleventy step (npm run site:build
 *             without the search index), as a child process;
 *   baseline  a bare Eleventy build of the same number of empty pages (one
 *             paginated Nunjucks template, no layout, no data beyond a list
 *             of page numbers), run the same way (tsx + the Eleventy CLI +
 *             a TypeScript config);
 * and prints both, and their ratio (the goal is at most 1.5). Each build runs
 * BENCH_SITE_RUNS times (default 3), alternating, and the median is kept.
 * Also prints, for information, the Pagefind indexing time of the site and
 * the Eleventy step for the committed data/ (goal: under 2 s).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSite, ELEVENTY, run, TSX } from '../site/build.ts';
import { writeSyntheticData } from '../site/fixture-data.ts';
import { buildSearchIndex } from '../site/search-index.ts';
import { PROJECT_ROOT } from '../site/settings.ts';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function countHtml(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) n += countHtml(full);
    else if (name.endsWith('.html')) n++;
  }
  return n;
}

/** A bare Eleventy project: `pages` empty pages from one paginated template. */
function writeBaseline(dir: string, pages: number): string {
  mkdirSync(path.join(dir, 'input/_data'), { recursive: true });
  writeFileSync(path.join(dir, 'input/_data/pages.json'), JSON.stringify(Array.from({ length: pages }, (_, i) => i)));
  writeFileSync(path.join(dir, 'input/page.njk'), '---\npagination:\n  data: pages\n  size: 1\n  alias: n\npermalink: "/p/{{ n }}/"\n---\n');
  const config = path.join(dir, 'baseline.eleventy.ts');
  writeFileSync(
    config,
    `export default function (eleventyConfig: { setTemplateFormats(f: string[]): void }) {\n` +
      `  eleventyConfig.setTemplateFormats(['njk']);\n` +
      `  return { dir: { input: ${JSON.stringify(path.join(dir, 'input'))}, output: ${JSON.stringify(path.join(dir, 'out'))} } };\n}\n`,
  );
  return config;
}

export async function benchSite(): Promise<void> {
  const flags = Number(process.env.BENCH_SITE_FLAGS ?? 2000);
  const runs = Math.max(1, Number(process.env.BENCH_SITE_RUNS ?? 3));
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'certdocs-bench-site-'));
  try {
    const dataDir = path.join(tmp, 'data');
    writeSyntheticData(dataDir, flags);
    const outDir = path.join(tmp, 'site');
    const noSvg = path.join(tmp, 'no-svg');

    // Warm-up: tsx's transform cache and the file system cache, so neither side pays for them.
    const warm = await buildSite({ dataDir, outDir, diagramsDir: noSvg, search: false });
    if (warm.code !== 0) throw new Error(`site build failed: ${warm.stderr.trim()}`);
    const pages = countHtml(outDir);
    const baselineConfig = writeBaseline(path.join(tmp, 'baseline'), pages);
    const baselineRun = () => run(TSX, [ELEVENTY, `--config=${baselineConfig}`, '--quiet'], process.env);
    const warmBase = await baselineRun();
    if (warmBase.code !== 0) throw new Error(`baseline build failed: ${warmBase.stderr.trim()}`);

    const site: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < runs; i++) {
      rmSync(path.join(tmp, 'baseline/out'), { recursive: true, force: true });
      base.push((await baselineRun()).ms);
      rmSync(outDir, { recursive: true, force: true });
      const r = await buildSite({ dataDir, outDir, diagramsDir: noSvg, search: false });
      if (r.code !== 0) throw new Error(`site build failed: ${r.stderr.trim()}`);
      site.push(r.ms);
    }
    const siteMs = median(site);
    const baseMs = median(base);
    const searchStart = performance.now();
    const indexed = await buildSearchIndex(outDir);
    const searchMs = performance.now() - searchStart;

    const committed = path.join(tmp, 'committed');
    const real: number[] = [];
    for (let i = 0; i < runs; i++) {
      rmSync(committed, { recursive: true, force: true });
      const r = await buildSite({ dataDir: path.join(PROJECT_ROOT, 'data'), outDir: committed, search: false });
      if (r.code !== 0) throw new Error(`site build of data/ failed: ${r.stderr.trim()}`);
      real.push(r.ms);
    }

    const ratio = siteMs / baseMs;
    process.stdout.write(
      [
        `site: ${flags} synthetic flags, ${pages} pages, median of ${runs} runs (whole command: node + tsx + Eleventy)`,
        `  site build (Eleventy step, no search index)      ${seconds(siteMs)}   runs: ${site.map(seconds).join(', ')}`,
        `  baseline: bare Eleventy, ${pages} empty pages       ${seconds(baseMs)}   runs: ${base.map(seconds).join(', ')}`,
        `  ratio site / baseline                           ${ratio.toFixed(2)}   (goal ≤ 1.50: ${ratio <= 1.5 ? 'met' : 'NOT met'})`,
        `  Pagefind index of those ${indexed.pages} pages          ${seconds(searchMs)}   (after Eleventy, for information)`,
        `  committed data/: Eleventy step                  ${seconds(median(real))}   runs: ${real.map(seconds).join(', ')} (goal < 2 s)`,
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSite();
