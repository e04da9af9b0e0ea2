import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel, filesFromDataSet } from '../scripts/model/model.ts';
import { impactOf, mentionedFlags, resolveStart } from '../scripts/model/impact.ts';
import { UserError } from '../scripts/lib/problems.ts';
import type { ComponentFile, DataSet, NamespaceFile } from '../scripts/model/types.ts';

const COMPONENT = '../schemas/component.schema.json';
const NAMESPACE = '../schemas/namespace.schema.json';

/** A small copy of the csr-controller-ca wiring from the enhancement. */
function dataSet(extra: { namespaces?: NamespaceFile[]; components?: ComponentFile[] } = {}): DataSet {
  return {
    components: [
      {
        $schema: COMPONENT,
        name: 'kube-apiserver',
        flags: [
          {
            name: '--client-ca-file',
            kind: 'ca-bundle',
            purpose: 'Verifies client certificates.',
            verifies: [{ ref: 'kube-controller-manager --cluster-signing-cert-file', consequence: '`kubelet --rotate-certificates` will fail' }],
          },
          {
            name: '--kubelet-certificate-authority',
            kind: 'ca-bundle',
            purpose: 'Verifies kubelets.',
            verifies: [
              { ref: 'kubelet --tls-cert-file' },
              { ref: 'kube-controller-manager --cluster-signing-cert-file', consequence: '`kubelet --rotate-server-certificates` will fail' },
            ],
          },
          { name: '--tls-cert-file', kind: 'serving-cert', purpose: 'Serving cert.' },
        ],
      },
      {
        $schema: COMPONENT,
        name: 'kube-controller-manager',
        flags: [
          {
            name: '--cluster-signing-cert-file',
            kind: 'signing-cert',
            purpose: 'Signs CSRs.',
            verifiedBy: [
              { ref: 'kube-apiserver --client-ca-file', consequence: '`kubelet --rotate-certificates` will fail' },
              { ref: 'kube-apiserver --kubelet-certificate-authority', consequence: '`kubelet --rotate-server-certificates` will fail' },
            ],
          },
        ],
      },
      {
        $schema: COMPONENT,
        name: 'kubelet',
        flags: [
          { name: '--tls-cert-file', kind: 'serving-cert', purpose: 'Kubelet serving cert.', verifiedBy: [{ ref: 'kube-apiserver --kubelet-certificate-authority' }] },
          { name: '--rotate-certificates', kind: 'rotation-toggle', purpose: 'Client rotation.', interactsWith: ['kube-apiserver --client-ca-file'] },
          { name: '--rotate-server-certificates', kind: 'rotation-toggle', purpose: 'Serving rotation.', interactsWith: ['kube-apiserver--kubelet-certificate-authority'] },
        ],
      },
      ...(extra.components ?? []),
    ],
    namespaces: [
      {
        $schema: NAMESPACE,
        namespace: 'openshift-config-managed',
        resources: [
          { name: 'cm/csr-controller-ca', feeds: ['kube-apiserver --kubelet-certificate-authority'], inputTo: ['cm/kube-apiserver-client-ca'] },
          { name: 'cm/kube-apiserver-client-ca', feeds: ['kube-apiserver --client-ca-file'] },
          { name: 'cm/unrelated', feeds: ['kube-apiserver --tls-cert-file'] },
        ],
      },
      ...(extra.namespaces ?? []),
    ],
    actors: { $schema: './schemas/actors.schema.json', actors: [] },
  };
}

const model = (extra?: Parameters<typeof dataSet>[0]) => buildModel(filesFromDataSet(dataSet(extra)));

test('a resource reaches flags through inputTo chains, with the chain recorded', () => {
  const impact = impactOf(model(), 'openshift-config-managed cm/csr-controller-ca');
  assert.deepEqual(impact.start, { kind: 'resource', ref: 'openshift-config-managed cm/csr-controller-ca' });
  assert.deepEqual(impact.resources, [{ ref: 'openshift-config-managed cm/kube-apiserver-client-ca', via: [] }]);
  assert.deepEqual(impact.flags, [
    { ref: 'kube-apiserver --client-ca-file', via: ['openshift-config-managed cm/kube-apiserver-client-ca'] },
    { ref: 'kube-apiserver --kubelet-certificate-authority', via: [] },
  ]);
  assert.deepEqual(
    impact.edges.map((e) => `${e.verifier} → ${e.verified}`),
    [
      'kube-apiserver --client-ca-file → kube-controller-manager --cluster-signing-cert-file',
      'kube-apiserver --kubelet-certificate-authority → kube-controller-manager --cluster-signing-cert-file',
      'kube-apiserver --kubelet-certificate-authority → kubelet --tls-cert-file',
    ],
  );
  assert.deepEqual(impact.edges[0]!.via, ['openshift-config-managed cm/kube-apiserver-client-ca', 'kube-apiserver --client-ca-file']);
  // Same text on both sides: reported once, as written on the verifier.
  assert.deepEqual(
    impact.consequences.map((c) => [c.text, c.writtenOn, c.mentions]),
    [
      ['`kubelet --rotate-certificates` will fail', 'kube-apiserver --client-ca-file', ['kubelet --rotate-certificates']],
      ['`kubelet --rotate-server-certificates` will fail', 'kube-apiserver --kubelet-certificate-authority', ['kubelet --rotate-server-certificates']],
    ],
  );
  assert.deepEqual(impact.interactions.map((i) => i.ref), ['kubelet --rotate-certificates', 'kubelet --rotate-server-certificates']);
  // Not affected: a resource that is not downstream, and the flag it feeds.
  assert.ok(!impact.flags.some((f) => f.ref === 'kube-apiserver --tls-cert-file'));
});

test('different texts on the two sides are both reported, each with the flag it is written on', () => {
  const m = model();
  const kcm = m.flags.get('kube-controller-manager --cluster-signing-cert-file')!;
  kcm.data.verifiedBy![0]!.consequence = 'client certificates stop rotating';
  const fresh = buildModel(filesFromDataSet({ ...dataSet(), components: m.components.map((c) => c.data) }));
  const texts = impactOf(fresh, 'kube-apiserver --client-ca-file').consequences.map((c) => `${c.writtenOn}: ${c.text}`);
  assert.deepEqual(texts, [
    'kube-apiserver --client-ca-file: `kubelet --rotate-certificates` will fail',
    'kube-controller-manager --cluster-signing-cert-file: client certificates stop rotating',
  ]);
});

test('a flag start affects only itself, its edges and interactions', () => {
  const impact = impactOf(model(), 'kube-controller-manager --cluster-signing-cert-file');
  assert.deepEqual(impact.flags, [{ ref: 'kube-controller-manager --cluster-signing-cert-file', via: [] }]);
  assert.deepEqual(impact.resources, []);
  assert.equal(impact.edges.length, 2);
  assert.ok(impact.edges.every((e) => e.via.length === 0));
  // Named in consequences, reached through the edge.
  assert.deepEqual(impact.interactions, [
    { ref: 'kubelet --rotate-certificates', via: [] },
    { ref: 'kubelet --rotate-server-certificates', via: [] },
  ]);
});

test('interactsWith counts in both directions and the typo "kube-apiserver--x" resolves', () => {
  const impact = impactOf(model(), 'kubelet --rotate-server-certificates');
  assert.deepEqual(impact.interactions.map((i) => i.ref), ['kube-apiserver --kubelet-certificate-authority']);
  const back = impactOf(model(), 'kube-apiserver --kubelet-certificate-authority');
  assert.ok(back.interactions.some((i) => i.ref === 'kubelet --rotate-server-certificates'));
});

test('cycles in inputTo terminate and every resource appears once with its shortest chain', () => {
  const m = model({
    namespaces: [
      {
        $schema: NAMESPACE,
        namespace: 'ns',
        resources: [
          { name: 'cm/a', inputTo: ['cm/b', 'cm/c'] },
          { name: 'cm/b', inputTo: ['cm/c', 'cm/a'] },
          { name: 'cm/c', inputTo: ['cm/d', 'cm/b'], feeds: ['kube-apiserver --client-ca-file'] },
          { name: 'cm/d', inputTo: ['cm/a', 'openshift-config-managed cm/kube-apiserver-client-ca'] },
        ],
      },
    ],
  });
  const impact = impactOf(m, 'ns cm/a');
  assert.deepEqual(impact.resources, [
    { ref: 'ns cm/b', via: [] },
    { ref: 'ns cm/c', via: [] },
    { ref: 'ns cm/d', via: ['ns cm/c'] },
    { ref: 'openshift-config-managed cm/kube-apiserver-client-ca', via: ['ns cm/c', 'ns cm/d'] },
  ]);
  // Fed directly by cm/c (shorter) and through the client-ca chain (longer): the shorter chain wins.
  assert.deepEqual(impact.flags, [{ ref: 'kube-apiserver --client-ca-file', via: ['ns cm/c'] }]);
  // Deterministic: same model, same result.
  assert.deepEqual(impactOf(m, 'ns cm/a'), impact);
});

test('equal-length chains are broken by the smaller ref, whatever the input order', () => {
  const ns = (order: string[]): NamespaceFile => ({
    $schema: NAMESPACE,
    namespace: 'ns',
    resources: [
      { name: 'cm/start', inputTo: order },
      { name: 'cm/x', inputTo: ['cm/end'] },
      { name: 'cm/y', inputTo: ['cm/end'] },
      { name: 'cm/end', feeds: ['kube-apiserver --client-ca-file'] },
    ],
  });
  const a = impactOf(model({ namespaces: [ns(['cm/y', 'cm/x'])] }), 'ns cm/start');
  const b = impactOf(model({ namespaces: [ns(['cm/x', 'cm/y'])] }), 'ns cm/start');
  assert.deepEqual(a, b);
  assert.deepEqual(a.resources.find((r) => r.ref === 'ns cm/end')!.via, ['ns cm/x']);
});

test('unknown refs throw a UserError (exit 2) naming the closest refs', () => {
  const m = model();
  const expectError = (ref: string, pattern: RegExp) => {
    assert.throws(
      () => impactOf(m, ref),
      (err: unknown) => err instanceof UserError && err.exitCode === 2 && pattern.test(err.message),
    );
  };
  expectError('kube-apiserver --client-ca', /did you mean "kube-apiserver --client-ca-file"/);
  expectError('openshift-config-managed cm/csr-controller', /"openshift-config-managed cm\/csr-controller-ca"/);
  expectError('nope --client-ca-file', /"kube-apiserver --client-ca-file"/);
  expectError('zzzzzzzz', /no flag or resource has a similar name/);
});

test('resolveStart tidies what people type', () => {
  const m = model();
  assert.deepEqual(resolveStart(m, '  openshift-config-managed   configmap/csr-controller-ca '), {
    kind: 'resource',
    ref: 'openshift-config-managed cm/csr-controller-ca',
  });
  assert.deepEqual(resolveStart(m, 'kube-apiserver--client-ca-file'), { kind: 'flag', ref: 'kube-apiserver --client-ca-file' });
  assert.deepEqual(resolveStart(m, 'openshift-config-managed cm/ csr-controller-ca'), {
    kind: 'resource',
    ref: 'openshift-config-managed cm/csr-controller-ca',
  });
});

test('mentionedFlags reads code spans only, not prose', () => {
  assert.deepEqual(mentionedFlags('`kubelet --rotate-certificates` and kube-apiserver --client-ca-file and `not a ref` and `kubelet --rotate-certificates`'), [
    'kubelet --rotate-certificates',
  ]);
});
