/**
 * certdocs import: the upstream document imports faithfully (validation then
 * lists exactly upstream's inconsistencies), phrasing variants parse as the
 * format contract says (golden fixture folders), and the CLI behaves.
 * Update the golden files with UPDATE_GOLDEN=1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatNote, importMarkdown, tableKind } from '../scripts/import/index.ts';
import { inlineMarkdown } from '../scripts/import/inline.ts';
import { enhancementMarkdown, resourceForCell } from '../scripts/generate/enhancement.ts';
import { buildModel, filesFromDataSet } from '../scripts/model/model.ts';
import { toString } from 'mdast-util-to-string';
import { canonicalDataSet } from '../scripts/import/canonical.ts';
import { writeDataDir } from '../scripts/import/write.ts';
import { parseFlagCell } from '../scripts/import/flag-cell.ts';
import { parseResourceCell } from '../scripts/import/resource-cell.ts';
import { inferKind } from '../scripts/model/kind.ts';
import { parseMarkdown } from '../scripts/lib/markdown.ts';
import { validateDataDir } from '../scripts/validate/index.ts';
import type { Problem } from '../scripts/lib/problems.ts';
import type { ComponentFile, DataSet, Flag, Resource } from '../scripts/model/types.ts';
import type { PhrasingContent, Table } from 'mdast';
import { runCli } from './cli-helpers.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const UPSTREAM = path.join(ROOT, 'test/fixtures/upstream-kube-apiserver-certificates.md');
const FIXTURES = path.join(ROOT, 'test/fixtures/import');

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'certdocs-import-'));
}

function importUpstream() {
  return importMarkdown(readFileSync(UPSTREAM, 'utf8'), 'upstream.md');
}

function flagOf(ds: DataSet, component: string, name: string): Flag {
  const c = ds.components.find((x) => x.name === component);
  assert.ok(c, `component ${component} imported`);
  const f = c.flags.find((x) => x.name === name);
  assert.ok(f, `flag ${component} ${name} imported`);
  return f;
}

function resourceOf(ds: DataSet, ns: string, name: string): Resource {
  const n = ds.namespaces.find((x) => x.namespace === ns);
  assert.ok(n, `namespace ${ns} imported`);
  const r = n.resources.find((x) => x.name === name);
  assert.ok(r, `resource ${ns} ${name} imported`);
  return r;
}

/** The cells of the first row of a one-row table, for unit tests of the cell parsers. */
function cellNodes(markdown: string): PhrasingContent[][] {
  const root = parseMarkdown(`| a | b | c | d |\n|---|---|---|---|\n${markdown}\n`);
  const table = root.children[0] as Table;
  return table.children[1]!.children.map((c) => c.children);
}

// ---------------------------------------------------------------------------
// Upstream: validation of the import lists exactly upstream's inconsistencies.

interface Expected {
  code: string;
  file: string;
  line: number;
  pointer: string;
  /** Every string here must appear in the message. */
  mentions: string[];
}

const EXPECTED_UPSTREAM: Expected[] = [
  {
    code: 'one-sided-edge',
    file: 'components/kube-apiserver.json',
    line: 42,
    pointer: '/flags/5/verifiedBy/0/ref',
    mentions: ['`kube-apiserver --tls-sni-cert-key`', '`kube-controller-manager --root-ca-file`'],
  },
  {
    code: 'one-sided-edge',
    file: 'components/kube-apiserver.json',
    line: 78,
    pointer: '/flags/8/verifies/1/ref',
    mentions: ['`kube-apiserver --kubelet-certificate-authority`', '`kube-controller-manager --cluster-signing-cert-file`'],
  },
  {
    code: 'kind-mismatch',
    file: 'components/kube-controller-manager.json',
    line: 26,
    pointer: '/flags/3/verifiedBy/0/ref',
    mentions: ['`kube-apiserver --kubelet-client-certificate`', '`kube-controller-manager --cluster-signing-cert-file`'],
  },
  {
    code: 'malformed-ref',
    file: 'components/kubelet.json',
    line: 22,
    pointer: '/flags/1/verifiedBy/0/ref',
    mentions: ['`kubelet --tls-cert-file`', '`kube-apiserver--kubelet-certificate-authority`', '`kube-apiserver --kubelet-certificate-authority`'],
  },
  {
    code: 'malformed-ref',
    file: 'components/kubelet.json',
    line: 46,
    pointer: '/flags/4/interactsWith/0',
    mentions: ['`kubelet --rotate-server-certificates`', '`kube-apiserver--kubelet-certificate-authority`'],
  },
  {
    code: 'unknown-ref',
    file: 'namespaces/openshift-config-managed.json',
    line: 30,
    pointer: '/resources/2/feeds/0',
    mentions: ['cm/kube-apiserver-serving-ca', '`kube-controller-manager --root-ca`', '`kube-controller-manager --root-ca-file`'],
  },
  {
    code: 'invalid-name',
    file: 'namespaces/openshift-config-managed.json',
    line: 37,
    pointer: '/resources/3/name',
    mentions: ['"cm/ kube-apiserver-aggregator-ca"'],
  },
  {
    code: 'unknown-ref',
    file: 'namespaces/openshift-config-managed.json',
    line: 79,
    pointer: '/resources/6/feeds/0',
    mentions: ['secret/kube-controller-manager-client-cert-key', '`kube-controller-manager --kubeconfig`'],
  },
  {
    code: 'unknown-ref',
    file: 'namespaces/openshift-config-managed.json',
    line: 91,
    pointer: '/resources/7/feeds/0',
    mentions: ['secret/kube-scheduler-client-cert-key', '`kube-scheduler --kubeconfig`', 'kube-scheduler, which is not defined'],
  },
  {
    code: 'unknown-ref',
    file: 'namespaces/openshift-config.json',
    line: 21,
    pointer: '/resources/1/feeds/0',
    mentions: ['secret/etcd-client', '`kube-controller-manager --etcd-certfile`'],
  },
];

test('upstream: validating the import reports each inconsistency of upstream, and nothing else', () => {
  const dir = tempDir();
  try {
    writeDataDir(importUpstream().data, dir);
    const { problems } = validateDataDir(dir);
    const rel = (p: Problem) => path.relative(dir, path.resolve(p.file)).split(path.sep).join('/');
    for (const want of EXPECTED_UPSTREAM) {
      const hit = problems.find((p) => p.code === want.code && rel(p) === want.file && p.pointer === want.pointer);
      assert.ok(hit, `expected ${want.code} at ${want.file} ${want.pointer}; got:\n${problems.map((p) => `${p.code} ${rel(p)} ${p.pointer}`).join('\n')}`);
      assert.equal(hit.line, want.line, `${want.code} ${want.pointer} line`);
      for (const m of want.mentions) assert.ok(hit.message.includes(m), `${want.code} ${want.pointer}: message names ${m}: ${hit.message}`);
    }
    assert.equal(problems.length, EXPECTED_UPSTREAM.length, `exactly the expected problems:\n${problems.map((p) => `${p.code} ${rel(p)} ${p.pointer}: ${p.message}`).join('\n')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('upstream: the only import notes are the three empty rows of the kube-apiserver table', () => {
  const { notes } = importUpstream();
  assert.deepEqual(
    notes.map(formatNote),
    [71, 72, 73].map((line) => `upstream.md:${line}:1: import-note: empty row in the flag table of kube-apiserver; skipped`),
  );
});

test('upstream: rows parse into purposes, edges with conditions, qualifiers and consequences, interactions and kinds', () => {
  const { data } = importUpstream();
  assert.deepEqual(flagOf(data, 'kube-apiserver', '--tls-sni-cert-key'), {
    name: '--tls-sni-cert-key',
    kind: 'sni-cert-key',
    purpose: 'Special flag format to specify hostname-pattern,cert,key tuples to serve matching SNI requests.',
    verifiedBy: [{ ref: 'kube-controller-manager --root-ca-file', condition: 'used for kubernetes.default.service' }],
  });
  assert.deepEqual(flagOf(data, 'kube-apiserver', '--tls-cert-file').verifiedBy, [
    { ref: 'kube-controller-manager --root-ca-file', consequence: 'service must be handled with SNI' },
  ]);
  assert.deepEqual(flagOf(data, 'kube-apiserver', '--service-account-key-file').verifies, [
    { ref: 'kube-controller-manager --service-account-private-key-file', qualifier: 'for all keys you want to continue working' },
  ]);
  assert.deepEqual(flagOf(data, 'kube-apiserver', '--kubelet-certificate-authority'), {
    name: '--kubelet-certificate-authority',
    kind: 'ca-bundle',
    purpose: 'CA bundle used to verify kubelets for connections from KAS to kubelet. (Think logs,exec,etc).',
    verifies: [
      { ref: 'kubelet --tls-cert-file' },
      { ref: 'kube-controller-manager --cluster-signing-cert-file', consequence: '`kubelet --rotate-server-certificates` will fail' },
    ],
  });
  // "`a` and `b` or `c` will fail": both refs carry the consequence.
  assert.deepEqual(flagOf(data, 'kube-controller-manager', '--cluster-signing-cert-file').verifiedBy, [
    { ref: 'kube-apiserver --kubelet-client-certificate', consequence: '`kubelet --rotate-certificates` will fail' },
    { ref: 'kube-apiserver --client-ca-file', consequence: '`kubelet --rotate-certificates` will fail' },
  ]);
  // Malformed refs are kept as written.
  assert.deepEqual(flagOf(data, 'kubelet', '--rotate-server-certificates').interactsWith, [
    'kube-apiserver--kubelet-certificate-authority',
    'kube-controller-manager --cluster-signing-cert-file',
  ]);
  assert.equal(flagOf(data, 'kubelet', '--tls-cert-file').verifiedBy![0]!.ref, 'kube-apiserver--kubelet-certificate-authority');
  // Several sentences in the purpose; white space collapsed; no period at the end of the last sentence.
  assert.deepEqual(flagOf(data, 'kube-controller-manager', '--root-ca-file'), {
    name: '--root-ca-file',
    kind: 'ca-bundle',
    purpose:
      'CA bundle injected into ServiceAccount token secrets. It is only intended to be used to verify a connection to the kube-apiserver on the service network. All other uses are either wrong or coincidence.',
    verifies: [{ ref: 'kube-apiserver --tls-cert-file' }],
  });
  const kinds = Object.fromEntries(data.components.flatMap((c) => c.flags.map((f) => [`${c.name} ${f.name}`, f.kind])));
  assert.deepEqual(kinds, {
    'kube-apiserver --etcd-cafile': 'ca-bundle',
    'kube-apiserver --etcd-certfile': 'client-cert',
    'kube-apiserver --etcd-keyfile': 'client-key',
    'kube-apiserver --tls-cert-file': 'serving-cert',
    'kube-apiserver --tls-private-key-file': 'serving-key',
    'kube-apiserver --tls-sni-cert-key': 'sni-cert-key',
    'kube-apiserver --client-ca-file': 'ca-bundle',
    'kube-apiserver --requestheader-client-ca-file': 'ca-bundle',
    'kube-apiserver --kubelet-certificate-authority': 'ca-bundle',
    'kube-apiserver --kubelet-client-certificate': 'client-cert',
    'kube-apiserver --kubelet-client-key': 'client-key',
    'kube-apiserver --proxy-client-cert-file': 'client-cert',
    'kube-apiserver --proxy-client-key-file': 'client-key',
    'kube-apiserver --service-account-key-file': 'token-verifying-keys',
    'kubelet --client-ca-file': 'ca-bundle',
    'kubelet --tls-cert-file': 'serving-cert',
    'kubelet --tls-private-key-file': 'serving-key',
    'kubelet --rotate-certificates': 'rotation-toggle',
    'kubelet --rotate-server-certificates': 'rotation-toggle',
    'kube-controller-manager --client-ca-file': 'ca-bundle',
    'kube-controller-manager --tls-cert-file': 'serving-cert',
    'kube-controller-manager --tls-private-key-file': 'serving-key',
    'kube-controller-manager --cluster-signing-cert-file': 'signing-cert',
    'kube-controller-manager --cluster-signing-key-file': 'signing-key',
    'kube-controller-manager --requestheader-client-ca-file': 'ca-bundle',
    'kube-controller-manager --root-ca-file': 'ca-bundle',
    'kube-controller-manager --service-account-private-key-file': 'token-signing-key',
  });
});

test('upstream: resources carry feeds, inputTo, producers and consumers; names stay as written', () => {
  const { data } = importUpstream();
  assert.deepEqual(resourceOf(data, 'openshift-config-managed', 'cm/csr-controller-ca'), {
    name: 'cm/csr-controller-ca',
    feeds: ['kube-apiserver --kubelet-certificate-authority'],
    inputTo: ['cm/kube-apiserver-client-ca'],
    producers: ['kube-controller-manager-operator'],
    consumers: ['kube-apiserver'],
  });
  assert.deepEqual(resourceOf(data, 'openshift-config-managed', 'cm/kubelet-serving-ca'), {
    name: 'cm/kubelet-serving-ca',
    feeds: ['kube-apiserver --kubelet-certificate-authority'],
    producers: ['kube-apiserver-operator'],
  });
  assert.ok(resourceOf(data, 'openshift-config-managed', 'cm/ kube-apiserver-aggregator-ca'));
  assert.deepEqual(resourceOf(data, 'openshift-config', 'secret/etcd-client').consumers, ['kube-apiserver', 'openshift-apiserver']);
  assert.deepEqual(
    data.actors.actors.map((a) => a.name),
    ['installer', 'kube-apiserver', 'kube-apiserver-operator', 'kube-controller-manager', 'kube-controller-manager-operator', 'kube-scheduler', 'openshift-apiserver'],
  );
  assert.ok(data.actors.actors.every((a) => Object.keys(a).join() === 'name'));
});

test('upstream: front matter and sections', () => {
  const { data } = importUpstream();
  const doc = data.document!;
  assert.deepEqual(doc.frontMatter, {
    title: 'kube-apiserver-certificates',
    authors: ['@deads2k'],
    reviewers: ['@sttts'],
    approvers: ['@deads2k'],
    'creation-date': '2019-09-27',
    'last-updated': '2019-09-27',
    status: 'implemented',
    'see-also': null,
    replaces: null,
    'superseded-by': null,
  });
  assert.equal(doc.sections.length, 19);
  assert.deepEqual(doc.sections[0], {
    depth: 1,
    title: 'kube-apiserver Certificates',
    body: 'This is documentation about the certificates that Kubernetes has and how the certificates\nfor the kube-apiserver in particular are managed.',
  });
  assert.deepEqual(doc.sections[7], {
    depth: 3,
    title: 'TLS related flags for individual binaries',
    generated: 'components',
    order: ['kube-apiserver', 'kubelet', 'kube-controller-manager'],
  });
  const ns = doc.sections[8]!;
  assert.equal(ns.title, 'What is exposed by operators?');
  assert.equal(ns.generated, 'namespaces');
  assert.deepEqual(ns.order, ['openshift-config-managed', 'openshift-config']);
  assert.match(ns.body!, /^Resources in `openshift-config` and `openshift-config-managed` are soft API contracts/);
  assert.deepEqual(doc.sections[4], { depth: 3, title: 'Goals' });
  // Component sub-sections are data, not sections.
  assert.ok(!doc.sections.some((s) => s.title === 'kubelet' || s.title === 'openshift-config'));
});

// ---------------------------------------------------------------------------
// Cell parsers and kind inference.

test('flag cell: canonical phrasing of each sentence form', () => {
  const [, cell] = cellNodes(
    '| `--x` | Purpose with `inline code`. If `c --d` is set, must be able to verify `a --b` and `c --d` for now or `e --f` will fail. Must be able to verify `g --h`. Must be verifiable by `i --j`, `k --l` and `m --n`. This interacts with `o --p`. | | |',
  );
  const parsed = parseFlagCell(cell!);
  assert.deepEqual(parsed, {
    purpose: 'Purpose with `inline code`.',
    verifies: [
      { ref: 'a --b', condition: '`c --d` is set', qualifier: 'for now', consequence: '`e --f` will fail' },
      { ref: 'c --d', condition: '`c --d` is set', qualifier: 'for now', consequence: '`e --f` will fail' },
      { ref: 'g --h' },
    ],
    verifiedBy: [{ ref: 'i --j' }, { ref: 'k --l' }, { ref: 'm --n' }],
    interactsWith: ['o --p'],
    problems: [],
  });
});

test('flag cell: text after a sentence is kept in the purpose and reported', () => {
  const [, cell] = cellNodes('| `--x` | CA bundle. Must be able to verify `a --b`. See the docs. | | |');
  const parsed = parseFlagCell(cell!);
  assert.equal(parsed.purpose, 'CA bundle. See the docs.');
  assert.deepEqual(parsed.verifies, [{ ref: 'a --b' }]);
  assert.equal(parsed.problems.length, 1);
  assert.match(parsed.problems[0]!, /See the docs/);
});

test('flag cell: a purpose starting with "If" and no final period does not swallow the next condition', () => {
  const [, cell] = cellNodes('| `--x` | If true, rotate things If used for kubernetes.default.service, must be able to verify `a --b`. | | |');
  const parsed = parseFlagCell(cell!);
  assert.equal(parsed.purpose, 'If true, rotate things');
  assert.deepEqual(parsed.verifies, [{ ref: 'a --b', condition: 'used for kubernetes.default.service' }]);
});

test('resource cell: feeds, input to, purpose', () => {
  const [, a] = cellNodes('| r | `a --b` and `c --d` and input to cm/x and ns cm/y. Holds *it*. | | |');
  assert.deepEqual(parseResourceCell(a!), { feeds: ['a --b', 'c --d'], publishes: [], inputTo: ['cm/x', 'ns cm/y'], purpose: 'Holds _it_.', problems: [] });
  const [, b] = cellNodes('| r | Just a purpose. | | |');
  assert.deepEqual(parseResourceCell(b!), { feeds: [], publishes: [], inputTo: [], purpose: 'Just a purpose.', problems: [] });
  const [, c] = cellNodes('| r | `a --b` then words | | |');
  const odd = parseResourceCell(c!);
  assert.equal(odd.purpose, '`a --b` then words');
  assert.deepEqual(odd.feeds, ['a --b']);
  assert.equal(odd.problems.length, 1);
  assert.match(odd.problems[0]!, /read as free text: feeds `a --b`; the whole cell is kept as the purpose/);
});

test('resource cell: "published copy of" reads into publishes, and generate writes it back', () => {
  const [, a] = cellNodes('| r | `a --b`, published copy of `c --d` and input to cm/x. Holds it. | | |');
  assert.deepEqual(parseResourceCell(a!), { feeds: ['a --b'], publishes: ['c --d'], inputTo: ['cm/x'], purpose: 'Holds it.', problems: [] });
  const [, only] = cellNodes('| r | published copy of `c --d`. A copy. | | |');
  assert.deepEqual(parseResourceCell(only!), { feeds: [], publishes: ['c --d'], inputTo: [], purpose: 'A copy.', problems: [] });
  // Not a flag: the phrase is words, read as free text.
  const [, words] = cellNodes('| r | published copy of `/etc/x.crt`. A copy. | | |');
  assert.deepEqual(parseResourceCell(words!).publishes, []);
  const resource = { name: 'cm/r', feeds: ['a --b'], publishes: ['c --d', 'e --f'], inputTo: ['cm/x'], purpose: 'Holds it.' };
  const cell = resourceForCell(resource);
  assert.deepEqual(parseResourceCell(cell), { feeds: ['a --b'], publishes: ['c --d', 'e --f'], inputTo: ['cm/x'], purpose: 'Holds it.', problems: [] });
});

test('resource cell: references are read wherever they stand in free text', () => {
  const read = (cell: string) => {
    const [, nodes] = cellNodes(`| r | ${cell} | | |`);
    const { problems, ...rest } = parseResourceCell(nodes!);
    return { ...rest, problems: problems.length };
  };
  // Words after the reference.
  assert.deepEqual(read('`kubelet --client-ca-file` on every node, mounted from the machine config'), {
    feeds: ['kubelet --client-ca-file'],
    publishes: [],
    inputTo: [],
    purpose: '`kubelet --client-ca-file` on every node, mounted from the machine config',
    problems: 1,
  });
  // A list of references, then words.
  assert.deepEqual(read('`a --b` and `a --c`, copied to each master').feeds, ['a --b', 'a --c']);
  // References in the middle, inside emphasis, and repeated.
  assert.deepEqual(read('Mounted for `a --b` and *`c --d`*, and again for `a --b`').feeds, ['a --b', 'c --d']);
  // "input to" in the middle, in words and in code, with a namespace.
  assert.deepEqual(read('Merged by the operator, then input to ns cm/x and `secret/y` for `a --b`'), {
    feeds: ['a --b'],
    publishes: [],
    inputTo: ['ns cm/x', 'secret/y'],
    purpose: 'Merged by the operator, then input to ns cm/x and `secret/y` for `a --b`',
    problems: 1,
  });
  // A canonical "input to" list whose items are not all references is free text.
  assert.deepEqual(read('`a --b` and input to cm/x, copied to each master'), {
    feeds: ['a --b'],
    publishes: [],
    inputTo: ['cm/x'],
    purpose: '`a --b` and input to cm/x, copied to each master',
    problems: 1,
  });
  // References in the purpose of a canonical cell count too, once.
  assert.deepEqual(read('`a --b`. Also read by `c --d` and `a --b`.'), {
    feeds: ['a --b', 'c --d'],
    publishes: [],
    inputTo: [],
    purpose: 'Also read by `c --d` and `a --b`.',
    problems: 1,
  });
  // A typo'd flag reference is still read, so that validation reports it.
  assert.deepEqual(read('Mounted for `kube-apiserver--client-ca-file` on masters').feeds, ['kube-apiserver--client-ca-file']);
});

test('resource cell: what is not a flag reference stays text, with a note saying why', () => {
  const [, a] = cellNodes('| r | `/etc/kubernetes/ca.crt` on every node | | |');
  const path = parseResourceCell(a!);
  assert.deepEqual([path.feeds, path.inputTo, path.purpose], [[], [], '`/etc/kubernetes/ca.crt` on every node']);
  assert.ok(path.problems.some((p) => /`\/etc\/kubernetes\/ca\.crt` is neither a flag reference .* nor a resource reference .*; it stays text/.test(p)), path.problems.join('\n'));
  // A lone path: not a feed, although it stands where the canonical list would.
  const [, b] = cellNodes('| r | `/etc/kubernetes/ca.crt` | | |');
  assert.deepEqual(parseResourceCell(b!).feeds, []);
  const [, c] = cellNodes('| r | `kubelet --client-ca-file` and `--tls-cert-file=/x`, copied to cm/y | | |');
  const mixed = parseResourceCell(c!);
  assert.deepEqual(mixed.feeds, ['kubelet --client-ca-file']);
  assert.deepEqual(mixed.inputTo, []);
  assert.ok(mixed.problems.some((p) => p.startsWith('`--tls-cert-file=/x` is neither')), mixed.problems.join('\n'));
  assert.ok(mixed.problems.some((p) => /copied to cm\/y; the data has no relation for copies/.test(p)), mixed.problems.join('\n'));
  const [, d] = cellNodes('| r | Read by `--client-ca-file`, merged into `cm/z` and secret/w | | |');
  const bare = parseResourceCell(d!);
  assert.deepEqual([bare.feeds, bare.inputTo], [[], []]);
  assert.deepEqual(bare.problems.slice().sort(), [
    '`--client-ca-file` names a flag without its component (write "<component> <--flag>" to record it); it stays text',
    'resource `cm/z` is named outside "input to"; it stays text, not a relation (write "input to cm/z" if it is one)',
    'resource secret/w is named outside "input to"; it stays text, not a relation (write "input to secret/w" if it is one)',
  ]);
  // A note shows control characters escaped (it is printed to a terminal).
  const [, f] = cellNodes('| r | Read by `\u001b[2J--x` | | |');
  assert.deepEqual(parseResourceCell(f!).problems, ['`\\u001b[2J--x` is neither a flag reference ("<component> <--flag>") nor a resource reference ("cm/<name>", "secret/<name>"); it stays text']);
  // Code that does not look like a reference is just text: no note.
  const [, e] = cellNodes('| r | Set `true` here | | |');
  assert.deepEqual(parseResourceCell(e!).problems, []);
});

test('kind inference: opening words, phrases, then the flag name as a reported guess', () => {
  assert.deepEqual(inferKind('CA bundle used to verify tokens', '--x'), { kind: 'ca-bundle', certain: true });
  assert.deepEqual(inferKind('Serving cert used to serve requests not matching SNI.', '--x'), { kind: 'serving-cert', certain: true });
  assert.deepEqual(inferKind('Special flag format to specify hostname-pattern,cert,key tuples', '--x'), { kind: 'sni-cert-key', certain: true });
  assert.deepEqual(inferKind('RSA keys used to verify ServiceAccount tokens.', '--x'), { kind: 'token-verifying-keys', certain: true });
  assert.deepEqual(inferKind('RSA key used to sign ServiceAccount tokens.', '--x'), { kind: 'token-signing-key', certain: true });
  assert.deepEqual(inferKind('If true, get client cert/key pairs from the CSR API.', '--x'), { kind: 'rotation-toggle', certain: true });
  assert.deepEqual(inferKind('Kubeconfig holding the client cert/key and the CA bundle.', '--x'), { kind: 'kubeconfig', certain: true });
  assert.deepEqual(inferKind('Something else', '--foo-key-file'), { kind: 'serving-key', certain: false });
});

// ---------------------------------------------------------------------------
// Golden fixture folders: test/fixtures/import/<case>/{input.md,expected.json}.

for (const name of readdirSync(FIXTURES).sort()) {
  const dir = path.join(FIXTURES, name);
  test(`fixture ${name}: import matches expected.json`, () => {
    const { data, notes } = importMarkdown(readFileSync(path.join(dir, 'input.md'), 'utf8'), 'input.md');
    const actual = `${JSON.stringify({ data: canonicalDataSet(data), notes: notes.map(formatNote) }, null, 2)}\n`;
    const expectedFile = path.join(dir, 'expected.json');
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(expectedFile, actual);
    assert.ok(existsSync(expectedFile), `${expectedFile} missing; run with UPDATE_GOLDEN=1`);
    assert.equal(actual, readFileSync(expectedFile, 'utf8'));
  });
}

// ---------------------------------------------------------------------------
// Free-form resource cells (fixture free-form): every reference is validated,
// and generate → import is a fixed point.

const FREE_FORM = path.join(FIXTURES, 'free-form/input.md');

function importFreeForm() {
  return importMarkdown(readFileSync(FREE_FORM, 'utf8'), 'input.md');
}

/** The "What’s it for" cell of every resource row, by "<namespace> <resource>", as markdown. */
function resourceCells(markdown: string): Map<string, string> {
  const cells = new Map<string, string>();
  let namespace = '';
  for (const node of parseMarkdown(markdown).children) {
    if (node.type === 'heading') namespace = toString(node);
    if (node.type !== 'table' || tableKind(node) !== 'resources') continue;
    for (const row of node.children.slice(1)) cells.set(`${namespace} ${toString(row.children[0]!)}`, inlineMarkdown(row.children[1]!.children));
  }
  return cells;
}

function generateFrom(data: DataSet): string {
  return enhancementMarkdown(buildModel(filesFromDataSet(data)), []);
}

test('free-form cells: an unknown component named inside a free-form cell is an unknown-ref at that feeds entry; the note gives the cell\'s line', async () => {
  const { data, notes } = importFreeForm();
  const cellLine = readFileSync(FREE_FORM, 'utf8').split('\n').findIndex((l) => l.startsWith('| cm/scheduler-ca |')) + 1;
  assert.ok(cellLine > 0);
  assert.ok(
    notes.some((n) => n.line === cellLine && n.column === 1 && n.message.includes('read as free text: feeds `kube-scheduler --client-ca-file`')),
    notes.map(formatNote).join('\n'),
  );
  const dir = tempDir();
  try {
    writeDataDir(data, dir);
    const { problems } = validateDataDir(dir);
    assert.deepEqual(
      problems.map((p) => [p.code, path.relative(dir, path.resolve(p.file)).split(path.sep).join('/'), p.pointer]),
      [['unknown-ref', 'namespaces/openshift-config-managed.json', '/resources/6/feeds/0']],
      problems.map((p) => `${p.code} ${p.pointer}: ${p.message}`).join('\n'),
    );
    const [problem] = problems;
    assert.match(problem!.message, /`kube-scheduler --client-ca-file`/);
    // The line and column of the feeds entry written for that cell.
    const lines = readFileSync(path.join(dir, 'namespaces/openshift-config-managed.json'), 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('"kube-scheduler --client-ca-file"'));
    assert.deepEqual([problem!.line, problem!.column], [at + 1, lines[at]!.indexOf('"') + 1]);
    // The same through the CLI: one line, exit 1.
    const v = await runCli(['validate', '--data', dir], { cwd: ROOT });
    assert.equal(v.status, 1);
    assert.match(v.stdout + v.stderr, new RegExp(`openshift-config-managed\\.json:${at + 1}:${lines[at]!.indexOf('"') + 1}: unknown-ref: .*kube-scheduler --client-ca-file`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('free-form cells: generate writes every cell back as it was written, and import → generate → import is a fixed point', () => {
  const first = importFreeForm();
  const text = generateFrom(first.data);
  const written = resourceCells(readFileSync(FREE_FORM, 'utf8'));
  const generated = resourceCells(text);
  assert.equal(written.size, 9);
  assert.deepEqual([...generated], [...written]);
  const second = importMarkdown(text, 'generated.md');
  assert.deepEqual(canonicalDataSet(second.data).namespaces, canonicalDataSet(first.data).namespaces);
  assert.equal(generateFrom(second.data), text);
  // Each note is given again, at the generated row: the reading is stable.
  const messages = (ns: typeof first.notes) => ns.map((n) => n.message).sort();
  assert.deepEqual(messages(second.notes), messages(first.notes));
});

test('free-form cells: a purpose that states a feed is not preceded by a list that states it again, unless the shorter cell would read differently', () => {
  const row = (resource: Resource) => resourceForCell(resource);
  const md = (nodes: PhrasingContent[]) => inlineMarkdown(nodes);
  assert.equal(md(row({ name: 'cm/a', feeds: ['a --b'], purpose: '`a --b` on every node' })), '`a --b` on every node');
  assert.equal(md(row({ name: 'cm/a', feeds: ['a --b', 'c --d'], purpose: 'Also read by `c --d`.' })), '`a --b`. Also read by `c --d`.');
  assert.equal(md(row({ name: 'cm/a', inputTo: ['cm/x'], purpose: 'Merged, then input to cm/x' })), 'Merged, then input to cm/x');
  // Alone, "`a --b`" would read as the reference list with no purpose; "`a --b`. `a --b`" reads back right.
  assert.equal(md(row({ name: 'cm/a', feeds: ['a --b'], purpose: '`a --b`' })), '`a --b`. `a --b`');
  // Order matters: the list keeps the data order when the purpose states the feeds in another.
  assert.equal(md(row({ name: 'cm/a', feeds: ['c --d', 'a --b'], purpose: 'For `a --b` and `c --d`' })), '`c --d` and `a --b`. For `a --b` and `c --d`');
});

// ---------------------------------------------------------------------------
// CLI.

async function cli(args: string[], cwd = ROOT) {
  return runCli(args, { cwd });
}

test('cli: import writes the data folder with schemas, prints notes, and removes stale files', async () => {
  const out = tempDir();
  try {
    mkdirSync(path.join(out, 'components'), { recursive: true });
    writeFileSync(path.join(out, 'components', 'stale.json'), '{}\n');
    // Without --replace a stale file is an error and nothing is written.
    const refused = await cli(['import', 'test/fixtures/upstream-kube-apiserver-certificates.md', '--out', out]);
    assert.equal(refused.status, 2, refused.stderr);
    assert.match(refused.stderr, /^certdocs import: \S+ already holds a data file the document does not produce \(\S+stale\.json\); pass --replace to remove them, or import into an empty folder\. Nothing was written\n$/);
    assert.deepEqual(readdirSync(out), ['components']);
    const r = await cli(['import', 'test/fixtures/upstream-kube-apiserver-certificates.md', '--out', out, '--replace']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^test\/fixtures\/upstream-kube-apiserver-certificates\.md:71:1: import-note: empty row/m);
    assert.match(r.stderr, /imported 3 components \(27 flags\), 2 namespaces \(10 resources\), 7 actors/);
    assert.ok(!existsSync(path.join(out, 'components', 'stale.json')));
    assert.deepEqual(readdirSync(path.join(out, 'components')).sort(), ['kube-apiserver.json', 'kube-controller-manager.json', 'kubelet.json']);
    assert.deepEqual(readdirSync(path.join(out, 'schemas')).sort(), readdirSync(path.join(ROOT, 'data/schemas')).filter((n) => n.endsWith('.json')).sort());
    const comp = JSON.parse(readFileSync(path.join(out, 'components', 'kubelet.json'), 'utf8')) as ComponentFile;
    assert.equal(comp.$schema, '../schemas/component.schema.json');
    assert.ok(existsSync(path.resolve(out, 'components', comp.$schema!)));
    const doc = JSON.parse(readFileSync(path.join(out, 'document.json'), 'utf8')) as { $schema: string };
    assert.ok(existsSync(path.resolve(out, doc.$schema)));
    // Validation of the folder fails with upstream's problems (exit 1).
    const v = await cli(['validate', '--data', out, '--format', 'json']);
    assert.equal(v.status, 1);
    assert.equal((JSON.parse(v.stdout) as unknown[]).length, EXPECTED_UPSTREAM.length);
    // Importing again changes nothing.
    const again = await cli(['import', 'test/fixtures/upstream-kube-apiserver-certificates.md', '--out', out, '--quiet']);
    assert.equal(again.status, 0);
    assert.equal(again.stderr, '');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('cli: clean one-line errors for a missing file, a non-enhancement and usage mistakes', async () => {
  const out = tempDir();
  try {
    const missing = await cli(['import', 'no/such.md', '--out', out]);
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, 'certdocs import: no/such.md does not exist; pass the path of an enhancement markdown file\n');
    const notes = path.join(out, 'notes.md');
    writeFileSync(notes, '# Just notes\n\nNo tables here.\n');
    const notEnh = await cli(['import', notes, '--out', path.join(out, 'data')]);
    assert.equal(notEnh.status, 1);
    assert.match(notEnh.stderr, /^certdocs import: .*notes\.md is not an enhancement: it has no "\| Flag \| What’s it for \|" table/);
    assert.equal(notEnh.stderr.split('\n').length, 2);
    assert.ok(!existsSync(path.join(out, 'data')), 'nothing written');
    const noOut = await cli(['import', 'test/fixtures/upstream-kube-apiserver-certificates.md']);
    assert.equal(noOut.status, 2);
    assert.match(noOut.stderr, /--out DIR is required/);
    const help = await cli(['import', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: certdocs import <enhancement\.md> --out DIR/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
