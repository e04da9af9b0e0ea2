/**
 * Runs `main(argv)` inside a worker thread with its output captured, so a test
 * can call the CLI thousands of times without a process each time and without
 * touching the test runner's own stdout. Messages: {id, argv} in, {id, code, out, err} out (the
 * working directory is the process's: workers cannot change it).
 */
import { parentPort } from 'node:worker_threads';
import { main } from '../scripts/cli/main.ts';

parentPort!.on('message', async ({ id, argv }: { id: number; argv: string[] }) => {
  const out: string[] = [];
  const err: string[] = [];
  const capture = (sink: string[]) => ((chunk: string | Uint8Array) => (sink.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()), true)) as typeof process.stdout.write;
  const saved = [process.stdout.write, process.stderr.write] as const;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  let code: number;
  try {
    code = await main(argv);
  } catch (e) {
    err.push(`main threw: ${(e as Error)?.stack ?? String(e)}`);
    code = -2;
  } finally {
    [process.stdout.write, process.stderr.write] = saved;
  }
  parentPort!.postMessage({ id, code, out: out.join(''), err: err.join('') });
});
