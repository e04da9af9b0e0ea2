/** The coverage report: one section per requirement, plus how it compares with the baseline. Markdown is built as mdast. */
import type { List, ListItem, PhrasingContent, Root, RootContent, Table, TableRow } from 'mdast';
import { stringifyMarkdown } from '../lib/markdown.ts';
import type { BaselineComparison, Gap } from './coverage-baseline.ts';
import type { CoverageItem, ItemType, RequirementResult } from './coverage.ts';

export interface CoverageReport {
  /** The data folder, as given. */
  data: string;
  requirements: Array<Omit<RequirementResult, 'missing'> & { missing: Array<CoverageItem & { new: boolean }> }>;
  baseline: { file: string; exists: boolean } & BaselineComparison;
}

export function buildReport(data: string, results: RequirementResult[], baselineFile: string, exists: boolean, comparison: BaselineComparison): CoverageReport {
  const fresh = new Set(comparison.newGaps.map((g) => `${g.requirement}\u0000${g.ref}`));
  return {
    data,
    requirements: results.map((r) => ({ ...r, missing: r.missing.map((m) => ({ ...m, new: fresh.has(`${r.id}\u0000${m.ref}`) })) })),
    baseline: { file: baselineFile, exists, ...comparison },
  };
}

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const code = (value: string): PhrasingContent => ({ type: 'inlineCode', value });
const strong = (value: string): PhrasingContent => ({ type: 'strong', children: [text(value)] });
const para = (...children: PhrasingContent[]): RootContent => ({ type: 'paragraph', children });
const list = (items: PhrasingContent[][]): List => ({
  type: 'list',
  ordered: false,
  spread: false,
  children: items.map((children): ListItem => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children }] })),
});

const TYPE_TITLES: Record<ItemType, [string, string]> = { flag: ['flag', 'Flags'], resource: ['resource', 'Resources'], edge: ['trust edge', 'Trust edges'] };

function appliesTo(r: CoverageReport['requirements'][number]): string {
  return `${r.total} item${r.total === 1 ? '' : 's'}`;
}

function percent(covered: number, total: number): string {
  return total ? `${Math.floor((covered * 100) / total)}%` : '—';
}

function summaryTable(report: CoverageReport): Table {
  const row = (cells: PhrasingContent[][]): TableRow => ({ type: 'tableRow', children: cells.map((children) => ({ type: 'tableCell', children })) });
  return {
    type: 'table',
    align: ['left', 'right', 'right', 'right', 'right'],
    children: [
      row([[text('Requirement')], [text('Applies to')], [text('Missing')], [text('Covered')], [text('New gaps')]]),
      ...report.requirements.map((r) => {
        const fresh = r.missing.filter((m) => m.new).length;
        return row([
          [text(r.title)],
          [text(appliesTo(r))],
          [text(String(r.missing.length))],
          [text(`${r.total - r.missing.length} (${percent(r.total - r.missing.length, r.total)})`)],
          [fresh ? strong(String(fresh)) : text('0')],
        ]);
      }),
    ],
  };
}

const gapItem = (g: Gap): PhrasingContent[] => [text(`${g.requirement}: `), code(g.ref)];

export function coverageMarkdown(report: CoverageReport): string {
  const total = report.requirements.reduce((n, r) => n + r.missing.length, 0);
  const { newGaps, fixedGaps } = report.baseline;
  const children: RootContent[] = [
    { type: 'heading', depth: 2, children: [text('Coverage of '), code(report.data)] },
    para(
      text(
        `${total} gap${total === 1 ? '' : 's'} across ${report.requirements.length} requirements; compared with ${report.baseline.file}: ${newGaps.length} new, ${fixedGaps.length} fixed.`,
      ),
    ),
    summaryTable(report),
  ];
  for (const r of report.requirements) {
    children.push({ type: 'heading', depth: 3, children: [text(`${r.title}: ${r.missing.length} of ${r.total} lack it`)] });
    children.push(para(text(r.description)));
    if (!r.missing.length) {
      children.push(para(text(r.total ? 'Every item has it.' : 'No item to check.')));
      continue;
    }
    children.push(para(text(`To fix: ${r.fix}.`)));
    for (const type of ['flag', 'resource', 'edge'] as const) {
      const items = r.missing.filter((m) => m.type === type);
      if (!items.length) continue;
      children.push(para(strong(`${TYPE_TITLES[type][1]} (${items.length})`)));
      children.push(list(items.map((m) => [code(m.ref), ...(m.new ? [text(' — '), strong('new'), text(', not in the baseline')] : []), ...(m.note ? [text(` — ${m.note}`)] : [])])));
    }
  }
  children.push({ type: 'heading', depth: 3, children: [text('Baseline')] });
  if (!report.baseline.exists) children.push(para(text(`There is no baseline at ${report.baseline.file} yet: every gap counts as new.`)));
  if (newGaps.length) {
    children.push(
      para(
        strong(`${newGaps.length} new gap${newGaps.length === 1 ? '' : 's'}`),
        text(' (not in the baseline, which may only shrink). Fill them in data/ from a reliable source; only if a fact is genuinely unknown, record it with '),
        code('certdocs coverage --update-baseline --allow-new-gaps'),
        text(' so reviewers see it.'),
      ),
      list(newGaps.map(gapItem)),
    );
  }
  if (fixedGaps.length) {
    children.push(
      para(text(`${fixedGaps.length} gap${fixedGaps.length === 1 ? '' : 's'} in the baseline ${fixedGaps.length === 1 ? 'is' : 'are'} fixed; drop them with `), code('certdocs coverage --update-baseline'), text('.')),
      list(fixedGaps.map(gapItem)),
    );
  }
  if (!newGaps.length && !fixedGaps.length && report.baseline.exists) children.push(para(text('The data matches the baseline.')));
  const root: Root = { type: 'root', children };
  return stringifyMarkdown(root);
}
