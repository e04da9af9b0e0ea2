/**
 * The worker side of parallel.ts: the enhancement markdown from the same data
 * bytes the main thread validates. No validation here: the main thread
 * validates and throws this result away when the data has problems.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { displayPath, parseEntries, type DataEntry } from '../load/index.ts';
import { UserError } from '../lib/problems.ts';
import { buildModel } from '../model/model.ts';
import { embeddedDiagramsOf } from './diagrams.ts';
import { enhancementMarkdown } from './enhancement.ts';

const { entries, dataDir } = workerData as { entries: DataEntry[]; dataDir: string };
try {
  const { files } = parseEntries(entries, (rel) => displayPath(dataDir, rel));
  const model = buildModel(files);
  parentPort!.postMessage({ markdown: enhancementMarkdown(model, embeddedDiagramsOf(model)) });
} catch (err) {
  parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err), exitCode: err instanceof UserError ? err.exitCode : undefined });
}
