/**
 * The one unified pipeline used to read and write enhancement markdown:
 * remark-parse + remark-gfm + remark-frontmatter, serialized by remark-stringify.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import remarkStringify, { type Options as StringifyOptions } from 'remark-stringify';
import type { Link, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';

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
  if (!hasUnreadableAutolink(root)) return serializer.stringify(root) as string;
  const tree = structuredClone(root);
  visit(tree, 'link', (link: Link) => {
    if (!unreadableAutolink(link)) return;
    // Two text nodes: remark-stringify then writes `[text](url)` instead of `<text>`.
    const value = (link.children[0] as Text).value;
    link.children = [
      { type: 'text', value: value.slice(0, 1) },
      { type: 'text', value: value.slice(1) },
    ];
  });
  return serializer.stringify(tree) as string;
}

/** An e-mail address as CommonMark accepts it in an autolink (`<…>`). */
const AUTOLINK_EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/**
 * remark-stringify writes a link to `mailto:<its text>` as `<text>`, also for
 * addresses that GFM links (`a@b.co_x`) but CommonMark's `<…>` does not accept:
 * those would read back as text around a link, growing on every round trip.
 */
function unreadableAutolink(link: Link): boolean {
  const only = link.children.length === 1 ? link.children[0] : undefined;
  return !link.title && only?.type === 'text' && link.url === `mailto:${only.value}` && !AUTOLINK_EMAIL.test(only.value);
}

function hasUnreadableAutolink(root: Root): boolean {
  let found = false;
  visit(root, 'link', (link: Link) => void (found ||= unreadableAutolink(link)));
  return found;
}
