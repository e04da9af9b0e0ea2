/**
 * Inline content of a table cell as a "projection": a string in which every
 * text character stands for itself, every inline-code node is one CODE
 * character and every other inline node (emphasis, links, …) is one OPAQUE
 * character. Phrase patterns are matched on the projection of one cell, and
 * matches are cut back into mdast nodes, so code spans and markup survive
 * intact and are stored as canonical markdown.
 */
import type { InlineCode, Paragraph, PhrasingContent, Root, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { stringifyMarkdown, trimPhrasing } from '../lib/markdown.ts';

export const CODE = '\uE000';
export const OPAQUE = '\uE001';

interface Segment {
  node: PhrasingContent;
  start: number;
  end: number;
}

export class Inline {
  readonly text: string;
  private readonly segments: Segment[];

  constructor(nodes: readonly PhrasingContent[]) {
    const normalized = normalize(nodes);
    const segments: Segment[] = [];
    let text = '';
    for (const node of normalized) {
      const piece = node.type === 'text' ? node.value : node.type === 'inlineCode' ? CODE : OPAQUE;
      segments.push({ node, start: text.length, end: text.length + piece.length });
      text += piece;
    }
    this.text = text;
    this.segments = segments;
  }

  /** The nodes covering [start, end) of the projection; text nodes are cut, atoms are kept whole. */
  nodes(start: number, end: number): PhrasingContent[] {
    const out: PhrasingContent[] = [];
    for (const s of this.segments) {
      if (s.end <= start || s.start >= end) continue;
      if (s.node.type === 'text') {
        const value = s.node.value.slice(Math.max(0, start - s.start), Math.min(s.node.value.length, end - s.start));
        if (value) out.push({ type: 'text', value } satisfies Text);
      } else out.push(s.node);
    }
    return out;
  }

  /** Stored form of [start, end): canonical inline markdown, trimmed. */
  markdown(start: number, end: number): string {
    return inlineMarkdown(this.nodes(start, end));
  }

  /** The inline-code value at projection index `i` (which must be CODE). */
  codeAt(i: number): string {
    const node = this.nodeAt(i);
    if (node?.type !== 'inlineCode') throw new Error(`no inline code at ${i}`);
    return (node as InlineCode).value;
  }

  /** The atom (inline code or other markup) at projection index `i`; undefined inside text. */
  nodeAt(i: number): PhrasingContent | undefined {
    const s = this.segments.find((seg) => seg.start === i && seg.node.type !== 'text');
    return s?.node;
  }

  /** Plain text of [start, end), code spans included by value. */
  plain(start: number, end: number): string {
    return this.nodes(start, end)
      .map((n) => toString(n))
      .join('')
      .trim();
  }
}

/** Merge adjacent text nodes and collapse runs of white space (insignificant in markdown). */
function normalize(nodes: readonly PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const node of nodes) {
    const last = out[out.length - 1];
    if (node.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value + node.value };
    else if (node.type === 'text') out.push({ type: 'text', value: node.value });
    else out.push(node);
  }
  // Markdown white space only: a non-breaking space (or other Unicode space) is content.
  for (const n of out) if (n.type === 'text') n.value = n.value.replace(/[ \t\r\n]+/g, ' ');
  return out;
}

/** Inline nodes → their canonical markdown (one paragraph, serialized and trimmed). */
export function inlineMarkdown(nodes: readonly PhrasingContent[]): string {
  const children = trimPhrasing(nodes, 'markdown');
  if (!children.length) return '';
  const root: Root = { type: 'root', children: [{ type: 'paragraph', children } satisfies Paragraph] };
  return stringifyMarkdown(root).trim();
}
