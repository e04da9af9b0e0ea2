import { test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { buildModel, filesFromDataSet } from '../scripts/model/model.ts';
import { impactOf, mentionedFlags, parsedMentions, resolveStart, scannedMentions } from '../scripts/model/impact.ts';
import fc from 'fast-check';
import { editDistance } from '../scripts/model/refs.ts';
import { UserError } from '../scripts/lib/problems.ts';
import { validateDataDir } from '../scripts/validate/index.ts';
import type { NamespaceFile } from '../scripts/model/types.ts';
import { dataSet, NAMESPACE, writeDataSet } from './review-helpers.ts';
import { runCli } from './cli-helpers.ts';
import { edgesTouching, resourceNeighbourhood } from '../scripts/site/views/neighbourhood.ts';
import { impactText } from '../scripts/review/impact-text.ts';

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
  const ds = dataSet();
  const kubelet = ds.components.find((c) => c.name === 'kubelet')!;
  kubelet.flags.find((f) => f.name === '--rotate-server-certificates')!.interactsWith = ['kube-apiserver--kubelet-certificate-authority'];
  const impact = impactOf(buildModel(filesFromDataSet(ds)), 'kubelet --rotate-server-certificates');
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

test('editDistance with a limit agrees with the full distance up to the limit, and a long unknown argument fails fast', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.nat(8), (a, b, limit) => {
      assert.equal(editDistance(a, b, limit), Math.min(editDistance(a, b), limit + 1));
    }),
    { numRuns: 2000, seed: 7 },
  );
  const m = model();
  const long = `kube-apiserver --${'x'.repeat(20_000)}`;
  assert.throws(() => impactOf(m, long), (err: unknown) => err instanceof UserError && err.exitCode === 2);
  // The bounded distance gives up past its limit instead of filling a 20,000-column table
  // (how long that takes is measured by `npm run bench growth`, not here).
  assert.equal(editDistance(long, 'kube-apiserver --client-ca-file', 3), 4);
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

async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return runCli(args);
}

test('certdocs impact prints what fails, via what chain; json matches impactOf; unknown refs exit 2', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'certdocs-impact-'));
  try {
    writeDataSet(dir, dataSet());
    const text = await cli(['impact', 'openshift-config-managed cm/csr-controller-ca', '--data', dir]);
    assert.equal(text.status, 0, text.stderr);
    assert.equal(text.stderr, '');
    assert.match(text.stdout, /What fails \(2 consequences\):\n {2}- `kubelet --rotate-certificates` will fail\n {6}because kube-apiserver --client-ca-file must verify kube-controller-manager --cluster-signing-cert-file\n {6}reached through openshift-config-managed cm\/csr-controller-ca → openshift-config-managed cm\/kube-apiserver-client-ca → kube-apiserver --client-ca-file\n/);
    assert.match(text.stdout, /`kubelet --rotate-server-certificates` will fail/);

    const json = await cli(['impact', 'openshift-config-managed', 'cm/csr-controller-ca', '--data', dir, '--format', 'json']);
    assert.equal(json.status, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), impactOf(buildModel(filesFromDataSet(dataSet())), 'openshift-config-managed cm/csr-controller-ca'));

    const unknown = await cli(['impact', 'kube-apiserver --client-ca', '--data', dir]);
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stdout, '');
    assert.match(unknown.stderr, /^certdocs impact: unknown flag "kube-apiserver --client-ca"; did you mean "kube-apiserver --client-ca-file"\?/);
    assert.equal(unknown.stderr.trim().split('\n').length, 1);

    const unquoted = await cli(['impact', 'kube-apiserver', '--client-ca-file', '--data', dir]);
    assert.equal(unquoted.status, 2);
    assert.match(unquoted.stderr, /quote the reference/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the committed data: cm/csr-controller-ca breaks kubelet client and serving rotation', () => {
  const { model: real, problems } = validateDataDir('data');
  assert.deepEqual(problems, []);
  const impact = impactOf(real!, 'openshift-config-managed cm/csr-controller-ca');
  assert.ok(impact.resources.some((r) => r.ref === 'openshift-config-managed cm/kube-apiserver-client-ca' && r.via.length === 0));
  const flag = (ref: string) => impact.flags.find((f) => f.ref === ref);
  assert.deepEqual(flag('kube-apiserver --kubelet-certificate-authority')?.via, []);
  assert.deepEqual(flag('kube-apiserver --client-ca-file')?.via, ['openshift-config-managed cm/kube-apiserver-client-ca']);
  const fails = (verifier: string, text: string) =>
    impact.consequences.some(
      (c) => c.verifier === verifier && c.verified === 'kube-controller-manager --cluster-signing-cert-file' && c.text.includes(text),
    );
  assert.ok(fails('kube-apiserver --client-ca-file', '`kubelet --rotate-certificates` will fail'));
  assert.ok(fails('kube-apiserver --kubelet-certificate-authority', '`kubelet --rotate-server-certificates` will fail'));
  assert.deepEqual(
    impact.interactions.map((i) => i.ref).filter((r) => r.startsWith('kubelet --rotate')),
    ['kubelet --rotate-certificates', 'kubelet --rotate-server-certificates'],
  );
});

test('the committed data: a published copy does not break the flag it is a copy for, but an input to it does', () => {
  const { model: real } = validateDataDir('data');
  const flags = (ref: string) => impactOf(real!, ref).flags.map((f) => f.ref);
  // kube-apiserver reads openshift-kube-apiserver/client-ca; openshift-config-managed holds a copy made from it.
  const published = flags('openshift-config-managed cm/kube-apiserver-client-ca');
  assert.ok(!published.includes('kube-apiserver --client-ca-file'), published.join(', '));
  assert.ok(published.includes('kubelet --client-ca-file') && published.includes('kube-controller-manager --client-ca-file'), published.join(', '));
  assert.ok(!flags('openshift-config-managed cm/kubelet-serving-ca').includes('kube-apiserver --kubelet-certificate-authority'));
  // The report says why the flag is missing.
  assert.match(impactText(real!, impactOf(real!, 'openshift-config-managed cm/kubelet-serving-ca')), /^ {2}not affected: kube-apiserver --kubelet-certificate-authority, whose file is filled from elsewhere;/m);
  // csr-controller-ca is an input to what the copy is made from, so it reaches kube-apiserver's flag (the test above).
  assert.ok(flags('openshift-config-managed cm/csr-controller-ca').includes('kube-apiserver --client-ca-file'));
  // The site's edge pruning agrees: the resource page of the copy shows no kube-apiserver --client-ca-file edge.
  const touching = edgesTouching(real!);
  const edgeIndex = new Map(real!.edges.map((e, i) => [e, i]));
  const hood = resourceNeighbourhood(real!, 'openshift-config-managed cm/kube-apiserver-client-ca', touching, edgeIndex);
  assert.ok(hood.edges.length > 0 && hood.edges.every((e) => e.verifier !== 'kube-apiserver --client-ca-file'));
  const input = resourceNeighbourhood(real!, 'openshift-config-managed cm/csr-controller-ca', touching, edgeIndex);
  assert.ok(input.edges.some((e) => e.verifier === 'kube-apiserver --client-ca-file'));
});

test('the code-span scan finds the same flag mentions as the markdown parser', () => {
  const piece = fc.constantFrom('`', '``', '```', ' ', '~~~', '\n', 'kubelet --rotate-certificates', 'kube-apiserver --client-ca-file', ' will fail', 'or ', '*', '_', 'é', 'x');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 14 }), (parts) => {
      const text = parts.join('').trim();
      assert.deepEqual(mentionedFlags(text), parsedMentions(text), JSON.stringify(text));
      // The scan is used only for one line that does not open a code fence (see findMentions).
      if (!text.includes('\n') && !/^(`{3,}|~{3,})/.test(text)) assert.deepEqual(scannedMentions(text), parsedMentions(text), JSON.stringify(text));
    }),
    { numRuns: 3000, seed: 42 },
  );
  assert.deepEqual(scannedMentions('`kubelet --rotate-certificates` and `` kube-apiserver --client-ca-file `` fail'), [
    'kubelet --rotate-certificates',
    'kube-apiserver --client-ca-file',
  ]);
});
