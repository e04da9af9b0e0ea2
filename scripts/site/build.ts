/**
 * Build the site in a child process, exactly as `npm run site:build` does
 * (tsx + the Eleventy CLI + .eleventy.ts), with its folders given through
 * the environment. Tests and the benchmark build their own sites with it.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './settings.ts';

export interface BuildOptions {
  dataDir?: string;
  outDir: string;
  diagramsDir?: string;
  enhancementFile?: string;
  pathPrefix?: string;
  /** Build the Pagefind index (default true). */
  search?: boolean;
  /** Keep nothing between runs: no kept parsed markdown, compiled schemas or code bundles, and no second thread (CERTDOCS_CACHE=0). */
  keepNothing?: boolean;
  /** Say on stderr how the data was built (CERTDOCS_VERBOSE=1). */
  verbose?: boolean;
}

export interface BuildResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall-clock time of the whole command, in milliseconds. */
  ms: number;
  /** CPU time (user + system) of the command and its children, in milliseconds (Linux; NaN elsewhere). Hardly depends on the machine's load. */
  cpuMs: number;
  /** The user-space part of cpuMs: the program's own work, without the kernel's file-system work. */
  userMs: number;
}

/** CPU time of this process's waited-for children so far, in milliseconds (Linux /proc: cutime and cstime). */
function childrenCpu(): { user: number; system: number } {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: (Number(fields[13]) * 1000) / 100, system: (Number(fields[14]) * 1000) / 100 };
  } catch {
    return { user: Number.NaN, system: Number.NaN };
  }
}

export const ELEVENTY = path.join(PROJECT_ROOT, 'node_modules/.bin/eleventy');

/**
 * Node options of the site build (`npm run site:build` gives the same; a test
 * holds the two together). A build is one short process in which most code
 * runs once per page: V8's default interrupt budget (67,584) sends every
 * function called a few thousand times to the optimizing compiler, whose
 * background work then costs more than it saves. With a budget of 500,000 a
 * function must run about seven times longer before it is considered. At
 * 2,000 flags (6 alternating builds, 2026-12-03 15:50 UTC) user CPU
 * fell from 3.64 to 2.70 s and wall time from 2.78 to 2.62 s; 300,000 and
 * 700,000 did no better (scripts/bench/README.md).
 */
export const SITE_NODE_OPTIONS = ['--interrupt-budget=500000'];

/** The module the site build loads before Eleventy: it starts the build's second thread (scripts/site/prerender.ts). */
export const PRERENDER = path.join(PROJECT_ROOT, 'scripts/site/prerender.ts');

/** The node arguments that run Eleventy with `config`: tsx's loader for the TypeScript config and pages, then each of `preload`. */
export function eleventyArgs(config: string, nodeOptions: readonly string[] = SITE_NODE_OPTIONS, preload: readonly string[] = []): string[] {
  return [...nodeOptions, '--import', 'tsx', ...preload.flatMap((file) => ['--import', file]), ELEVENTY, `--config=${config}`, '--quiet'];
}

/** The node arguments of the site build, as `npm run site:build` gives them (a test holds the two together). */
export function siteArgs(): string[] {
  return eleventyArgs('.eleventy.ts', SITE_NODE_OPTIONS, [PRERENDER]);
}

/** Run a command from the project root and time it. */
export function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<BuildResult> {
  const start = performance.now();
  const cpuStart = childrenCpu();
  return new Promise((resolve) => {
    execFile(file, args, { cwd: PROJECT_ROOT, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      const cpu = childrenCpu();
      const userMs = cpu.user - cpuStart.user;
      resolve({ code, stdout, stderr, ms: performance.now() - start, cpuMs: userMs + cpu.system - cpuStart.system, userMs });
    });
  });
}

export function buildSite(opts: BuildOptions): Promise<BuildResult> {
  return run(process.execPath, siteArgs(), siteEnv(opts));
}

/** The environment that points the site build (.eleventy.ts, scripts/site/settings.ts) at these folders. */
export function siteEnv(opts: BuildOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CERTDOCS_SITE_OUT: opts.outDir };
  const set = (key: string, value: string | undefined) => {
    if (value === undefined) delete env[key];
    else env[key] = value;
  };
  set('CERTDOCS_DATA', opts.dataDir);
  set('CERTDOCS_DIAGRAMS', opts.diagramsDir);
  set('CERTDOCS_ENHANCEMENT', opts.enhancementFile);
  set('CERTDOCS_PATH_PREFIX', opts.pathPrefix);
  set('CERTDOCS_SEARCH', opts.search === false ? '0' : undefined);
  if (opts.keepNothing) env.CERTDOCS_CACHE = '0';
  if (opts.verbose) env.CERTDOCS_VERBOSE = '1';
  return env;
}
