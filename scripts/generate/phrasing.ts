/**
 * Text from the data turned into mdast: inline fields (purpose, condition,
 * qualifier, consequence, description, title) become phrasing content safe to
 * splice into a paragraph, a heading or a GFM table cell; block fields (section
 * body, namespace contract) become block nodes.
 *
 * The rules (the importer relies on them, test/roundtrip.test.ts documents them):
 * - a line ending, with the spaces and tabs around it, means one space
 *   (a soft break is a space in markdown, and a table row is one line);
 * - an inline field that parses as one paragraph contributes that paragraph's
 *   children; one that opens a block ("# x", "- x", "<div>", "[a]: b") has its
 *   opening character escaped, since block constructs mean nothing in a cell;
 * - raw HTML is never emitted from an inline field: `html` nodes become
 *   `text`, which the serializer escapes;
 * - inline content settles on what reads back the same (text that GFM would
 *   link on reading is a link already);
 * - inside a table cell, the two things GFM cannot carry are rewritten so the
 *   cell re-parses to the same text: inline code holding a backslash right
 *   before `|` becomes text, and a link that would print as an autolink
 *   (`<url>`) with `|` in it prints as `[url](url)` instead;
 * - an HTML block left open in a block field (`<!-- TODO`) is closed, so it
 *   cannot swallow the headings and tables after it.
 */
import type { Html, InlineCode, Link, Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { parseMarkdown, stringifyMarkdown, trimPhrasing } from '../lib/markdown.ts';

/** Line endings with the spaces and tabs around them (a run of several counts as one). */
const LINE_ENDING = /[ \t]*[\r\n][ \t\r\n]*/g;

/** One line of text: every line ending becomes a single space. */
export function oneLine(value: string): string {
  // Most values are one line already: two scans for a line ending are cheaper than the pattern's.
  return value.includes('\n') || value.includes('\r') ? value.replace(LINE_ENDING, ' ') : value;
}

export function text(value: string): Text {
  return { type: 'text', value: oneLine(value) };
}

export function code(value: string): InlineCode {
  return { type: 'inlineCode', value: oneLine(value) };
}

/** Plain text (a name): never interpreted as markdown. */
export function plain(value: string): PhrasingContent[] {
  const line = oneLine(value).trim();
  return line ? [text(line)] : [];
}

/** Inline markdown as stored in the data → phrasing content. */
export function inlineMarkdown(markdown: string): PhrasingContent[] {
  // White space around an inline field, a non-breaking space included, is not content.
  const line = oneLine(markdown).trim();
  if (!line) return [];
  // Most fields are words, code spans and simple emphasis: read those without the parser
  // (a property test in test/enhancement.test.ts compares both readings).
  const simple = simpleInline(line);
  if (simple) return normalisePhrasing(simple);
  return parsedInline(line);
}

/** inlineMarkdown, always through the markdown parser (what the simple reading must equal). */
export function parsedInlineMarkdown(markdown: string): PhrasingContent[] {
  const line = oneLine(markdown).trim();
  return line ? parsedInline(line) : [];
}

/**
 * Text outside code spans that reads as itself: no character that can start
 * markup (escapes, emphasis, links, images, HTML, entities, strikethrough,
 * table pipes), no control character (the parser replaces NUL), and nothing
 * GFM would turn into a link (`www.`, `://`, an e-mail address).
 */
const LITERAL = /^[^\\*_[\]<>!&~|`@\u0000-\u001f\u007f]*$/;
const AUTOLINK_START = /www\.|:\/\//i;
/** Emphasis we read ourselves: `*x*` or `*x … y*` whose content is literal text that starts and ends with a letter or digit. */
const EMPHASIS = /\*([A-Za-z0-9](?:[^\\*_[\]<>!&~|`@\u0000-\u001f\u007f]*[A-Za-z0-9])?)\*/g;

/**
 * The phrasing content of a one-line field made only of literal text, code
 * spans between single backticks and single-star emphasis around literal
 * words, starting with a letter or a code span (so it opens no block);
 * undefined for anything else, which then goes through the parser.
 */
export function simpleInline(line: string): PhrasingContent[] | undefined {
  if (!/^[A-Za-z`]/.test(line)) return undefined;
  const parts = line.split('`');
  // Code spans pair up only when every backtick run is one backtick long.
  if (parts.length % 2 === 0) return undefined;
  const out: PhrasingContent[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 1) {
      if (!part || /[\u0000-\u001f\u007f|]/.test(part)) return undefined;
      // CommonMark strips one space on each side of code that has a space on both sides and is not all spaces.
      const value = part.length > 2 && part.startsWith(' ') && part.endsWith(' ') && /[^ ]/.test(part) ? part.slice(1, -1) : part;
      out.push({ type: 'inlineCode', value });
      continue;
    }
    if (!part) {
      if (i === 0 || i === parts.length - 1) continue;
      return undefined; // `a``b`: a run of two backticks
    }
    const words = literalWithEmphasis(part);
    if (!words) return undefined;
    out.push(...words);
  }
  return out;
}

function literalWithEmphasis(part: string): PhrasingContent[] | undefined {
  const out: PhrasingContent[] = [];
  let last = 0;
  for (const m of part.matchAll(EMPHASIS)) {
    const before = part.slice(last, m.index);
    // `*a**b*` holds a run of two stars: strong emphasis rules apply, leave it to the parser.
    if (!LITERAL.test(before) || (!before && m.index > 0)) return undefined;
    if (before) out.push({ type: 'text', value: before });
    out.push({ type: 'emphasis', children: [{ type: 'text', value: m[1]! }] });
    last = m.index + m[0].length;
  }
  const rest = part.slice(last);
  if (!LITERAL.test(rest)) return undefined;
  if (rest) out.push({ type: 'text', value: rest });
  return AUTOLINK_START.test(part) ? undefined : out;
}

function parsedInline(line: string): PhrasingContent[] {
  const parsed = asParagraph(line) ?? asParagraph(neutraliseBlockStart(line));
  // White space at either end is not content, also when the parser makes it (`a&#x20;`, or a code span
  // kept as text: `` `\| ` ``): a heading or cell would drop it when read back, so it is dropped here.
  let nodes = trimPhrasing(normalisePhrasing((parsed ?? [text(line)]).map(stripPosition)), 'unicode');
  // What a reader gets back: raw HTML or code turned into text may hold an address that GFM
  // links, and a GFM-linked URL reads back percent-encoded. Settle on what reads back the same.
  if (parsed && !mayReadBackDifferently(parsed)) return nodes;
  for (let pass = 0; pass < 3; pass++) {
    const written = paragraphMarkdown(nodes);
    const reread = asParagraph(written);
    if (!reread) break;
    nodes = trimPhrasing(normalisePhrasing(reread.map(stripPosition)), 'unicode');
    if (paragraphMarkdown(nodes) === written) break;
  }
  return nodes;
}

/**
 * The same phrasing as a reader takes it when `follower` comes right after it
 * ("." ending a sentence, "," ending a condition). GFM links an address
 * depending on what follows it: `www.a.b_c.d` is no link, `www.a.b_c.d.` is one.
 */
export function readBefore(nodes: PhrasingContent[], follower: string): PhrasingContent[] {
  const last = nodes[nodes.length - 1];
  if (last?.type !== 'text' || !/www\.|@|:\/\//i.test(last.value)) return nodes;
  const reread = asParagraph(paragraphMarkdown([...nodes, text(follower)]));
  const out = reread ? normalisePhrasing(reread.map(stripPosition)) : [];
  const end = out[out.length - 1];
  if (end?.type !== 'text' || !end.value.endsWith(follower)) return nodes;
  const value = end.value.slice(0, -follower.length);
  return value ? [...out.slice(0, -1), { ...end, value }] : out.slice(0, -1);
}

function mayReadBackDifferently(nodes: PhrasingContent[]): boolean {
  let risky = false;
  visit({ type: 'paragraph', children: nodes } as Paragraph, (n) => {
    risky ||= n.type === 'html' || n.type === 'link' || (n.type === 'inlineCode' && /\\\||[\r\n]/.test(n.value));
  });
  return risky;
}

function paragraphMarkdown(nodes: PhrasingContent[]): string {
  return stringifyMarkdown({ type: 'root', children: [{ type: 'paragraph', children: nodes }] });
}

/** The children of `line` when it parses as exactly one paragraph. */
function asParagraph(line: string): PhrasingContent[] | undefined {
  const root = parseMarkdown(line);
  const only = root.children.length === 1 ? root.children[0] : undefined;
  return only?.type === 'paragraph' ? only.children : undefined;
}

/**
 * A line that opens a block ("# x", "- x", "> x", "1. x", "<div>", "[a]: b")
 * means that text literally inside a cell; escaping the opening character
 * keeps it literal while the rest of the line stays inline markdown.
 */
function neutraliseBlockStart(line: string): string {
  const ordered = /^(\d{1,9})([.)])/.exec(line);
  if (ordered) return `${ordered[1]}\\${line.slice(ordered[1]!.length)}`;
  return /^[!-/:-@[-`{-~]/.test(line) ? `\\${line}` : line;
}

/** Block markdown as stored in the data (a section body, a namespace contract) → block nodes. */
export function blockMarkdown(markdown: string | undefined): RootContent[] {
  if (!markdown?.trim()) return [];
  // Markdown white space around a field is not content, except the indentation of a first
  // line of indented code. (A non-breaking space is content: "#\u00a0" is text, "#" a heading.)
  // CRLF and CR line endings are LF, as the importer reads them: no carriage return inside a paragraph.
  const lines = markdown.replace(/\r\n?/g, '\n').replace(/^(?:[ \t]*\n)+/, '').replace(/[ \t\n]+$/, '');
  const source = /^(?: {4}|\t)/.test(lines) ? lines : lines.replace(/^[ \t]+/, '');
  const blocks = parseMarkdown(source).children.map(stripPosition);
  // HTML blocks anywhere (a list item holds them too), not inline HTML in a paragraph.
  visit({ type: 'root', children: blocks } as Root, 'html', (node: Html, _index, parent) => {
    if (parent && FLOW_PARENTS.has(parent.type)) node.value = terminateHtml(node.value);
    // Inline HTML over several lines: a reader drops the indentation of the continuation lines.
    else node.value = node.value.replace(/(\r\n|\r|\n)[ \t]+/g, '$1');
  });
  return blocks;
}

/** Nodes whose children are blocks: an `html` child of these is an HTML block. */
const FLOW_PARENTS = new Set(['root', 'listItem', 'blockquote', 'footnoteDefinition']);

/**
 * CommonMark HTML blocks of kinds 1–5 run until their end marker; written
 * without one (`<!-- TODO`, `<script>`), they would swallow every heading and
 * table after them. Such a block gets its end marker on a line of its own.
 */
const HTML_BLOCK_ENDS: Array<[RegExp, (open: RegExpExecArray) => string]> = [
  [/^<(script|pre|style|textarea)(?:[\s>]|$)/i, (m) => `</${m[1]!.toLowerCase()}>`],
  [/^<!--/, () => '-->'],
  [/^<\?/, () => '?>'],
  [/^<!\[CDATA\[/, () => ']]>'],
  [/^<![A-Za-z]/, () => '>'],
];

function terminateHtml(value: string): string {
  for (const [start, end] of HTML_BLOCK_ENDS) {
    const open = start.exec(value.trimStart());
    if (!open) continue;
    // Ask the parser: does a heading after the block survive?
    const probe = parseMarkdown(`${value}\n\n# end`).children;
    const closed = probe[probe.length - 1]?.type === 'heading';
    return closed ? value : `${value}\n${end(open)}`;
  }
  return value;
}

/** `a`; `a` and `b`; `a`, `b` and `c`. */
export function joinList(items: PhrasingContent[][]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  items.forEach((item, i) => {
    if (i > 0) out.push(text(i === items.length - 1 ? ' and ' : ', '));
    out.push(...item);
  });
  return out;
}

/** Pieces separated by one space, with empty pieces left out. */
export function joinWithSpaces(pieces: PhrasingContent[][]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const piece of pieces) {
    if (!piece.length) continue;
    if (out.length) out.push(text(' '));
    out.push(...piece);
  }
  return out;
}

/**
 * Runs of spaces and tabs (and a lone tab) in a "What’s it for" cell's own text are one space:
 * that is how the importer reads such a cell, so the generated cell is already
 * in that form (and generating from imported data gives the same document).
 */
export function collapseSpaces(nodes: PhrasingContent[]): PhrasingContent[] {
  return nodes.map((n) => (n.type === 'text' ? { ...n, value: n.value.replace(/[ \t]+/g, ' ') } : n));
}

/**
 * Make phrasing content safe for a table cell and tidy: html → text, hard
 * breaks → spaces, line endings → spaces, adjacent text merged. Applied
 * recursively (emphasis, links, … keep their structure).
 */
export function normalisePhrasing(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  const push = (node: PhrasingContent) => {
    const prev = out[out.length - 1];
    if (node.type === 'text' && prev?.type === 'text') prev.value += node.value;
    else out.push(node);
  };
  for (const node of nodes) {
    switch (node.type) {
      case 'html':
        push(text(node.value));
        break;
      case 'break':
        push(text(' '));
        break;
      case 'text':
        push(text(node.value));
        break;
      case 'inlineCode':
        // GFM turns `\|` inside code in a table cell into `|`, and offers no
        // way to write a backslash right before a pipe: keep the text instead.
        push(/\\\|/.test(oneLine(node.value)) ? text(node.value) : code(node.value));
        break;
      case 'link':
        push(safeLink({ ...node, children: normalisePhrasing(node.children) }));
        break;
      default:
        if ('children' in node) push({ ...node, children: normalisePhrasing(node.children as PhrasingContent[]) } as PhrasingContent);
        else push({ ...node });
    }
  }
  return out;
}

/**
 * remark-stringify prints a link whose text equals its URL as an autolink
 * (`<url>`), where `\|` is not an escape: in a table cell that either splits
 * the cell or keeps the backslash. Splitting the text node in two makes it
 * print as `[url](url)`, which re-parses to the same link.
 */
function safeLink(link: Link): Link {
  if (!link.url.includes('|')) return link;
  const only = link.children.length === 1 ? link.children[0] : undefined;
  if (only?.type !== 'text' || only.value.length < 2) return link;
  return {
    ...link,
    children: [
      { type: 'text', value: only.value.slice(0, 1) },
      { type: 'text', value: only.value.slice(1) },
    ],
  };
}

/** Drop `position` (and nothing else) so generated trees do not depend on where a snippet was parsed. */
function stripPosition<T extends object>(node: T): T {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'position') continue;
    copy[key] = Array.isArray(value) ? value.map((v) => (v && typeof v === 'object' ? stripPosition(v) : v)) : value;
  }
  return copy as T;
}
