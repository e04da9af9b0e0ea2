/**
 * Site benchmark (a script, not a test). With a synthetic model of 2,000
 * flags (BENCH_SITE_FLAGS), times in the same run:
 *   site      the documentation site's Eleventy step (npm run site:build
 *             without the search index), as a child process;
 *   baseline  a bare Eleventy build of the same number of empty pages (one
 *             paginated Nunjucks template, no layout, no data beyond a list
 *             of page numbers), run the same way (node with tsx's loader +
 *             the Eleventy CLI + a TypeScript config), once with node's
 *             defaults and once with the site build's node options
 *             (SITE_NODE_OPTIONS), so that what those do for Eleventy's own
 *             code is not taken for the site's;
 * and, for information, bare Eleventy the way the site uses it (a paginated
 * 11ty.js template with a permalink function, the site's node options), without
 * and with `eleventyComputed` titles and descriptions (which issue 10 asks for):
 * what Eleventy's computed data costs by itself, and the site's ratio to it;
 * and prints them, and the ratios (the goal is at most 1.5), in wall time and
 * in CPU time (user + system of the build and its children: hardly affected
 * by whatever else the machine runs), and in user CPU time alone (the
 * programs' own work, without the kernel's file-system work, which moves most
 * from run to run). Each build runs BENCH_SITE_RUNS times (default 3),
 * alternating, and the median is kept.
 * Every timed build writes into a folder of its own that no earlier build used,
 * as a first build (a fresh clone, CI) does; the folders are removed at the end.
 * Until 2026-12-03 each run deleted the previous run's output and wrote into
 * the same place at once. On ext4 that makes every new file and folder pay for
 * the thousands just deleted: the inode allocator skips inodes deleted in the
 * last 5 s (35 s while their inode table block is dirty), looking each one up
 * (`recently_deleted`, `find_get_block_common`: 17 % of all `perf record`
 * samples of a site build). The site, with more folders and larger files
 * than the empty baseline, paid for it most: 1.0 to 2.3 s of system time
 * against 0.3 to 0.5 s for the baseline, and its wall time moved with it.
 * Also prints, for information, the Pagefind indexing time of the site and
 * the Eleventy step for the committed data/ (goal: under 2 s).
 *
 * The timed runs find what earlier builds kept: tsx's transform cache, the
 * compiled schemas (.cache/ajv), the enhancement's parsed tree
 * (.cache/site/mdast) and the site's code bundle (.cache/site/code). The same
 * number of runs with CERTDOCS_CACHE=0 (nothing kept between runs; tsx's cache
 * stays) is printed beside them, with its ratio.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSite, eleventyArgs, run, SITE_NODE_OPTIONS, type BuildResult } from '../site/build.ts';
import { writeSyntheticData } from '../site/fixture-data.ts';
import { buildSearchIndex } from '../site/search-index.ts';
import { PROJECT_ROOT } from '../site/settings.ts';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The times of one kind of build, run after run. */
interface Series {
  ms: number[];
  cpu: number[];
  user: number[];
  add(r: BuildResult): void;
}
function series(): Series {
  const s: Series = {
    ms: [],
    cpu: [],
    user: [],
    add(r) {
      s.ms.push(r.ms);
      s.cpu.push(r.cpuMs);
      s.user.push(r.userMs);
    },
  };
  return s;
}

function countHtml(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) n += countHtml(full);
    else if (name.endsWith('.html')) n++;
  }
  return n;
}

/** The kinds of bare Eleventy project: the baseline (Nunjucks), and the site's kind of template without and with computed data. */
type BaselineKind = 'njk' | 'js' | 'js-computed';

/** A bare Eleventy project: `pages` empty pages from one paginated template, written into the folder named by BENCH_BASELINE_OUT. */
function writeBaseline(dir: string, pages: number, kind: BaselineKind = 'njk'): string {
  mkdirSync(path.join(dir, 'input/_data'), { recursive: true });
  writeFileSync(path.join(dir, 'input/_data/pages.json'), JSON.stringify(Array.from({ length: pages }, (_, i) => i)));
  if (kind === 'njk') {
    writeFileSync(path.join(dir, 'input/page.njk'), '---\npagination:\n  data: pages\n  size: 1\n  alias: n\npermalink: "/p/{{ n }}/"\n---\n');
  } else {
    // As templates/flag.11ty.js: pagination, a permalink function, a render function (here returning nothing).
    writeFileSync(
      path.join(dir, 'input/page.11ty.js'),
      "export const data = { pagination: { data: 'pages', size: 1, alias: 'n' }, permalink: (data) => `/p/${data.n}/` };\nexport function render() {\n  return '';\n}\n",
    );
    // As templates/templates.11tydata.js: a title and a description per page through eleventyComputed.
    if (kind === 'js-computed')
      writeFileSync(
        path.join(dir, 'input/input.11tydata.js'),
        'export default { eleventyComputed: { title: (data) => `page ${data.n}`, description: (data) => `about page ${data.n}` } };\n',
      );
  }
  const config = path.join(dir, 'baseline.eleventy.ts');
  writeFileSync(
    config,
    `export default function (eleventyConfig: { setTemplateFormats(f: string[]): void }) {\n` +
      `  eleventyConfig.setTemplateFormats([${JSON.stringify(kind === 'njk' ? 'njk' : '11ty.js')}]);\n` +
      `  return { dir: { input: ${JSON.stringify(path.join(dir, 'input'))}, output: process.env.BENCH_BASELINE_OUT } };\n}\n`,
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
    // A folder no earlier build used, for each build (see above).
    let outputs = 0;
    const freshDir = (name: string) => path.join(tmp, 'out', `${name}-${++outputs}`);
    // Bare Eleventy run as the site is (node, tsx's loader, the Eleventy CLI, a TypeScript config): with
    // node's defaults, and with the site build's node options, so that what those options do for
    // Eleventy's own code is not counted as the site's.
    const baselineConfig = writeBaseline(path.join(tmp, 'baseline'), pages);
    const jsConfig = writeBaseline(path.join(tmp, 'baseline-js'), pages, 'js');
    const computedConfig = writeBaseline(path.join(tmp, 'baseline-js-computed'), pages, 'js-computed');
    const baselineRun = async (nodeOptions: readonly string[], config = baselineConfig) => {
      const r = await run(process.execPath, eleventyArgs(config, nodeOptions), { ...process.env, BENCH_BASELINE_OUT: freshDir('baseline') });
      if (r.code !== 0) throw new Error(`baseline build failed: ${r.stderr.trim()}`);
      return r;
    };
    // Warm-up of each project (tsx's transform of its config, the file system cache).
    for (const config of [baselineConfig, jsConfig, computedConfig]) await baselineRun(SITE_NODE_OPTIONS, config);

    const site = series();
    const base = series();
    const baseSame = series();
    const js = series();
    const jsComputed = series();
    for (let i = 0; i < runs; i++) {
      base.add(await baselineRun([]));
      baseSame.add(await baselineRun(SITE_NODE_OPTIONS));
      js.add(await baselineRun(SITE_NODE_OPTIONS, jsConfig));
      jsComputed.add(await baselineRun(SITE_NODE_OPTIONS, computedConfig));
      const r = await buildSite({ dataDir, outDir: freshDir('site'), diagramsDir: noSvg, search: false });
      if (r.code !== 0) throw new Error(`site build failed: ${r.stderr.trim()}`);
      site.add(r);
    }
    // Nothing kept between runs (CERTDOCS_CACHE=0): what a first build pays.
    const cold = series();
    for (let i = 0; i < runs; i++) {
      const r = await buildSite({ dataDir, outDir: freshDir('site'), diagramsDir: noSvg, search: false, keepNothing: true });
      if (r.code !== 0) throw new Error(`site build failed: ${r.stderr.trim()}`);
      cold.add(r);
    }
    const baseMs = median(base.ms);
    const real = series();
    const eleventySays: string[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await buildSite({ dataDir: path.join(PROJECT_ROOT, 'data'), outDir: freshDir('committed'), search: false });
      if (r.code !== 0) throw new Error(`site build of data/ failed: ${r.stderr.trim()}`);
      real.add(r);
      const said = /Wrote \d+ files in ([\d.]+) seconds/.exec(r.stdout + r.stderr);
      if (said) eleventySays.push(`${said[1]} s`);
    }

    // Last: the Pagefind service is a child process too, reaped when it closes.
    const searchStart = performance.now();
    const indexed = await buildSearchIndex(outDir);
    const searchMs = performance.now() - searchStart;

    const verdict = (r: number) => (r <= 1.5 ? 'met' : 'NOT met');
    const ratios = (b: Series) => {
      const wall = median(site.ms) / median(b.ms);
      const cpu = median(site.cpu) / median(b.cpu);
      const user = median(site.user) / median(b.user);
      return `${wall.toFixed(2)}      ${cpu.toFixed(2)}      ${user.toFixed(2)}   wall: ${verdict(wall)}, cpu: ${verdict(cpu)}, user: ${verdict(user)}`;
    };
    const line = (label: string, b: Series) =>
      `${label.padEnd(46)} ${seconds(median(b.ms))}  ${seconds(median(b.cpu))}  ${seconds(median(b.user))}   wall runs: ${b.ms.map(seconds).join(', ')}`;
    process.stdout.write(
      [
        `site: ${flags} synthetic flags, ${pages} pages, median of ${runs} runs (whole command: node + tsx + Eleventy; site build node options: ${SITE_NODE_OPTIONS.join(' ') || 'none'})`,
        `                                               wall      cpu       user cpu`,
        line('  site build (Eleventy step, no search index)', site),
        line(`  baseline: bare Eleventy, ${pages} empty pages`, base),
        line('  baseline with the site\'s node options', baseSame),
        `  ratio site / baseline (goal ≤ 1.50)          ${ratios(base)}`,
        `  ratio site / baseline with the same options  ${ratios(baseSame)}`,
        `  (user CPU is the programs' own work; system time is the kernel's file-system work, which moves most from run to run)`,
        `  for information: bare Eleventy as the site uses it (11ty.js, a permalink function, the site's node options)`,
        line('    its kind of template, empty pages', js),
        line('    with eleventyComputed title, description', jsComputed),
        `    eleventyComputed alone costs ${seconds(median(jsComputed.ms) - median(js.ms))} wall, ${seconds(median(jsComputed.user) - median(js.user))} user CPU (${(median(jsComputed.ms) / median(js.ms)).toFixed(2)}× wall of the same pages without it)`,
        `    ratio site / that with eleventyComputed     ${ratios(jsComputed).replace(/ {3}wall: .*/, '')}   (what the site does beyond Eleventy's own work for these pages)`,
        `  site build keeping nothing (CERTDOCS_CACHE=0)  ${seconds(median(cold.ms))}  ${seconds(median(cold.cpu))}   ratio ${(median(cold.ms) / baseMs).toFixed(2)} wall, ${(median(cold.cpu) / median(base.cpu)).toFixed(2)} cpu; wall runs: ${cold.ms.map(seconds).join(', ')}`,
        `  Pagefind index of those ${indexed.pages} pages       ${seconds(searchMs)}             (runs after Eleventy; for information)`,
        `  committed data/: Eleventy step                 ${seconds(median(real.ms))}  ${seconds(median(real.cpu))}   goal < 2 s; Eleventy reports ${eleventySays.join(', ')}`,
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSite();
