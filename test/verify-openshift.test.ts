/**
 * certdocs verify --openshift on dumps of ConfigMaps and Secrets built from
 * the generated PKI: a must-gather-style tree (YAML Lists per namespace, a
 * redacted secret), `oc get -o json` output, and single objects.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { loadModel } from '../scripts/review/load-model.ts';
import { runChecks, type VerifyResult } from '../scripts/verify/checks.ts';
import { readOpenShift } from '../scripts/verify/openshift.ts';
import { exitCodeOf, render } from '../scripts/verify/report.ts';
import { runCli } from './cli-helpers.ts';
import { makeKubeadmPki, Pki } from '../scripts/verify/fixture-pki.ts';

const DATA = fileURLToPath(new URL('../data', import.meta.url));
const { model } = loadModel(DATA);
const PKI = '/etc/kubernetes/pki';
let pki: Pki;
let out: string;

before(() => {
  pki = makeKubeadmPki();
  // Client certs for the kube-controller-manager and kube-scheduler secrets, signed by the client CA.
  pki.issue({ out: '/os/kcm-client', cn: 'system:kube-controller-manager', ca: `${PKI}/ca`, eku: ['clientAuth'] });
  pki.issue({ out: '/os/other-ca', cn: 'kube-control-plane-signer', isCA: true });
  pki.issue({ out: '/os/scheduler-client', cn: 'system:kube-scheduler', ca: '/os/other-ca', eku: ['clientAuth'] });
  out = mkdtempSync(path.join(os.tmpdir(), 'certdocs-dumps-'));
});
after(() => {
  rmSync(pki.root, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

const b64 = (rel: string) => Buffer.from(pki.read(rel)).toString('base64');
const cm = (namespace: string, name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data });
const secret = (namespace: string, name: string, data?: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name, namespace }, ...(data ? { data } : {}) });
const list = (items: unknown[]) => ({ apiVersion: 'v1', kind: 'List', items });

function objects(overrides: { etcdKey?: string } = {}) {
  return {
    'openshift-config': {
      configmaps: [cm('openshift-config', 'etcd-serving-ca', { 'ca-bundle.crt': pki.read(`${PKI}/etcd/ca.crt`) })],
      secrets: [secret('openshift-config', 'etcd-client', { 'tls.crt': b64(`${PKI}/apiserver-etcd-client.crt`), 'tls.key': overrides.etcdKey ?? b64(`${PKI}/apiserver-etcd-client.key`) })],
    },
    'openshift-config-managed': {
      configmaps: [
        cm('openshift-config-managed', 'kube-apiserver-client-ca', { 'ca-bundle.crt': pki.read(`${PKI}/ca.crt`) }),
        cm('openshift-config-managed', 'kube-apiserver-aggregator-client-ca', { 'ca-bundle.crt': pki.read(`${PKI}/front-proxy-ca.crt`) }),
        cm('openshift-config-managed', 'sa-token-signing-certs', { 'service-account-001.pub': pki.read(`${PKI}/sa.pub`) }),
      ],
      secrets: [
        secret('openshift-config-managed', 'kube-controller-manager-client-cert-key', { 'tls.crt': b64('/os/kcm-client.crt'), 'tls.key': b64('/os/kcm-client.key') }),
        // must-gather removes secret data: redacted.
        secret('openshift-config-managed', 'kube-scheduler-client-cert-key'),
      ],
    },
  };
}

/** must-gather layout: namespaces/<ns>/core/{configmaps,secrets}.yaml, each a List. */
function mustGather(dir: string, objs = objects()): string {
  const p = new Pki(dir);
  for (const [ns, o] of Object.entries(objs)) {
    p.write(`namespaces/${ns}/core/configmaps.yaml`, stringify(list(o.configmaps)));
    p.write(`namespaces/${ns}/core/secrets.yaml`, stringify(list(o.secrets)));
  }
  return dir;
}

function verify(inputs: string[]): VerifyResult {
  return runChecks(model, readOpenShift(model, inputs), { at: new Date(Date.now() + 86_400_000), warnDays: 30 });
}

const status = (r: VerifyResult, id: string) => r.checks.filter((c) => c.id === id).map((c) => c.status);
/**
 * Holds: ok, or a warning only because the certificate's lifetime differs from what the data
 * documents for OpenShift (the generated certificates live kubeadm's 365 days).
 */
const holds = (c: { status: string; findings: Array<{ code: string }> }) => c.status === 'ok' || (c.status === 'warning' && c.findings.every((f) => f.code === 'lifetime-differs'));
const holding = (r: VerifyResult, id: string) => r.checks.filter((c) => c.id === id).map((c) => (holds(c) ? 'holds' : c.status));

/** Checks a flag takes part in, whether on its own or on an edge the data gives it. */
const involving = (r: VerifyResult, flag: string) => r.checks.filter((c) => c.flags.includes(flag));
const checkedStatuses = (r: VerifyResult, flag: string) =>
  [...new Set(involving(r, flag).map((c) => (holds(c) ? 'holds' : c.status)).filter((st) => st !== 'not-checkable' && st !== 'not-applicable'))];

describe('verify --openshift', () => {
  test('a must-gather tree: fed flags are read through feeds, the redacted secret is not checkable, nothing fails', () => {
    const r = verify([mustGather(path.join(out, 'mg'))]);
    assert.deepEqual(holding(r, 'kube-apiserver --etcd-certfile'), ['holds']);
    assert.deepEqual(checkedStatuses(r, 'kube-controller-manager --kubeconfig'), ['holds']);
    const scheduler = involving(r, 'kube-scheduler --kubeconfig');
    assert.deepEqual([...new Set(scheduler.map((c) => c.status))], ['not-checkable']);
    assert.ok(scheduler.some((c) => c.findings.some((f) => f.code === 'redacted')));
    // The etcd server side is not in these dumps: the edge is not checkable rather than broken.
    assert.deepEqual(status(r, 'kube-apiserver --etcd-cafile → etcd --cert-file'), ['not-checkable']);
    assert.equal(exitCodeOf(r), 0);
    assert.match(render(r, 'text'), /oc extract -n openshift-config secret\/etcd-client --keys=tls\.crt --to=-|kube-scheduler --kubeconfig/);
  });

  test('the same objects as `oc get -o json` Lists and as single YAML documents', () => {
    const objs = objects();
    const p = new Pki(path.join(out, 'json'));
    p.write('openshift-config.json', JSON.stringify(list([...objs['openshift-config'].configmaps, ...objs['openshift-config'].secrets]), null, 2));
    p.write('managed.yaml', [...objs['openshift-config-managed'].configmaps, ...objs['openshift-config-managed'].secrets].map((o) => stringify(o)).join('---\n'));
    const r = verify([p.p('openshift-config.json'), p.p('managed.yaml')]);
    assert.deepEqual(holding(r, 'kube-apiserver --etcd-certfile'), ['holds']);
    assert.deepEqual(checkedStatuses(r, 'kube-controller-manager --kubeconfig'), ['holds']);
  });

  test('a client cert the client CA does not verify, and a swapped key, are broken and named', () => {
    const objs = objects({ etcdKey: b64(`${PKI}/etcd/peer.key`) });
    objs['openshift-config-managed'].secrets[1] = secret('openshift-config-managed', 'kube-scheduler-client-cert-key', { 'tls.crt': b64('/os/scheduler-client.crt'), 'tls.key': b64('/os/scheduler-client.key') });
    const r = verify([mustGather(path.join(out, 'broken'), objs)]);
    const etcd = r.checks.find((c) => c.id === 'kube-apiserver --etcd-certfile')!;
    assert.equal(etcd.status, 'broken');
    assert.deepEqual(etcd.findings.filter((f) => f.severity === 'error').map((f) => f.code), ['key-mismatch']);
    assert.match(etcd.findings.find((f) => f.code === 'key-mismatch')!.openssl!, /oc extract -n openshift-config secret\/etcd-client --keys=tls\.key --to=-/);
    const scheduler = involving(r, 'kube-scheduler --kubeconfig').filter((c) => c.status === 'broken');
    assert.ok(scheduler.length);
    for (const c of scheduler) assert.deepEqual(c.findings.filter((f) => f.severity === 'error').map((f) => f.code), ['unknown-issuer']);
    assert.equal(exitCodeOf(r), 1);
    const text = render(r, 'text');
    assert.doesNotMatch(text, /PRIVATE KEY/);
    assert.ok(!text.includes(b64(`${PKI}/etcd/peer.key`).slice(0, 40)));
  });

  test('a serving cert/key secret behind kube-apiserver --tls-sni-cert-key is read as an SNI entry', () => {
    const p = new Pki(path.join(out, 'sni'));
    p.write('kas.yaml', stringify(secret('openshift-kube-apiserver', 'localhost-serving-cert-certkey', { 'tls.crt': b64(`${PKI}/apiserver.crt`), 'tls.key': b64(`${PKI}/apiserver.key`) })));
    const feeds = [{ ref: 'openshift-kube-apiserver secret/localhost-serving-cert-certkey', keys: ['tls.crt', 'tls.key'], flags: ['kube-apiserver --tls-sni-cert-key'] }];
    const layout = readOpenShift(model, [p.p('kas.yaml')], feeds);
    const [m] = layout.materials.get('kube-apiserver --tls-sni-cert-key')!;
    assert.equal(m!.content.type, 'sni');
    const r = runChecks(model, layout, { at: new Date(Date.now() + 86_400_000), warnDays: 30 });
    assert.deepEqual(holding(r, 'kube-apiserver --tls-sni-cert-key'), ['holds']);
  });

  test('through the material model: locations, data keys and documented validity of each material', () => {
    // Two materials as data/materials/<distribution>.json states them (copies in several namespaces).
    const materials = [
      { data: { locations: [{ namespace: 'openshift-kube-apiserver', kind: 'ConfigMap', name: 'client-ca', keys: ['ca-bundle.crt'] }, { namespace: 'openshift-config-managed', kind: 'ConfigMap', name: 'kube-apiserver-client-ca', keys: ['ca-bundle.crt'] }], feeds: [{ flag: 'kubelet --client-ca-file' }] } },
      { data: { locations: [{ namespace: 'openshift-kube-apiserver', kind: 'Secret', name: 'kubelet-client', keys: ['tls.crt', 'tls.key'] }], feeds: [{ flag: 'kube-apiserver --kubelet-client-certificate' }, { flag: 'kube-apiserver --kubelet-client-key' }], validity: { duration: '720h' } } },
    ];
    const withMaterials = { ...model, distributions: [{ materials, byId: new Map(materials.map((m, i) => [`m${i}`, m])) }] } as unknown as typeof model;
    const EDGE = 'kubelet --client-ca-file → kube-apiserver --kubelet-client-certificate';
    const dump = (cert: string) => {
      const p = new Pki(path.join(out, `materials-${cert.replace(/\W/g, '')}`));
      p.write(
        'dump.yaml',
        stringify(
          list([
            cm('openshift-kube-apiserver', 'client-ca', { 'ca-bundle.crt': pki.read(`${PKI}/ca.crt`) }),
            secret('openshift-kube-apiserver', 'kubelet-client', { 'tls.crt': b64(`${cert}.crt`), 'tls.key': b64(`${cert}.key`) }),
          ]),
        ),
      );
      return runChecks(withMaterials, readOpenShift(withMaterials, [p.p('dump.yaml')]), { at: new Date(Date.now() + 86_400_000), warnDays: 30 });
    };
    const good = dump(`${PKI}/apiserver-kubelet-client`).checks.filter((c) => c.id === EDGE);
    // Trusted, and a warning only because the generated cert lives 365 days where the material documents 720h.
    assert.deepEqual(good.map((c) => [c.status, c.findings.map((f) => f.code)]), [['warning', ['lifetime-differs']]]);
    pki.issue({ out: '/os/kubelet-client-other', cn: 'system:kube-apiserver', ca: '/os/other-ca', eku: ['clientAuth'] });
    const r = dump('/os/kubelet-client-other');
    assert.deepEqual(status(r, EDGE), ['broken']);
    assert.equal(exitCodeOf(r), 1);
  });

  test('the command: --openshift with a must-gather directory; a dump that is not YAML exits 2', async () => {
    const ok = await runCli(['verify', '--openshift', mustGather(path.join(out, 'cli'))]);
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    const p = new Pki(path.join(out, 'bad'));
    p.write('dump.yaml', 'kind: [unclosed\n');
    const bad = await runCli(['verify', '--openshift', p.p('dump.yaml')]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^certdocs verify: .*dump\.yaml:2:1: bad-yaml: not valid YAML or JSON/);
    assert.equal(bad.stderr.trim().split('\n').length, 1);
    const mixed = await runCli(['verify', '--openshift', p.p('dump.yaml'), '--root', '/']);
    assert.equal(mixed.status, 2);
  });
});
