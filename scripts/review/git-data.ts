/**
 * Read the data files of a git revision straight from the object database
 * (`git ls-tree` + `git cat-file --batch`): no checkout, the working tree is
 * never touched. Files are named `<data path>/<rel>` in messages on every
 * side, so problems from two revisions compare equal when they are the same.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { UserError } from '../lib/problems.ts';
import { readDataDir, roleOf, type DataEntry } from '../load/index.ts';

export interface GitRepo {
  /** Absolute path of the work tree's top folder. */
  root: string;
}

function git(cwd: string, args: string[], input?: Buffer): { status: number; stdout: Buffer; stderr: string } {
  const r = spawnSync('git', args, { cwd, input, maxBuffer: 1 << 30 });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? 'git is not installed or not on PATH; certdocs diff needs git' : `git ${args[0]} failed: ${r.error.message}`, 2);
  }
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr.toString('utf8').trim() };
}

export function openRepo(cwd = process.cwd()): GitRepo {
  const r = git(cwd, ['rev-parse', '--show-toplevel']);
  if (r.status !== 0) {
    throw new UserError(`${cwd} is not inside a git repository; certdocs diff reads data/ from git revisions, so run it in a clone of the project`, 2);
  }
  return { root: r.stdout.toString('utf8').trim() };
}

/** The data folder as a path inside the repository, with forward slashes and no trailing slash. */
export function dataPathIn(repo: GitRepo, dir: string, cwd = process.cwd()): string {
  const rel = path.relative(repo.root, path.resolve(cwd, dir));
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new UserError(`data folder ${dir} is outside the git repository at ${repo.root}`, 2);
  return rel.split(path.sep).join('/');
}

/** Resolve a revision to a commit id, or fail with exit 2 naming the revision. */
export function resolveRevision(repo: GitRepo, rev: string): string {
  if (rev.startsWith('-')) throw new UserError(`${JSON.stringify(rev)} is not a revision`, 2);
  const r = git(repo.root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  if (r.status !== 0) {
    const hint = rev.includes('/') ? ` (fetch it first, e.g. 'git fetch ${rev.split('/')[0]}'; a shallow clone needs fetch-depth: 0)` : '';
    throw new UserError(`unknown revision ${JSON.stringify(rev)}: no commit by that name in ${repo.root}${hint}`, 2);
  }
  return r.stdout.toString('utf8').trim();
}

/** The data files of `dataPath` at commit `commit`, sorted by path (only files the loader reads). */
export function readDataAtCommit(repo: GitRepo, commit: string, dataPath: string): DataEntry[] {
  const prefix = dataPath ? `${dataPath}/` : '';
  const ls = git(repo.root, ['ls-tree', '-r', '-z', '--name-only', commit, '--', prefix || '.']);
  if (ls.status !== 0) throw new UserError(`cannot list ${prefix || 'the tree'} at ${commit}: ${ls.stderr}`, 2);
  const rels = ls.stdout
    .toString('utf8')
    .split('\0')
    .filter((p) => p.startsWith(prefix))
    .map((p) => p.slice(prefix.length))
    .filter((rel) => roleOf(rel) !== undefined)
    .sort();
  if (!rels.length) return [];
  const input = Buffer.from(rels.map((rel) => `${commit}:${prefix}${rel}\n`).join(''));
  const cat = git(repo.root, ['cat-file', '--batch'], input);
  if (cat.status !== 0) throw new UserError(`cannot read ${prefix} at ${commit}: ${cat.stderr}`, 2);
  const out = cat.stdout;
  const entries: DataEntry[] = [];
  let at = 0;
  for (const rel of rels) {
    const nl = out.indexOf(0x0a, at);
    const header = out.subarray(at, nl).toString('utf8');
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) throw new UserError(`cannot read ${prefix}${rel} at ${commit}: git answered ${JSON.stringify(header)}`, 2);
    const size = Number(m[2]);
    // Symlinks and submodules are not data files; skip them rather than parse their targets.
    if (m[1] === 'blob') entries.push({ rel, bytes: new Uint8Array(out.subarray(nl + 1, nl + 1 + size)) });
    at = nl + 1 + size + 1;
  }
  return entries;
}

/** The data files of the working tree. */
export function readDataInWorkTree(repo: GitRepo, dataPath: string): DataEntry[] {
  return readDataDir(path.join(repo.root, dataPath));
}
