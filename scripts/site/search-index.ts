/**
 * Search: a Pagefind index over every page, written to <site>/pagefind/ with
 * its UI scripts and styles, so search works offline from the site itself.
 * Runs after each Eleventy build (set CERTDOCS_SEARCH=0 to skip, e.g. when
 * timing the Eleventy step alone).
 */
import path from 'node:path';
// A static import (about 10 ms, Pagefind starts its binary only in createIndex): the site's code bundle
// must not contain a dynamic import, which tsx rewrites with a source map on every load (code-bundle.ts).
import * as pagefind from 'pagefind';
import { UserError } from '../lib/problems.ts';
import type { EleventyConfig } from './eleventy-config.ts';

export async function buildSearchIndex(outDir: string): Promise<{ pages: number }> {
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!index) throw new UserError(`search index: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: outDir });
    if (added.errors.length) throw new UserError(`search index: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
    if (written.errors.length) throw new UserError(`search index: ${written.errors.join('; ')}`);
    return { pages: added.page_count };
  } finally {
    await pagefind.close();
  }
}

export function searchEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CERTDOCS_SEARCH !== '0';
}

/** Eleventy plugin: index the output after every build. */
export function searchIndexPlugin(eleventyConfig: EleventyConfig): void {
  if (!searchEnabled()) return;
  eleventyConfig.on('eleventy.after', async ({ directories }) => {
    const { pages } = await buildSearchIndex(path.resolve(directories.output));
    if (process.env.CERTDOCS_VERBOSE) process.stdout.write(`certdocs site: search index of ${pages} pages\n`);
  });
}
