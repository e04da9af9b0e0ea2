/**
 * Files kept between runs to save work (parsed markdown, compiled schemas):
 * written atomically (temporary name, then rename), so processes running side
 * by side share a folder safely, and a folder keeps only its most recent
 * entries. A cache is an optimisation only: failing to write one is not an
 * error, the next run just does the work again.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempName } from './atomic.ts';

/**
 * CERTDOCS_CACHE read as a switch or a folder: "0", "false", "no" or "off" keep nothing between runs;
 * unset, empty, "1", "true", "yes" or "on" use the default folder; anything else is the folder itself.
 * (A folder named "1" in the project root is never what a person setting CERTDOCS_CACHE=1 meant.)
 */
export function cacheSetting(value: string | undefined): 'off' | 'default' | { folder: string } {
  const v = (value ?? '').trim();
  if (/^(0|false|no|off)$/i.test(v)) return 'off';
  if (v === '' || /^(1|true|yes|on)$/i.test(v)) return 'default';
  return { folder: v };
}

/** Write `file` and keep at most `keep` entries with its extension in its folder; false when it could not be written. */
export function writeCacheFile(file: string, content: string, keep: number): boolean {
  try {
    const dir = path.dirname(file);
    mkdirSync(dir, { recursive: true });
    const temp = tempName(file);
    writeFileSync(temp, content);
    renameSync(temp, file);
    prune(dir, path.basename(file), path.extname(file), keep);
    return true;
  } catch {
    return false;
  }
}

/** Remove all but the `keep` most recently written entries (never `current`). */
function prune(dir: string, current: string, ext: string, keep: number): void {
  const entries = readdirSync(dir)
    .filter((n) => n.endsWith(ext) && n !== current)
    .map((n) => ({ n, t: statSync(path.join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.t - a.t);
  for (const { n } of entries.slice(Math.max(0, keep - 1))) rmSync(path.join(dir, n), { force: true });
}
