/**
 * Where the site reads from and writes to. Every path can be changed through
 * the environment so tests and benchmarks build from their own data into
 * their own folders; the defaults are the project's own layout.
 *
 *   CERTDOCS_DATA         data folder (default: data)
 *   CERTDOCS_SITE_OUT     output folder (default: site)
 *   CERTDOCS_DIAGRAMS     folder with rendered <id>.svg (default: site/diagrams)
 *   CERTDOCS_ENHANCEMENT  the generated enhancement markdown
 *   CERTDOCS_CACHE        folder for parsed markdown and the code bundles kept between builds (default: .cache/site;
 *                         "1" too); "0": keep nothing between runs (neither these nor the compiled schemas,
 *                         scripts/validate/schema.ts), and no second thread (prerender.ts), which runs from its bundle
 *   CERTDOCS_PATH_PREFIX  URL prefix when the site is published under a sub-path, e.g. /certdocs/
 *   CERTDOCS_SEARCH=0     skip the Pagefind index (scripts/site/search-index.ts)
 *   CERTDOCS_VERBOSE=1    print how long the site data took, in which thread and how long Eleventy waited for it,
 *                         and why a code bundle or the second thread was not used
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheSetting } from '../lib/cache-file.ts';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TEMPLATES_DIR = path.join(PROJECT_ROOT, 'templates');

export interface SiteSettings {
  dataDir: string;
  outDir: string;
  diagramsDir: string;
  enhancementFile: string;
  /** Where parsed markdown is kept between builds (scripts/site/parse-cache.ts); undefined: not kept. */
  cacheDir?: string;
  /** Always starts and ends with "/". */
  pathPrefix: string;
}

/** A line on stderr under CERTDOCS_VERBOSE: how the site build went and why it took another way. */
export function verbose(line: string): void {
  if (process.env.CERTDOCS_VERBOSE) process.stderr.write(`certdocs site: ${line}\n`);
}

/** The first line of an error's message, for a verbose line. */
export function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0]!;
}

/** Whether Eleventy serves or watches (rebuilding on changes) rather than building once. */
export function isWatching(argv: readonly string[] = process.argv): boolean {
  return argv.includes('--serve') || argv.includes('--watch');
}

export function normalizePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

export function siteSettings(env: NodeJS.ProcessEnv = process.env): SiteSettings {
  const fromRoot = (value: string | undefined, fallback: string) => path.resolve(PROJECT_ROOT, value || fallback);
  const outDir = fromRoot(env.CERTDOCS_SITE_OUT, 'site');
  const cache = cacheSetting(env.CERTDOCS_CACHE);
  return {
    dataDir: fromRoot(env.CERTDOCS_DATA, 'data'),
    outDir,
    diagramsDir: fromRoot(env.CERTDOCS_DIAGRAMS, 'site/diagrams'),
    enhancementFile: fromRoot(env.CERTDOCS_ENHANCEMENT, 'enhancements/kube-apiserver/certificates.md'),
    ...(cache === 'off' ? {} : { cacheDir: fromRoot(cache === 'default' ? undefined : cache.folder, '.cache/site') }),
    pathPrefix: normalizePrefix(env.CERTDOCS_PATH_PREFIX),
  };
}
