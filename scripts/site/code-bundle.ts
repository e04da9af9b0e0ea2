/**
 * The site's own code as one prebuilt module, kept between builds.
 *
 * `eleventy-setup.ts` and everything it imports are about 180 ES modules:
 * certdocs' own and the packages that turn markdown into HTML (mdast and
 * hast utilities, entities). Node loads them one by one through its module
 * loader and tsx's hooks, which took 180–230 ms of wall time and about
 * 350 ms of CPU after Eleventy had loaded; one esbuild bundle of the same
 * code imports in 20–30 ms (scripts/bench/README.md has the runs).
 *
 * The bundle is a pure function of the bytes esbuild read, so its name is a
 * hash of them: every input file (the list is kept beside the bundles), the
 * lock file (which pins esbuild and every package), Node's version and this
 * module's format. An edit, or an added or removed import (which edits some
 * listed file), is a new name and a new bundle; checking reads the listed
 * files again (10–20 ms). When anything goes wrong (no esbuild, a
 * syntax error, a folder that cannot be written) the modules are imported as
 * they are, which reports a real error exactly as before.
 *
 * Not bundled: Eleventy (the setup must share the running Eleventy's
 * modules) and Pagefind (it finds its binary from its own location); the
 * bundle imports them by absolute URL, so it works from any cache folder.
 * In project files `import.meta.url` is replaced by the file's own URL, so
 * what is worked out from it (PROJECT_ROOT, createRequire) does not move.
 * Package resolution follows Node's (no "module" field or condition).
 *
 * Serving or watching, and CERTDOCS_CACHE=0, import the modules directly.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeCacheFile } from '../lib/cache-file.ts';
import type { EleventyConfig, EleventyReturnConfig } from './eleventy-config.ts';
import { firstLine, isWatching, PROJECT_ROOT, siteSettings, verbose } from './settings.ts';

export type SetupSite = (eleventyConfig: EleventyConfig) => EleventyReturnConfig;

/** Bump when the bundle's options or what is stored change. */
const FORMAT = 2;
/** Bundles kept per name (tests and branches build side by side). */
const KEEP = 4;
/** Packages imported from their own place, never copied into the bundle: Eleventy and Pagefind. */
const NOT_BUNDLED = /^(?:@11ty\/eleventy|pagefind)(?:\/|$)/;

export interface BundleSpec {
  /** The module to bundle (its default export is what the bundle exports). */
  entry: string;
  /** Root of the project: input paths are kept relative to it; its files get their own import.meta.url. */
  root: string;
  /** Folder of bundles: `<cacheDir>/code/<name>-<key>.mjs` and `<name>-inputs.json`. */
  cacheDir: string;
  name: string;
}

interface InputList {
  format: number;
  inputs: string[];
}

const codeDir = (spec: BundleSpec) => path.join(spec.cacheDir, 'code');
const listFile = (spec: BundleSpec) => path.join(codeDir(spec), `${spec.name}-inputs.json`);
const bundleFile = (spec: BundleSpec, key: string) => path.join(codeDir(spec), `${spec.name}-${key}.mjs`);

/** The key of these inputs' bytes (read now, or as given); undefined when one can no longer be read. */
function keyOf(spec: BundleSpec, inputs: readonly string[], bytes?: ReadonlyMap<string, Uint8Array>): string | undefined {
  const hash = createHash('sha256').update(`certdocs-code ${FORMAT}\n${process.version}\n`);
  const lock = path.join(spec.root, 'package-lock.json');
  hash.update(existsSync(lock) ? readFileSync(lock) : '');
  for (const rel of inputs) {
    let data = bytes?.get(rel);
    if (!data) {
      try {
        data = readFileSync(path.resolve(spec.root, rel));
      } catch {
        return undefined;
      }
    }
    hash.update(`\n${rel}\n${data.length}\n`).update(data);
  }
  return hash.digest('hex');
}

/** The kept bundle for the current files, if there is one. */
export function keptBundle(spec: BundleSpec): string | undefined {
  let list: InputList;
  try {
    list = JSON.parse(readFileSync(listFile(spec), 'utf8')) as InputList;
  } catch {
    return undefined;
  }
  if (list?.format !== FORMAT || !Array.isArray(list.inputs)) return undefined;
  const key = keyOf(spec, list.inputs);
  if (!key) return undefined;
  const file = bundleFile(spec, key);
  return existsSync(file) ? file : undefined;
}

const LOADERS: Record<string, 'ts' | 'js' | 'json'> = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.json': 'json' };

/** Bundle `spec.entry` with esbuild and keep it; returns the bundle's path. Throws when esbuild fails or it cannot be written. */
export async function buildBundle(spec: BundleSpec): Promise<string> {
  const esbuild = await import('esbuild');
  const read = new Map<string, Uint8Array>();
  const rel = (file: string) => path.relative(spec.root, file).split(path.sep).join('/');
  const result = await esbuild.build({
    entryPoints: [spec.entry],
    absWorkingDir: spec.root,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    // As Node resolves packages: no "module" condition or field.
    conditions: [],
    mainFields: ['main'],
    // No keepNames: it wraps every function as it is created (closures in loops too) to pin its
    // `.name`, which nothing here reads; it cost the site data 40 ms of CPU at 2,000 flags.
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [
      {
        name: 'certdocs-code',
        setup(build) {
          build.onResolve({ filter: NOT_BUNDLED }, (args) => ({ path: import.meta.resolve(args.path), external: true }));
          build.onLoad({ filter: /\.[cm]?[jt]s$|\.json$/ }, (args) => {
            const bytes = readFileSync(args.path);
            read.set(rel(args.path), bytes);
            let contents = bytes.toString('utf8');
            const own = !rel(args.path).startsWith('..') && !rel(args.path).includes('node_modules/');
            if (own) contents = contents.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
            return { contents, loader: LOADERS[path.extname(args.path)] ?? 'js' };
          });
        },
      },
    ],
  });
  // Every file esbuild used went through the plugin; read any other it lists, so the key covers it too.
  for (const input of Object.keys(result.metafile?.inputs ?? {})) {
    if (!read.has(input)) read.set(input, readFileSync(path.resolve(spec.root, input)));
  }
  const inputs = [...read.keys()].sort();
  const key = keyOf(spec, inputs, read)!;
  const file = bundleFile(spec, key);
  const code = result.outputFiles?.[0]?.text;
  if (code === undefined) throw new Error('esbuild produced no bundle');
  const list: InputList = { format: FORMAT, inputs };
  if (!writeCacheFile(file, code, KEEP) || !writeCacheFile(listFile(spec), `${JSON.stringify(list, null, 1)}\n`, KEEP)) {
    throw new Error(`could not write ${file}`);
  }
  return file;
}

/** The kept bundle, or a new one. */
export async function siteBundle(spec: BundleSpec): Promise<{ file: string; built: boolean }> {
  const kept = keptBundle(spec);
  return kept ? { file: kept, built: false } : { file: await buildBundle(spec), built: true };
}

/** The site's setup function (eleventy-setup.ts): from the bundle on a one-off build with a cache folder, else imported directly. */
export async function loadSiteSetup(): Promise<SetupSite> {
  const { cacheDir } = siteSettings();
  if (cacheDir && !isWatching()) {
    const spec: BundleSpec = { entry: path.join(PROJECT_ROOT, 'scripts/site/eleventy-setup.ts'), root: PROJECT_ROOT, cacheDir, name: 'site' };
    try {
      const { file } = await siteBundle(spec);
      return ((await import(pathToFileURL(file).href)) as { default: SetupSite }).default;
    } catch (err) {
      // Imported directly below, which reports whatever is wrong with the code itself.
      verbose(`no code bundle, importing the modules (${firstLine(err)})`);
    }
  }
  return ((await import('./eleventy-setup.ts')) as { default: SetupSite }).default;
}
