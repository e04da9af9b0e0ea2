/**
 * The certificate material: durations, the signer chain and bundle signers
 * through the committed OpenShift data, the enhancement's material table, and
 * the site's "At a glance" answers (escaped, counted like `certdocs coverage`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataDir } from '../scripts/load/index.ts';
import { buildModel, type Model } from '../scripts/model/model.ts';
import { bundleSigners, feedChain, findMaterial, materialsOf, refreshSeconds, signerChain } from '../scripts/model/materials.ts';
import { describeDuration, humanDuration, parseDuration } from '../scripts/lib/duration.ts';
import { enhancementMarkdown } from '../scripts/generate/enhancement.ts';
import { buildMaterialSiteData, feedCitations, producerCitations } from '../scripts/site/material-views.ts';
import { answersBox, feedVia, producers } from '../scripts/site/pages/answers.ts';
import { inspectCoverage } from '../scripts/review/coverage.ts';
import type { SiteData } from '../scripts/site/site-data.ts';
import type { MaterialsFile } from '../scripts/model/types.ts';
import { filesFromDataSet, dataSetOf } from '../scripts/model/model.ts';

const committed = (): Model => buildModel(loadDataDir('data').files);

test('durations: Go-style hours, minutes and seconds only', () => {
  assert.equal(parseDuration('720h'), 720 * 3600);
  assert.equal(parseDuration('1h30m'), 5400);
  assert.equal(parseDuration('5m'), 300);
  for (const bad of ['', '30d', '1y', '720', 'h', '1.5h', ' 720h', '-1h']) assert.equal(parseDuration(bad), undefined, bad);
  assert.equal(humanDuration(87600 * 3600), '10 years');
  assert.equal(humanDuration(720 * 3600), '30 days');
  assert.equal(humanDuration(36792 * 3600), '1533 days');
  assert.equal(describeDuration('360h'), '360h (15 days)');
  assert.equal(describeDuration('not a duration'), 'not a duration');
});

test('the committed OpenShift data: kubelet certificates chain up to the CSR signer, bundles to their signers', () => {
  const model = committed();
  const client = findMaterial(model, 'openshift/kubelet-client-cert')!;
  assert.deepEqual(
    signerChain(model, client).map((m) => m.id),
    ['csr-signer', 'csr-signer-signer'],
  );
  const clientCa = findMaterial(model, 'client-ca')!;
  assert.deepEqual(
    bundleSigners(model, clientCa).map((m) => m.id),
    ['csr-signer', 'csr-signer-signer', 'kube-apiserver-to-kubelet-signer', 'kube-control-plane-signer', 'node-system-admin-signer'],
  );
  // A bundle changes as often as the fastest signer it trusts (csr-signer: 15 days).
  assert.equal(refreshSeconds(model, clientCa), 360 * 3600);
  assert.deepEqual(
    materialsOf(model, 'kubelet --client-ca-file').map((m) => m.id),
    ['client-ca'],
  );
  // kube-apiserver-serving-ca is gone: the code's name is kube-apiserver-server-ca.
  assert.equal(findMaterial(model, 'kube-apiserver-serving-ca'), undefined);
  assert.ok(model.resources.has('openshift-config-managed cm/kube-apiserver-server-ca'));
});

test('the enhancement lists every material with signer, creator, validity, refresh and sources', () => {
  const model = committed();
  const md = enhancementMarkdown(model, []);
  assert.match(md, /\| `csr-signer` openshift-kube-controller-manager-operator secret\/csr-signer \| signer \| `csr-signer-signer` \| kube-controller-manager-operator \(rotation controller\) \| 720h \(30 days\) \| 360h \(15 days\) \| kube-controller-manager \|/);
  assert.match(md, /\| `service-account-private-key` .*\| not a certificate \| .*\| not time-rotated \|/);
  const materials = model.distributions.flatMap((d) => d.materials);
  for (const m of materials) assert.ok(md.includes(`| \`${m.id}\` `), `row for ${m.id}`);
});

test('facts looked for and not found: the table says so and the enhancement lists where they were looked for', async () => {
  const { canonicalDataSet } = await import('../scripts/import/canonical.ts');
  const ds = structuredClone(dataSetOf(committed()));
  const m = ds.materials!.flatMap((f) => f.materials).find((x) => x.id === 'kubelet-client')!;
  delete m.signedBy;
  m.gaps = [{ field: 'signedBy', lookedIn: 'a <b>hostile</b> | place, `quoted`' }];
  const md = enhancementMarkdown(buildModel(filesFromDataSet(canonicalDataSet(ds))), []);
  assert.match(md, /\| `kubelet-client` openshift-kube-apiserver secret\/kubelet-client \| cert\/key pair \| not found \(see gaps\) \|/);
  assert.match(md, /^Facts looked for and not found:$/m);
  // Markdown in the text is escaped, so it reads as written.
  assert.match(md, /^- `kubelet-client` signedBy: a \\<b>hostile\\<\/b> \| place, `quoted`$/m);
});

test('site answers: kubelet --client-ca-file names its bundle, the signers behind it and how often it changes; counts match coverage', () => {
  const model = committed();
  const data = buildMaterialSiteData(model);
  const answers = data.answers['kubelet --client-ca-file']!;
  assert.equal(answers.materials[0]!.id, 'client-ca');
  assert.match(answers.materials[0]!.signedBy.text, /^trusts csr-signer, csr-signer-signer, /);
  assert.equal(answers.materials[0]!.refresh.text, 'when a signer it trusts changes (at most every 15 days)');
  assert.match(answers.materials[0]!.createdBy.source!.href, /^https:\/\/github\.com\/openshift\/cluster-kube-apiserver-operator\/blob\/[0-9a-f]{40}\/pkg\/operator\/targetconfigcontroller\/targetconfigcontroller\.go#L366-L433$/);
  const cert = data.answers['kubelet --kubeconfig']!.materials[0]!;
  assert.equal(cert.signedBy.text, 'csr-signer ← csr-signer-signer (self-signed)');
  // Counts are the coverage report's.
  const creation = inspectCoverage(model).find((r) => r.id === 'creation')!;
  assert.equal(data.coverage.items, creation.total);
  assert.equal(data.coverage.answered.creation, creation.total - creation.missing.length);
  // Rotation page: shortest refresh first, "not time-rotated" after every period.
  const seconds = data.rotation.map((r) => r.material.refreshSeconds ?? Infinity);
  for (let i = 1; i < seconds.length; i++) assert.ok(seconds[i - 1]! <= seconds[i]!, `sorted at ${i}`);
  assert.ok(data.rotation.some((r) => r.period === 'not time-rotated'));
  // The signer tree starts at self-signed roots and nests the CSR signer under its signer.
  const root = data.signers.roots.find((n) => n.material.id === 'csr-signer-signer')!;
  assert.deepEqual(
    root.signs.map((n) => n.material.id),
    ['csr-signer'],
  );
  assert.ok(root.signs[0]!.signs.some((n) => n.material.id === 'kubelet-client-cert'));
});

test('a resource page backs each producer with the material a source shows it writing there, or says none does', () => {
  const model = committed();
  const data = buildMaterialSiteData(model);
  const site = { materials: data } as unknown as SiteData;
  // The producers as the resource page lists them (scripts/site/views/resource-pages.ts).
  const producersOf = (m: Model, ref: string) => {
    const r = m.resources.get(ref)!;
    const cited = producerCitations(m, r);
    return producers((r.data.producers ?? []).map((name) => ({ name, ...(cited.has(name) ? { writes: cited.get(name)! } : {}) })), site).value;
  };
  const at = (ref: string) => producersOf(model, ref);
  // A copy, linked to the material and to the source of the copy.
  const client = at('openshift-config-managed cm/kube-apiserver-client-ca');
  assert.match(client, /kube-apiserver-operator<\/span> \(copies <a href="[^"]*#m-openshift-client-ca"><code>client-ca<\/code><\/a> here <a class="fact-source" href="https:\/\/github\.com\/openshift\/cluster-kube-apiserver-operator\/blob\/[0-9a-f]{40}\//);
  // The creator at the material's own location; only the public key of a key pair is in a ConfigMap.
  assert.match(at('openshift-config-managed secret/kube-controller-manager-client-cert-key'), /\(writes <a [^>]*><code>kube-controller-manager-client-cert-key<\/code><\/a> here <a class="fact-source"/);
  assert.match(at('openshift-config-managed cm/sa-token-signing-certs'), /\(writes the public key of <a [^>]*><code>service-account-private-key<\/code>/);
  // A producer that no documented material shows writing the resource is marked, not cited.
  const ds = dataSetOf(model);
  const ns = ds.namespaces.find((n) => n.namespace === 'openshift-config-managed')!;
  ns.resources.find((r) => r.name === 'cm/kube-apiserver-client-ca')!.producers!.push('installer');
  const edited = buildModel(filesFromDataSet(ds));
  assert.equal(producerCitations(edited, edited.resources.get('openshift-config-managed cm/kube-apiserver-client-ca')!).has('installer'), false);
  const out = producersOf(edited, 'openshift-config-managed cm/kube-apiserver-client-ca');
  assert.match(out, /installer<\/span> <span class="muted">\(no documented material shows it writing here\)<\/span>/);
});

test('a resource feeding a flag is backed by the material it holds, or by a CA bundle built from it, with the source of that feed', () => {
  const model = committed();
  const chain = (resource: string, flag: string) => feedChain(model, model.resources.get(resource)!, flag)?.map((m) => m.id);
  // The material in the resource feeds the flag itself.
  assert.deepEqual(chain('openshift-config-managed cm/kube-apiserver-client-ca', 'kube-apiserver --client-ca-file'), ['client-ca']);
  // Through bundles built from it: kube-controller-manager reads kube-apiserver-server-ca through its own serviceaccount-ca.
  assert.deepEqual(chain('openshift-config-managed cm/kube-apiserver-server-ca', 'kube-controller-manager --root-ca-file'), ['kube-apiserver-server-ca', 'kube-controller-manager-serviceaccount-ca']);
  assert.deepEqual(chain('openshift-config-managed cm/csr-controller-ca', 'kube-apiserver --kubelet-certificate-authority'), ['csr-controller-ca', 'kubelet-serving-ca']);
  // Nothing documented connects a resource to a flag its material never reaches.
  assert.equal(chain('openshift-config secret/etcd-client', 'kube-apiserver --client-ca-file'), undefined);
  // The page names the chain and links the source of the last material's feed.
  const site = { materials: buildMaterialSiteData(model) } as unknown as SiteData;
  const via = feedCitations(model, model.resources.get('openshift-config-managed cm/kube-apiserver-server-ca')!);
  const out = feedVia(via.get('kube-controller-manager --root-ca-file'), site).value;
  assert.match(out, /holds <a [^>]*><code>kube-apiserver-server-ca<\/code><\/a>, built into <a [^>]*><code>kube-controller-manager-serviceaccount-ca<\/code><\/a>, which feeds it <a class="fact-source" href="https:\/\/github\.com\/openshift\/cluster-kube-controller-manager-operator\//);
  assert.match(feedVia(undefined, site).value, /no documented material shows this/);
});

test('site answers escape hostile text from the data', () => {
  const model = committed();
  const ds = dataSetOf(model);
  const file = structuredClone(ds.materials![0]!) as MaterialsFile;
  const m = file.materials.find((x) => x.id === 'client-ca')!;
  m.createdBy!.text = '<script>alert(1)</script> & "quotes"';
  m.owner!.component = '<img src=x onerror=alert(1)>';
  const hostile = buildModel(filesFromDataSet({ ...ds, materials: [file] }));
  const data = buildMaterialSiteData(hostile);
  const out = answersBox(data.answers['kube-apiserver --client-ca-file'], { materials: data } as unknown as SiteData).value;
  assert.ok(!out.includes('<script>'));
  assert.ok(!out.includes('<img'));
  assert.ok(out.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;'));
  assert.ok(out.includes('&lt;img src=x onerror=alert(1)&gt;'));
});

test('impact follows signers: the CSR signer breaks the kubelet certificates it signs and every bundle that trusts it', async () => {
  const { impactOf } = await import('../scripts/model/impact.ts');
  const { impactText } = await import('../scripts/review/impact-text.ts');
  const model = committed();
  const impact = impactOf(model, 'openshift/csr-signer');
  assert.deepEqual(impact.start, { kind: 'material', ref: 'openshift/csr-signer' });
  // The bare id works when it is unique.
  assert.deepEqual(impactOf(model, 'csr-signer').start, impact.start);
  const materials = impact.materials.map((m) => m.ref);
  for (const m of ['openshift/kubelet-client-cert', 'openshift/kubelet-serving-cert', 'openshift/csr-signer-ca', 'openshift/csr-controller-ca', 'openshift/client-ca', 'openshift/kubelet-serving-ca'])
    assert.ok(materials.includes(m), m);
  // Not what signs it, nor unrelated signers.
  assert.ok(!materials.includes('openshift/csr-signer-signer'));
  assert.ok(!materials.includes('openshift/kube-control-plane-signer'));
  const flags = impact.flags.map((f) => f.ref);
  for (const f of ['kube-controller-manager --cluster-signing-cert-file', 'kubelet --kubeconfig', 'kubelet --tls-cert-file', 'kube-apiserver --client-ca-file', 'kube-apiserver --kubelet-certificate-authority', 'kubelet --client-ca-file'])
    assert.ok(flags.includes(f), f);
  assert.deepEqual(
    impact.flags.find((f) => f.ref === 'kube-apiserver --client-ca-file')!.via,
    ['openshift/csr-signer-ca', 'openshift/csr-controller-ca', 'openshift/client-ca'],
  );
  assert.ok(impact.consequences.some((c) => c.text === 'kubelets cannot authenticate to kube-apiserver and their nodes go NotReady'));
  assert.ok(impact.resources.some((r) => r.ref === 'openshift-config-managed cm/kube-apiserver-client-ca'));
  const text = impactText(model, impact);
  assert.match(text, /^Impact of certificate material openshift\/csr-signer\n/);
  assert.match(text, /Affected certificate material \(\d+\):\n/);
  // A flag start has no material list; an unknown material names the closest ones.
  assert.deepEqual(impactOf(model, 'kubelet --client-ca-file').materials, []);
  assert.throws(() => impactOf(model, 'openshift/csr-signr'), /did you mean "openshift\/csr-signer"/);
});

test('a second distribution fits without touching the flags: file-based locations, kubeadm as creator (a test fixture, not documentation)', async () => {
  const { validateFiles } = await import('../scripts/validate/index.ts');
  const model = committed();
  const ds = structuredClone(dataSetOf(model));
  ds.actors.actors.push({ name: 'kubeadm' });
  const src = 'fixture';
  ds.materials!.push({
    distribution: 'kubeadm',
    description: 'Test fixture: the shape a kubeadm distribution takes.',
    sources: { [src]: { repository: 'kubernetes/kubernetes', path: 'cmd/kubeadm/app/phases/certs/certlist.go', release: 'fixture' } },
    materials: [
      {
        id: 'ca',
        type: 'signer',
        locations: [{ path: '/etc/kubernetes/pki/ca.crt', source: src }],
        feeds: [{ flag: 'kube-apiserver --client-ca-file', source: src }],
        signedBy: { selfSigned: true, source: src },
        createdBy: { actor: 'kubeadm', mechanism: 'kubeadm', source: src },
        validity: { duration: '87600h', source: src },
        refresh: { notTimeRotated: true, source: src },
        owner: { component: 'kubeadm', source: src },
      },
      {
        id: 'apiserver',
        type: 'cert-key',
        locations: [{ path: '/etc/kubernetes/pki/apiserver.crt', source: src }],
        feeds: [{ flag: 'kube-apiserver --tls-cert-file', source: src }],
        signedBy: { signer: 'ca', source: src },
        createdBy: { actor: 'kubeadm', mechanism: 'kubeadm', text: 'renewed by `kubeadm certs renew`', source: src },
        validity: { duration: '8760h', source: src },
        refresh: { text: 'when an admin runs kubeadm certs renew, or on upgrade', source: src },
        owner: { component: 'kubeadm', source: src },
      },
    ],
  });
  const { canonicalDataSet } = await import('../scripts/import/canonical.ts');
  const files = filesFromDataSet(canonicalDataSet(ds));
  const result = validateFiles(files);
  assert.deepEqual(result.problems.map((p) => `${p.code}: ${p.message}`), []);
  const both = buildModel(files);
  // The same flag, one material per distribution; the flags file is unchanged.
  assert.deepEqual(
    materialsOf(both, 'kube-apiserver --tls-cert-file').map((m) => m.key),
    ['kubeadm/apiserver', 'openshift/service-network-serving-certkey'],
  );
  assert.deepEqual(signerChain(both, findMaterial(both, 'kubeadm/apiserver')!).map((m) => m.key), ['kubeadm/ca']);
  assert.deepEqual(dataSetOf(both).components, dataSetOf(model).components);
});

test('materialsAtLocation finds the material behind an object or a file, copies included', async () => {
  const { materialsAtLocation } = await import('../scripts/model/materials.ts');
  const model = committed();
  const copy = materialsAtLocation(model, { namespace: 'openshift-kube-controller-manager', kind: 'Secret', name: 'csr-signer' });
  assert.deepEqual(
    copy.map((h) => [h.material.key, h.index, h.location.copy?.delay]),
    [['openshift/csr-signer', 1, '5m']],
  );
  assert.deepEqual(
    materialsAtLocation(model, { path: '/etc/kubernetes/kubelet-ca.crt' }).map((h) => h.material.key),
    ['openshift/client-ca'],
  );
  assert.deepEqual(materialsAtLocation(model, { namespace: 'openshift-kube-controller-manager', kind: 'ConfigMap', name: 'csr-signer' }), []);
});

test('certdocs impact on certificate material: exit 0 with the report; an unknown material exits 2 naming the closest', async () => {
  const { runCli } = await import('./cli-helpers.ts');
  const ok = await runCli(['impact', 'openshift/kube-control-plane-signer']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /^Impact of certificate material openshift\/kube-control-plane-signer\n/);
  assert.match(ok.stdout, /openshift\/kube-controller-manager-client-cert-key \(cert\/key pair, openshift-config-managed secret\/kube-controller-manager-client-cert-key\)/);
  assert.match(ok.stdout, /kube-controller-manager cannot authenticate to kube-apiserver and its control loops stop/);
  const json = await runCli(['impact', 'kube-control-plane-signer', '--format', 'json']);
  assert.equal(json.status, 0, json.stderr);
  assert.equal((JSON.parse(json.stdout) as { start: { kind: string } }).start.kind, 'material');
  const bad = await runCli(['impact', 'openshift/kube-control-plane-signr']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /did you mean "openshift\/kube-control-plane-signer"/);
  assert.ok(!bad.stderr.includes('    at '), 'no stack trace');
});

test('a token is signed by a key pair: the kubelet bootstrap token chains to the ServiceAccount key, which breaks it', async () => {
  const { impactOf } = await import('../scripts/model/impact.ts');
  const model = committed();
  const token = findMaterial(model, 'openshift/kubelet-bootstrap-kubeconfig')!;
  assert.equal(token.data.type, 'token');
  assert.deepEqual(signerChain(model, token).map((m) => m.key), ['openshift/service-account-private-key']);
  // A certificate never chains through a key pair, even when its data names one.
  const cert = structuredClone(findMaterial(model, 'openshift/kubelet-client')!);
  cert.data.signedBy = { signer: 'service-account-private-key' };
  assert.deepEqual(signerChain(model, cert), []);
  const impact = impactOf(model, 'openshift/service-account-private-key');
  assert.ok(impact.materials.some((m) => m.ref === 'openshift/kubelet-bootstrap-kubeconfig'), 'the token is downstream of the key that signs it');
  assert.ok(impact.flags.some((f) => f.ref === 'kubelet --bootstrap-kubeconfig'));
  const answers = buildMaterialSiteData(model).answers['kubelet --bootstrap-kubeconfig']!;
  assert.equal(answers.materials[0]!.signedBy.text, 'the key pair service-account-private-key');
  assert.match(enhancementMarkdown(model, []), /\| `kubelet-bootstrap-kubeconfig` \/etc\/kubernetes\/kubeconfig \| token \| key pair `service-account-private-key` \|/);
});
