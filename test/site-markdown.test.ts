/**
 * Site pieces without a build: the enhancement's resource names become links
 * to their pages, and inline diagram SVGs get their readable sizing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MIN_DIAGRAM_SCALE, readableSvg } from '../scripts/site/diagrams.ts';
import { renderDocument } from '../scripts/site/markdown.ts';

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
