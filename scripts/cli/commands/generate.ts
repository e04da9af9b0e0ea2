// The validator, the markdown pipeline and the renderer are imported lazily:
// a build whose inputs and outputs are unchanged (see build-stamp.ts) needs none of them.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { recover, removeStaleTemps, writeChanged } from '../../lib/atomic.ts';
import { listFiles } from '../../lib/files.ts';
import { plural } from '../../lib/plural.ts';
import { formatProblemText, UserError } from '../../lib/problems.ts';
import { inputsHash, stampFile, stampPath, upToDate } from '../../generate/build-stamp.ts';
import { DIAGRAM_DIR, ENHANCEMENT_PATH, SVG_DIR, svgPath } from '../../generate/paths.ts';
import type { Launcher } from '../../render/browser.ts';
import { stoppingOnSignals } from '../../render/signals.ts';
import type { RenderSession } from '../../render/index.ts';
import type { DataEntry } from '../../load/index.ts';
import type { PendingEnhancement } from '../../generate/parallel.ts';
import { setImmediate } from 'node:timers/promises';
import { parse, type Command } from '../command.ts';

export interface GenerateOptions {
  /** The data folder (default: data). */
  data: string;
  /** The project root the outputs are written under (default: the working directory). */
  out: string;
  render: boolean;
  cache: boolean;
  /** Where cached SVGs live (default: <out>/.cache/svg). */
  cacheDir?: string;
  /** Browser launcher (tests count launches). */
  launch?: Launcher;
  /** Where the summary and notes go (default: stderr). */
  log?: (line: string) => void;
  /** Where validation problems go (default: stdout). */
  print?: (line: string) => void;
  /** Generate the enhancement in a worker thread: true, false, or (default) when the data is large (generate/parallel.ts). */
  parallel?: boolean;
}

export interface GenerateSummary {
  ok: boolean;
  /** Files written because they changed (paths relative to out). */
  written: string[];
  /** Files that were already up to date. */
  unchanged: number;
  /** Stale .mmd/.svg files removed. */
  removed: string[];
  diagrams: number;
  rendered: number;
  cached: number;
  ms: number;
}

/** Where a run records the renames it is about to make (see lib/atomic.ts). */
export function journalPath(out: string): string {
  return path.join(out, '.cache', 'generate-journal.json');
}

/** The folders generate writes into, relative to --out. */
function outputFolders(out: string): string[] {
  return [...new Set([path.posix.dirname(ENHANCEMENT_PATH), DIAGRAM_DIR, SVG_DIR, path.dirname(path.relative(out, stampPath(out)))])];
}

/** Files in `dir` ending in `ext` whose name is not in `keep`. */
function staleFiles(out: string, dir: string, ext: string, keep: Set<string>): string[] {
  return listFiles(path.join(out, dir), ext)
    .map((n) => `${dir}/${n}`)
    .filter((rel) => !keep.has(rel));
}

export async function runGenerate(options: GenerateOptions): Promise<GenerateSummary> {
  const started = performance.now();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const seconds = () => `${((performance.now() - started) / 1000).toFixed(2)} s`;

  // An earlier run killed while renaming its outputs into place: finish it first, and remove temporary files of dead runs.
  const journal = journalPath(options.out);
  if (recover(journal)) log(`generate: finished the outputs of an interrupted run (${journal})`);
  removeStaleTemps(outputFolders(options.out).map((dir) => path.join(options.out, dir)));

  // Fast path: same inputs as the last build and its outputs untouched → nothing to do.
  const inputs = inputsHash(options.data, { render: options.render });
  const stamp = options.cache ? upToDate(options.out, inputs) : undefined;
  if (stamp) {
    const files = Object.keys(stamp.outputs).length;
    log(`generate: up to date (data, code and ${plural(files, 'output')} unchanged since the last build; ${plural(stamp.diagramIds.length, 'diagram')}, ${stamp.svgs} SVGs) in ${seconds()}`);
    return { ok: true, written: [], unchanged: files, removed: [], diagrams: stamp.diagramIds.length, rendered: 0, cached: stamp.svgs, ms: performance.now() - started };
  }

  // When nothing can come from the SVG cache, start the browser now: it boots and loads Mermaid
  // while the data is loaded, validated and turned into diagrams, instead of after.
  const cacheDir = options.cacheDir ?? path.join(options.out, '.cache', 'svg');
  const session = options.render && (!options.cache || !listFiles(cacheDir, '.svg').length) ? await startSession(options.launch) : undefined;
  // The browser shuts down while the outputs are written; waited for here, once they are committed.
  const closing: Array<Promise<void>> = [];
  try {
    const run = () => build(options, { started, log, inputs, cacheDir, session, closing });
    // The browser already runs: a signal from now on stops it and ends the run with one line (render/signals.ts).
    return await (session ? stoppingOnSignals(() => session.close(), run) : run());
  } finally {
    await Promise.all([session?.close(), ...closing]);
  }
}

/**
 * A render session launched now. puppeteer-core is loaded first, so the launch reaches the
 * Chromium spawn without waiting on I/O; one yield to the event loop lets it get there before
 * the synchronous validation starts.
 */
async function startSession(launch: Launcher | undefined): Promise<RenderSession> {
  const [{ startRenderSession }, { loadPuppeteer }] = await Promise.all([import('../../render/index.ts'), import('../../render/browser.ts')]);
  if (!launch) await loadPuppeteer();
  const session = startRenderSession(launch ? { launch } : {});
  await setImmediate();
  return session;
}

interface BuildContext {
  started: number;
  log: (line: string) => void;
  inputs: string;
  cacheDir: string;
  session: RenderSession | undefined;
  /** Browser shutdowns still under way (RenderResult.closed), for runGenerate to wait for. */
  closing: Array<Promise<void>>;
}

/** Validate, generate, render and write (runGenerate after its shortcut). */
async function build(options: GenerateOptions, context: BuildContext): Promise<GenerateSummary> {
  const [{ validateEntries }, { buildDiagrams }, { committedOutputs }, { readDataDir, displayPath }, parallel] = await Promise.all([
    import('../../validate/index.ts'),
    import('../../generate/diagrams.ts'),
    import('../../generate/outputs.ts'),
    import('../../load/index.ts'),
    import('../../generate/parallel.ts'),
  ]);
  // Read once: the validation here and, for a large data set, the enhancement in a worker use the same bytes.
  const entries = readDataDir(options.data);
  const worker = (options.parallel ?? parallel.wantsWorker(entries)) ? parallel.enhancementInWorker(entries, options.data) : undefined;
  try {
    return await generateFrom(options, context, { validateEntries, buildDiagrams, committedOutputs, displayPath }, entries, worker);
  } finally {
    await worker?.cancel();
  }
}

interface Steps {
  validateEntries: typeof import('../../validate/index.ts').validateEntries;
  buildDiagrams: typeof import('../../generate/diagrams.ts').buildDiagrams;
  committedOutputs: typeof import('../../generate/outputs.ts').committedOutputs;
  displayPath: typeof import('../../load/index.ts').displayPath;
}

async function generateFrom(
  options: GenerateOptions,
  { started, log, inputs, cacheDir, session, closing }: BuildContext,
  { validateEntries, buildDiagrams, committedOutputs, displayPath }: Steps,
  entries: DataEntry[],
  worker: PendingEnhancement | undefined,
): Promise<GenerateSummary> {
  const { problems, model } = validateEntries(entries, (rel) => displayPath(options.data, rel));
  const empty = { written: [], unchanged: 0, removed: [], diagrams: 0, rendered: 0, cached: 0 };
  if (problems.length || !model) {
    const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
    for (const p of problems) print(formatProblemText(p));
    log(`${plural(problems.length, 'problem')} found in ${options.data}; nothing was written. Fix them (certdocs validate) and run again.`);
    return { ok: false, ...empty, ms: performance.now() - started };
  }

  if (!model.document) {
    // validate accepts a folder without document.json (the site needs none); the enhancement does.
    const file = path.relative(process.cwd(), path.resolve(options.data, 'document.json')).split(path.sep).join('/');
    log(`${file}:1:1: missing-file: the enhancement needs document.json (front matter and sections); create it with 'certdocs import <enhancement.md> --out DIR' or copy data/document.json. Nothing was written.`);
    return { ok: false, ...empty, ms: performance.now() - started };
  }
  const diagrams = buildDiagrams(model);
  const files = committedOutputs(model, diagrams, worker ? await worker.markdown : undefined);
  let rendered = 0;
  let cached = 0;
  const svgFiles = new Map<string, string>();
  if (options.render) {
    const { renderDiagrams } = await import('../../render/index.ts');
    const result = await renderDiagrams(diagrams, {
      cacheDir,
      noCache: !options.cache,
      ...(options.launch ? { launch: options.launch } : {}),
      ...(session ? { session } : {}),
    });
    closing.push(result.closed);
    rendered = result.rendered.length;
    cached = result.cached.length;
    for (const [id, svg] of result.svgs) svgFiles.set(svgPath(id), svg);
  }

  const all = new Map<string, string>([...files, ...svgFiles]);
  const keep = new Set([...files.keys(), ...diagrams.map((d) => svgPath(d.id))]);
  const removed = [...staleFiles(options.out, DIAGRAM_DIR, '.mmd', keep), ...staleFiles(options.out, SVG_DIR, '.svg', keep)];
  // One transaction: the outputs, the removal of stale diagrams and the stamp (see lib/atomic.ts).
  const absolute = new Map([...all].map(([rel, content]) => [path.join(options.out, rel), content]));
  absolute.set(...stampFile(options.out, inputs, all, diagrams.map((d) => d.id), svgFiles.size));
  const writtenAbs = new Set(writeChanged(absolute, removed.map((rel) => path.join(options.out, rel)), journalPath(options.out)));
  const written = [...all.keys()].filter((rel) => writtenAbs.has(path.join(options.out, rel)));

  const ms = performance.now() - started;
  const svgPart = options.render ? `, SVGs: ${rendered} rendered, ${cached} cached` : ', SVGs not rendered (--no-render)';
  log(
    `generate: ${plural(diagrams.length, 'diagram')}${svgPart}; ${plural(written.length, 'file')} written, ${all.size - written.length} unchanged` +
      `${removed.length ? `, ${removed.length} stale removed` : ''} in ${(ms / 1000).toFixed(2)} s`,
  );
  return { ok: true, written, unchanged: all.size - written.length, removed, diagrams: diagrams.length, rendered, cached, ms };
}

export const command: Command = {
  name: 'generate',
  summary: 'Generate the enhancement, Mermaid diagrams and SVGs from data/',
  help: `Usage: certdocs generate [--data DIR] [--out DIR] [--no-render] [--no-cache]

Validates the data first; with any problem it prints them and writes nothing.
Then writes, under --out:

  enhancements/kube-apiserver/certificates.md     the enhancement (document.json "output" if set)
  enhancements/kube-apiserver/diagrams/<id>.mmd   the Mermaid source of every diagram
  site/diagrams/<id>.svg                          every diagram rendered (unless --no-render)

All files are written atomically and only when their content changed; .mmd
and .svg files of diagrams that no longer exist are removed. SVGs are
rendered in one headless Chromium and cached in <out>/.cache/svg by content,
so an unchanged diagram is never rendered twice. When the data, the tool and
every output are unchanged since the last build (<out>/.cache/generate-stamp.json),
generate says "up to date" without rebuilding.

Options:
  --data DIR    data folder (default: data)
  --out DIR     project root to write under (default: the working directory)
  --no-render   skip the SVGs (no browser needed)
  --no-cache    render every SVG again, ignoring the cache

Browser: $PUPPETEER_EXECUTABLE_PATH, else /usr/bin/chromium, chromium-browser,
google-chrome or google-chrome-stable.

Exit status: 0 written, 1 problems in the data or a failed render, 2 usage error.
`,
  async run(argv, io) {
    const { values } = parse(
      argv,
      { data: { type: 'string' }, out: { type: 'string' }, 'no-render': { type: 'boolean' }, 'no-cache': { type: 'boolean' } },
      false,
    );
    const data = values.data ?? 'data';
    if (!existsSync(data) || !statSync(data).isDirectory()) throw new UserError(`data folder ${data} does not exist; pass --data DIR`, 2);
    const out = values.out ?? '.';
    if (existsSync(out) && !statSync(out).isDirectory()) throw new UserError(`--out ${out} is not a folder`, 2);
    const summary = await runGenerate({
      data,
      out,
      render: !values['no-render'],
      cache: !values['no-cache'],
      log: (line) => io.stderr(`${line}\n`),
      print: (line) => io.stdout(`${line}\n`),
    });
    return summary.ok ? 0 : 1;
  },
};
