/**
 * The `certdocs` global data entry: built once per build. A data problem
 * stops a one-off build with one line naming the file and line; while
 * serving, the error is shown and the server keeps watching for the fix.
 */
import { UserError } from '../lib/problems.ts';
import { buildSiteData, type SiteData } from './site-data.ts';
import { isWatching, type SiteSettings } from './settings.ts';

export function loadSiteData(settings: SiteSettings): Readonly<SiteData> {
  try {
    const start = performance.now();
    // Frozen: Eleventy then hands the object to every page as it is, instead of
    // deep-copying it for each template and wrapping it in proxies for each page.
    const data = Object.freeze(buildSiteData(settings));
    if (process.env.CERTDOCS_VERBOSE) process.stderr.write(`certdocs site: data for ${data.flags.length} flags in ${(performance.now() - start).toFixed(0)} ms\n`);
    return data;
  } catch (err) {
    if (err instanceof UserError && !isWatching()) {
      process.stderr.write(`certdocs site: ${err.message}\n`);
      process.exit(err.exitCode);
    }
    throw err;
  }
}

/** JSON data files of the templates (templates/_data/*.json), frozen for the same reason (read-only to templates). */
export function frozenJson(contents: string): unknown {
  const value: unknown = JSON.parse(contents);
  return typeof value === 'object' && value !== null ? Object.freeze(value) : value;
}
