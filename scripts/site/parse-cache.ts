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
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root, Yaml } from 'mdast';
import type YAMLModule from 'yaml';
import { writeCacheFile } from '../lib/cache-file.ts';
import { parseMarkdown } from '../lib/markdown.ts';
import { PROJECT_ROOT } from './settings.ts';

/** Bump when what is stored changes shape. */
const FORMAT = 2;
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

/** The front matter's value, read when the tree was parsed: undefined without front matter or when it does not parse. */
export function frontMatterData(root: Root): unknown {
  const node = root.children.find((n): n is Yaml => n.type === 'yaml');
  return (node?.data as { parsed?: unknown } | undefined)?.parsed;
}

/** Parse a document, and read its YAML front matter into the yaml node (as JSON data: the same whether parsed now or read back). */
function parseDocument(text: string): Root {
  const root = parseMarkdown(text);
  const node = root.children.find((n): n is Yaml => n.type === 'yaml');
  if (node) {
    try {
      // yaml is CommonJS: loaded synchronously, and only for a document with front matter.
      const YAML = createRequire(import.meta.url)('yaml') as typeof YAMLModule;
      const parsed = JSON.parse(JSON.stringify(YAML.parse(node.value) ?? null)) as unknown;
      node.data = { ...node.data, parsed } as Yaml['data'];
    } catch {
      /* front matter that does not parse is shown as nothing rather than failing the site */
    }
  }
  return root;
}

/** The mdast of `text`, from `cacheDir` when it holds it; otherwise parsed and stored there. */
export function parseMarkdownCached(text: string, cacheDir: string | undefined): ParseResult {
  const identity = cacheDir ? parserIdentity() : undefined;
  if (!cacheDir || !identity) return { root: parseDocument(text), cached: false };
  const key = createHash('sha256').update(`certdocs-mdast ${FORMAT}\n${identity}\n`).update(text).digest('hex');
  const file = path.join(cacheDir, 'mdast', `${key}.json`);
  try {
    const root = JSON.parse(readFileSync(file, 'utf8')) as Root;
    if (root?.type === 'root' && Array.isArray(root.children)) return { root, cached: true };
  } catch {
    /* not cached yet (or unreadable): parse */
  }
  const root = parseDocument(text);
  writeCacheFile(file, JSON.stringify(root, (k, v: unknown) => (k === 'position' ? undefined : v)), KEEP);
  // The caller may change the tree it gets; the stored copy is already text.
  return { root, cached: false };
}
