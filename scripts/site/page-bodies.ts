/**
 * Every page's body, rendered from the site data in one pass, and the
 * outline of the site: what Eleventy itself needs to lay the pages out (the
 * paginated lists, each entry's URL, every page's title and description, and
 * what the frame shows). A one-off build renders the bodies in a second
 * thread while Eleventy works out each page's data (prerender.ts); the
 * `page` shortcode then only puts each body in its frame.
 *
 * A body depends on the site data alone, never on the page's Eleventy data,
 * so rendering it here or in the shortcode gives the same bytes (a test
 * builds the site both ways and compares them).
 */
import { pages, type PageName } from './pages/index.ts';
import type { MaterialSiteData } from './material-views.ts';
import type { SiteData } from './site-data.ts';

/** One entry of a paginated list: the page's URL (its template's permalink). */
export interface PageRef {
  url: string;
}

/** What the frame of every page reads from the site data (scripts/site/pages/layout.ts). */
export interface SiteFrame {
  pathPrefix: SiteData['pathPrefix'];
  urls: SiteData['urls'];
  meta: SiteData['meta'];
  materials: { urls: MaterialSiteData['urls'] };
}

/** What Eleventy needs from the site data: the frame, and the lists the templates paginate over. */
export interface SiteOutline extends SiteFrame {
  flags: readonly PageRef[];
  components: readonly PageRef[];
  namespaces: readonly PageRef[];
  resources: readonly PageRef[];
  troubleshoot: { edges: readonly PageRef[] };
}

/**
 * The page functions with one page per entry of a list, and the list (its path under `certdocs`, as in
 * the template's `pagination.data`; a test holds the two together). Every other page function makes one page.
 */
export const PAGE_LISTS = {
  flag: 'flags',
  component: 'components',
  namespace: 'namespaces',
  resource: 'resources',
  edge: 'troubleshoot.edges',
} as const satisfies Partial<Record<PageName, string>>;

type ListPath = (typeof PAGE_LISTS)[keyof typeof PAGE_LISTS];

function listAt<T extends SiteOutline>(site: T, at: ListPath): readonly PageRef[] {
  return at === 'troubleshoot.edges' ? site.troubleshoot.edges : site[at];
}

function listOf(name: PageName): ListPath | undefined {
  return (PAGE_LISTS as Partial<Record<PageName, ListPath>>)[name];
}

/** The key of a page's body: the page function, and for a list's page the entry's URL. */
export function bodyKey(name: PageName, url: string): string {
  return listOf(name) ? `${name} ${url}` : name;
}

/** The outline of the full site data: every list reduced to its URLs. */
export function siteOutline(site: SiteData): SiteOutline {
  const refs = (list: readonly PageRef[]) => list.map((entry) => ({ url: entry.url }));
  return {
    pathPrefix: site.pathPrefix,
    urls: site.urls,
    meta: site.meta,
    materials: { urls: site.materials.urls },
    flags: refs(site.flags),
    components: refs(site.components),
    namespaces: refs(site.namespaces),
    resources: refs(site.resources),
    troubleshoot: { edges: refs(site.troubleshoot.edges) },
  };
}

/** Every page's body with its bodyKey, one at a time (each can be let go before the next is rendered). An error names the page. */
export function eachBody(site: SiteData, take: (key: string, body: string) => void): void {
  const render = (key: string, fn: (...args: unknown[]) => string, ...args: unknown[]): void => {
    let body: string;
    try {
      body = fn(...args);
    } catch (err) {
      if (err instanceof Error) {
        err.message = `page ${key}: ${err.message}`;
        if (err.stack) err.stack = err.stack.replace(/^.*$/m, `${err.name}: ${err.message}`);
      }
      throw err;
    }
    take(key, body);
  };
  for (const name of Object.keys(pages) as PageName[]) {
    const fn = pages[name] as (...args: unknown[]) => string;
    const at = listOf(name);
    if (at) for (const entry of listAt(site, at)) render(bodyKey(name, entry.url), fn, entry, site);
    else render(name, fn, site);
  }
}

declare global {
  interface String {
    /** ES2024 (in Node since 20): no lone surrogate. Not in the project's ES2022 library. */
    isWellFormed(): boolean;
  }
}

/**
 * Bodies as the second thread hands them over: their UTF-8 text in buffers of a few megabytes, moved
 * to the receiving thread rather than copied, and where each body is. Structured cloning of 3,362
 * strings (30 MB at 2,000 flags) cost the receiving thread 20–50 ms in one piece; a body read from a
 * buffer costs about 3 µs, when its page is rendered. Each body is written as soon as it is rendered,
 * so the sending thread never holds them all as strings as well, and the receiving thread lets a
 * buffer go once every body in it is taken. A body that is not well-formed UTF-16 (a lone surrogate,
 * which UTF-8 cannot carry) goes as it is, in `other`.
 */
export interface PackedBodies {
  keys: string[];
  /** Per body: its buffer, and its start and end in it. */
  chunk: Uint32Array;
  start: Uint32Array;
  end: Uint32Array;
  chunks: ArrayBuffer[];
  other: Map<string, string>;
}

/** Bytes per buffer (a larger body gets a buffer of its own size). */
const CHUNK_BYTES = 4 * 1024 * 1024;

export class BodyPacker {
  readonly #keys: string[] = [];
  readonly #chunk: number[] = [];
  readonly #start: number[] = [];
  readonly #end: number[] = [];
  readonly #chunks: ArrayBuffer[] = [];
  readonly #other = new Map<string, string>();
  #buffer: Buffer | undefined;
  #at = 0;

  add(key: string, body: string): void {
    if (!body.isWellFormed()) {
      this.#other.set(key, body);
      return;
    }
    const bytes = Buffer.byteLength(body, 'utf8');
    if (!this.#buffer || this.#at + bytes > this.#buffer.length) {
      this.#buffer = Buffer.from(new ArrayBuffer(Math.max(CHUNK_BYTES, bytes)));
      this.#chunks.push(this.#buffer.buffer as ArrayBuffer);
      this.#at = 0;
    }
    this.#keys.push(key);
    this.#chunk.push(this.#chunks.length - 1);
    this.#start.push(this.#at);
    this.#at += this.#buffer.write(body, this.#at, 'utf8');
    this.#end.push(this.#at);
  }

  /** Everything added; post it with `chunks` in the transfer list. */
  packed(): PackedBodies {
    return {
      keys: this.#keys,
      chunk: Uint32Array.from(this.#chunk),
      start: Uint32Array.from(this.#start),
      end: Uint32Array.from(this.#end),
      chunks: this.#chunks,
      other: this.#other,
    };
  }
}

/** What a buffer whose bodies are all taken is replaced with. */
const EMPTY = new ArrayBuffer(0);

/** Bodies rendered ahead, each taken once by its key; a buffer is let go once every body in it is taken. */
export class PackedBodyReader {
  readonly #packed: PackedBodies;
  readonly #buffers: Array<Buffer | undefined>;
  readonly #left: Uint32Array;
  readonly #index = new Map<string, number>();

  constructor(packed: PackedBodies) {
    this.#packed = packed;
    this.#buffers = packed.chunks.map((chunk) => Buffer.from(chunk));
    this.#left = new Uint32Array(packed.chunks.length);
    packed.keys.forEach((key, i) => {
      this.#index.set(key, i);
      this.#left[packed.chunk[i]!]!++;
    });
  }

  take(key: string): string | undefined {
    const i = this.#index.get(key);
    if (i === undefined) {
      const body = this.#packed.other.get(key);
      this.#packed.other.delete(key);
      return body;
    }
    this.#index.delete(key);
    const c = this.#packed.chunk[i]!;
    const body = this.#buffers[c]!.toString('utf8', this.#packed.start[i], this.#packed.end[i]);
    if (--this.#left[c]! === 0) {
      this.#buffers[c] = undefined;
      this.#packed.chunks[c] = EMPTY;
    }
    return body;
  }
}
