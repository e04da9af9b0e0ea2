/**
 * Operating-system errors (a full disk, a read-only folder, an unreadable
 * file, a dangling symlink…) as one line naming the file and what to do,
 * instead of an internal error.
 */
import { UserError } from './problems.ts';

const ADVICE: Record<string, string> = {
  ENOSPC: 'no space left on the device; free some space and run again',
  EDQUOT: 'disk quota exceeded; free some space and run again',
  EACCES: 'permission denied; check the permissions of the file and its folder',
  EPERM: 'operation not permitted; check the permissions of the file and its folder',
  EROFS: 'the file system is read-only; write somewhere else (--out DIR)',
  ENOENT: 'no such file or folder (or a symlink to nothing); create it or fix the path',
  ELOOP: 'too many levels of symbolic links (a symlink loop); fix or remove the symlink',
  EISDIR: 'a folder is in the way of a file; move it away and run again',
  ENOTDIR: 'a file is in the way of a folder; move it away and run again',
  EEXIST: 'already exists; move it away and run again',
  ENOTEMPTY: 'the folder is not empty; move it away and run again',
  EMFILE: 'too many open files; raise the limit (ulimit -n) and run again',
  ENFILE: 'too many open files on the system; try again later',
  EIO: 'input/output error; check the disk',
  ENAMETOOLONG: 'the file name is too long; use a shorter path',
  EBUSY: 'the file is busy; try again later',
  ETXTBSY: 'the file is busy; try again later',
};

const VERB: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create the folder',
  rename: 'rename into place',
  unlink: 'remove',
  rmdir: 'remove',
  scandir: 'list',
  stat: 'read',
  lstat: 'read',
  fsync: 'write',
  copyfile: 'copy',
};

export interface SystemError extends Error {
  code: string;
  syscall?: string;
  path?: string;
  dest?: string;
}

export function isSystemError(err: unknown): err is SystemError {
  return err instanceof Error && typeof (err as Partial<SystemError>).code === 'string' && /^E[A-Z0-9]+$/.test((err as SystemError).code);
}

/** A UserError (exit 1) for an operating-system error, or undefined for anything else. */
export function userErrorFor(err: unknown): UserError | undefined {
  if (!isSystemError(err)) return undefined;
  const advice = ADVICE[err.code] ?? `${err.code}; check the file and run again`;
  const verb = (err.syscall && VERB[err.syscall]) ?? err.syscall ?? 'use';
  const where = err.path ? ` ${err.path.replace(/\.tmp-\d+$/, '')}${err.dest ? ` to ${err.dest}` : ''}` : '';
  return new UserError(`cannot ${verb}${where} (${err.code}): ${advice}`);
}
