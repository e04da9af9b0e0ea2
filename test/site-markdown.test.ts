/**
 * Site pieces without a build: the enhancement's resource names become links
 * to their pages, and inline diagram SVGs get their readable sizing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { diagramFigure, diagramViews, isStale, MIN_DIAGRAM_SCALE, readableSvg } from '../scripts/site/diagrams.ts';
import { visit } from 'unist-util-visit';
import { inlineMarkdown } from '../scripts/generate/phrasing.ts';
import { renderBlock, renderDocument, renderInline } from '../scripts/site/markdown.ts';

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
  assert.match(figure, /<figcaption><strong>T &quot;q&quot;<\/strong> — D &lt;b&gt;<\/figcaption>/);
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
