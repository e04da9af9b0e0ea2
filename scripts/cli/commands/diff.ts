import { visible } from '../../lib/terminal.ts';
import { diffRevisions } from '../../review/diff-revisions.ts';
import { diffMarkdown } from '../../review/diff-markdown.ts';
import { oneOf, parse, UsageError, type Command } from '../command.ts';

export const command: Command = {
  name: 'diff',
  summary: 'Semantic diff of data/ between two git revisions',
  help: `Usage: certdocs diff <base-rev> [<head-rev>] [--data DIR] [--format markdown|json]

Compares the data at two git revisions item by item: components, flags,
resources, namespaces, actors and document sections added, removed or
changed field by field; trust edges added, removed or changed (conditions,
qualifiers and consequences on either side); validation problems introduced
or fixed (compared by code and message, not by line).

The data is read straight from git (no checkout). Without <head-rev> the
base is compared with the working tree, uncommitted changes included.

Examples:
  certdocs diff HEAD                        what you changed and not yet committed
  certdocs diff origin/main HEAD            what a pull request changes
  certdocs diff v1.0 v1.1 --format json

Options:
  --data DIR                data folder inside the repository (default: data)
  --format markdown|json    markdown: a report for people and job summaries (default)
                            json: the same report for tools

Exit status: 0 whatever the differences, 2 usage error, unknown revision or
not inside a git repository.
`,
  async run(argv, io) {
    const { values, positionals } = parse(argv, { data: { type: 'string' }, format: { type: 'string' } });
    const format = oneOf(values.format, ['markdown', 'json'] as const, '--format', 'markdown');
    if (positionals.length < 1 || positionals.length > 2) throw new UsageError('give a base revision and optionally a head revision: certdocs diff <base-rev> [<head-rev>]');
    const [baseRev, headRev] = positionals as [string, string | undefined];
    const report = diffRevisions({ base: baseRev, ...(headRev !== undefined ? { head: headRev } : {}), data: values.data ?? 'data' });
    io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : visible(diffMarkdown(report)));
    return 0;
  },
};
