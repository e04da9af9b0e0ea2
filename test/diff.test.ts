import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { diffRevisions } from '../scripts/review/diff-revisions.ts';
import { diffMarkdown } from '../scripts/review/diff-markdown.ts';
import { isEmptyDiff, type DataDiff } from '../scripts/review/semantic-diff.ts';
import { UserError } from '../scripts/lib/problems.ts';
import type { ComponentFile } from '../scripts/model/types.ts';
import { dataSet, writeDataSet } from './review-helpers.ts';
import { runCli } from './cli-helpers.ts';


/** A temporary git repository with the synthetic data committed; removed after `body`. */
async function withRepo(body: (repo: string) => void | Promise<void>): Promise<void> {
  const repo = mkdtempSync(path.join(tmpdir(), 'certdocs-diff-'));
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
    git('init', '-q');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'test');
    git('config', 'commit.gpgsign', 'false');
    writeDataSet(path.join(repo, 'data'), dataSet());
    writeFileSync(path.join(repo, 'README.md'), 'not data\n');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    await body(repo);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

function commit(repo: string, message: string): void {
  execFileSync('git', ['add', '-A'], { cwd: repo });
  execFileSync('git', ['commit', '-q', '-m', message], { cwd: repo });
}

/** Edit one component file of the repository's working tree in place. */
function editComponent(repo: string, name: string, edit: (c: ComponentFile) => void): void {
  const file = path.join(repo, 'data', 'components', `${name}.json`);
  const c = JSON.parse(readFileSync(file, 'utf8')) as ComponentFile;
  edit(c);
  writeFileSync(file, `${JSON.stringify(c, null, 2)}\n`);
}

const flag = (c: ComponentFile, name: string) => c.flags.find((f) => f.name === name)!;

/** Every part of the report that is not listed must be empty. */
function assertOnly(d: DataDiff, expected: Partial<Pick<DataDiff, 'flags' | 'edges' | 'resources' | 'components' | 'problems'>>): void {
  const empty = { added: [], removed: [], changed: [] };
  assert.deepEqual(
    {
      components: d.components,
      flags: d.flags,
      namespaces: d.namespaces,
      resources: d.resources,
      actors: d.actors,
      document: d.document,
      edges: d.edges,
      problems: d.problems,
      unavailable: d.unavailable,
    },
    {
      components: empty,
      flags: empty,
      namespaces: empty,
      resources: empty,
      actors: empty,
      document: empty,
      edges: empty,
      problems: { introduced: [], fixed: [] },
      unavailable: [],
      ...expected,
    },
  );
}

test('a purpose change in the working tree is the only change reported', async () => {
  await withRepo(async (repo) => {
    assert.ok(isEmptyDiff(diffRevisions({ base: 'HEAD', cwd: repo })));
    editComponent(repo, 'kube-apiserver', (c) => (flag(c, '--client-ca-file').purpose = 'CA bundle used to verify client certificates of every user.'));
    const d = diffRevisions({ base: 'HEAD', cwd: repo });
    assert.equal(d.head, 'working tree');
    assertOnly(d, {
      flags: {
        added: [],
        removed: [],
        changed: [
          {
            ref: 'kube-apiserver --client-ca-file',
            changes: [{ field: 'purpose', type: 'value', before: 'CA bundle used to verify client certificates.', after: 'CA bundle used to verify client certificates of every user.' }],
          },
        ],
      },
    });
    const md = diffMarkdown(d);
    assert.match(md, /^## Data changes: `HEAD` → `working tree`\n\n1 flag changed\.\n\n### Flags\n\n- changes `kube-apiserver --client-ca-file`:\n {2}- purpose:\n {4}- before: CA bundle used to verify client certificates\.\n {4}- after: CA bundle used to verify client certificates of every user\.\n$/);
  });
});

test('an edge changed the same way on both flags is one edge change, between two commits', async () => {
  await withRepo(async (repo) => {
    const text = 'kubelets can no longer renew their client certificates';
    editComponent(repo, 'kube-apiserver', (c) => (flag(c, '--client-ca-file').verifies![0]!.consequence = text));
    editComponent(repo, 'kube-controller-manager', (c) => (flag(c, '--cluster-signing-cert-file').verifiedBy![0]!.consequence = text));
    commit(repo, 'reword');
    const d = diffRevisions({ base: 'HEAD~1', head: 'HEAD', cwd: repo });
    assert.equal(d.base, 'HEAD~1');
    assert.equal(d.head, 'HEAD');
    assertOnly(d, {
      edges: {
        added: [],
        removed: [],
        changed: [
          {
            verifier: 'kube-apiserver --client-ca-file',
            verified: 'kube-controller-manager --cluster-signing-cert-file',
            changes: [{ field: 'consequence', type: 'value', before: '`kubelet --rotate-certificates` will fail', after: text }],
          },
        ],
      },
    });
    assert.match(diffMarkdown(d), /- changes the edge `kube-apiserver --client-ca-file` → `kube-controller-manager --cluster-signing-cert-file`:\n {2}- consequence:\n {4}- before: `kubelet --rotate-certificates` will fail\n {4}- after: kubelets can no longer renew/);
  });
});

test('a change on one side only is attributed to that flag and reported with the problem it introduces', async () => {
  await withRepo(async (repo) => {
    editComponent(repo, 'kube-controller-manager', (c) => (flag(c, '--cluster-signing-cert-file').verifiedBy![0]!.condition = 'kubelets rotate client certificates'));
    const d = diffRevisions({ base: 'HEAD', cwd: repo });
    assert.deepEqual(d.edges.changed[0]!.changes, [
      { field: 'condition on kube-controller-manager --cluster-signing-cert-file', type: 'value', after: 'kubelets rotate client certificates' },
    ]);
    assert.deepEqual(
      d.problems.introduced.map((p) => p.code),
      ['edge-condition-mismatch'],
    );
    assert.match(d.problems.introduced[0]!.at, /^data\/components\/kube-controller-manager\.json:\d+:\d+$/);
    assert.deepEqual(d.problems.fixed, []);
  });
});

test('added and removed flags and edges', async () => {
  await withRepo(async (repo) => {
    editComponent(repo, 'kube-apiserver', (c) => {
      flag(c, '--client-ca-file').verifies = [];
      c.flags.push({ name: '--requestheader-client-ca-file', kind: 'ca-bundle', purpose: 'CA bundle used to verify front proxies.' });
    });
    editComponent(repo, 'kube-controller-manager', (c) => {
      const f = flag(c, '--cluster-signing-cert-file');
      f.verifiedBy = f.verifiedBy!.filter((e) => e.ref !== 'kube-apiserver --client-ca-file');
    });
    editComponent(repo, 'kubelet', (c) => (c.flags = c.flags.filter((f) => f.name !== '--tls-cert-file')));
    editComponent(repo, 'kube-apiserver', (c) => {
      const f = flag(c, '--kubelet-certificate-authority');
      f.verifies = f.verifies!.filter((e) => e.ref !== 'kubelet --tls-cert-file');
    });
    const d = diffRevisions({ base: 'HEAD', cwd: repo });
    assert.deepEqual(d.flags.added, [{ ref: 'kube-apiserver --requestheader-client-ca-file', summary: 'CA bundle: CA bundle used to verify front proxies.' }]);
    assert.deepEqual(d.flags.removed.map((r) => r.ref), ['kubelet --tls-cert-file']);
    assert.deepEqual(d.flags.changed, []);
    assert.deepEqual(
      d.edges.removed.map((e) => `${e.verifier} → ${e.verified}`),
      ['kube-apiserver --client-ca-file → kube-controller-manager --cluster-signing-cert-file', 'kube-apiserver --kubelet-certificate-authority → kubelet --tls-cert-file'],
    );
    assert.deepEqual(d.edges.added, []);
    assert.deepEqual(d.edges.changed, []);
    assert.deepEqual(d.components.changed, []);
    assert.deepEqual(d.problems, { introduced: [], fixed: [] });
    const md = diffMarkdown(d);
    assert.match(md, /- removes the edge `kube-apiserver --client-ca-file` → `kube-controller-manager --cluster-signing-cert-file`\n/);
    assert.match(md, /- adds `kube-apiserver --requestheader-client-ca-file`: CA bundle: CA bundle used to verify front proxies\.\n/);
    assert.match(md, /- removes `kubelet --tls-cert-file`\n/);
  });
});

test('a problem that only moves to another line is neither introduced nor fixed; a fixed one is reported', async () => {
  await withRepo(async (repo) => {
    // Commit a one-sided edge.
    editComponent(repo, 'kube-apiserver', (c) => (flag(c, '--client-ca-file').verifies = []));
    commit(repo, 'one-sided');
    // Move it down a few lines by adding a flag above it: same problem, other line.
    editComponent(repo, 'kube-controller-manager', (c) =>
      c.flags.unshift({ name: '--root-ca-file', kind: 'ca-bundle', purpose: 'CA bundle used as the root CA for service account tokens.' }),
    );
    const moved = diffRevisions({ base: 'HEAD', cwd: repo });
    assert.deepEqual(moved.problems, { introduced: [], fixed: [] });
    assert.deepEqual(moved.flags.added.map((a) => a.ref), ['kube-controller-manager --root-ca-file']);
    // Fixing the edge in the working tree: the problem is fixed and the edge side reappears.
    editComponent(repo, 'kube-apiserver', (c) => (flag(c, '--client-ca-file').verifies = [{ ref: 'kube-controller-manager --cluster-signing-cert-file' }]));
    const fixed = diffRevisions({ base: 'HEAD', cwd: repo });
    assert.deepEqual(fixed.problems.fixed.map((p) => p.code), ['one-sided-edge']);
    assert.deepEqual(fixed.problems.introduced, []);
    assert.deepEqual(fixed.edges.changed[0]!.changes, [{ field: 'written on', type: 'list', added: ['kube-apiserver --client-ca-file'], removed: [] }]);
  });
});

test('resource fields compare resolved references: "cm/x" and "<ns> cm/x" are the same', async () => {
  await withRepo(async (repo) => {
    const file = path.join(repo, 'data', 'namespaces', 'openshift-config-managed.json');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before.replace('"cm/kube-apiserver-client-ca"\n', '"openshift-config-managed cm/kube-apiserver-client-ca"\n'));
    assert.notEqual(readFileSync(file, 'utf8'), before);
    assert.ok(isEmptyDiff(diffRevisions({ base: 'HEAD', cwd: repo })));
  });
});

test('bad revision and outside a repository exit 2 with a clear message; the CLI prints markdown or json', async () => {
  await withRepo(async (repo) => {
    assert.throws(
      () => diffRevisions({ base: 'no-such-branch', cwd: repo }),
      (e: unknown) => e instanceof UserError && e.exitCode === 2 && /unknown revision "no-such-branch"/.test(e.message),
    );
    const cli = (cwd: string, ...args: string[]) => runCli(['diff', ...args], { cwd });
    const bad = await cli(repo, 'origin/main');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^certdocs diff: unknown revision "origin\/main".*fetch/);
    assert.equal(bad.stdout, '');

    const outside = mkdtempSync(path.join(tmpdir(), 'certdocs-nogit-'));
    try {
      const r = await cli(outside, 'HEAD');
      assert.equal(r.status, 2);
      assert.match(r.stderr, /is not inside a git repository/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }

    const usage = await cli(repo);
    assert.equal(usage.status, 2);

    editComponent(repo, 'kubelet', (c) => (flag(c, '--rotate-certificates').owner = 'node team'));
    const md = await cli(repo, 'HEAD');
    assert.equal(md.status, 0, md.stderr);
    assert.match(md.stdout, /- owner set to: node team/);
    const json = await cli(repo, 'HEAD', '--format', 'json');
    assert.equal(json.status, 0);
    assert.deepEqual((JSON.parse(json.stdout) as DataDiff).flags.changed, [
      { ref: 'kubelet --rotate-certificates', changes: [{ field: 'owner', type: 'value', after: 'node team' }] },
    ]);
  });
});
