/**
 * The one unified pipeline used to read and write enhancement markdown:
 * remark-parse + remark-gfm + remark-frontmatter, serialized by remark-stringify.
 *
 * The pipeline is loaded on first use, not when this module is imported: most
 * fields are read by the fast path in generate/phrasing.ts, so `certdocs
 * validate`, `impact` and the site build (its parsed enhancement is kept in
 * .cache/site) do not load micromark and its extensions on data/ (measured:
 * 60–90 ms with plain node, 140–210 ms under tsx). The packages are ES
 * modules, loaded with require() (Node 20.19 and later) because the callers
 * are synchronous.
 */
import { createRequire } from 'node:module';
import type { Processor } from 'unified';
import type { Options as StringifyOptions } from 'remark-stringify';
import type { Link, PhrasingContent, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';

const require = createRequire(import.meta.url);

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

interface Pipelines {
  parser: Processor<Root>;
  serializer: Processor<undefined, undefined, undefined, Root, string>;
}

let pipelines: Pipelines | undefined;

function markdown(): Pipelines {
  if (!pipelines) {
    const { unified } = require('unified') as typeof import('unified');
    const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
    const remarkGfm = (require('remark-gfm') as typeof import('remark-gfm')).default;
    const remarkFrontmatter = (require('remark-frontmatter') as typeof import('remark-frontmatter')).default;
    const remarkStringify = (require('remark-stringify') as typeof import('remark-stringify')).default;
    pipelines = {
      parser: unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']) as unknown as Processor<Root>,
      serializer: unified()
        .use(remarkGfm, { tablePipeAlign: false })
        .use(remarkFrontmatter, ['yaml'])
        .use(remarkStringify, STRINGIFY_OPTIONS) as unknown as Pipelines['serializer'],
    };
  }
  return pipelines;
}

/**
 * White space at both ends of a node list dropped (a heading or table cell drops it when read, and
 * the serializer would otherwise encode it as `&#x20;`). `space`: markdown's own white space (space,
 * tab, line endings; a non-breaking space is content), or any Unicode white space.
 */
export function trimPhrasing(nodes: readonly PhrasingContent[], space: 'markdown' | 'unicode'): PhrasingContent[] {
  const [start, end, all] = space === 'markdown' ? [/^[ \t\r\n]+/, /[ \t\r\n]+$/, /^[ \t\r\n]*$/] : [/^\s+/, /\s+$/, /^\s*$/];
  const blank = (n: PhrasingContent) => n.type === 'text' && all.test(n.value);
  const out = nodes.map((n) => (n.type === 'text' ? { ...n } : n));
  while (out.length && blank(out[0]!)) out.shift();
  while (out.length && blank(out[out.length - 1]!)) out.pop();
  const first = out[0];
  if (first?.type === 'text') first.value = first.value.replace(start, '');
  const last = out[out.length - 1];
  if (last?.type === 'text') last.value = last.value.replace(end, '');
  return out;
}

export function parseMarkdown(text: string): Root {
  return markdown().parser.parse(text) as Root;
}

export function stringifyMarkdown(root: Root): string {
  const { serializer } = markdown();
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
