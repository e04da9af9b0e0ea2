/**
 * The worker side of parallel.ts: the enhancement markdown from the same data
 * bytes the main thread validates. No validation and no source positions
 * here (the markdown does not use them): the main thread validates, reports
 * any problem with its position, and then throws this result away.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { displayPath, roleOf, type DataEntry, type LoadedFile } from '../load/index.ts';
import { UserError } from '../lib/problems.ts';
import { buildModel } from '../model/model.ts';
import { embeddedDiagramsOf } from './diagrams.ts';
import { enhancementMarkdown } from './enhancement.ts';

const { entries, dataDir } = workerData as { entries: DataEntry[]; dataDir: string };
try {
  const decoder = new TextDecoder();
  const files: LoadedFile[] = entries.flatMap((entry) => {
    const role = roleOf(entry.rel);
    if (!role) return [];
    const data: unknown = JSON.parse(decoder.decode(entry.bytes));
    return [{ role, rel: entry.rel, json: { file: displayPath(dataDir, entry.rel), data, values: new Map(), keys: new Map() } }];
  });
  const model = buildModel(files);
  parentPort!.postMessage({ markdown: enhancementMarkdown(model, embeddedDiagramsOf(model)) });
} catch (err) {
  parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err), exitCode: err instanceof UserError ? err.exitCode : undefined });
}
