/**
 * `npm run bench`: every benchmark, one after the other. Benchmarks are
 * scripts that print what they measured; they are not timed tests.
 * To add one, export an async function from scripts/bench/<name>.ts and list it here.
 */
import { UserError } from '../lib/problems.ts';

const BENCHES: Array<{ name: string; load: () => Promise<() => Promise<void>> }> = [
  { name: 'render', load: async () => (await import('./render.ts')).benchRender },
  { name: 'site', load: async () => (await import('./site.ts')).benchSite },
  { name: 'growth', load: async () => (await import('./growth.ts')).benchGrowth },
  { name: 'verify', load: async () => (await import('./verify.ts')).benchVerify },
];

const only = process.argv.slice(2);
let failed = false;
for (const bench of BENCHES) {
  if (only.length && !only.includes(bench.name)) continue;
  try {
    await (await bench.load())();
  } catch (err) {
    failed = true;
    const message = err instanceof UserError ? err.message : ((err as Error).stack ?? String(err));
    process.stderr.write(`bench ${bench.name} failed: ${message}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
