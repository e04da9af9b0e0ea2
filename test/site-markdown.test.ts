/**
 * Site pieces without a build: the enhancement's resource names become links
 * to their pages, and inline diagram SVGs get their readable sizing.
 */
import { test } from 'node:test';
import fc from 'fast-check';
import type { Paragraph } from 'mdast';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { diagramFigure, diagramViews, isStale, MIN_DIAGRAM_SCALE, readableSvg } from '../scripts/site/diagrams.ts';
import { visit } from 'unist-util-visit';
import { inlineMarkdown } from '../scripts/generate/phrasing.ts';
import { phrasingHtml, renderBlock, renderDocument, renderInline, simplePhrasingHtml } from '../scripts/site/markdown.ts';
import { frontMatterData, parseMarkdownCached } from '../scripts/site/parse-cache.ts';

const linker = (text: string, context: { namespace?: string }) =>
  text.startsWith('cm/') || text.startsWith('secret/') ? (context.namespace === 'ns-a' ? `/resources/ns-a/${text}/` : undefined) : undefined;

test('a resource name that starts a table row, under its namespace heading, links to its page', () => {
  const doc = [
    '## ns-a',
    '',
    '| Resource | What’s it for |',
    '| - | - |',
    '| cm/bundle | `x --flag` and input to cm/other |',
    '| secret/key | mentions cm/bundle |',
    '| not/a-resource | text |',
    '',
    '## ns-b',
    '',
    '| Resource | What’s it for |',
    '| - | - |',
    '| cm/bundle | unknown in this namespace |',
  ].join('\n');
  const { html } = renderDocument(doc, linker);
  assert.match(html, /<td><a href="\/resources\/ns-a\/cm\/bundle\/">cm\/bundle<\/a><\/td>/);
  assert.match(html, /<td><a href="\/resources\/ns-a\/secret\/key\/">secret\/key<\/a><\/td>/);
  // Only the first cell: names inside other cells stay text.
  assert.match(html, /<td>mentions cm\/bundle<\/td>/);
  assert.match(html, /<td>not\/a-resource<\/td>/);
  // Under another namespace the linker finds nothing: no link.
  assert.equal([...html.matchAll(/<a href=/g)].length, 2);
});

test('an inline SVG fills its figure up to its natural width and shrinks to 75 % at most', () => {
  const svg = '<svg id="certdocs-x" width="100%" style="max-width: 1990.5px;" viewBox="0 0 1990.5 600" role="img"><g/></svg>';
  const out = readableSvg(svg);
  assert.match(out, /^<svg id="certdocs-x" viewBox="0 0 1990.5 600" role="img" width="100%" style="max-width: 1991px; min-width: 1493px;" data-natural-width="1990.5">/);
  assert.equal(MIN_DIAGRAM_SCALE * 16, 12);
  assert.equal(readableSvg('<svg><g/></svg>'), '<svg><g/></svg>');
});

test('an SVG whose description has quotes, <, > and & is current, and used inline; a changed one is stale', () => {
  const d = { id: 'overall', title: 'A "quoted" <title> & more', description: `Dashed arrows apply only if "--x" isn't 'set' & a < b > c.`, source: 'flowchart LR\n  a --> b' };
  // As the render page's XMLSerializer writes text: &, < and > escaped, quotes as they are.
  const text = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const svg = `<svg id="certdocs-overall" viewBox="0 0 100 50"><title id="certdocs-overall-title">${text(d.title)}</title><desc id="certdocs-overall-desc">${text(d.description)}</desc><g/></svg>`;
  assert.equal(isStale(svg, d), false);
  assert.equal(isStale(svg, { ...d, description: 'Another description.' }), true);
  assert.equal(isStale(svg, { ...d, title: 'A "quoted" title' }), true);
  const dir = mkdtempSync(path.join(tmpdir(), 'certdocs-stale-'));
  try {
    writeFileSync(path.join(dir, 'overall.svg'), svg);
    const view = diagramViews([d], dir).get('overall')!;
    assert.ok(view.svg, 'the rendered SVG is used, not the browser fallback');
    assert.doesNotMatch(diagramFigure(view), /<pre class="mermaid"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the browser-rendered fallback figure is named by its caption, with no aria-label on the <pre>', () => {
  const figure = diagramFigure({ id: 'x', title: 'T "q"', description: 'D <b>', source: 'flowchart LR\n  a --> b' });
  assert.match(figure, /<pre class="mermaid" tabindex="0">flowchart LR\n  a --&gt; b<\/pre>/);
  assert.doesNotMatch(figure, /aria-label/);
  assert.match(figure, /<figcaption><strong>T &quot;q&quot;<\/strong> &mdash; D &lt;b&gt;<\/figcaption>/);
});

test('site markdown reads as GitHub reads it (the generator\'s GFM pipeline): bare URLs link, ~text~ is struck through', () => {
  assert.equal(
    renderInline('see https://example.org/a and www.k8s.io, ~old~ and ~~older~~'),
    'see <a href="https://example.org/a">https://example.org/a</a> and <a href="http://www.k8s.io">www.k8s.io</a>, <del>old</del> and <del>older</del>',
  );
  assert.equal(
    renderBlock('- [ ] open\n- [x] closed\n\n1. [ ] loose\n\n   text'),
    '<ul class="contains-task-list">\n<li class="task-list-item"><input type="checkbox" disabled aria-label="to do"> open</li>\n<li class="task-list-item"><input type="checkbox" checked disabled aria-label="done"> closed</li>\n</ul>\n' +
      '<ol class="contains-task-list">\n<li class="task-list-item">\n<p><input type="checkbox" disabled aria-label="to do"> loose</p>\n<p>text</p>\n</li>\n</ol>',
  );
  // One dialect: every inline field links exactly what the generator's reading of it links.
  for (const text of ['a https://x.example/p?q=1. b', 'mail ops@example.org now', '`https://not.a.link` but http://yes.example', 'www.a.b_c.d and www.a.b_c.d.', '<https://angle.example>', '[t](https://t.example "title")']) {
    const urls: string[] = [];
    visit({ type: 'root', children: [{ type: 'paragraph', children: inlineMarkdown(text) }] } as never, 'link', (l: { url: string }) => void urls.push(l.url));
    const hrefs = [...renderInline(text).matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    assert.deepEqual(hrefs, urls, text);
  }
});

test('whatever the data says is shown, never run: raw HTML is text, unsafe links keep their text, images their alt', () => {
  assert.equal(renderInline('<img src=x onerror=alert(1)> & <b>b</b>'), '&lt;img src=x onerror=alert(1)> &amp; &lt;b>b&lt;/b>');
  assert.equal(renderInline('[x](javascript:alert(1)) [y](data:text/html,hi) [z](/flags/) [m](mailto:a@b.c)'), 'x y <a href="/flags/">z</a> <a href="mailto:a@b.c">m</a>');
  assert.equal(renderInline('![logo](https://evil.example/x.png)'), 'logo');
  assert.equal(renderBlock('<script>alert(1)</script>\n\ntext'), '<p>&lt;script>alert(1)&lt;/script></p>\n<p>text</p>');
  assert.equal(renderInline('# not a heading'), '# not a heading');
});

test('a document: GitHub\'s heading ids, its front matter, Mermaid blocks replaced by the build\'s figure', () => {
  const doc = '---\ntitle: x\n---\n\n# What’s it for?\n\n## Step 1: `--flag`\n\n## Step 1: `--flag`\n\n```mermaid\nflowchart LR\n```\n\n```sh\nls\n```\n';
  const { html, headings, frontMatter } = renderDocument(doc, undefined, (lang) => (lang === 'mermaid' ? '<figure class="diagram">F</figure>' : undefined));
  assert.deepEqual(headings.map((h) => h.id), ['whats-it-for', 'step-1---flag', 'step-1---flag-1']);
  assert.equal(frontMatter, 'title: x');
  assert.match(html, /<figure class="diagram">F<\/figure>/);
  assert.match(html, /<pre><code class="language-sh">ls\n<\/code><\/pre>/);
  assert.doesNotMatch(html, /title: x/);
});

test('a parsed document kept in the cache renders exactly as a fresh parse; another text or a broken entry is parsed again', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'certdocs-mdast-'));
  try {
    const text = readFileSync('enhancements/kube-apiserver/certificates.md', 'utf8');
    const fresh = renderDocument(text, linker).html;
    const first = parseMarkdownCached(text, dir);
    assert.equal(first.cached, false);
    assert.equal(renderDocument(first.root, linker).html, fresh);
    const again = parseMarkdownCached(text, dir);
    assert.equal(again.cached, true);
    assert.equal(renderDocument(again.root, linker).html, fresh);
    // Another text: another entry, never the first one's tree.
    const other = parseMarkdownCached(`${text}\n\n## Added later\n`, dir);
    assert.equal(other.cached, false);
    assert.match(renderDocument(other.root).html, /Added later/);
    // A damaged entry is read as missing: parsed again and rewritten.
    const entries = readdirSync(path.join(dir, 'mdast'));
    assert.equal(entries.length, 2);
    for (const e of entries) writeFileSync(path.join(dir, 'mdast', e), '{"type":"root","chil');
    const repaired = parseMarkdownCached(text, dir);
    assert.equal(repaired.cached, false);
    assert.equal(renderDocument(repaired.root, linker).html, fresh);
    assert.equal(parseMarkdownCached(text, dir).cached, true);
    // No cache folder: always parsed.
    assert.equal(parseMarkdownCached(text, undefined).cached, false);
    // The front matter is read with the tree, and reads back the same from the cache.
    const matter = frontMatterData(parseMarkdownCached(text, undefined).root) as Record<string, unknown>;
    assert.equal(matter.title, 'kube-apiserver-certificates');
    assert.deepEqual(frontMatterData(parseMarkdownCached(text, dir).root), matter);
    assert.equal(frontMatterData(parseMarkdownCached('# No front matter\n', dir).root), undefined);
    assert.equal(frontMatterData(parseMarkdownCached('---\nkey: [unclosed\n---\n# Broken\n', dir).root), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('inline fields: the HTML written without hast equals mdast-util-to-hast + hast-util-to-html, and covers the common fields', () => {
  // Pieces of fields: words, code spans (some naming flags that link), emphasis, and what must be escaped
  // or left to the full path (entities, HTML, links, autolinks, strikethrough, non-ASCII).
  const piece = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('a', 'Z', '9', ' ', '`', '*', '.', '"', "'", 'é', '日本', '`--flag`', '`--other`', '`a & <b>`', '*not*', '**bold**', 'word') },
    { weight: 1, arbitrary: fc.constantFrom('&', '<', '>', '&amp;', '&copy;', '<b>x</b>', '~~gone~~', '[t](http://h/x "t")', '[t](/p/)', 'www.x.io', '\\*', '\u00a0', '_u_', '![i](/a.png)') },
  );
  const links = (text: string) => (text === '--flag' ? '/flags/c/flag/' : text === '--other' ? '/flags/c/a"b&c/' : undefined);
  let simple = 0;
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
      const text = parts.join('');
      const paragraph: Paragraph = { type: 'paragraph', children: inlineMarkdown(text) };
      linkCodeForTest(paragraph, links);
      const fast = simplePhrasingHtml(paragraph.children);
      if (fast === undefined) return;
      simple++;
      assert.equal(fast, phrasingHtml(paragraph.children), JSON.stringify(text));
    }),
    { numRuns: 3000, seed: 29 },
  );
  assert.ok(simple > 1000, `only ${simple} generated fields took the path without hast`);
  assert.equal(renderInline('use `--flag` & *more*', (t) => links(t)), 'use <a href="/flags/c/flag/"><code>--flag</code></a> &amp; <em>more</em>');
});

/** The site's code-span linking, for paragraphs built in the test. */
function linkCodeForTest(paragraph: Paragraph, linker: (text: string) => string | undefined): void {
  visit(paragraph, 'inlineCode', (node, index, parent) => {
    const href = linker(node.value);
    if (!href || !parent || index === undefined || parent.type === 'link') return;
    parent.children[index] = { type: 'link', url: href, children: [node] };
  });
}

test('a diagram without an SVG that is over the render limits is not sent to the browser: the figure says why', () => {
  const huge = `flowchart LR\n${'  a --> b\n'.repeat(60_000)}`;
  const views = diagramViews(
    [
      { id: 'huge', title: 'Huge', description: 'too big', source: huge },
      { id: 'small', title: 'Small', description: 'fine', source: 'flowchart LR\n  a --> b' },
    ],
    '/nonexistent',
  );
  const figure = diagramFigure(views.get('huge'));
  assert.doesNotMatch(figure, /<pre class="mermaid"/);
  assert.match(figure, /<p class="diagram-too-large">This diagram is not drawn: its Mermaid source is 600,013 characters, over the configured maxTextSize of 500,000/);
  assert.ok(figure.length < 1000, 'the source is not in the page');
  assert.match(diagramFigure(views.get('small')), /<pre class="mermaid" tabindex="0">/);
});
