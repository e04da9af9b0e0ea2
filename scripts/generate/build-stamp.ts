/**
 * The build stamp: `<out>/.cache/generate-stamp.json` records, after a
 * successful `certdocs generate`, a hash of everything the build read (the
 * data folder, the tool's own code and schemas, the dependency lock file,
 * the Node version, the options) and a hash of every file it produced.
 *
 * When the inputs hash is unchanged, every recorded output is still on disk
 * byte for byte and no stale diagram file has appeared, the build would write
 * nothing: `generate` says so without loading the validator, the markdown
 * pipeline or the renderer. Any difference falls back to the full build.
 *
 * This module only uses node built-ins so the check stays cheap.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles } from '../lib/files.ts';
import { DIAGRAM_DIR, SVG_DIR } from './paths.ts';

const STAMP_VERSION = 1;
/** The project's code root (where scripts/, data/schemas/, package-lock.json live). */
const CODE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Stamp {
  version: number;
  inputs: string;
  /** Relative output path → sha256 of its bytes. */
  outputs: Record<string, string>;
  /** Ids of the diagrams the build produced (their .mmd/.svg files are not stale). */
  diagramIds: string[];
  svgs: number;
}

export function stampPath(out: string): string {
  return path.join(out, '.cache', 'generate-stamp.json');
}

function sha256(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every file under `dir` (recursively), sorted; missing folders are empty. */
function filesUnder(dir: string, skip: (rel: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    let names: string[];
    try {
      names = readdirSync(path.join(dir, rel));
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (skip(r)) continue;
      let st;
      try {
        st = statSync(path.join(dir, r));
      } catch {
        out.push(r); // a dangling symlink or a loop: hashed as unreadable, so the full build's loader reports it
        continue;
      }
      if (st.isDirectory()) walk(r);
      else if (st.isFile()) out.push(r);
    }
  };
  walk('');
  return out;
}

/** The hash of everything a build reads. */
export function inputsHash(dataDir: string, options: Record<string, unknown>): string {
  const hash = createHash('sha256');
  const add = (label: string, root: string, rel: string) => {
    hash.update(`${label}\u0000${rel}\u0000`);
    try {
      hash.update(readFileSync(path.join(root, rel)));
    } catch (err) {
      hash.update(`unreadable ${(err as NodeJS.ErrnoException).code}`);
    }
    hash.update('\u0000');
  };
  hash.update(JSON.stringify({ version: STAMP_VERSION, node: process.version, options }));
  for (const rel of filesUnder(dataDir, (r) => r.endsWith('.md') || /\.tmp-\d+$/.test(r))) add('data', dataDir, rel);
  for (const rel of filesUnder(path.join(CODE_ROOT, 'scripts'))) add('scripts', path.join(CODE_ROOT, 'scripts'), rel);
  for (const rel of filesUnder(path.join(CODE_ROOT, 'data', 'schemas'))) add('schemas', path.join(CODE_ROOT, 'data', 'schemas'), rel);
  for (const rel of ['package.json', 'package-lock.json']) {
    try {
      add('project', CODE_ROOT, rel);
    } catch {
      hash.update(`missing ${rel}`);
    }
  }
  return hash.digest('hex');
}

/** The stamp, when the outputs under `out` are exactly what a build with these inputs would write. */
export function upToDate(out: string, inputs: string): Stamp | undefined {
  let stamp: Stamp;
  try {
    stamp = JSON.parse(readFileSync(stampPath(out), 'utf8')) as Stamp;
  } catch {
    return undefined;
  }
  if (stamp.version !== STAMP_VERSION || stamp.inputs !== inputs || typeof stamp.outputs !== 'object') return undefined;
  for (const [rel, digest] of Object.entries(stamp.outputs)) {
    try {
      if (sha256(readFileSync(path.join(out, rel))) !== digest) return undefined;
    } catch {
      return undefined;
    }
  }
  // A .mmd or .svg of a diagram that no longer exists would be removed as stale: not up to date.
  if (!Array.isArray(stamp.diagramIds)) return undefined;
  const live = new Set(stamp.diagramIds);
  for (const [dir, ext] of [[DIAGRAM_DIR, '.mmd'], [SVG_DIR, '.svg']] as const) {
    if (listFiles(path.join(out, dir), ext).some((n) => !live.has(n.slice(0, -ext.length)))) return undefined;
  }
  return stamp;
}

/** The stamp file's path and content for a build (written in the same transaction as the outputs). */
export function stampFile(out: string, inputs: string, outputs: Map<string, string>, diagramIds: string[], svgs: number): [string, string] {
  const stamp: Stamp = {
    version: STAMP_VERSION,
    inputs,
    outputs: Object.fromEntries([...outputs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([rel, content]) => [rel, sha256(content)])),
    diagramIds,
    svgs,
  };
  return [stampPath(out), `${JSON.stringify(stamp, null, 2)}\n`];
}
