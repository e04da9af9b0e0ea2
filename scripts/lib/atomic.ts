/**
 * Atomic output: every file is first written next to its target under a
 * temporary name, and only when all of them are written are they renamed
 * into place. A failure before the renames leaves the previous outputs
 * untouched and removes the temporary files.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type Outputs = Map<string, string | Uint8Array>;

export function writeAtomically(outputs: Outputs): void {
  const temps: Array<[string, string]> = [];
  try {
    for (const [target, content] of [...outputs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      mkdirSync(path.dirname(target), { recursive: true });
      const temp = `${target}.tmp-${process.pid}`;
      writeFileSync(temp, content);
      temps.push([temp, target]);
    }
  } catch (err) {
    for (const [temp] of temps) rmSync(temp, { force: true });
    throw err;
  }
  for (const [temp, target] of temps) renameSync(temp, target);
}

/** Write only the files whose content changed (keeps mtimes stable for watchers). Returns the paths written. */
export function writeChanged(outputs: Outputs): string[] {
  const changed: Outputs = new Map();
  for (const [target, content] of outputs) {
    let old: Buffer | undefined;
    try {
      old = readFileSync(target);
    } catch {
      old = undefined;
    }
    const next = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content);
    if (!old || !old.equals(next)) changed.set(target, content);
  }
  writeAtomically(changed);
  return [...changed.keys()].sort();
}
