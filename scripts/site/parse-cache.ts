/**
 * Parsed markdown kept between site builds: `<cacheDir>/mdast/<sha256>.json`, the
 * mdast (without positions) of one text. micromark reads the ~100 KB
 * enhancement in about 0.2 s, a quarter of the site's own data work; the
 * same tree reads back from JSON in a few milliseconds.
 *
 * The tree is a pure function of the text and the parser, so the key is the
 * text together with the installed dependency tree (package-lock.json) and
 * this module's format: an edited document or an upgraded parser is a new
 * key, never a stale tree. A file that is missing, unreadable or not a tree
 * is parsed again (scripts/lib/cache-file.ts writes and prunes the folder).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'mdast';
import { writeCacheFile } from '../lib/cache-file.ts';
import { parseMarkdown } from '../lib/markdown.ts';
import { PROJECT_ROOT } from './settings.ts';

/** Bump when what is stored changes shape. */
const FORMAT = 1;
const KEEP = 16;

let parserKey: string | undefined;

/** What decides the parser's output besides the text: the installed dependencies (or, without a lock file, none: no caching). */
function parserIdentity(): string | undefined {
  if (parserKey !== undefined) return parserKey || undefined;
  try {
    parserKey = createHash('sha256').update(readFileSync(path.join(PROJECT_ROOT, 'package-lock.json'))).digest('hex');
  } catch {
    parserKey = '';
  }
  return parserKey || undefined;
}

export interface ParseResult {
  root: Root;
  /** Whether the tree came from the cache. */
  cached: boolean;
}

/** The mdast of `text`, from `cacheDir` when it holds it; otherwise parsed and stored there. */
export function parseMarkdownCached(text: string, cacheDir: string | undefined): ParseResult {
  const identity = cacheDir ? parserIdentity() : undefined;
  if (!cacheDir || !identity) return { root: parseMarkdown(text), cached: false };
  const key = createHash('sha256').update(`certdocs-mdast ${FORMAT}\n${identity}\n`).update(text).digest('hex');
  const file = path.join(cacheDir, 'mdast', `${key}.json`);
  try {
    const root = JSON.parse(readFileSync(file, 'utf8')) as Root;
    if (root?.type === 'root' && Array.isArray(root.children)) return { root, cached: true };
  } catch {
    /* not cached yet (or unreadable): parse */
  }
  const root = parseMarkdown(text);
  writeCacheFile(file, JSON.stringify(root, (k, v: unknown) => (k === 'position' ? undefined : v)), KEEP);
  // The caller may change the tree it gets; the stored copy is already text.
  return { root, cached: false };
}
