/**
 * The `certdocs` global data entry and where the page bodies come from.
 *
 * A one-off build takes the second thread started before Eleventy
 * (prerender.ts): the global data is then the outline it sends (the lists
 * and every page's title and description, page-bodies.ts), and its page
 * bodies arrive before Eleventy renders any page. Otherwise (serving,
 * CERTDOCS_CACHE=0, `eleventy` run without prerender.ts, or a thread that
 * failed) the full site data is built here, once per build, and each body is
 * rendered by the `page` shortcode.
 *
 * A data problem stops a one-off build with one line naming the file and
 * line, whichever thread found it; while serving, the error is shown and the
 * server keeps watching for the fix.
 */
import { UserError } from '../lib/problems.ts';
import { PackedBodyReader, type SiteOutline } from './page-bodies.ts';
import { takePrerender, type Prerender } from './prerender-handle.ts';
import { buildSiteData, type SiteData } from './site-data.ts';
import { isWatching, verbose, type SiteSettings } from './settings.ts';
import type { RenderedBodies } from './shortcodes.ts';

/** Stop a one-off build at a data problem (one line, its exit code); rethrow anything else, and anything while serving. */
function stopAt(err: unknown): never {
  if (err instanceof UserError && !isWatching()) {
    process.stderr.write(`certdocs site: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  throw err;
}

export function loadSiteData(settings: SiteSettings): Readonly<SiteData> {
  try {
    const start = performance.now();
    // Frozen: Eleventy then hands the object to every page as it is, instead of
    // deep-copying it for each template and wrapping it in proxies for each page.
    const data = Object.freeze(buildSiteData(settings));
    verbose(`data for ${data.flags.length} flags in ${(performance.now() - start).toFixed(0)} ms`);
    return data;
  } catch (err) {
    return stopAt(err);
  }
}

export class SiteSource {
  readonly #settings: SiteSettings;
  #prerender: Prerender | undefined;
  /** The thread whose bodies go with the current global data. */
  #sending: Prerender | undefined;
  #rendered: RenderedBodies | undefined;

  constructor(settings: SiteSettings) {
    this.#settings = settings;
    this.#prerender = takePrerender(settings);
  }

  /** The global data: the second thread's outline, or the full site data built here. */
  async data(): Promise<Readonly<SiteOutline>> {
    const prerender = this.#prerender;
    this.#prerender = this.#sending = this.#rendered = undefined;
    if (prerender) {
      const asked = performance.now();
      const message = await prerender.outline();
      if (message.kind === 'outline') {
        const waited = performance.now() - asked;
        verbose(`data for ${message.outline.flags.length} flags in ${message.ms.toFixed(0)} ms, in a second thread (Eleventy waited ${waited.toFixed(0)} ms)`);
        this.#sending = prerender;
        return Object.freeze(message.outline);
      }
      if (message.kind === 'problem') stopAt(new UserError(message.message, message.exitCode));
      verbose(`the second thread could not build the data, building it here (${message.message})`);
    }
    return loadSiteData(this.#settings);
  }

  /** Before Eleventy renders a page (its eleventy.contentMap event): the second thread's bodies, if it built the data. */
  async ready(): Promise<void> {
    const prerender = this.#sending;
    this.#sending = undefined;
    if (!prerender) return;
    const asked = performance.now();
    const message = await prerender.bodies();
    if (message.kind !== 'bodies') throw new Error(`certdocs site: the second thread could not render the pages: ${message.message}`);
    verbose(`page bodies from the second thread (Eleventy waited ${(performance.now() - asked).toFixed(0)} ms)`);
    this.#rendered = new PackedBodyReader(message.bodies);
  }

  /** For the `page` shortcode: the bodies rendered ahead, each taken once; undefined when it renders them itself. */
  rendered(): RenderedBodies | undefined {
    // The global data is then an outline, from which no page function can render a body.
    if (this.#sending) throw new Error('certdocs site: a page was rendered before its body came from the second thread (no eleventy.contentMap event first)');
    return this.#rendered;
  }
}

/** JSON data files of the templates (templates/_data/*.json), frozen for the same reason (read-only to templates). */
export function frozenJson(contents: string): unknown {
  const value: unknown = JSON.parse(contents);
  return typeof value === 'object' && value !== null ? Object.freeze(value) : value;
}
