/**
 * The site build's second thread. The build's command loads this module
 * before Eleventy (`node --import tsx --import ./scripts/site/prerender.ts
 * eleventy …`, scripts/site/build.ts). On a one-off build it starts a worker
 * thread (prerender-worker.ts, as one kept bundle like the setup's,
 * code-bundle.ts) that builds the site data and renders every page's body
 * (page-bodies.ts) while this thread loads Eleventy and works out each
 * page's data, which is Eleventy's own single-thread work. The setup takes
 * the thread (global-data.ts): Eleventy gets the outline of the site data,
 * and the `page` shortcode only frames the bodies.
 *
 * Serving or watching, CERTDOCS_CACHE=0, or a bundle that cannot be built:
 * no thread, and the setup builds everything on Eleventy's thread, as
 * `eleventy` run without this module does. Either way the pages are the
 * same bytes (test/site.test.ts).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { siteBundle } from './code-bundle.ts';
import { describeFailure, offerPrerender, type BodiesMessage, type OutlineMessage, type Prerender } from './prerender-handle.ts';
import { firstLine, isWatching, PROJECT_ROOT, siteSettings, verbose } from './settings.ts';

/** A value the thread sends later, or the reason it never will. */
function later<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export async function startPrerender(): Promise<Prerender | undefined> {
  const settings = siteSettings();
  if (!settings.cacheDir || isWatching()) return undefined;
  let file: string;
  try {
    ({ file } = await siteBundle({ entry: path.join(PROJECT_ROOT, 'scripts/site/prerender-worker.ts'), root: PROJECT_ROOT, cacheDir: settings.cacheDir, name: 'prerender' }));
  } catch (err) {
    verbose(`no second thread (${firstLine(err)})`);
    return undefined;
  }
  // No node options for the thread: the process's (tsx, this module) would load again in it.
  const worker = new Worker(pathToFileURL(file), { execArgv: [] });
  const outline = later<OutlineMessage>();
  const bodies = later<BodiesMessage>();
  let received = 0;
  worker.on('message', (message: OutlineMessage | BodiesMessage) => {
    if (received++ === 0) {
      outline.resolve(message as OutlineMessage);
      if (message.kind !== 'outline') bodies.resolve({ kind: 'failed', message: 'no site data' });
    } else bodies.resolve(message as BodiesMessage);
  });
  const lost = (message: string) => {
    outline.resolve({ kind: 'failed', message });
    bodies.resolve({ kind: 'failed', message });
  };
  worker.on('error', (err) => lost(describeFailure(err)));
  worker.on('exit', (code) => lost(`the thread stopped (exit code ${code})`));
  // The thread keeps the process alive only while its answer is awaited: a build that stops before it
  // asks (a configuration error, a data problem) does not wait for the thread to finish.
  worker.unref();
  const awaited = <T>(answer: Promise<T>): Promise<T> => {
    worker.ref();
    return answer.finally(() => worker.unref());
  };
  return {
    settings,
    outline: () => awaited(outline.promise),
    bodies: () => awaited(bodies.promise),
    stop: () => void worker.terminate(),
  };
}

const prerender = await startPrerender();
if (prerender) offerPrerender(prerender);
