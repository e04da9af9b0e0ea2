/**
 * Write an imported DataSet as a data folder: one file per component and
 * namespace, actors.json, document.json, plus a copy of the JSON Schemas so
 * that every "$schema" path resolves. Written atomically; files whose content
 * did not change are left alone.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { recover, writeChanged, type Outputs } from '../lib/atomic.ts';
import { UserError } from '../lib/problems.ts';
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

/** Where an import records its renames and removals until they are done (see lib/atomic.ts). */
export function importJournal(dir: string): string {
  return path.join(dir, '.certdocs-import-journal.json');
}

/**
 * Write the data folder as one transaction. Component and namespace files in
 * `dir` that the import did not produce would mix into validation: with
 * `replace` they are removed in the same transaction; without it their
 * presence is an error and nothing is written.
 */
export function writeDataDir(ds: DataSet, dir: string, options: { replace?: boolean } = { replace: true }): WriteResult {
  recover(importJournal(dir));
  const outputs = dataDirOutputs(ds, dir);
  const removed: string[] = [];
  for (const sub of DATA_SUBFOLDERS) {
    const full = path.join(dir, sub);
    for (const name of listFiles(full, '.json')) {
      const file = path.join(full, name);
      if (!outputs.has(file)) removed.push(file);
    }
  }
  if (removed.length && !options.replace) {
    throw new UserError(
      `${dir} already holds ${removed.length === 1 ? 'a data file' : `${removed.length} data files`} the document does not produce (${removed.slice(0, 3).join(', ')}${removed.length > 3 ? ', …' : ''}); pass --replace to remove them, or import into an empty folder. Nothing was written`,
      2,
    );
  }
  const written = writeChanged(outputs, removed, importJournal(dir));
  return { written, removed };
}
