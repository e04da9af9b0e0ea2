/** Load the data of two git revisions (or a revision and the working tree) and diff them. */
import { parseEntries, type DataEntry } from '../load/index.ts';
import { validateFiles } from '../validate/index.ts';
import { dataPathIn, openRepo, readDataAtCommit, readDataInWorkTree, resolveRevision } from './git-data.ts';
import { diffData, type DataDiff, type Side } from './semantic-diff.ts';

export interface DiffRequest {
  base: string;
  /** Omitted: the working tree. */
  head?: string;
  /** Data folder, relative to `cwd` (default "data"). */
  data?: string;
  cwd?: string;
}

function side(label: string, entries: DataEntry[], dataPath: string): Side {
  // The same display names on both sides, so a problem present on both compares equal.
  const { files, problems } = parseEntries(entries, (rel) => (dataPath ? `${dataPath}/${rel}` : rel));
  const result = validateFiles(files, problems);
  return { label, problems: result.problems, ...(result.model ? { model: result.model } : {}) };
}

/** Throws UserError (exit 2) outside a git repository or for an unknown revision. */
export function diffRevisions(req: DiffRequest): DataDiff {
  const cwd = req.cwd ?? process.cwd();
  const repo = openRepo(cwd);
  const dataPath = dataPathIn(repo, req.data ?? 'data', cwd);
  const baseCommit = resolveRevision(repo, req.base);
  const headCommit = req.head === undefined ? undefined : resolveRevision(repo, req.head);
  const base = side(req.base, readDataAtCommit(repo, baseCommit, dataPath), dataPath);
  const head =
    headCommit === undefined
      ? side('working tree', readDataInWorkTree(repo, dataPath), dataPath)
      : side(req.head!, readDataAtCommit(repo, headCommit, dataPath), dataPath);
  return diffData(base, head);
}
