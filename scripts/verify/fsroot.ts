/**
 * Paths of a node, read under --root: "/etc/kubernetes/pki/ca.crt" is read
 * from "<root>/etc/kubernetes/pki/ca.crt". Symbolic links are followed the
 * way they would be on the node (an absolute target is taken under the root
 * again); a path or link that leads outside the root is refused.
 */
import { lstatSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

export type ReadCode = 'missing-file' | 'path-escapes-root' | 'unreadable-file' | 'symlink-loop';

export class ReadError extends Error {
  constructor(
    readonly code: ReadCode,
    message: string,
  ) {
    super(message);
  }
}

const MAX_LINKS = 40;

/**
 * The local path of `nodePath` under `root`. A relative `nodePath` is taken
 * relative to `baseDir` (a node path, e.g. the directory of a kubeconfig).
 */
export function resolveUnder(root: string, nodePath: string, baseDir = '/'): string {
  const absRoot = path.resolve(root);
  const start = path.posix.isAbsolute(nodePath) ? nodePath : path.posix.join(baseDir, nodePath);
  // Walk the components one by one, so that ".." and links are judged on the node's tree.
  const pending = start.split('/').filter(Boolean);
  const done: string[] = [];
  let links = 0;
  while (pending.length) {
    const part = pending.shift()!;
    if (part === '.') continue;
    if (part === '..') {
      if (!done.length) throw new ReadError('path-escapes-root', 'leads outside --root');
      done.pop();
      continue;
    }
    done.push(part);
    const local = path.join(absRoot, ...done);
    let isLink = false;
    try {
      isLink = lstatSync(local).isSymbolicLink();
    } catch {
      // Missing: reported when the file is read.
    }
    if (!isLink) continue;
    if (++links > MAX_LINKS) throw new ReadError('symlink-loop', 'has too many levels of symbolic links');
    const target = readlinkSync(local);
    done.pop();
    if (path.posix.isAbsolute(target)) done.length = 0;
    pending.unshift(...target.split('/').filter(Boolean));
  }
  return path.join(absRoot, ...done);
}

/** Read a node file under the root. */
export function readUnder(root: string, nodePath: string, baseDir = '/'): { local: string; bytes: Buffer } {
  const local = resolveUnder(root, nodePath, baseDir);
  try {
    return { local, bytes: readFileSync(local) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ReadError('missing-file', 'does not exist');
    throw new ReadError('unreadable-file', `cannot be read (${code ?? 'error'})`);
  }
}
