/**
 * validate: JSON syntax → schema → semantic rules.
 * Schema problems stop the run before the semantic rules: a model built from
 * data of the wrong shape would only add noise.
 */
import { sortProblems, type Problem } from '../lib/problems.ts';
import { loadDataDir, parseEntries, type DataEntry, type LoadedFile } from '../load/index.ts';
import { buildModel, type Model } from '../model/model.ts';
import { schemaProblems } from './schema.ts';
import { RULES } from './rules.ts';
import { MATERIAL_RULES } from './material-rules.ts';

export interface ValidationResult {
  problems: Problem[];
  files: LoadedFile[];
  /** Present when the data had the right shape (no syntax or schema problems). */
  model?: Model;
}

export function validateFiles(files: LoadedFile[], loadProblems: Problem[] = []): ValidationResult {
  const early = [...loadProblems, ...schemaProblems(files)];
  if (early.length) return { problems: sortProblems(early), files };
  const model = buildModel(files);
  const problems = [...RULES, ...MATERIAL_RULES].flatMap((rule) => rule(model));
  return { problems: sortProblems(problems), files, model };
}

export function validateDataDir(dataDir: string): ValidationResult {
  const { files, problems } = loadDataDir(dataDir);
  return validateFiles(files, problems);
}

export function validateEntries(entries: DataEntry[], display: (rel: string) => string): ValidationResult {
  const { files, problems } = parseEntries(entries, display);
  return validateFiles(files, problems);
}
