import { visible } from '../../lib/terminal.ts';
import path from 'node:path';
import { writeAtomically } from '../../lib/atomic.ts';
import { inspectCoverage, REQUIREMENTS } from '../../review/coverage.ts';
import {
  compareWithBaseline,
  fixedGapsMessage,
  gapsOf,
  newGapsMessage,
  readBaseline,
  stringifyBaseline,
  updatedBaseline,
} from '../../review/coverage-baseline.ts';
import { buildReport, coverageMarkdown } from '../../review/coverage-report.ts';
import { loadModel, warnProblems } from '../../review/load-model.ts';
import { oneOf, parse, UsageError, type Command } from '../command.ts';

export const command: Command = {
  name: 'coverage',
  summary: 'Completeness report: which items lack purpose, owner, rotation…',
  help: `Usage: certdocs coverage [--data DIR] [--format markdown|json] [--baseline FILE]
                         [--update-baseline [--allow-new-gaps]]

Lists, for each requirement, the items that lack it, with counts:

${REQUIREMENTS.map((r) => `  ${r.id.padEnd(12)} ${r.description}`).join('\n')}

Known gaps are recorded in a baseline (default: <data>/coverage-baseline.json)
that may only shrink. A gap that is not in the baseline is new: the command
exits 1 and names it. Gaps fixed since the baseline are reported; drop them
with --update-baseline. Never fill a gap by guessing an owner or a rotation
period: leave it empty until someone who knows writes it down. Owner,
creation, signer and rotation are answered through the certificate material
behind each flag and resource (data/materials/<distribution>.json); a gap the
data records says where the fact was looked for.

Options:
  --data DIR                 data folder (default: data)
  --format markdown|json     markdown: a report for people (default); json: the same for tools
  --baseline FILE            baseline file (default: <data>/coverage-baseline.json)
  --update-baseline          rewrite the baseline: fixed gaps drop out; new gaps stay
                             out (and fail) unless --allow-new-gaps
  --allow-new-gaps           with --update-baseline: also record the new gaps, for
                             facts that are genuinely unknown (reviewers see them)

Exit status: 0 no new gaps, 1 new gaps (or the data cannot be loaded), 2 usage error.
`,
  async run(argv, io) {
    const { values } = parse(
      argv,
      {
        data: { type: 'string' },
        format: { type: 'string' },
        baseline: { type: 'string' },
        'update-baseline': { type: 'boolean' },
        'allow-new-gaps': { type: 'boolean' },
      },
      false,
    );
    const format = oneOf(values.format, ['markdown', 'json'] as const, '--format', 'markdown');
    if (values['allow-new-gaps'] && !values['update-baseline']) throw new UsageError('--allow-new-gaps only applies with --update-baseline: certdocs coverage --update-baseline --allow-new-gaps');
    const dir = values.data ?? 'data';
    const baselineFile = values.baseline ?? path.join(dir, 'coverage-baseline.json');
    const { model, problems } = loadModel(dir);
    warnProblems(dir, problems, io.stderr);

    const results = inspectCoverage(model);
    const gaps = gapsOf(results);
    const { baseline, exists } = readBaseline(baselineFile);
    const comparison = compareWithBaseline(gaps, baseline);
    const ids = REQUIREMENTS.map((r) => r.id);

    if (values['update-baseline']) {
      const allowNew = values['allow-new-gaps'] ?? false;
      const next = updatedBaseline(gaps, comparison, ids, allowNew);
      writeAtomically(new Map([[baselineFile, stringifyBaseline(next)]]));
      const dropped = comparison.fixedGaps.length;
      const added = allowNew ? comparison.newGaps.length : 0;
      io.stderr(`${baselineFile}: ${dropped} fixed gap${dropped === 1 ? '' : 's'} dropped, ${added} new gap${added === 1 ? '' : 's'} recorded\n`);
      if (!allowNew && comparison.newGaps.length) {
        io.stderr(`${newGapsMessage(comparison.newGaps, baselineFile)}\n`);
        return 1;
      }
      return 0;
    }

    const report = buildReport(dir, results, baselineFile, exists, comparison);
    io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : visible(coverageMarkdown(report)));
    if (comparison.fixedGaps.length) io.stderr(`${fixedGapsMessage(comparison.fixedGaps, baselineFile)}\n`);
    if (comparison.newGaps.length) {
      io.stderr(
        exists
          ? `${newGapsMessage(comparison.newGaps, baselineFile)}\n`
          : `there is no coverage baseline at ${baselineFile}, so all ${comparison.newGaps.length} gaps count as new; record the known gaps with 'certdocs coverage --update-baseline --allow-new-gaps'\n`,
      );
      return 1;
    }
    return 0;
  },
};
