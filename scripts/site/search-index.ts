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

/**
 * Pagefind's ranking on this site. Pagefind's default favours short pages
 * (pageLength 0.75); an edge page that documents several error texts is
 * longer than one that shares most words of a query, so for "rejected
 * connection on client endpoint" the peer edge came before an edge that
 * documents the text. With 0.6 every documented error text and "x509" list
 * the edges that document them first (the browser test checks each); at 0.4
 * and below the enhancement, which repeats every text, comes first, and at
 * 0.75 the peer edge does (measured 2026-12-03: passing between 0.5 and 0.65).
 */
export const SEARCH_RANKING = { pageLength: 0.6 } as const;

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
