/**
 * Markdown from data (purposes, consequences, contracts) and the generated
 * enhancement, rendered with markdown-it with raw HTML disabled: whatever
 * the data says is shown as text, never run. Code spans that name a flag or a
 * resource become links to its page.
 */
import markdownIt, { type Env as MarkdownEnv, type MarkdownIt, type Token } from 'markdown-it';

/** Turns the text of a code span into a link target, or undefined to leave it as code. */
export type RefLinker = (text: string, context: RenderContext) => string | undefined;

export interface RenderContext {
  /** The component the text is written on: "--flag" alone resolves against it. */
  component?: string;
  /** The namespace the text is written in: "cm/name" alone resolves against it. */
  namespace?: string;
}

interface Env extends MarkdownEnv, RenderContext {
  linker?: RefLinker;
  /** Heading slugs used so far (documents only). */
  slugs?: Map<string, number>;
  headings?: Heading[];
  /** Replaces a fenced code block (e.g. a Mermaid diagram with its rendered figure). */
  fence?: FenceReplacer;
}

export type FenceReplacer = (lang: string, content: string) => string | undefined;

export interface Heading {
  depth: number;
  id: string;
  text: string;
}

function insideLink(tokens: Token[], idx: number): boolean {
  for (let i = idx - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.type === 'link_close') return false;
    if (t.type === 'link_open') return true;
  }
  return false;
}

export function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[`’'"]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'section'
  );
}

function createMarkdown(): MarkdownIt {
  const md = markdownIt({ html: false, linkify: false, typographer: false });
  const escape = md.utils.escapeHtml;
  md.renderer.rules.code_inline = (tokens, idx, _options, mdEnv) => {
    const env = mdEnv as Env;
    const content = tokens[idx]!.content;
    const code = `<code>${escape(content)}</code>`;
    if (!env?.linker || insideLink(tokens, idx)) return code;
    const href = env.linker(content, env);
    return href ? `<a href="${escape(href)}">${code}</a>` : code;
  };
  const defaultFence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, idx, options, mdEnv, self) => {
    const env = mdEnv as Env;
    const t = tokens[idx]!;
    const replaced = env?.fence?.(t.info.trim().split(/\s+/)[0] ?? '', t.content);
    return replaced ?? defaultFence(tokens, idx, options, env, self);
  };
  // Wide tables scroll on their own on a phone, and can be scrolled with the keyboard.
  md.renderer.rules.table_open = () => '<div class="table-wrap" tabindex="0">\n<table>\n';
  md.renderer.rules.table_close = () => '</table>\n</div>\n';
  // Headings get stable ids (documents only) so sections can be linked.
  md.core.ruler.push('heading_ids', (state) => {
    const env = state.env as Env;
    if (!env?.slugs) return;
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.type !== 'heading_open') continue;
      const inline = tokens[i + 1]!;
      const text = (inline.children ?? []).map((c) => c.content).join('');
      const base = slugify(text);
      const n = env.slugs.get(base) ?? 0;
      env.slugs.set(base, n + 1);
      const id = n ? `${base}-${n}` : base;
      t.attrSet('id', id);
      env.headings!.push({ depth: Number(t.tag.slice(1)), id, text });
    }
  });
  // In a document, a table row that starts with a resource name ("cm/name", "secret/name") in plain
  // text, under a heading naming its namespace (the enhancement's namespace tables), links it to its page.
  md.core.ruler.push('resource_links', (state) => {
    const env = state.env as Env;
    if (!env?.slugs || !env.linker) return;
    let namespace = '';
    let firstCell = false;
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.type === 'heading_open') namespace = (tokens[i + 1]!.children ?? []).map((c) => c.content).join('').trim();
      else if (t.type === 'tr_open') firstCell = true;
      else if (t.type === 'td_open' || t.type === 'th_open') {
        const inline = tokens[i + 1];
        const only = inline?.type === 'inline' && inline.children?.length === 1 ? inline.children[0]! : undefined;
        if (firstCell && t.type === 'td_open' && only?.type === 'text' && /^(?:cm|secret)\/\S+$/.test(only.content.trim())) {
          const href = env.linker(only.content.trim(), { namespace });
          if (href) {
            const open = new state.Token('link_open', 'a', 1);
            open.attrSet('href', href);
            const close = new state.Token('link_close', 'a', -1);
            inline!.children = [open, only, close];
          }
        }
        firstCell = false;
      }
    }
  });
  return md;
}

const md = createMarkdown();

/** Characters that can start inline markdown other than a code span (or need markdown-it's care). */
const SPECIAL = /[*_[\]<>&\\!~\n\r\t]/;

/**
 * Plain text with simple code spans, rendered without markdown-it (most
 * purposes and consequences look like this). Returns undefined for anything
 * else; test/site.test.ts checks it agrees with markdown-it.
 */
export function fastInline(text: string, linker?: RefLinker, context: RenderContext = {}): string | undefined {
  if (SPECIAL.test(text) || text !== text.trim()) return undefined;
  const parts = text.split('`');
  if (parts.length % 2 === 0) return undefined;
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 0) {
      out += md.utils.escapeHtml(part);
      continue;
    }
    if (!part || part !== part.trim()) return undefined;
    const code = `<code>${md.utils.escapeHtml(part)}</code>`;
    const href = linker?.(part, context);
    out += href ? `<a href="${md.utils.escapeHtml(href)}">${code}</a>` : code;
  }
  return out;
}

/** One paragraph of inline markdown. */
export function renderInline(text: string, linker?: RefLinker, context: RenderContext = {}): string {
  const fast = fastInline(text, linker, context);
  if (fast !== undefined) return fast;
  const env: Env = { ...context, ...(linker ? { linker } : {}) };
  return md.renderInline(text, env);
}

/** markdown-it alone (for tests of the fast path). */
export function renderInlineSlow(text: string, linker?: RefLinker, context: RenderContext = {}): string {
  const env: Env = { ...context, ...(linker ? { linker } : {}) };
  return md.renderInline(text, env);
}

/** Block markdown (several paragraphs, lists). */
export function renderBlock(text: string, linker?: RefLinker, context: RenderContext = {}): string {
  const env: Env = { ...context, ...(linker ? { linker } : {}) };
  return md.render(text, env);
}

/** A whole document: headings get ids and are returned for a table of contents. */
export function renderDocument(text: string, linker?: RefLinker, fence?: FenceReplacer): { html: string; headings: Heading[] } {
  const env: Env = { slugs: new Map(), headings: [], ...(linker ? { linker } : {}), ...(fence ? { fence } : {}) };
  const html = md.render(text, env);
  return { html, headings: env.headings! };
}

export function escapeHtml(text: string): string {
  return md.utils.escapeHtml(text);
}
