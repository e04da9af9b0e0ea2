/**
 * The enhancement markdown of a large data set in a worker thread. Writing the
 * big flag tables through remark-stringify is the longest single step of
 * `certdocs generate` on thousands of flags; a worker does it on another core
 * while the main thread validates the data and builds the diagrams. Both read
 * the same bytes, and both run the same code, so the output is the same as
 * generating in one thread. Small data sets stay in one thread: starting a
 * worker costs more than it saves.
 */
import { Worker } from 'node:worker_threads';
import type { DataEntry } from '../load/index.ts';
import { UserError } from '../lib/problems.ts';

/** Data folders larger than this (bytes of JSON) get the worker: about 4,000 synthetic flags; the project's data is a few dozen kilobytes. */
export const PARALLEL_BYTES = 2_000_000;

export interface PendingEnhancement {
  /** The markdown, or the error the worker met (a UserError keeps its exit code). */
  markdown: Promise<string>;
  /** Stop the worker if it is still running (the main thread found problems). */
  cancel(): Promise<void>;
}

export function wantsWorker(entries: DataEntry[]): boolean {
  return entries.reduce((n, e) => n + e.bytes.length, 0) > PARALLEL_BYTES;
}

export function enhancementInWorker(entries: DataEntry[], dataDir: string): PendingEnhancement {
  const worker = new Worker(new URL('./enhancement-worker.mjs', import.meta.url), { workerData: { entries, dataDir } });
  const markdown = new Promise<string>((resolve, reject) => {
    worker.once('message', (m: { markdown?: string; error?: string; exitCode?: number }) => {
      if (m.markdown !== undefined) resolve(m.markdown);
      else reject(m.exitCode !== undefined ? new UserError(m.error ?? 'the enhancement could not be generated', m.exitCode) : new Error(m.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the enhancement worker stopped (exit ${code}) without a result`)));
  });
  markdown.catch(() => undefined); // reported when awaited
  return {
    markdown,
    async cancel() {
      await worker.terminate();
    },
  };
}
