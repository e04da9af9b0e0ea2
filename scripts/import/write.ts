/**
 * Write an imported DataSet as a data folder: one file per component and
 * namespace, actors.json, document.json, plus a copy of the JSON Schemas so
 * that every "$schema" path resolves. Written atomically; files whose content
 * did not change are left alone.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeChanged, type Outputs } from '../lib/atomic.ts';
import type { DataSet } from '../model/types.ts';
import { SCHEMA_DIR } from '../validate/schema.ts';
import { dataSetFiles } from './canonical.ts';
import { DATA_SUBFOLDERS } from '../load/index.ts';
import { listFiles } from '../lib/files.ts';

export interface WriteResult {
  /** Paths written (content changed). */
  written: string[];
  /** Stale component or namespace files removed. */
  removed: string[];
}

/** Everything a data folder for `ds` holds, by absolute path. */
export function dataDirOutputs(ds: DataSet, dir: string): Outputs {
  const outputs: Outputs = new Map();
  for (const [rel, content] of dataSetFiles(ds)) outputs.set(path.join(dir, rel), content);
  for (const name of listFiles(SCHEMA_DIR, '.json')) {
    outputs.set(path.join(dir, 'schemas', name), readFileSync(path.join(SCHEMA_DIR, name)));
  }
  return outputs;
}

/**
 * Write the data folder. Component and namespace files in `dir` that the
 * import did not produce are removed, so the folder holds exactly the
 * imported data (validation would otherwise mix in leftovers).
 */
export function writeDataDir(ds: DataSet, dir: string): WriteResult {
  const outputs = dataDirOutputs(ds, dir);
  const written = writeChanged(outputs);
  const removed: string[] = [];
  for (const sub of DATA_SUBFOLDERS) {
    const full = path.join(dir, sub);
    for (const name of listFiles(full, '.json')) {
      const file = path.join(full, name);
      if (!outputs.has(file)) {
        rmSync(file);
        removed.push(file);
      }
    }
  }
  return { written, removed };
}


