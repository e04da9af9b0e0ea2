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

/** Every page's body, by bodyKey. */
export function renderBodies(site: SiteData): Map<string, string> {
  const bodies = new Map<string, string>();
  for (const name of Object.keys(pages) as PageName[]) {
    const fn = pages[name] as (...args: unknown[]) => string;
    const at = listOf(name);
    if (at) for (const entry of listAt(site, at)) bodies.set(bodyKey(name, entry.url), fn(entry, site));
    else bodies.set(name, fn(site));
  }
  return bodies;
}

/**
 * Bodies as the second thread hands them over: the UTF-8 text of all of them in one buffer, moved to
 * the receiving thread rather than copied, and each body's key and end offset. Structured cloning of
 * 3,400 strings (30 MB at 2,000 flags) cost the receiving thread 20–50 ms in one piece; a body read
 * from the buffer costs about 3 µs, when its page is rendered. A body that is not well-formed UTF-16
 * (a lone surrogate, which UTF-8 cannot carry) goes as it is, in `other`.
 */
export interface PackedBodies {
  keys: string[];
  ends: Uint32Array;
  text: ArrayBuffer;
  other: Map<string, string>;
}

declare global {
  interface String {
    /** ES2024 (in Node since 20): no lone surrogate. Not in the project's ES2022 library. */
    isWellFormed(): boolean;
  }
}

export function packBodies(bodies: ReadonlyMap<string, string>): PackedBodies {
  const keys: string[] = [];
  const texts: string[] = [];
  const other = new Map<string, string>();
  let size = 0;
  for (const [key, body] of bodies) {
    if (!body.isWellFormed()) {
      other.set(key, body);
      continue;
    }
    keys.push(key);
    texts.push(body);
    size += Buffer.byteLength(body, 'utf8');
  }
  const text = Buffer.from(new ArrayBuffer(size));
  const ends = new Uint32Array(keys.length);
  let at = 0;
  for (let i = 0; i < texts.length; i++) {
    at += text.write(texts[i]!, at, 'utf8');
    ends[i] = at;
  }
  return { keys, ends, text: text.buffer as ArrayBuffer, other };
}

/** Bodies rendered ahead, each taken once by its key (the buffer is let go once every body is taken). */
export class PackedBodyReader {
  #text: Buffer | undefined;
  readonly #ends: Uint32Array;
  readonly #index = new Map<string, number>();
  readonly #other: Map<string, string>;
  #left: number;

  constructor(packed: PackedBodies) {
    this.#text = Buffer.from(packed.text);
    this.#ends = packed.ends;
    packed.keys.forEach((key, i) => this.#index.set(key, i));
    this.#other = packed.other;
    this.#left = packed.keys.length;
  }

  take(key: string): string | undefined {
    const i = this.#index.get(key);
    if (i === undefined || !this.#text) {
      const body = this.#other.get(key);
      this.#other.delete(key);
      return body;
    }
    this.#index.delete(key);
    const body = this.#text.toString('utf8', i === 0 ? 0 : this.#ends[i - 1], this.#ends[i]);
    if (--this.#left === 0) this.#text = undefined;
    return body;
  }
}
