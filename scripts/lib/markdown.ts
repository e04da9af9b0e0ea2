/**
 * The one unified pipeline used to read and write enhancement markdown:
 * remark-parse + remark-gfm + remark-frontmatter, serialized by remark-stringify.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import remarkStringify, { type Options as StringifyOptions } from 'remark-stringify';
import type { Root } from 'mdast';

export const STRINGIFY_OPTIONS: StringifyOptions = {
  bullet: '-',
  emphasis: '_',
  strong: '*',
  fence: '`',
  fences: true,
  rule: '-',
  listItemIndent: 'one',
  incrementListMarker: true,
};

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
const serializer = unified().use(remarkGfm, { tablePipeAlign: false }).use(remarkFrontmatter, ['yaml']).use(remarkStringify, STRINGIFY_OPTIONS);

export function parseMarkdown(text: string): Root {
  return parser.parse(text) as Root;
}

export function stringifyMarkdown(root: Root): string {
  return serializer.stringify(root) as string;
}
