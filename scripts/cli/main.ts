/**
 * certdocs: the command-line entry point. Commands are loaded lazily so that
 * `certdocs validate` does not pay for the renderer or the site.
 */
import { UserError } from '../lib/problems.ts';
import type { Command } from './command.ts';

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ command: Command }> }> = {
  validate: { summary: 'Check data/ against the schemas and the semantic rules', load: () => import('./commands/validate.ts') },
  import: { summary: 'Import an enhancement markdown document into a data folder', load: () => import('./commands/import.ts') },
  generate: { summary: 'Generate the enhancement, Mermaid diagrams and SVGs from data/', load: () => import('./commands/generate.ts') },
  check: { summary: 'Fail when committed generated files are stale', load: () => import('./commands/check.ts') },
  diff: { summary: 'Semantic diff of data/ between two git revisions', load: () => import('./commands/diff.ts') },
  impact: { summary: 'What breaks if a flag or resource is wrong', load: () => import('./commands/impact.ts') },
  coverage: { summary: 'Completeness report: which items lack purpose, owner, rotation…', load: () => import('./commands/coverage.ts') },
  verify: { summary: "Check a cluster's real certificates against every documented edge", load: () => import('./commands/verify.ts') },
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  return [
    'Usage: certdocs <command> [options]',
    '',
    'Kubernetes and OpenShift control-plane TLS documentation kept as data.',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'certdocs <command> --help' for a command's options.",
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    process.stderr.write(`certdocs: unknown command ${JSON.stringify(name)}\n\n${usage()}\n`);
    return 2;
  }
  try {
    const { command } = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`${command.help.trimEnd()}\n`);
      return 0;
    }
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UserError) {
      process.stderr.write(`certdocs ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    const e = err as Error;
    process.stderr.write(`certdocs ${name}: internal error: ${e?.message ?? String(err)}\n`);
    if (process.env.CERTDOCS_DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
    return 70;
  }
}
