/**
 * Growth benchmark (a script, not a timed test): how the cost of each stage
 * grows with the data. For synthetic data sets of 2,000 and 20,000 flags
 * (BENCH_GROWTH_SIZES, comma-separated) it runs, each as its own process
 * started the way a user starts it:
 *
 *   validate         certdocs validate
 *   generate         certdocs generate --no-render --no-cache, into an empty folder
 *   impact           certdocs impact "<the first resource of an inputTo chain>"
 *   impact (long)    certdocs impact "<a 5,000-character reference that names nothing>" (exit 2)
 *   site             the site's Eleventy step (no search index, no SVGs), as npm run site:build runs it
 *
 * and prints, per stage and size, wall time, CPU time (user + system of the
 * process: hardly affected by other work on the machine) and peak RSS, then
 * the ratio between the largest and the smallest size. Goals: at every stage
 * ten times the data costs at most 11 times the CPU time; 20,000 flags
 * generate in under 10 s wall; every peak RSS under 1 GB. Each stage runs
 * BENCH_GROWTH_RUNS times (default 1) and the run with the least CPU time is kept.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { siteArgs, siteEnv } from '../site/build.ts';
import { writeSyntheticData } from '../site/fixture-data.ts';
import { PROJECT_ROOT } from '../site/settings.ts';

const CLI = path.join(PROJECT_ROOT, 'bin', 'certdocs.mjs');
const REPORT = path.join(PROJECT_ROOT, 'scripts', 'bench', 'report-usage.mjs');

interface Stage {
  name: string;
  /** Arguments after `node`, and the environment. */
  command(dir: string, tmp: string): { args: string[]; env?: NodeJS.ProcessEnv; expectExit?: number };
}

interface Measure {
  wallMs: number;
  cpuMs: number;
  rssMb: number;
}

const STAGES: Stage[] = [
  { name: 'validate', command: (dir) => ({ args: [CLI, 'validate', '--data', dir] }) },
  {
    name: 'generate --no-render',
    command: (dir, tmp) => {
      const out = path.join(tmp, 'out');
      rmSync(out, { recursive: true, force: true });
      return { args: [CLI, 'generate', '--data', dir, '--out', out, '--no-render', '--no-cache'] };
    },
  },
  // synthetic-ns-00 cm/resource-0000 is the head of an inputTo chain (see writeSyntheticData).
  { name: 'impact (resource)', command: (dir) => ({ args: [CLI, 'impact', 'synthetic-ns-00 cm/resource-0000', '--data', dir] }) },
  {
    name: 'impact (long unknown ref)',
    command: (dir) => ({ args: [CLI, 'impact', `component-000 --${'x'.repeat(5000)}`, '--data', dir], expectExit: 2 }),
  },
  {
    name: 'site (Eleventy step)',
    command: (dir, tmp) => {
      const outDir = path.join(tmp, 'site');
      rmSync(outDir, { recursive: true, force: true });
      return {
        args: siteArgs(),
        env: siteEnv({ dataDir: dir, outDir, diagramsDir: path.join(tmp, 'no-svg'), search: false }),
      };
    },
  },
];

function measure(stage: Stage, dir: string, tmp: string): Measure {
  const { args, env, expectExit = 0 } = stage.command(dir, tmp);
  const usageFile = path.join(tmp, 'usage.json');
  rmSync(usageFile, { force: true });
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', REPORT, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...(env ?? process.env), CERTDOCS_USAGE_FILE: usageFile },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  if (r.status !== expectExit) {
    const said = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim().split('\n').slice(-3).join(' | ').slice(0, 400);
    throw new Error(`${stage.name} exited ${r.status ?? r.signal} (expected ${expectExit}): ${said}`);
  }
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { userMs: number; systemMs: number; maxRssKb: number };
  return { wallMs, cpuMs: usage.userMs + usage.systemMs, rssMb: usage.maxRssKb / 1024 };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const pad = (text: string, n: number) => text.padEnd(n);
const count = (n: number) => n.toLocaleString('en-US');

export async function benchGrowth(): Promise<void> {
  const sizes = (process.env.BENCH_GROWTH_SIZES ?? '2000,20000').split(',').map(Number).filter((n) => n > 0).sort((a, b) => a - b);
  const runs = Math.max(1, Number(process.env.BENCH_GROWTH_RUNS ?? 1));
  if (sizes.length < 2) throw new Error('BENCH_GROWTH_SIZES needs two sizes, e.g. 2000,20000');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'certdocs-bench-growth-'));
  const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
  try {
    process.stdout.write(`growth: ${sizes.map(count).join(' and ')} synthetic flags, ${runs === 1 ? 'one run' : `least CPU of ${runs} runs`} per stage; ${os.availableParallelism()} CPUs, load ${load()}\n`);
    const results = new Map<string, Measure[]>();
    for (const size of sizes) {
      const dir = path.join(tmp, `data-${size}`);
      writeSyntheticData(dir, size, { document: true });
      for (const stage of STAGES) {
        let best: Measure | undefined;
        for (let i = 0; i < runs; i++) {
          const m = measure(stage, dir, tmp);
          if (!best || m.cpuMs < best.cpuMs) best = m;
        }
        results.set(stage.name, [...(results.get(stage.name) ?? []), best!]);
        process.stdout.write(`  ${pad(stage.name, 26)} ${pad(count(size), 7)} wall ${pad(s(best!.wallMs), 9)} cpu ${pad(s(best!.cpuMs), 9)} peak RSS ${best!.rssMb.toFixed(0)} MB\n`);
      }
      rmSync(dir, { recursive: true, force: true });
    }
    const [small, large] = [sizes[0]!, sizes[sizes.length - 1]!];
    const factor = large / small;
    const cpuGoal = factor * 1.1;
    process.stdout.write(
      `\n  ${factor}× the data (${count(small)} → ${count(large)} flags); goal: CPU ratio ≤ ${cpuGoal.toFixed(1)} at every stage, load now ${load()}\n` +
        `  ${pad('stage', 26)} ${pad('cpu ratio', 10)} ${pad('wall ratio', 11)} ${pad(`cpu at ${count(large)}`, 14)} ${pad(`wall at ${count(large)}`, 15)} peak RSS\n`,
    );
    const problems: string[] = [];
    for (const stage of STAGES) {
      const [a, b] = [results.get(stage.name)![0]!, results.get(stage.name)![sizes.length - 1]!];
      const cpuRatio = b.cpuMs / a.cpuMs;
      const verdict = cpuRatio <= cpuGoal ? 'met' : 'NOT met';
      if (cpuRatio > cpuGoal) problems.push(`${stage.name}: CPU ratio ${cpuRatio.toFixed(1)}`);
      if (b.rssMb >= 1024) problems.push(`${stage.name}: peak RSS ${b.rssMb.toFixed(0)} MB`);
      process.stdout.write(
        `  ${pad(stage.name, 26)} ${pad(cpuRatio.toFixed(1), 10)} ${pad(`${(b.wallMs / a.wallMs).toFixed(1)}`, 11)} ${pad(s(b.cpuMs), 14)} ${pad(s(b.wallMs), 15)} ${b.rssMb.toFixed(0)} MB   ${verdict}\n`,
      );
    }
    const generate = results.get('generate --no-render')![sizes.length - 1]!;
    if (large >= 20000 && generate.wallMs >= 10_000) problems.push(`generate --no-render at ${count(large)} flags: ${s(generate.wallMs)} wall (goal < 10 s)`);
    process.stdout.write(
      `  generate --no-render at ${count(large)} flags: ${s(generate.wallMs)} wall, ${s(generate.cpuMs)} CPU (goal < 10 s wall); peak RSS goal < 1 GB\n` +
        (problems.length ? `  short of the goals: ${problems.join('; ')}\n` : '  every goal met\n'),
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
