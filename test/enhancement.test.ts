/**
 * The generated enhancement: golden documents, the canonical phrasing of every
 * edge shape upstream uses, hostile text that must not break a table, and
 * determinism. Golden files: UPDATE_GOLDEN=1 node --import tsx --test test/enhancement.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Heading, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { enhancementMarkdown, flagRow, resourceRow, type EmbeddedDiagram } from '../scripts/generate/enhancement.ts';
import { parseMarkdown, stringifyMarkdown } from '../scripts/lib/markdown.ts';
import { inlineMarkdown, parsedInlineMarkdown, simpleInline } from '../scripts/generate/phrasing.ts';
import fc from 'fast-check';
import { loadDataDir } from '../scripts/load/index.ts';
import { buildModel, filesFromDataSet, type Model } from '../scripts/model/model.ts';
import type { ComponentFile, DataSet, Flag, NamespaceFile, Resource } from '../scripts/model/types.ts';

const FIXTURES = 'test/fixtures/enhancement';
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function modelOfDir(dir: string): { model: Model; embedded: EmbeddedDiagram[] } {
  const { files } = loadDataDir(dir);
  const diagrams = path.join(dir, 'diagrams.json');
  const embedded = existsSync(diagrams) ? (JSON.parse(readFileSync(diagrams, 'utf8')) as EmbeddedDiagram[]) : [];
  return { model: buildModel(files), embedded };
}

const DOCUMENT: DataSet['document'] = {
  frontMatter: { title: 'test' },
  sections: [
    { depth: 1, title: 'Doc' },
    { depth: 2, title: 'Flags', generated: 'components' },
    { depth: 2, title: 'Resources', generated: 'namespaces' },
  ],
};

function modelOf(components: ComponentFile[], namespaces: NamespaceFile[] = [], document = DOCUMENT): Model {
  return buildModel(filesFromDataSet({ components, namespaces, actors: { actors: [] }, document }));
}

/** The markdown of one table row, as the generator writes it. */
function rowMarkdown(cells: PhrasingContent[][]): string {
  const table: Table = {
    type: 'table',
    align: cells.map(() => null),
    children: [
      { type: 'tableRow', children: cells.map(() => ({ type: 'tableCell', children: [{ type: 'text', value: 'h' }] })) },
      { type: 'tableRow', children: cells.map((children) => ({ type: 'tableCell', children })) },
    ],
  };
  return stringifyMarkdown({ type: 'root', children: [table] }).split('\n')[2]!;
}

const flagCellMarkdown = (flag: Omit<Flag, 'kind'>) => rowMarkdown(flagRow({ kind: 'ca-bundle', ...flag })).replace(/^\| `[^`]*` \| | \|$/g, '');
const resourceCellsMarkdown = (res: Resource) => rowMarkdown(resourceRow(res));

// ---------------------------------------------------------------------------
// Golden documents

for (const name of readdirSync(FIXTURES).sort()) {
  const dir = path.join(FIXTURES, name);
  test(`golden: ${name}`, () => {
    const { model, embedded } = modelOfDir(dir);
    const actual = enhancementMarkdown(model, embedded);
    const expectedFile = path.join(dir, 'expected.md');
    if (UPDATE) writeFileSync(expectedFile, actual);
    assert.ok(existsSync(expectedFile), `${expectedFile} is missing: run with UPDATE_GOLDEN=1 to create it`);
    assert.equal(actual, readFileSync(expectedFile, 'utf8'));
  });
}

// ---------------------------------------------------------------------------
// Canonical phrasing of the upstream edge shapes

test('phrasing: purpose only, and one, two, three references', () => {
  assert.equal(flagCellMarkdown({ name: '--a', purpose: 'CA bundle used to verify etcd' }), 'CA bundle used to verify etcd');
  assert.equal(
    flagCellMarkdown({ name: '--a', purpose: 'CA bundle.', verifies: [{ ref: 'kubelet --tls-cert-file' }] }),
    'CA bundle. Must be able to verify `kubelet --tls-cert-file`.',
  );
  assert.equal(
    flagCellMarkdown({ name: '--a', purpose: 'Signing cert.', verifiedBy: [{ ref: 'x --a' }, { ref: 'y --b' }] }),
    'Signing cert. Must be verifiable by `x --a` and `y --b`.',
  );
  assert.equal(
    flagCellMarkdown({ name: '--a', purpose: 'Signing cert.', verifiedBy: [{ ref: 'x --a' }, { ref: 'y --b' }, { ref: 'z --c' }] }),
    'Signing cert. Must be verifiable by `x --a`, `y --b` and `z --c`.',
  );
});

test('phrasing: condition, qualifier, consequence (with a flag reference) and the final period', () => {
  assert.equal(
    flagCellMarkdown({
      name: '--tls-sni-cert-key',
      purpose: 'Special flag format to specify hostname-pattern,cert,key tuples to serve matching SNI requests.',
      verifiedBy: [{ ref: 'kube-controller-manager --root-ca-file', condition: 'used for kubernetes.default.service' }],
    }),
    'Special flag format to specify hostname-pattern,cert,key tuples to serve matching SNI requests. If used for kubernetes.default.service, must be verifiable by `kube-controller-manager --root-ca-file`.',
  );
  assert.equal(
    flagCellMarkdown({
      name: '--service-account-key-file',
      purpose: 'RSA keys used to verify ServiceAccount tokens.',
      verifies: [{ ref: 'kube-controller-manager --service-account-private-key-file', qualifier: 'for all keys you want to continue working' }],
    }),
    'RSA keys used to verify ServiceAccount tokens. Must be able to verify `kube-controller-manager --service-account-private-key-file` for all keys you want to continue working.',
  );
  assert.equal(
    flagCellMarkdown({
      name: '--client-ca-file',
      purpose: 'CA bundle used to verify client certificate connections from clients and identify users. (I am Bob).',
      verifies: [{ ref: 'kube-controller-manager --cluster-signing-cert-file', consequence: '`kubelet --rotate-certificates` will fail' }],
    }),
    'CA bundle used to verify client certificate connections from clients and identify users. (I am Bob). Must be able to verify `kube-controller-manager --cluster-signing-cert-file` or `kubelet --rotate-certificates` will fail.',
  );
  // A consequence that already ends with a period gets no second one.
  assert.equal(
    flagCellMarkdown({ name: '--a', purpose: 'Key', verifiedBy: [{ ref: 'x --b', consequence: 'ServiceAccounts will not be able to authenticate.' }] }),
    'Key Must be verifiable by `x --b` or ServiceAccounts will not be able to authenticate.',
  );
  assert.equal(
    flagCellMarkdown({
      name: '--a',
      purpose: 'CA bundle.',
      verifies: [{ ref: 'x --b', condition: 'serving on the service network', qualifier: 'for every key', consequence: 'clients will fail' }],
    }),
    'CA bundle. If serving on the service network, must be able to verify `x --b` for every key or clients will fail.',
  );
});

test('phrasing: grouping by (condition, qualifier, consequence), verifies before verifiedBy before interactsWith', () => {
  assert.equal(
    flagCellMarkdown({
      name: '--kubelet-certificate-authority',
      purpose: 'CA bundle used to verify kubelets.',
      interactsWith: ['kubelet --rotate-server-certificates'],
      verifiedBy: [{ ref: 'q --q' }],
      verifies: [
        { ref: 'kubelet --tls-cert-file' },
        { ref: 'kube-controller-manager --cluster-signing-cert-file', consequence: '`kubelet --rotate-server-certificates` will fail' },
        { ref: 'other --tls-cert-file' },
        { ref: 'third --x', consequence: '`kubelet --rotate-server-certificates` will fail' },
      ],
    }),
    'CA bundle used to verify kubelets. Must be able to verify `kubelet --tls-cert-file` and `other --tls-cert-file`. ' +
      'Must be able to verify `kube-controller-manager --cluster-signing-cert-file` and `third --x` or `kubelet --rotate-server-certificates` will fail. ' +
      'Must be verifiable by `q --q`. This interacts with `kubelet --rotate-server-certificates`.',
  );
  assert.equal(
    flagCellMarkdown({
      name: '--rotate-server-certificates',
      purpose: 'If true, get serving cert/key pairs from the CSR API.',
      interactsWith: ['kube-apiserver --kubelet-certificate-authority', 'kube-controller-manager --cluster-signing-cert-file'],
    }),
    'If true, get serving cert/key pairs from the CSR API. This interacts with `kube-apiserver --kubelet-certificate-authority` and `kube-controller-manager --cluster-signing-cert-file`.',
  );
  // A condition written across two lines renders, and so groups, like the same condition on one line.
  assert.equal(
    flagCellMarkdown({ name: '--a', purpose: 'P', verifies: [{ ref: 'a --a', condition: 'used\nfor x' }, { ref: 'b --b', condition: 'used for x' }] }),
    'P If used for x, must be able to verify `a --a` and `b --b`.',
  );
});

test('phrasing: resource rows (feeds, input to, purpose, producers and consumers)', () => {
  assert.equal(
    resourceCellsMarkdown({
      name: 'cm/csr-controller-ca',
      feeds: ['kube-apiserver --kubelet-certificate-authority'],
      inputTo: ['cm/kube-apiserver-client-ca'],
      producers: ['kube-controller-manager-operator'],
      consumers: ['kube-apiserver'],
    }),
    '| cm/csr-controller-ca | `kube-apiserver --kubelet-certificate-authority` and input to cm/kube-apiserver-client-ca | kube-controller-manager-operator | kube-apiserver |',
  );
  assert.equal(
    resourceCellsMarkdown({ name: 'cm/a', feeds: ['x --a', 'y --b', 'z --c'], purpose: 'Fans out.', consumers: ['p', 'q'] }),
    '| cm/a | `x --a`, `y --b` and `z --c`. Fans out. | | p, q |',
  );
  assert.equal(
    resourceCellsMarkdown({ name: 'secret/b', inputTo: ['cm/x', 'other cm/y'] }),
    '| secret/b | input to cm/x and other cm/y | | |',
  );
  assert.equal(resourceCellsMarkdown({ name: 'cm/c', purpose: 'Only a purpose.' }), '| cm/c | Only a purpose. | | |');
});

// ---------------------------------------------------------------------------
// Hostile text

const HOSTILE = [
  'a | b',
  '| - |',
  '`a|b` and ``x`y``',
  '`',
  'ends with a backslash \\',
  '\\|',
  '<script>alert(1)</script>',
  'x <b onclick="y">bold</b> z',
  '<!-- never closed',
  'a --> b',
  '"double" \'single\' ‘curly’ “quotes”',
  '[brackets] [a link](https://example.com/a|b) ]',
  '![img|alt](x|y)',
  'line one\nline two\r\n\r\nparagraph two',
  'üñíçødé 日本語 ελληνικά — emoji 🔐',
  '# not a heading',
  '- not a list',
  '> not a quote',
  '1. not a list',
  '*emphasis* and _more_ and **strong** ~~gone~~',
  '&amp; &#124; &lt;',
  'https://example.com/x|y and www.example.com',
  '[^1] [x]: y',
];

/** Text of every cell of every table, by table. */
function tableCells(root: Root): string[][][] {
  const tables: string[][][] = [];
  visit(root, 'table', (t: Table) => {
    tables.push(t.children.map((row) => row.children.map((cell) => toString(cell))));
  });
  return tables;
}

function hasHtml(nodes: RootContent[] | PhrasingContent[]): boolean {
  let found = false;
  for (const n of nodes) visit(n, 'html', () => void (found = true));
  return found;
}

test('hostile text in names, purposes and edges re-parses to the same table cells, with no raw HTML', () => {
  for (const h of HOSTILE) {
    const flag: Flag = {
      name: `--flag${h}`,
      kind: 'ca-bundle',
      purpose: h,
      verifies: [{ ref: `comp ${h}`, condition: h, qualifier: h, consequence: h }],
      verifiedBy: [{ ref: h }, { ref: `${h}2` }],
      interactsWith: [h, h, h],
    };
    const resource: Resource = { name: `cm/${h}`, purpose: h, feeds: [h], inputTo: [h, h], producers: [h], consumers: [h, h] };
    const model = modelOf([{ name: `comp ${h}`, description: h, flags: [flag] }], [{ namespace: `ns${h}`, contract: 'A contract.', resources: [resource] }]);
    const text = enhancementMarkdown(model, []);
    const root = parseMarkdown(text);
    const expected = [flagRow(flag), resourceRow(resource)].map((cells) => cells.map((nodes) => toString({ type: 'paragraph', children: nodes }).trim()));
    const tables = tableCells(root);
    assert.equal(tables.length, 2, `two tables for ${JSON.stringify(h)}`);
    assert.deepEqual(tables[0]![1], expected[0], `flag row for ${JSON.stringify(h)}`);
    assert.deepEqual(tables[1]![1], expected[1], `resource row for ${JSON.stringify(h)}`);
    let tableHtml = false;
    visit(root, 'table', (t: Table) => void (tableHtml ||= hasHtml([t])));
    assert.equal(tableHtml, false, `no raw HTML in a table for ${JSON.stringify(h)}`);
    // The headings are the names (one line).
    const headings = root.children.filter((n): n is Heading => n.type === 'heading').map((n) => toString(n));
    assert.deepEqual(headings, ['Doc', 'Flags', `comp ${h}`.replace(/[ \t]*[\r\n][ \t\r\n]*/g, ' '), 'Resources', `ns${h}`.replace(/[ \t]*[\r\n][ \t\r\n]*/g, ' ')]);
  }
});

test('hostile text: independent expectations for the cell text', () => {
  const cell = (purpose: string) => {
    const model = modelOf([{ name: 'c', flags: [{ name: '--f', kind: 'ca-bundle', purpose, verifies: [{ ref: 'c --g' }] }] }]);
    return tableCells(parseMarkdown(enhancementMarkdown(model, [])))[0]![1]!;
  };
  assert.deepEqual(cell('a | b'), ['--f', 'a | b Must be able to verify c --g.']);
  assert.deepEqual(cell('<script>alert(1)</script>'), ['--f', '<script>alert(1)</script> Must be able to verify c --g.']);
  assert.deepEqual(cell('a --> b'), ['--f', 'a --> b Must be able to verify c --g.']);
  assert.deepEqual(cell('line one\nline two'), ['--f', 'line one line two Must be able to verify c --g.']);
  assert.deepEqual(cell('`a|b` c'), ['--f', 'a|b c Must be able to verify c --g.']);
  assert.deepEqual(cell('日本語 “q”'), ['--f', '日本語 “q” Must be able to verify c --g.']);
  // Inline code with a backslash right before a pipe cannot be code in a GFM cell; it stays as text.
  assert.deepEqual(cell('`a\\|b`'), ['--f', 'a\\|b Must be able to verify c --g.']);
});

test('an unterminated HTML block in a section body does not swallow the document', () => {
  const document = {
    frontMatter: {},
    sections: [
      { depth: 1, title: 'Doc', body: 'Text.\n\n<!-- TODO: finish' },
      { depth: 2, title: 'Flags', body: '<script>\nlet a = 1;', generated: 'components' as const },
      { depth: 2, title: 'Kept', body: '<!-- a closed comment -->\n\n*inline <b> stays* inline' },
      { depth: 2, title: 'List', body: '- item\n- <!-- open in a list item' },
      { depth: 2, title: 'Last' },
    ],
  };
  const model = modelOf([{ name: 'c', flags: [{ name: '--f', kind: 'ca-bundle', purpose: 'CA bundle' }] }], [], document);
  const root = parseMarkdown(enhancementMarkdown(model, []));
  assert.deepEqual(
    root.children.filter((n) => n.type === 'heading').map((n) => toString(n)),
    ['Doc', 'Flags', 'c', 'Kept', 'List', 'Last'],
  );
  assert.equal(tableCells(root).length, 1);
  assert.ok(root.children.some((n) => n.type === 'html' && n.value === '<!-- a closed comment -->'), 'a closed comment stays HTML');
  const inline = root.children.find((n) => n.type === 'paragraph' && toString(n).startsWith('inline'));
  assert.ok(inline && inline.type === 'paragraph' && hasHtml(inline.children), 'inline HTML in a paragraph is left as it is');
});

// ---------------------------------------------------------------------------
// Determinism and order

test('determinism: the same data gives byte-identical text, whatever the file order', () => {
  const { model, embedded } = modelOfDir(path.join(FIXTURES, 'upstream-shapes'));
  const first = enhancementMarkdown(model, embedded);
  const ds: DataSet = JSON.parse(JSON.stringify({
    components: model.components.map((c) => c.data).reverse(),
    namespaces: model.namespaces.map((n) => n.data).reverse(),
    actors: { actors: model.actors.map((a) => a.data) },
    document: model.document!.data,
  }));
  const again = enhancementMarkdown(buildModel(filesFromDataSet(ds)), structuredClone(embedded));
  assert.equal(again, first);
  assert.equal(enhancementMarkdown(model, embedded), first);
});

test('order: listed names first, then the rest alphabetically', () => {
  const document = { frontMatter: {}, sections: [{ depth: 2, title: 'Flags', generated: 'components' as const, order: ['zeta', 'missing', 'beta'] }] };
  const comp = (name: string): ComponentFile => ({ name, flags: [] });
  const model = modelOf([comp('alpha'), comp('beta'), comp('gamma'), comp('zeta')], [], document);
  const root = parseMarkdown(enhancementMarkdown(model, []));
  assert.deepEqual(
    root.children.filter((n): n is Heading => n.type === 'heading' && n.depth === 3).map((n) => toString(n)),
    ['zeta', 'beta', 'alpha', 'gamma'],
  );
});

test('diagrams: each embedded diagram is a sub-heading, a paragraph and a mermaid block', () => {
  const document = { frontMatter: {}, sections: [{ depth: 3, title: 'Trust diagrams', generated: 'diagrams' as const }] };
  const model = modelOf([], [], document);
  const source = 'flowchart LR\n  a["```"] --> b\n';
  const root = parseMarkdown(enhancementMarkdown(model, [{ id: 'overall', title: 'Trust between flags', description: 'Arrows | point.', source }]));
  assert.deepEqual(
    root.children.map((n) => n.type),
    ['heading', 'heading', 'paragraph', 'code'],
  );
  const code = root.children[3]!;
  assert.ok(code.type === 'code' && code.lang === 'mermaid' && code.value === source.trimEnd());
  assert.equal((root.children[1] as Heading).depth, 4);
  assert.equal(toString(root.children[2]!), 'Arrows | point.');
});

// ---------------------------------------------------------------------------
// The committed data

test('committed data: every flag row names every flag it verifies and is verified by', () => {
  const { model } = modelOfDir('data');
  assert.ok(model.document, 'data/document.json exists');
  const root = parseMarkdown(enhancementMarkdown(model, []));
  // Component heading → its table's rows by flag name.
  const rows = new Map<string, PhrasingContent[]>();
  let component: string | undefined;
  for (const node of root.children) {
    if (node.type === 'heading') component = toString(node);
    if (node.type === 'table' && component && toString(node.children[0]!.children[0]!) === 'Flag') {
      for (const row of node.children.slice(1)) rows.set(`${component} ${toString(row.children[0]!)}`, row.children[1]!.children);
    }
  }
  let checked = 0;
  for (const [ref, flag] of model.flags) {
    const cell = rows.get(ref);
    assert.ok(cell, `a row for ${ref}`);
    const codes = new Set<string>();
    for (const n of cell) visit(n, 'inlineCode', (c) => void codes.add(c.value));
    for (const edge of model.edges) {
      if (edge.verifier === ref) assert.ok(codes.has(edge.verified), `${ref} names ${edge.verified}, which it must be able to verify`);
      if (edge.verified === ref) assert.ok(codes.has(edge.verifier), `${ref} names ${edge.verifier}, which it must be verifiable by`);
    }
    for (const e of [...(flag.data.verifies ?? []), ...(flag.data.verifiedBy ?? [])]) assert.ok(codes.has(e.ref), `${ref} names ${e.ref}`);
    checked++;
  }
  assert.ok(checked >= 20, `checked ${checked} flags`);
});

test('inline fields: the reading without the parser equals the parser’s, and covers the common fields', () => {
  // Pieces that build plain words, code spans, emphasis and near-misses of both (double stars and
  // backticks, escapes, links, HTML, autolinks, block starts, NUL, spaces inside code).
  const common = fc.constantFrom('a', 'Z', '9', ' ', '  ', '`', '*', '.', ',', ':', ';', '"', "'", '(', ')', '#', 'é', '`kube-apiserver --client-ca-file`', ' code ', '*not*', 'word');
  const rare = fc.constantFrom(
    '``', '**', '_', '\\', '[', ']', '<', '>', '!', '&amp;', '~', '|', '@', 'www.x.io', 'http://h', '- ', '1. ', '\u00a0', '\u0000', '\t',
  );
  const piece = fc.oneof({ weight: 6, arbitrary: common }, { weight: 1, arbitrary: rare });
  let simple = 0;
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
      const text = parts.join('');
      const line = text.trim();
      if (!simpleInline(line)) return;
      simple++;
      assert.deepEqual(inlineMarkdown(text), parsedInlineMarkdown(text), JSON.stringify(text));
    }),
    { numRuns: 5000, seed: 13 },
  );
  assert.ok(simple > 300, `only ${simple} generated fields took the reading without the parser`);
  for (const field of [
    'CA bundle used to verify client certificate connections from clients and identify users. (I am Bob).',
    '`kubelet --rotate-certificates` will fail',
    'Synthetic ca-bundle number 0 of `component-000`, used to measure the site build. It is *not* real data; see `component-000 --flag-000-ca-bundle`.',
  ]) {
    assert.ok(simpleInline(field), field);
    assert.deepEqual(inlineMarkdown(field), parsedInlineMarkdown(field));
  }
  for (const field of ['*a**b*', 'see www.example.com', '# heading', 'a `` b `` c', 'x <b>y</b>', 'a\\*b*']) assert.equal(simpleInline(field), undefined, field);
});
