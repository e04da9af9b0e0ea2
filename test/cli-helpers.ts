/**
 * Run the `certdocs` CLI from tests.
 *
 * - `runCli` runs it in this process through `main(argv, io)`, with output
 *   captured and the working directory (and any environment overrides) set
 *   for the call only. Tests in a file run one at a time, so swapping the
 *   working directory is safe. This is what most tests use: no process start.
 * - `runCliProcess` runs the real executable (bin/certdocs.mjs) in a child
 *   process: for the smoke tests of the executable itself (exit codes as the
 *   shell sees them, tsx start-up, stdout/stderr separation).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../scripts/cli/main.ts';

export const BIN = fileURLToPath(new URL('../bin/certdocs.mjs', import.meta.url));

export interface CliResult {
  /** Exit code; -1 when the process was killed (e.g. by the timeout). */
  status: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  /** Variables to set (a value of undefined unsets it) for this call only. */
  env?: Record<string, string | undefined>;
}

let running = false;

export async function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  if (running) throw new Error('runCli: calls must not overlap (they share the working directory)');
  running = true;
  const cwd = process.cwd();
  const saved = new Map<string, string | undefined>();
  let stdout = '';
  let stderr = '';
  try {
    for (const [k, v] of Object.entries(options.env ?? {})) {
      saved.set(k, process.env[k]);
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    if (options.cwd) process.chdir(options.cwd);
    const status = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
    return { status, stdout, stderr };
  } finally {
    process.chdir(cwd);
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    running = false;
  }
}

export function runCliProcess(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd, env: options.env, timeout: options.timeout, input: options.input, encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
