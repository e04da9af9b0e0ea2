/**
 * Transactional output. A set of files is written and removed as one step:
 *
 *  1. every new file is written next to its target as `<target>.tmp-<pid>`;
 *     a failure here (a full disk, a read-only folder) removes every
 *     temporary file written so far, the failing one included, and leaves
 *     the previous outputs untouched;
 *  2. a journal listing the renames and removals is written (itself through
 *     a temporary file and a rename, so it is complete or absent);
 *  3. the temporary files are renamed into place and stale files removed;
 *  4. the journal is removed.
 *
 * A process killed between 2 and 4 leaves the journal behind: the next run
 * (`recover`) finishes the renames and removals it lists before doing
 * anything else, so the outputs are the old set or the new set, never a mix.
 * Temporary files of dead processes are removed by `removeStaleTemps`.
 *
 * Fault injection for tests: CERTDOCS_FAULT=kill@N kills this process with
 * SIGKILL at the N-th step (1-based: each temporary file, the journal, each
 * rename or removal, the journal's removal); CERTDOCS_FAULT=enospc@N makes the
 * N-th step fail as a full disk would.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { UserError } from './problems.ts';

export type Outputs = Map<string, string | Uint8Array>;

const TEMP = /\.tmp-(\d+)$/;

export function tempName(target: string): string {
  return `${target}.tmp-${process.pid}`;
}

let steps = 0;
type StepHook = (step: number, file: string) => void;
let hook: StepHook | undefined;

/** Tests: call `h` before every step (with its 1-based number), e.g. to copy the folder as a kill there would leave it. */
export function setStepHook(h: StepHook | undefined): void {
  hook = h;
  steps = 0;
}

/** One step of a transaction: where the fault-injection hook may strike. */
function step(file: string): void {
  steps++;
  hook?.(steps, file);
  const fault = /^(kill|enospc)@(\d+)$/.exec(process.env.CERTDOCS_FAULT ?? '');
  if (!fault || steps !== Number(fault[2])) return;
  if (fault[1] === 'kill') process.kill(process.pid, 'SIGKILL');
  throw Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), { code: 'ENOSPC', syscall: 'write', path: file });
}

/** Write `content` to `file` (not yet flushed to disk: see `flush`). */
function writeFile(file: string, content: string | Uint8Array): void {
  const fd = openSync(file, 'w');
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content) : content;
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
  } finally {
    closeSync(fd);
  }
}

/** Flush a written file to disk. */
function flush(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Flush written files to disk. Many files at once: one syncfs of their file
 * systems (`sync -f`), since an fsync per file costs a disk flush each (16,000
 * diagram files took 5 s of fsync at 20,000 flags, 0.2 ms each at best).
 * A few files, or off Linux, or where `sync -f` fails: one fsync each.
 */
function flushAll(files: string[]): void {
  // GNU coreutils' `sync -f` is syncfs(2); elsewhere `sync` may only schedule the writes.
  if (files.length > FLUSH_ONE_BY_ONE && process.platform === 'linux') {
    // One path per file system (the files sit in a few folders: those are what is looked at).
    const byDevice = new Map<number, string>();
    for (const folder of new Set(files.map((file) => path.dirname(file)))) {
      const dev = statSync(folder).dev;
      if (!byDevice.has(dev)) byDevice.set(dev, folder);
    }
    try {
      execFileSync('sync', ['-f', ...byDevice.values()], { stdio: 'ignore' });
      return;
    } catch {
      /* no coreutils sync: file by file */
    }
  }
  for (const file of files) flush(file);
}
const FLUSH_ONE_BY_ONE = 64;

/** Write `content` to `file` and flush it to disk. */
function writeDurably(file: string, content: string | Uint8Array): void {
  writeFile(file, content);
  flush(file);
}

function isDirectory(file: string): boolean {
  try {
    return lstatSync(file).isDirectory();
  } catch {
    return false;
  }
}

export class OutputConflictError extends UserError {
  constructor(readonly file: string) {
    super(`${file} is a folder where a file is to be written; move it away and run again (nothing was written)`);
    this.name = 'OutputConflictError';
  }
}

interface Journal {
  renames: Array<[string, string]>;
  removes: string[];
}

/**
 * Write `outputs` and remove `removals` as one transaction. With a `journal`
 * path the renames survive a kill (see `recover`); without one (a single
 * file) the one rename is atomic by itself.
 */
export function commitOutputs(outputs: Outputs, removals: string[] = [], journal?: string): void {
  const targets = [...outputs.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const target of targets) if (isDirectory(target)) throw new OutputConflictError(target);
  const temps: Array<[string, string]> = [];
  try {
    for (const target of targets) {
      mkdirSync(path.dirname(target), { recursive: true });
      const temp = tempName(target);
      temps.push([temp, target]);
      step(temp);
      writeFile(temp, outputs.get(target)!);
    }
    // Every temporary file reaches the disk before the journal names it.
    flushAll(temps.map(([temp]) => temp));
    if (journal && temps.length + removals.length > 1) {
      mkdirSync(path.dirname(journal), { recursive: true });
      step(journal);
      // Paths relative to the journal's folder, so a copied or moved output folder recovers in place.
      const rel = (file: string) => path.relative(path.dirname(journal), file);
      const body: Journal = { renames: temps.map(([t, f]) => [rel(t), rel(f)]), removes: [...removals].sort().map(rel) };
      writeDurably(tempName(journal), `${JSON.stringify(body)}\n`);
      renameSync(tempName(journal), journal);
    }
  } catch (err) {
    for (const [temp] of temps) rmSync(temp, { force: true });
    if (journal) rmSync(tempName(journal), { force: true });
    throw err;
  }
  for (const [temp, target] of temps) {
    step(target);
    renameSync(temp, target);
  }
  for (const file of removals) {
    step(file);
    rmSync(file, { force: true });
  }
  if (journal) {
    step(journal);
    rmSync(journal, { force: true });
  }
}

/**
 * Finish a transaction a killed run left behind: rename the temporary files
 * its journal lists that are still there, remove what it meant to remove.
 * Returns whether there was anything to finish.
 */
export function recover(journal: string): boolean {
  let text: string;
  try {
    text = readFileSync(journal, 'utf8');
  } catch {
    return false;
  }
  let body: Journal;
  try {
    body = JSON.parse(text) as Journal;
  } catch {
    rmSync(journal, { force: true });
    return false;
  }
  const at = (rel: string) => path.resolve(path.dirname(journal), rel);
  for (const [temp, target] of body.renames ?? []) {
    try {
      renameSync(at(temp), at(target));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  for (const file of body.removes ?? []) rmSync(at(file), { force: true });
  rmSync(journal, { force: true });
  return true;
}

/** Whether a process with this id still runs (ours always does). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove the entries of `folder` that a process left behind: `ownerOf` gives the pid a name
 * carries (undefined for names that are not such leftovers), and an entry whose process no
 * longer runs is removed (a folder only with `folders`). Returns the paths removed, in name order.
 */
export function removeOrphans(
  folder: string,
  ownerOf: (name: string) => number | undefined,
  isAlive: (pid: number) => boolean = processAlive,
  { folders = false } = {},
): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names.sort()) {
    const pid = ownerOf(name);
    if (pid === undefined || isAlive(pid)) continue;
    const entry = path.join(folder, name);
    rmSync(entry, { recursive: folders, force: true, maxRetries: 3 });
    removed.push(entry);
  }
  return removed;
}

/** Remove `*.tmp-<pid>` files of processes that no longer run from `folders` (not recursive). Returns the paths removed. */
export function removeStaleTemps(folders: Iterable<string>, isAlive: (pid: number) => boolean = processAlive): string[] {
  const tempOwner = (name: string) => {
    const m = TEMP.exec(name);
    return m ? Number(m[1]) : undefined;
  };
  return [...new Set(folders)].flatMap((folder) => removeOrphans(folder, tempOwner, isAlive));
}

export function writeAtomically(outputs: Outputs, journal?: string): void {
  removeStaleTemps([...outputs.keys()].map((f) => path.dirname(f)));
  commitOutputs(outputs, [], journal);
}

/** The outputs whose content differs from what is on disk. */
export function changedOutputs(outputs: Outputs): Outputs {
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
  return changed;
}

/** Write only the files whose content changed (keeps mtimes stable for watchers). Returns the paths written. */
export function writeChanged(outputs: Outputs, removals: string[] = [], journal?: string): string[] {
  const changed = changedOutputs(outputs);
  removeStaleTemps([...outputs.keys(), ...removals].map((f) => path.dirname(f)));
  commitOutputs(changed, removals, journal);
  return [...changed.keys()].sort();
}
