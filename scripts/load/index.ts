/**
 * load: read a data folder (or the same files from anywhere else, e.g. a git
 * revision) into parsed JSON files with positions. Layout:
 *   components/<name>.json   one per binary
 *   namespaces/<name>.json   one per namespace of exposed resources
 *   materials/<dist>.json    one per distribution: signers, bundles, certs behind the flags
 *   actors.json              producers and consumers
 *   document.json            front matter and prose of the enhancement
 * Anything else (schemas/, markdown) is ignored.
 */
import { lstatSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError, type Problem } from '../lib/problems.ts';
import { listFiles } from '../lib/files.ts';
import { parseJsonFile, type JsonFile } from './json-file.ts';

export type Role = 'component' | 'namespace' | 'materials' | 'actors' | 'document';

export interface DataEntry {
  /** Path relative to the data folder, with forward slashes. */
  rel: string;
  bytes: Uint8Array;
}

export interface LoadedFile {
  role: Role;
  rel: string;
  json: JsonFile;
}

export interface LoadResult {
  files: LoadedFile[];
  problems: Problem[];
}

export function roleOf(rel: string): Role | undefined {
  if (/^components\/[^/]+\.json$/.test(rel)) return 'component';
  if (/^namespaces\/[^/]+\.json$/.test(rel)) return 'namespace';
  if (/^materials\/[^/]+\.json$/.test(rel)) return 'materials';
  if (rel === 'actors.json') return 'actors';
  if (rel === 'document.json') return 'document';
  return undefined;
}

/** Whether `full` is a file to read. A data file's name that is a dangling symlink or a symlink loop is an error, not a file to skip. */
function isFile(full: string, shown: string): boolean {
  try {
    return statSync(full).isFile();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    let link = false;
    try {
      link = lstatSync(full).isSymbolicLink();
    } catch {
      return false;
    }
    if (!link) return false;
    const what = code === 'ELOOP' ? 'a symlink loop' : 'a symlink to nothing';
    throw new UserError(`${shown} is ${what} (${code}); point it at a data file or remove it`);
  }
}

function readBytes(full: string, shown: string): Uint8Array {
  try {
    return readFileSync(full);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new UserError(`cannot read ${shown} (${code}); check the file's permissions`);
  }
}

/** The folders that hold one data file per component or namespace. */
export const DATA_SUBFOLDERS = ['components', 'namespaces', 'materials'] as const;

/**
 * List the data files of a folder on disk, sorted by path so the order never
 * depends on the file system. A missing folder gives no entries (parseEntries
 * then reports that there are no component files).
 */
export function readDataDir(dir: string): DataEntry[] {
  const entries: DataEntry[] = [];
  const add = (rel: string) => {
    const full = path.join(dir, rel);
    if (isFile(full, displayPath(dir, rel))) entries.push({ rel, bytes: readBytes(full, displayPath(dir, rel)) });
  };
  for (const sub of DATA_SUBFOLDERS) for (const name of listFiles(path.join(dir, sub), '.json')) add(`${sub}/${name}`);
  for (const name of ['actors.json', 'document.json']) add(name);
  return entries.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/** How a data folder's files are named in messages: relative to the working directory. */
export function displayPath(dataDir: string, rel: string): string {
  const abs = path.resolve(dataDir, rel);
  const fromCwd = path.relative(process.cwd(), abs);
  return (fromCwd.startsWith('..') ? abs : fromCwd).split(path.sep).join('/');
}

export function parseEntries(entries: DataEntry[], display: (rel: string) => string): LoadResult {
  const files: LoadedFile[] = [];
  const problems: Problem[] = [];
  if (!entries.some((e) => roleOf(e.rel) === 'component')) {
    problems.push({
      code: 'missing-file',
      file: display('components'),
      line: 1,
      column: 1,
      pointer: '',
      message: 'no component files (components/<name>.json) in the data folder; add one per binary, or pass --data DIR naming the data folder',
    });
  }
  for (const entry of entries) {
    const role = roleOf(entry.rel);
    if (!role) continue;
    const result = parseJsonFile(display(entry.rel), entry.bytes);
    if (result.ok) files.push({ role, rel: entry.rel, json: result.json });
    else problems.push(...result.problems);
  }
  return { files, problems };
}

export function loadDataDir(dataDir: string): LoadResult {
  return parseEntries(readDataDir(dataDir), (rel) => displayPath(dataDir, rel));
}
