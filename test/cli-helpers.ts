/** Run the real `certdocs` CLI (bin/certdocs.mjs) in a child process, output captured. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../bin/certdocs.mjs', import.meta.url));

export interface CliResult {
  /** Exit code; -1 when the process was killed (e.g. by the timeout). */
  status: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd, env: options.env, timeout: options.timeout, encoding: 'utf8' });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
