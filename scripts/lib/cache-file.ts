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
