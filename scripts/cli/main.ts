/**
 * certdocs: the command-line entry point. Commands are loaded lazily so that
 * `certdocs validate` does not pay for the renderer or the site.
 */
import { readFileSync } from 'node:fs';
import { userErrorFor } from '../lib/os-errors.ts';
import { UserError } from '../lib/problems.ts';
import { visible, visibleLine } from '../lib/terminal.ts';
import { processIo, type CliIo, type Command } from './command.ts';

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ command: Command }> }> = {
  validate: { summary: 'Check data/ against the schemas and the semantic rules', load: () => import('./commands/validate.ts') },
  import: { summary: 'Import an enhancement markdown document into a data folder', load: () => import('./commands/import.ts') },
  generate: { summary: 'Generate the enhancement, Mermaid diagrams and SVGs from data/', load: () => import('./commands/generate.ts') },
  format: { summary: 'Rewrite data files in canonical form (key order, white space)', load: () => import('./commands/format.ts') },
  check: { summary: 'Fail when committed generated files are stale', load: () => import('./commands/check.ts') },
  diff: { summary: 'Semantic diff of data/ between two git revisions', load: () => import('./commands/diff.ts') },
  impact: { summary: 'What breaks if a flag or resource is wrong', load: () => import('./commands/impact.ts') },
  troubleshoot: { summary: 'The must-verify edges that explain an error line from a log', load: () => import('./commands/troubleshoot.ts') },
  coverage: { summary: 'Completeness report: which items lack purpose, owner, rotation…', load: () => import('./commands/coverage.ts') },
  verify: { summary: "Check a cluster's real certificates against every documented edge", load: () => import('./commands/verify.ts') },
};

/** The package's version, from package.json (read once, when asked). */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

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
    "Run 'certdocs <command> --help' for a command's options, 'certdocs --version' for the version.",
  ].join('\n');
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.stdout : io.stderr)(`${usage()}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout(`certdocs ${version()}\n`);
    return 0;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    // Own properties only: `certdocs __proto__` or `certdocs toString` is an unknown command.
    io.stderr(`certdocs: unknown command ${visibleLine(JSON.stringify(name))}\n\n${usage()}\n`);
    return 2;
  }
  try {
    const { command } = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${command.help.trimEnd()}\n`);
      return 0;
    }
    return await command.run(rest, io);
  } catch (err) {
    // Operating-system errors (full disk, read-only folder, unreadable file, symlink loop…) are the user's to fix.
    const known = err instanceof UserError ? err : userErrorFor(err);
    if (known) {
      io.stderr(`certdocs ${name}: ${visibleLine(known.message)}
`);
      return known.exitCode;
    }
    const e = err as Error;
    io.stderr(`certdocs ${name}: internal error: ${visible(e?.message ?? String(err))}
`);
    if (process.env.CERTDOCS_DEBUG) io.stderr(`${e?.stack ?? ''}
`);
    return 70;
  }
}
