import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { recover, writeAtomically } from '../../lib/atomic.ts';
import { formatProblemText, UserError } from '../../lib/problems.ts';
import { notCanonicalProblems, planFormatDir } from '../../format/index.ts';
import { parse, type Command } from '../command.ts';

export const command: Command = {
  name: 'format',
  summary: 'Rewrite data files in canonical form (key order, white space)',
  help: `Usage: certdocs format [--data DIR] [--check]

Rewrites every data file (components/, namespaces/, actors.json,
document.json) in the canonical form the importer writes: keys in schema
order, empty optional properties left out, 2-space JSON with a trailing
newline, actors sorted by name. Only what changes is written, atomically.
Data with syntax or schema problems is not touched: fix those first
(certdocs validate).

Options:
  --data DIR   data folder (default: data)
  --check      write nothing; list the files that are not canonical
               (file:1:1: not-canonical: …) and exit 1 when there are any

Exit status: 0 formatted (or, with --check, already canonical), 1 files not
canonical (--check) or problems in the data, 2 usage error.
`,
  async run(argv, io) {
    const { values } = parse(argv, { data: { type: 'string' }, check: { type: 'boolean' } }, false);
    const dir = values.data ?? 'data';
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`data folder ${dir} does not exist; pass --data DIR`, 2);
    // A format killed while renaming its files: finish it before reading the folder (see lib/atomic.ts).
    const journal = path.join(dir, '.certdocs-format-journal.json');
    recover(journal);
    const plan = planFormatDir(dir);
    if (!plan.formattable) {
      const problems = plan.validation;
      for (const p of problems) io.stdout(`${formatProblemText(p)}\n`);
      io.stderr(`format: ${problems.length} syntax or schema problem${problems.length === 1 ? '' : 's'} in ${dir}; nothing was written. Fix them (certdocs validate) first.\n`);
      return 1;
    }
    if (values.check) {
      for (const p of notCanonicalProblems(plan, dir)) io.stdout(`${formatProblemText(p)}\n`);
      io.stderr(plan.changes.length ? `format: ${plan.changes.length} file${plan.changes.length === 1 ? ' is' : 's are'} not canonical\n` : `format: ${dir}: every file is canonical\n`);
      return plan.changes.length ? 1 : 0;
    }
    writeAtomically(new Map(plan.changes.map((c) => [path.join(dir, c.rel), c.text])), journal);
    for (const c of plan.changes) io.stdout(`formatted ${c.file}\n`);
    io.stderr(`format: ${plan.changes.length} file${plan.changes.length === 1 ? '' : 's'} rewritten\n`);
    return 0;
  },
};
