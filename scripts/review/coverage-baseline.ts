/**
 * The coverage baseline (data/coverage-baseline.json): the known gaps, by
 * requirement. It may only shrink: a gap in the data that is not in the
 * baseline is new and fails the check; a gap in the baseline that the data no
 * longer has is fixed and should be dropped with --update-baseline.
 *
 * The data loader ignores this file (it reads only components/, namespaces/,
 * actors.json and document.json).
 */
import { readFileSync } from 'node:fs';
import { stringifyData } from '../lib/json.ts';
import { cmp, UserError } from '../lib/problems.ts';
import { parseJsonFile } from '../load/json-file.ts';
import type { RequirementResult } from './coverage.ts';

export const BASELINE_DESCRIPTION =
  'Known coverage gaps (items lacking a property), by requirement. This list may only shrink: fill a gap in data/ and run `certdocs coverage --update-baseline`. Never fill a gap by guessing an owner or a rotation period.';

export interface BaselineFile {
  description: string;
  /** Requirement id → refs of the items lacking it, sorted. */
  gaps: Record<string, string[]>;
}

export interface Gap {
  requirement: string;
  ref: string;
}

export interface BaselineComparison {
  /** In the data, not in the baseline: fails the check. */
  newGaps: Gap[];
  /** In the baseline, no longer in the data: drop them with --update-baseline. */
  fixedGaps: Gap[];
}

export function gapsOf(results: RequirementResult[]): Gap[] {
  return results.flatMap((r) => r.missing.map((m) => ({ requirement: r.id, ref: m.ref })));
}

export function baselineOf(gaps: Gap[], requirementIds: string[]): BaselineFile {
  const out: Record<string, string[]> = {};
  for (const id of requirementIds) out[id] = [];
  for (const g of gaps) (out[g.requirement] ??= []).push(g.ref);
  for (const id of Object.keys(out)) out[id] = [...new Set(out[id])].sort(cmp);
  return { description: BASELINE_DESCRIPTION, gaps: out };
}

export function stringifyBaseline(b: BaselineFile): string {
  return stringifyData(b);
}

/** Read a baseline file; a missing file is an empty baseline (`exists: false`). */
export function readBaseline(file: string): { baseline: BaselineFile; exists: boolean } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { baseline: { description: BASELINE_DESCRIPTION, gaps: {} }, exists: false };
    throw new UserError(`cannot read the coverage baseline ${file}: ${(err as Error).message}`);
  }
  const parsed = parseJsonFile(file, bytes);
  if (!parsed.ok) {
    const p = parsed.problems[0]!;
    throw new UserError(`${p.file}:${p.line}:${p.column}: ${p.message}`);
  }
  const data = parsed.json.data as Partial<BaselineFile> | null;
  const gaps = data && typeof data === 'object' ? data.gaps : undefined;
  const valid =
    gaps && typeof gaps === 'object' && !Array.isArray(gaps) && Object.values(gaps).every((v) => Array.isArray(v) && v.every((x) => typeof x === 'string'));
  if (!valid) {
    const pos = parsed.json.values.get('/gaps') ?? { line: 1, column: 1 };
    throw new UserError(
      `${file}:${pos.line}:${pos.column}: the baseline must be {"gaps": {"<requirement>": ["<ref>", …]}}; regenerate it with 'certdocs coverage --update-baseline --allow-new-gaps'`,
    );
  }
  return { baseline: { description: typeof data!.description === 'string' ? data!.description : BASELINE_DESCRIPTION, gaps: gaps as Record<string, string[]> }, exists: true };
}

const key = (g: Gap) => `${g.requirement}\u0000${g.ref}`;
const byGap = (a: Gap, b: Gap) => cmp(a.requirement, b.requirement) || cmp(a.ref, b.ref);

export function compareWithBaseline(current: Gap[], baseline: BaselineFile): BaselineComparison {
  const known = Object.entries(baseline.gaps).flatMap(([requirement, refs]) => refs.map((ref) => ({ requirement, ref })));
  const knownKeys = new Set(known.map(key));
  const currentKeys = new Set(current.map(key));
  return {
    newGaps: current.filter((g) => !knownKeys.has(key(g))).sort(byGap),
    fixedGaps: known.filter((g) => !currentKeys.has(key(g))).sort(byGap),
  };
}

/**
 * The baseline to write on --update-baseline: the current gaps, minus new ones
 * unless they are explicitly accepted. Fixed gaps always drop out.
 */
export function updatedBaseline(current: Gap[], comparison: BaselineComparison, requirementIds: string[], allowNew: boolean): BaselineFile {
  const fresh = new Set(comparison.newGaps.map(key));
  return baselineOf(allowNew ? current : current.filter((g) => !fresh.has(key(g))), requirementIds);
}

export function describeGap(g: Gap): string {
  return `${g.requirement}: ${g.ref}`;
}

/** The message for new gaps, one per line, naming each. */
export function newGapsMessage(gaps: Gap[], baselineFile: string): string {
  return [
    `${gaps.length} coverage gap${gaps.length === 1 ? ' is' : 's are'} not in ${baselineFile} (the baseline may only shrink):`,
    ...gaps.map((g) => `  - ${describeGap(g)}`),
    `Fill ${gaps.length === 1 ? 'it' : 'them'} in data/ from a reliable source, or, only if the fact is genuinely unknown, record ${gaps.length === 1 ? 'it' : 'them'} with 'certdocs coverage --update-baseline --allow-new-gaps' so reviewers see ${gaps.length === 1 ? 'it' : 'them'} in the diff.`,
  ].join('\n');
}

export function fixedGapsMessage(gaps: Gap[], baselineFile: string): string {
  return [
    `${gaps.length} gap${gaps.length === 1 ? '' : 's'} in ${baselineFile} ${gaps.length === 1 ? 'is' : 'are'} fixed; run 'certdocs coverage --update-baseline' to drop ${gaps.length === 1 ? 'it' : 'them'}:`,
    ...gaps.map((g) => `  - ${describeGap(g)}`),
  ].join('\n');
}
