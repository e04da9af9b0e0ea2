/**
 * Markdown on the site (purposes, consequences, contracts, the generated
 * enhancement) read in one dialect: the unified/remark GFM pipeline the
 * generator and the importer use (scripts/lib/markdown.ts), so a field reads
 * on the site as it does in the enhancement on GitHub (a bare URL is a link,
 * `~text~` is struck through). Inline and block fields are read exactly as the
 * generator reads them (scripts/generate/phrasing.ts); the mdast becomes hast
 * (mdast-util-to-hast) and HTML (hast-util-to-html).
 *
 * Whatever the data says is shown as text, never run: raw HTML is text, a
 * link to anything but http(s), mailto or a site path keeps its text only,
 * and an image shows its alternative text (the site loads nothing from
 * another host). Code spans that name a flag or a resource become links to
 * its page.
 */
import type { Element, ElementContent, Nodes as HastNodes, Properties } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Html, Nodes as MdastNodes, Paragraph, Parents, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { defaultHandlers, toHast, type Handler, type Handlers, type State } from 'mdast-util-to-hast';
import { blockMarkdown, inlineMarkdown } from '../generate/phrasing.ts';
import { latin1Html } from './html.ts';
import { parseMarkdown } from '../lib/markdown.ts';
import { Slugger } from '../lib/slug.ts';

/** Turns the text of a code span into a link target, or undefined to leave it as code. */
export type RefLinker = (text: string, context: RenderContext) => string | undefined;

export interface RenderContext {
  /** The component the text is written on: "--flag" alone resolves against it. */
  component?: string;
  /** The namespace the text is written in: "cm/name" alone resolves against it. */
  namespace?: string;
}

/** Replaces a fenced code block (e.g. a Mermaid diagram with its rendered figure); the HTML is the build's own. */
export type FenceReplacer = (lang: string, content: string) => string | undefined;

export interface Heading {
  depth: number;
  id: string;
  text: string;
}

/** A URL a link may keep: http(s), mailto, or no scheme at all (a site path, a fragment, a relative link). */
function safeUrl(url: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim());
  return !scheme || /^(?:https?|mailto)$/i.test(scheme[1]!);
}

/** Code spans (outside links) that the linker resolves become links around the code. */
function linkCode(tree: Parents, linker: RefLinker, context: RenderContext): void {
  // A plain walk: unist-util-visit costs more than the rest of rendering a short field.
  const children = tree.children as MdastNodes[];
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    if (node.type === 'link' || node.type === 'linkReference') continue;
    if (node.type === 'inlineCode') {
      const href = linker(node.value, context);
      if (href) children[i] = { type: 'link', url: href, children: [node] };
    } else if ('children' in node) linkCode(node, linker, context);
  }
}

/**
 * In a document, a table row that starts with a resource name ("cm/name", "secret/name") in plain
 * text, under a heading naming its namespace (the enhancement's namespace tables), links it to its page.
 */
function linkResourceRows(root: Root, linker: RefLinker): void {
  let namespace = '';
  for (const node of root.children) {
    if (node.type === 'heading') namespace = toString(node).trim();
    if (node.type !== 'table') continue;
    for (const row of (node as Table).children.slice(1)) {
      const cell = row.children[0];
      const only = cell?.children.length === 1 ? cell.children[0] : undefined;
      if (only?.type !== 'text' || !/^(?:cm|secret)\/\S+$/.test(only.value.trim())) continue;
      const href = linker(only.value.trim(), { namespace });
      if (href) cell!.children = [{ type: 'link', url: href, children: [only] }];
    }
  }
}

const FLOW_PARENTS = new Set(['root', 'listItem', 'blockquote', 'footnoteDefinition']);

/** Raw HTML is shown as text: a block of it as a paragraph. */
const html: Handler = (_state, node: Html, parent) => {
  const text = { type: 'text' as const, value: node.value };
  return parent && FLOW_PARENTS.has(parent.type) ? { type: 'element', tagName: 'p', properties: {}, children: [text] } : text;
};

/** A link keeps its target only when it is safe; otherwise its text stays. */
function guardLinks(handler: Handler): Handler {
  return (state, node, parent) => {
    const out = handler(state, node, parent) as Element | ElementContent[] | undefined;
    if (out && !Array.isArray(out) && out.type === 'element' && out.tagName === 'a' && !safeUrl(String(out.properties.href ?? ''))) return out.children;
    return out;
  };
}

/** An image shows its alternative text. */
const image: Handler = (_state, node: { alt?: string | null }) => ({ type: 'text', value: node.alt ?? '' });

/** Wide tables scroll on their own on a phone, and can be scrolled with the keyboard. */
const table: Handler = (state, node, parent) => {
  const t = defaultHandlers.table(state, node);
  return { type: 'element', tagName: 'div', properties: { className: ['table-wrap'], tabIndex: 0 }, children: [{ type: 'text', value: '\n' }, t, { type: 'text', value: '\n' }] };
};

/** A GFM task item's checkbox (disabled, as on GitHub) is named by its state. */
const listItem: Handler = (state, node, parent) => {
  const li = defaultHandlers.listItem(state, node, parent);
  const box = li.children.find((c): c is Element => c.type === 'element' && c.tagName === 'p')?.children[0] ?? li.children[0];
  if (box?.type === 'element' && box.tagName === 'input') box.properties = { ...box.properties, ariaLabel: node.checked ? 'done' : 'to do' };
  return li;
};

const BASE_HANDLERS: Handlers = {
  html,
  image,
  imageReference: image,
  link: guardLinks(defaultHandlers.link),
  linkReference: guardLinks(defaultHandlers.linkReference),
  listItem,
  table,
  yaml: () => undefined,
};

/** Text with `&` and `<` escaped (all hast-util-to-html needs), as named references. */
const HTML_OPTIONS = { allowDangerousHtml: true, characterReferences: { useNamedReferences: true } } as const;

function toHtmlText(tree: MdastNodes, handlers: Handlers = BASE_HANDLERS): string {
  // Raw nodes come only from the build's own handlers (diagram figures): markdown's HTML became text above.
  return toHtml(toHast(tree, { handlers }) as HastNodes, HTML_OPTIONS);
}

/** One paragraph of inline markdown, read as the generator reads an inline field. */
export function renderInline(text: string, linker?: RefLinker, context: RenderContext = {}): string {
  const paragraph: Paragraph = { type: 'paragraph', children: inlineMarkdown(text) };
  if (linker) linkCode(paragraph, linker, context);
  return latin1Html(simplePhrasingHtml(paragraph.children) ?? phrasingHtml(paragraph.children));
}

/** Phrasing content through mdast-util-to-hast and hast-util-to-html: the reference for every node type. */
export function phrasingHtml(children: PhrasingContent[]): string {
  const p = toHast({ type: 'paragraph', children } satisfies Paragraph, { handlers: BASE_HANDLERS }) as Element;
  return toHtml(p.children, HTML_OPTIONS);
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;' };
const escapeText = (value: string) => value.replace(/[&<]/g, (c) => TEXT_ESCAPES[c]!);
/** Site paths and fragments that mdast-util-to-hast's URL normalising leaves as they are. */
const PLAIN_URL = /^[A-Za-z0-9/_.~#-]*$/;
const SIMPLE_TAGS: Record<string, string> = { emphasis: 'em', strong: 'strong', delete: 'del' };

/**
 * The same HTML as phrasingHtml for what most fields hold (text, code spans,
 * emphasis, and links to site paths around them) without building hast, or
 * undefined for anything else. A property test in test/site-markdown.test.ts
 * compares the two on generated fields.
 */
export function simplePhrasingHtml(children: PhrasingContent[]): string | undefined {
  let out = '';
  for (const node of children) {
    switch (node.type) {
      case 'text':
        if (/[\r\n]/.test(node.value)) return undefined;
        out += escapeText(node.value);
        break;
      case 'inlineCode':
        if (/[\r\n]/.test(node.value)) return undefined;
        out += `<code>${escapeText(node.value)}</code>`;
        break;
      case 'emphasis':
      case 'strong':
      case 'delete': {
        const inner = simplePhrasingHtml(node.children);
        if (inner === undefined) return undefined;
        out += `<${SIMPLE_TAGS[node.type]}>${inner}</${SIMPLE_TAGS[node.type]}>`;
        break;
      }
      case 'link': {
        if (node.title || !PLAIN_URL.test(node.url)) return undefined;
        const inner = simplePhrasingHtml(node.children);
        if (inner === undefined) return undefined;
        out += `<a href="${node.url}">${inner}</a>`;
        break;
      }
      default:
        return undefined;
    }
  }
  return out;
}

/** Block markdown (several paragraphs, lists), read as the generator reads a block field. */
export function renderBlock(text: string, linker?: RefLinker, context: RenderContext = {}): string {
  const root: Root = { type: 'root', children: blockMarkdown(text) };
  if (linker) linkCode(root, linker, context);
  return latin1Html(toHtmlText(root));
}

export interface RenderedDocument {
  html: string;
  headings: Heading[];
  /** The YAML front matter as written, if any. */
  frontMatter?: string;
}

/**
 * A whole document (its text, or its tree as parseMarkdown gave it: the tree is changed): headings get
 * GitHub's ids (scripts/lib/slug.ts) and are returned for a table of contents.
 */
export function renderDocument(document: string | Root, linker?: RefLinker, fence?: FenceReplacer): RenderedDocument {
  const root = typeof document === 'string' ? parseMarkdown(document) : document;
  const yaml = root.children.find((n: RootContent) => n.type === 'yaml');
  if (linker) {
    linkResourceRows(root, linker);
    linkCode(root, linker, {});
  }
  const slugger = new Slugger();
  const headings: Heading[] = [];
  const handlers: Handlers = {
    ...BASE_HANDLERS,
    heading(state: State, node, parent) {
      const element = defaultHandlers.heading(state, node);
      const id = slugger.slug(toString(node));
      element.properties = { id, ...element.properties } as Properties;
      headings.push({ depth: node.depth, id, text: toString(node) });
      return element;
    },
    code(state: State, node, parent) {
      const replaced = fence?.((node.lang ?? '').trim(), node.value);
      return replaced === undefined ? defaultHandlers.code(state, node) : { type: 'raw', value: replaced };
    },
  };
  const html = latin1Html(toHtmlText(root, handlers));
  return { html, headings, ...(yaml ? { frontMatter: (yaml as { value: string }).value } : {}) };
}

/** Plain text of an inline field (for meta descriptions), read as the generator reads it. */
export function inlineText(text: string): string {
  return toString(inlineMarkdown(text));
}
