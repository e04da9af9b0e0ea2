/**
 * The committed data in data/: validates clean, every must-verify edge is
 * written on both flags (checked directly over the files), and every file is
 * in the canonical form the importer writes (so import(generate(data)) can
 * give the data back byte for byte).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateDataDir } from '../scripts/validate/index.ts';
import { dataSetFiles } from '../scripts/import/canonical.ts';
import { inferKind } from '../scripts/import/kind.ts';
import { importMarkdown } from '../scripts/import/index.ts';
import type { ActorsFile, ComponentFile, DataSet, DocumentFile, Edge, NamespaceFile } from '../scripts/model/types.ts';
import { FLAG_KINDS } from '../scripts/model/types.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.join(ROOT, 'data');

function readJson<T>(rel: string): T {
  return JSON.parse(readFileSync(path.join(DATA, rel), 'utf8')) as T;
}

function jsonFiles(sub: string): string[] {
  return readdirSync(path.join(DATA, sub))
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => `${sub}/${n}`);
}

function loadData(): DataSet {
  return {
    components: jsonFiles('components').map((f) => readJson<ComponentFile>(f)),
    namespaces: jsonFiles('namespaces').map((f) => readJson<NamespaceFile>(f)),
    actors: readJson<ActorsFile>('actors.json'),
    document: readJson<DocumentFile>('document.json'),
  };
}

test('data/ validates clean', () => {
  const { problems } = validateDataDir(DATA);
  assert.deepEqual(problems, []);
});

test('every must-verify edge in data/ is written on both flags, with the same condition', () => {
  const ds = loadData();
  const flags = new Map<string, { verifies: Edge[]; verifiedBy: Edge[] }>();
  for (const c of ds.components) for (const f of c.flags) flags.set(`${c.name} ${f.name}`, { verifies: f.verifies ?? [], verifiedBy: f.verifiedBy ?? [] });
  let edges = 0;
  for (const [ref, f] of flags) {
    for (const e of f.verifies) {
      edges++;
      const other = flags.get(e.ref);
      assert.ok(other, `${ref} verifies ${e.ref}, which is not a flag in data/`);
      const back = other.verifiedBy.find((b) => b.ref === ref);
      assert.ok(back, `${ref} verifies ${e.ref}, but ${e.ref} does not list ${ref} under verifiedBy`);
      assert.equal(back.condition, e.condition, `condition of ${ref} → ${e.ref} differs between the two sides`);
    }
    for (const e of f.verifiedBy) {
      const other = flags.get(e.ref);
      assert.ok(other, `${ref} is verified by ${e.ref}, which is not a flag in data/`);
      assert.ok(
        other.verifies.some((v) => v.ref === ref),
        `${ref} is verifiable by ${e.ref}, but ${e.ref} does not list ${ref} under verifies`,
      );
    }
  }
  assert.ok(edges >= 8, `data/ holds the upstream edges (found ${edges})`);
});

test('data/ files are in canonical form (key order, no empty properties, trailing newline)', () => {
  const ds = loadData();
  const canonical = dataSetFiles(ds);
  const onDisk = [...jsonFiles('components'), ...jsonFiles('namespaces'), 'actors.json', 'document.json'];
  assert.deepEqual([...canonical.keys()].sort(), onDisk.sort(), 'one file per component and namespace, named after it');
  for (const [rel, content] of canonical) assert.equal(readFileSync(path.join(DATA, rel), 'utf8'), content, `${rel} is not in canonical form`);
});

test('data/ kinds are what the importer infers from each purpose', () => {
  for (const c of loadData().components) {
    for (const f of c.flags) {
      assert.ok((FLAG_KINDS as readonly string[]).includes(f.kind));
      const guess = inferKind(f.purpose, f.name);
      assert.ok(guess.certain, `${c.name} ${f.name}: the purpose does not state the kind`);
      assert.equal(guess.kind, f.kind, `${c.name} ${f.name}: kind ${f.kind} but the purpose reads as ${guess.kind}`);
    }
  }
});

test('data/ edge lists are grouped the way the document phrases them', () => {
  // The generator writes one sentence per (condition, qualifier, consequence); a list whose
  // equal groups are not adjacent would come back reordered from the document.
  for (const c of loadData().components) {
    for (const f of c.flags) {
      for (const list of [f.verifies ?? [], f.verifiedBy ?? []]) {
        const keys = list.map((e) => JSON.stringify([e.condition ?? '', e.qualifier ?? '', e.consequence ?? '']));
        const seen = new Set<string>();
        keys.forEach((k, i) => {
          if (i > 0 && keys[i - 1] !== k) assert.ok(!seen.has(k), `${c.name} ${f.name}: edges with the same wording are not adjacent`);
          seen.add(k);
        });
      }
    }
  }
});

test('data/ states no invented creation, rotation or owner', () => {
  const ds = loadData();
  for (const c of ds.components) for (const f of c.flags) for (const k of ['creation', 'rotation', 'owner'] as const) assert.equal(f[k], undefined, `${c.name} ${f.name} ${k}`);
  for (const n of ds.namespaces) for (const r of n.resources) for (const k of ['creation', 'rotation', 'owner'] as const) assert.equal(r[k], undefined, `${n.namespace} ${r.name} ${k}`);
});

test('data/ actors are exactly the producers and consumers named, sorted', () => {
  const ds = loadData();
  const named = new Set<string>();
  for (const n of ds.namespaces) for (const r of n.resources) for (const a of [...(r.producers ?? []), ...(r.consumers ?? [])]) named.add(a);
  assert.deepEqual(
    ds.actors.actors.map((a) => a.name),
    [...named].sort(),
  );
});

test('data/ carries the fixes recorded in CHANGES-FROM-UPSTREAM.md', () => {
  const ds = loadData();
  const comp = (n: string) => ds.components.find((c) => c.name === n)!;
  const flag = (c: string, f: string) => comp(c).flags.find((x) => x.name === f)!;
  const res = (ns: string, r: string) => ds.namespaces.find((n) => n.namespace === ns)!.resources.find((x) => x.name === r);
  assert.deepEqual(flag('kube-controller-manager', '--cluster-signing-cert-file').verifiedBy, [
    { ref: 'kube-apiserver --kubelet-certificate-authority', consequence: '`kubelet --rotate-server-certificates` will fail' },
    { ref: 'kube-apiserver --client-ca-file', consequence: '`kubelet --rotate-certificates` will fail' },
  ]);
  assert.deepEqual(flag('kube-controller-manager', '--root-ca-file').verifies, [
    {
      ref: 'kube-apiserver --tls-cert-file',
      condition: 'kubernetes.default.service is not served through `kube-apiserver --tls-sni-cert-key`',
      consequence: 'clients in pods cannot verify kube-apiserver on the service network',
    },
    {
      ref: 'kube-apiserver --tls-sni-cert-key',
      condition: 'used for kubernetes.default.service',
      consequence: 'clients in pods cannot verify kube-apiserver on the service network',
    },
  ]);
  assert.equal(flag('kube-controller-manager', '--kubeconfig').kind, 'kubeconfig');
  assert.equal(flag('kube-scheduler', '--kubeconfig').kind, 'kubeconfig');
  assert.deepEqual(res('openshift-config', 'secret/etcd-client')!.feeds, ['kube-apiserver --etcd-certfile', 'kube-apiserver --etcd-keyfile']);
  assert.deepEqual(res('openshift-config-managed', 'cm/kube-apiserver-serving-ca')!.feeds, ['kube-controller-manager --root-ca-file']);
  assert.ok(res('openshift-config-managed', 'cm/kube-apiserver-aggregator-client-ca'));
  for (const s of ['secret/kube-controller-manager-client-cert-key', 'secret/kube-scheduler-client-cert-key'])
    assert.deepEqual(res('openshift-config-managed', s)!.producers, ['kube-apiserver-operator']);
  for (const c of ds.components) assert.ok(c.description, `${c.name} has a description`);
  const sections = ds.document!.sections;
  const ns = sections.findIndex((s) => s.generated === 'namespaces');
  assert.deepEqual(sections[ns + 1], { depth: 3, title: 'Trust diagrams', generated: 'diagrams' });
  assert.deepEqual(sections.find((s) => s.generated === 'components')!.order, ['kube-apiserver', 'kubelet', 'kube-controller-manager', 'kube-scheduler', 'etcd']);
});

test('data/ keeps upstream front matter and every upstream section', () => {
  const upstream = importMarkdown(readFileSync(path.join(ROOT, 'test/fixtures/upstream-kube-apiserver-certificates.md'), 'utf8'), 'upstream.md').data.document!;
  const doc = loadData().document!;
  assert.deepEqual(doc.frontMatter, upstream.frontMatter);
  const titles = doc.sections.filter((s) => s.title !== 'Trust diagrams');
  assert.deepEqual(
    titles.map((s) => [s.depth, s.title, s.body]),
    upstream.sections.map((s) => [s.depth, s.title, s.body]),
  );
});

test('CHANGES-FROM-UPSTREAM.md names every problem validation finds in the upstream import', () => {
  const changes = readFileSync(path.join(DATA, 'CHANGES-FROM-UPSTREAM.md'), 'utf8');
  for (const code of ['malformed-ref', 'kind-mismatch', 'one-sided-edge', 'unknown-ref', 'invalid-name']) assert.ok(changes.includes(code), `mentions ${code}`);
  assert.match(changes, /pkg\/operator\/certrotationcontroller\/certrotationcontroller\.go/);
});
