/** Load a data folder for a read-only command: the model, or a clean error saying how to see the problems. */
import { existsSync, statSync } from 'node:fs';
import { UserError, type Problem } from '../lib/problems.ts';
import type { Model } from '../model/model.ts';
import { validateDataDir } from '../validate/index.ts';

export interface LoadedModel {
  model: Model;
  problems: Problem[];
}

export function loadModel(dir: string): LoadedModel {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`data folder ${dir} does not exist; pass --data DIR`, 2);
  const { model, problems } = validateDataDir(dir);
  if (!model) {
    const first = problems[0];
    throw new UserError(
      `${dir} cannot be loaded: ${problems.length} problem${problems.length === 1 ? '' : 's'}${first ? ` (first: ${first.file}:${first.line}:${first.column}: ${first.code}: ${first.message})` : ''}; run 'certdocs validate --data ${dir}' and fix them first`,
    );
  }
  return { model, problems };
}

/** One stderr line when the data loads but has rule problems: results may be incomplete. */
export function warnProblems(dir: string, problems: Problem[], write: (text: string) => void = (t) => void process.stderr.write(t)): void {
  if (problems.length)
    write(`warning: ${dir} has ${problems.length} validation problem${problems.length === 1 ? '' : 's'}; results may be incomplete (run 'certdocs validate')\n`);
}
