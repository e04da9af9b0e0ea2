/**
 * certdocs verify on a generated kubeadm PKI: the clean tree verifies clean,
 * and every broken variant is detected and named with the right edge, with
 * no private key text in any output. Golden file:
 * UPDATE_GOLDEN=1 node --import tsx --test test/verify.test.ts
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadModel } from '../scripts/review/load-model.ts';
import { buildModel, dataSetOf, filesFromDataSet, type TrustEdge } from '../scripts/model/model.ts';
import { runChecks, type Check, type VerifyResult } from '../scripts/verify/checks.ts';
import { KUBEADM_DEFAULTS, readKubeadm } from '../scripts/verify/kubeadm.ts';
import { exitCodeOf, render } from '../scripts/verify/report.ts';
import { runCli } from './cli-helpers.ts';
import { makeKubeadmPki, manifest, apiserverArgs, Pki } from '../scripts/verify/fixture-pki.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATA = path.join(ROOT, 'data');
const GOLDEN = path.join(ROOT, 'test/fixtures/verify/kubeadm-clean.txt');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const PKI = '/etc/kubernetes/pki';
/** A fixed time a day after generation: every certificate is valid, none expiring within 30 days. */
const AT = new Date(Date.now() + 86_400_000);

const { model } = loadModel(DATA);
let base: Pki;
let scratch: string;

before(() => {
  base = makeKubeadmPki();
  scratch = mkdtempSync(path.join(os.tmpdir(), 'certdocs-verify-'));
});
after(() => {
  rmSync(base.root, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

let n = 0;
function variant(change: (pki: Pki) => void): Pki {
  const pki = base.copy(path.join(scratch, `v${++n}`));
  change(pki);
  return pki;
}

function verify(pki: Pki, at = AT): VerifyResult {
  const layout = readKubeadm(model, { root: pki.root, manifests: KUBEADM_DEFAULTS.manifests, kubeletConfig: KUBEADM_DEFAULTS.kubeletConfig, kubeconfigs: KUBEADM_DEFAULTS.kubeconfigs });
  return runChecks(model, layout, { at, warnDays: 30 });
}

const ETCD_CLIENT = 'etcd --trusted-ca-file → kube-apiserver --etcd-certfile';
const ETCD_SERVER = 'kube-apiserver --etcd-cafile → etcd --cert-file';
const FRONT_PROXY = 'kube-apiserver --requestheader-client-ca-file → kube-apiserver --proxy-client-cert-file';
const KUBELET_CLIENT = 'kubelet --client-ca-file → kube-apiserver --kubelet-client-certificate';
const SERVICE = 'kube-controller-manager --root-ca-file → kube-apiserver --tls-cert-file';

/** Every private key's base64 body lines under the tree: none may appear in any output. */
function keyLines(pki: Pki): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && /\.(key|pem)$/.test(e.name)) {
        const text = readFileSync(p, 'latin1');
        for (const m of text.matchAll(/-----BEGIN [A-Z ]*PRIVATE KEY-----([\s\S]*?)-----END/g)) out.push(...m[1]!.split(/\r?\n/).filter((l) => l.length >= 16 && !l.includes(':')));
      }
    }
  };
  walk(pki.root);
  return out;
}

function assertNoKeyText(pki: Pki, result: VerifyResult): void {
  const lines = keyLines(pki);
  assert.ok(lines.length > 10, 'the tree has private keys to look for');
  for (const format of ['text', 'json', 'junit'] as const) {
    const out = render(result, format);
    assert.doesNotMatch(out, /PRIVATE KEY-----/, `${format} output holds a PEM private key header`);
    for (const l of lines) assert.ok(!out.includes(l), `${format} output holds private key text`);
  }
}

function only(result: VerifyResult, id: string): Check[] {
  const checks = result.checks.filter((c) => c.id === id);
  assert.ok(checks.length, `no check named ${id}`);
  return checks;
}

/** The variant breaks exactly the named checks, each with the given finding code. */
function assertBroken(pki: Pki, result: VerifyResult, expected: Record<string, string>): void {
  const broken = Object.fromEntries(
    result.checks
      .filter((c) => c.status === 'broken')
      .map((c) => [c.id, c.findings.filter((f) => f.severity === 'error').map((f) => f.code).sort().join(',')]),
  );
  assert.deepEqual(broken, expected);
  assert.equal(exitCodeOf(result), 1);
  for (const c of result.checks.filter((c) => c.status === 'broken')) {
    assert.ok(c.locations.length >= 1);
    for (const f of c.findings.filter((f) => f.severity === 'error')) assert.match(f.openssl ?? '', /^(openssl|diff) /, `${c.id}: ${f.code} has an openssl command`);
  }
  assertNoKeyText(pki, result);
}

describe('verify: the generated kubeadm PKI', () => {
  test('verifies clean: every edge whose sides were found holds, exit 0', () => {
    const result = verify(base);
    const bad = result.checks.filter((c) => !['ok', 'not-checkable', 'not-applicable'].includes(c.status));
    assert.deepEqual(bad.map((c) => `${c.status} ${c.id}: ${c.findings.map((f) => f.message).join('; ')}`), []);
    for (const id of [ETCD_CLIENT, ETCD_SERVER, FRONT_PROXY, KUBELET_CLIENT, SERVICE, 'etcd --peer-trusted-ca-file → etcd --peer-cert-file', 'kube-apiserver --service-account-key-file → kube-controller-manager --service-account-private-key-file', 'kube-apiserver --client-ca-file → kube-controller-manager --cluster-signing-cert-file'])
      assert.deepEqual(only(result, id).map((c) => c.status), ['ok'], id);
    // kubeadm serves no SNI certificate: the SNI edge does not apply, and --tls-cert-file's does (it was checked above).
    assert.equal(only(result, 'kube-controller-manager --root-ca-file → kube-apiserver --tls-sni-cert-key')[0]!.status, 'not-applicable');
    // kubeadm does not set --kubelet-certificate-authority.
    assert.equal(only(result, 'kube-apiserver --kubelet-certificate-authority → kubelet --tls-cert-file')[0]!.status, 'not-checkable');
    assert.equal(only(result, '/etc/kubernetes/admin.conf')[0]!.status, 'ok');
    // kubelet.conf: as kubelet --kubeconfig (named by kubeadm's kubelet drop-in) when data/ documents that flag.
    const kubeletConf = model.flags.has('kubelet --kubeconfig') ? ['kubelet --kubeconfig'] : [];
    if (!kubeletConf.length) assert.equal(only(result, '/etc/kubernetes/kubelet.conf')[0]!.status, 'ok');
    // The kubeconfigs the manifests name are checked, on their own or on the edges the data gives them.
    for (const flag of ['kube-controller-manager --kubeconfig', 'kube-scheduler --kubeconfig', ...kubeletConf]) {
      const checks = result.checks.filter((c) => c.flags.includes(flag) && c.status !== 'not-checkable' && c.status !== 'not-applicable');
      assert.ok(checks.length, flag);
      assert.deepEqual([...new Set(checks.map((c) => c.status))], ['ok'], flag);
    }
    assert.equal(exitCodeOf(result), 0);
    // Flags kubeadm sets to files that data/ does not document (yet) are listed, and only those.
    const undocumented = result.undocumented.map((u) => u.flag);
    assert.ok(undocumented.includes('kube-controller-manager --authentication-kubeconfig'), undocumented.join('\n'));
    for (const u of result.undocumented) {
      assert.equal(model.flags.has(u.flag), false, u.flag);
      assert.match(u.value, /^\/etc\/kubernetes\//);
    }
    assertNoKeyText(base, result);
  });

  test('the text report matches the golden file (etcd and its kube-apiserver flags; paths under the root shown as <root>)', () => {
    // A model of etcd and kube-apiserver's --etcd-* flags only, so the golden file changes with them alone.
    const ds = dataSetOf(model);
    const etcdOnly = buildModel(
      filesFromDataSet({
        components: ds.components
          .filter((c) => c.name === 'etcd' || c.name === 'kube-apiserver')
          .map((c) => ({ ...c, flags: c.name === 'etcd' ? c.flags : c.flags.filter((f) => f.name.startsWith('--etcd-')) })),
        namespaces: [],
        actors: { actors: [] },
      }),
    );
    const layout = readKubeadm(etcdOnly, { root: base.root, ...KUBEADM_DEFAULTS });
    const text = render(runChecks(etcdOnly, layout, { at: AT, warnDays: 30 }), 'text');
    const actual = text.split(base.root).join('<root>').replace(/^certdocs verify at \S+Z:/, 'certdocs verify at <at>:');
    if (UPDATE) {
      mkdirSync(path.dirname(GOLDEN), { recursive: true });
      writeFileSync(GOLDEN, actual);
    }
    assert.ok(existsSync(GOLDEN), `${GOLDEN} is missing: run with UPDATE_GOLDEN=1`);
    assert.equal(actual, readFileSync(GOLDEN, 'utf8'));
  });

  test('json and junit carry the same checks', () => {
    const result = verify(base);
    const json = JSON.parse(render(result, 'json'));
    assert.equal(json.checks.length, result.checks.length);
    assert.equal(json.exitCode, 0);
    const junit = render(result, 'junit');
    assert.equal((junit.match(/<testcase /g) ?? []).length, result.checks.length);
    assert.match(junit, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="certdocs verify" tests="\d+" failures="0" errors="0"/);
  });
});

describe('verify: broken variants are named with the right edge', () => {
  test('wrong CA: the etcd client cert signed by another CA named like etcd-ca, and by one with another name', () => {
    const sameName = variant((p) => {
      p.issue({ out: '/other/etcd-ca', cn: 'etcd-ca', isCA: true });
      p.issue({ out: `${PKI}/apiserver-etcd-client`, cn: 'kube-apiserver-etcd-client', ca: '/other/etcd-ca', eku: ['clientAuth'] });
    });
    const r1 = verify(sameName);
    assertBroken(sameName, r1, { [ETCD_CLIENT]: 'bad-signature' });
    // The openssl command reproduces the failure.
    const cmd = only(r1, ETCD_CLIENT)[0]!.findings[0]!.openssl!;
    assert.notEqual(spawnSync('bash', ['-c', cmd], { encoding: 'utf8' }).status, 0, cmd);
    assert.match(only(r1, ETCD_CLIENT)[0]!.consequence ?? '', /kube-apiserver can neither read nor store cluster state/);
    // The broken edge says what breaks and what its failure looks like in the logs (its documented symptoms).
    const text = render(r1, 'text');
    assert.match(text, /^ {14}breaks: every request that reads or writes cluster state/m);
    assert.match(text, /^ {14}shows in logs as: "rejected connection on client endpoint" \(etcd\), .*"remote error: tls: unknown certificate authority" \(kube-apiserver\)/m);
    assert.ok(render(r1, 'junit').includes('shows in logs as: &quot;rejected connection on client endpoint&quot; (etcd)'));

    const otherName = variant((p) => {
      p.issue({ out: '/other/ca', cn: 'someone-else', isCA: true });
      p.issue({ out: `${PKI}/apiserver-etcd-client`, cn: 'kube-apiserver-etcd-client', ca: '/other/ca', eku: ['clientAuth'] });
    });
    assertBroken(otherName, verify(otherName), { [ETCD_CLIENT]: 'unknown-issuer' });
  });

  test('expired and not yet valid certificates', () => {
    const expired = variant((p) => p.issue({ out: `${PKI}/front-proxy-client`, cn: 'front-proxy-client', ca: `${PKI}/front-proxy-ca`, eku: ['clientAuth'], start: '20200101000000Z', end: '20210101000000Z' }));
    assertBroken(expired, verify(expired), { [FRONT_PROXY]: 'expired' });
    const future = variant((p) =>
      p.issue({ out: `${PKI}/apiserver-kubelet-client`, cn: 'kube-apiserver-kubelet-client', o: ['kubeadm:cluster-admins'], ca: `${PKI}/ca`, eku: ['clientAuth'], start: '20990101000000Z', end: '20991231000000Z' }),
    );
    assertBroken(future, verify(future), { [KUBELET_CLIENT]: 'not-yet-valid' });
  });

  test('a kubeconfig whose CA does not verify kube-apiserver, and whose client cert kube-apiserver does not trust', () => {
    const v = variant((p) => {
      p.issue({ out: '/other/ca', cn: 'kubernetes', isCA: true });
      p.issue({ out: '/other/admin', cn: 'kubernetes-admin', o: ['kubeadm:cluster-admins'], ca: '/other/ca', eku: ['clientAuth'] });
      const b64 = (rel: string) => Buffer.from(p.read(rel)).toString('base64');
      const conf = p
        .read('/etc/kubernetes/admin.conf')
        .replace(/certificate-authority-data: \S+/, `certificate-authority-data: ${b64('/other/ca.crt')}`)
        .replace(/client-certificate-data: \S+/, `client-certificate-data: ${b64('/other/admin.crt')}`)
        .replace(/client-key-data: \S+/, `client-key-data: ${b64('/other/admin.key')}`);
      p.write('/etc/kubernetes/admin.conf', conf);
    });
    const result = verify(v);
    assertBroken(v, result, { '/etc/kubernetes/admin.conf': 'bad-signature,bad-signature' });
    const messages = only(result, '/etc/kubernetes/admin.conf')[0]!.findings.map((f) => f.message);
    assert.ok(messages.some((m) => /^kube-apiserver --client-ca-file does not verify the client certificate of \/etc\/kubernetes\/admin\.conf/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /^the CA of \/etc\/kubernetes\/admin\.conf does not verify kube-apiserver --tls-cert-file/.test(m)), messages.join('\n'));
  });

  test('a kubeconfig on either side of an edge: its CA verifies, its client certificate is verified', () => {
    const condition = 'kube-apiserver is reached on a name not served by `kube-apiserver --tls-sni-cert-key`';
    const added: TrustEdge[] = [
      { verifier: 'kube-controller-manager --kubeconfig', verified: 'kube-apiserver --tls-cert-file', verifierSide: { edge: { ref: 'kube-apiserver --tls-cert-file', condition }, owner: 'kube-controller-manager --kubeconfig', file: model.edges[0]!.verifierSide!.file, pointer: '' } },
      { verifier: 'kube-apiserver --client-ca-file', verified: 'kube-scheduler --kubeconfig', verifierSide: { edge: { ref: 'kube-scheduler --kubeconfig' }, owner: 'kube-apiserver --client-ca-file', file: model.edges[0]!.verifierSide!.file, pointer: '' } },
    ];
    const KCM = 'kube-controller-manager --kubeconfig → kube-apiserver --tls-cert-file';
    const SCHED = 'kube-apiserver --client-ca-file → kube-scheduler --kubeconfig';
    // Only the edges data/ does not write already.
    const missing = added.filter((a) => !model.edges.some((e) => e.verifier === a.verifier && e.verified === a.verified));
    model.edges.push(...missing);
    try {
      const clean = verify(base);
      assert.deepEqual(only(clean, KCM).map((c) => c.status), ['ok']);
      assert.deepEqual(only(clean, SCHED).map((c) => c.status), ['ok']);
      const v = variant((p) => {
        p.issue({ out: '/other/ca', cn: 'kubernetes', isCA: true });
        p.issue({ out: '/other/sched', cn: 'system:kube-scheduler', ca: '/other/ca', eku: ['clientAuth'] });
        const b64 = (rel: string) => Buffer.from(p.read(rel)).toString('base64');
        const kcm = p.read('/etc/kubernetes/controller-manager.conf').replace(/certificate-authority-data: \S+/, `certificate-authority-data: ${b64('/other/ca.crt')}`).replace(/server: \S+/, 'server: https://api.example.com:6443');
        p.write('/etc/kubernetes/controller-manager.conf', kcm);
        const sched = p.read('/etc/kubernetes/scheduler.conf').replace(/client-certificate-data: \S+/, `client-certificate-data: ${b64('/other/sched.crt')}`).replace(/client-key-data: \S+/, `client-key-data: ${b64('/other/sched.key')}`);
        p.write('/etc/kubernetes/scheduler.conf', sched);
      });
      const r = verify(v);
      assert.deepEqual(only(r, KCM).map((c) => [c.status, c.findings.map((f) => f.code).sort().join(',')]), [['broken', 'bad-signature,missing-name']]);
      assert.deepEqual(only(r, SCHED).map((c) => [c.status, c.findings.map((f) => f.code).join(',')]), [['broken', 'bad-signature']]);
    } finally {
      model.edges.splice(model.edges.length - missing.length, missing.length);
    }
  });

  test('expiring within --warn days is a warning, not a failure', () => {
    const result = runChecks(model, readKubeadm(model, { root: base.root, ...KUBEADM_DEFAULTS }), { at: new Date(Date.now() + 350 * 86_400_000), warnDays: 30 });
    const warned = result.checks.filter((c) => c.status === 'warning').map((c) => c.id);
    assert.ok(warned.includes(ETCD_SERVER), warned.join('\n'));
    assert.ok(only(result, ETCD_SERVER)[0]!.findings.every((f) => f.code === 'expiring'));
    assert.equal(exitCodeOf(result), 0);
  });

  test('swapped key: etcd serves with the peer key', () => {
    const swapped = variant((p) => p.write(`${PKI}/etcd/server.key`, p.read(`${PKI}/etcd/peer.key`)));
    assertBroken(swapped, verify(swapped), { [ETCD_SERVER]: 'key-mismatch' });
  });

  test('a client certificate without clientAuth', () => {
    const v = variant((p) => p.issue({ out: `${PKI}/apiserver-etcd-client`, cn: 'kube-apiserver-etcd-client', ca: `${PKI}/etcd/ca`, eku: ['serverAuth'] }));
    assertBroken(v, verify(v), { [ETCD_CLIENT]: 'wrong-usage' });
  });

  test('a missing intermediate, and the same chain with the intermediate in the certificate file', () => {
    const withIntermediate = (p: Pki) => {
      p.issue({ out: '/inter/front-proxy-intermediate', cn: 'front-proxy-intermediate', ca: `${PKI}/front-proxy-ca`, isCA: true });
      p.issue({ out: `${PKI}/front-proxy-client`, cn: 'front-proxy-client', ca: '/inter/front-proxy-intermediate', eku: ['clientAuth'] });
    };
    const missing = variant(withIntermediate);
    const result = verify(missing);
    assertBroken(missing, result, { [FRONT_PROXY]: 'unknown-issuer' });
    assert.match(only(result, FRONT_PROXY)[0]!.findings[0]!.message, /no certificate named "CN=front-proxy-intermediate"/);
    const present = variant((p) => {
      withIntermediate(p);
      p.write(`${PKI}/front-proxy-client.crt`, p.read(`${PKI}/front-proxy-client.crt`) + p.read('/inter/front-proxy-intermediate.crt'));
    });
    assert.equal(only(verify(present), FRONT_PROXY)[0]!.status, 'ok');
  });

  test('a bundle of several CAs with the same name where only the old one signed the certificate', () => {
    const v = variant((p) => {
      p.issue({ out: '/new/etcd-ca', cn: 'etcd-ca', isCA: true });
      p.write(`${PKI}/etcd/ca.crt`, p.read('/new/etcd-ca.crt') + p.read(`${PKI}/etcd/ca.crt`));
    });
    const result = verify(v);
    for (const id of [ETCD_CLIENT, ETCD_SERVER]) assert.equal(only(result, id)[0]!.status, 'ok', id);
    // Rotated away: only the new CA is left, and nothing it holds signed the old certificates.
    const rotated = variant((p) => {
      p.issue({ out: '/new/etcd-ca', cn: 'etcd-ca', isCA: true });
      p.write(`${PKI}/etcd/ca.crt`, p.read('/new/etcd-ca.crt'));
    });
    assertBroken(rotated, verify(rotated), { [ETCD_CLIENT]: 'bad-signature', [ETCD_SERVER]: 'bad-signature', 'etcd --peer-trusted-ca-file → etcd --peer-cert-file': 'bad-signature' });
  });

  test('a missing file', () => {
    const v = variant((p) => unlinkSync(p.p(`${PKI}/front-proxy-ca.crt`)));
    const result = verify(v);
    assertBroken(v, result, { [FRONT_PROXY]: 'missing-file', 'kube-controller-manager --requestheader-client-ca-file': 'missing-file' });
  });

  test('garbage, a broken PEM block, and DER instead of PEM', () => {
    const garbage = variant((p) => p.write(`${PKI}/etcd/ca.crt`, 'this is not a certificate\n'));
    assertBroken(garbage, verify(garbage), {
      [ETCD_CLIENT]: 'not-pem',
      [ETCD_SERVER]: 'not-pem',
      'etcd --peer-trusted-ca-file → etcd --peer-cert-file': 'not-pem',
    });
    const badBlock = variant((p) => p.write(`${PKI}/apiserver-kubelet-client.crt`, '-----BEGIN CERTIFICATE-----\nAAAAAAAAAAAAAAAAAAAAAAAA\n-----END CERTIFICATE-----\n'));
    assertBroken(badBlock, verify(badBlock), { [KUBELET_CLIENT]: 'bad-certificate' });
    const der = variant((p) => {
      p.openssl(['x509', '-in', p.p(`${PKI}/front-proxy-client.crt`), '-outform', 'DER', '-out', p.p(`${PKI}/front-proxy-client.der`)]);
      renameSync(p.p(`${PKI}/front-proxy-client.der`), p.p(`${PKI}/front-proxy-client.crt`));
    });
    const result = verify(der);
    assertBroken(der, result, { [FRONT_PROXY]: 'der-not-pem' });
    assert.match(only(result, FRONT_PROXY)[0]!.findings[0]!.message, /holds DER, not PEM/);
  });

  test('an encrypted key, with no key text in any output', () => {
    const v = variant((p) => {
      const key = p.p(`${PKI}/apiserver-etcd-client.key`);
      p.openssl(['pkey', '-in', key, '-aes256', '-passout', 'pass:secret', '-out', `${key}.enc`]);
      renameSync(`${key}.enc`, key);
    });
    const result = verify(v);
    assertBroken(v, result, { [ETCD_CLIENT]: 'encrypted-key' });
    assert.ok(!render(result, 'text').includes('secret'));
  });

  test('symbolic links: absolute targets are read under --root; links leading outside it are refused', () => {
    const inside = variant((p) => {
      mkdirSync(p.p('/srv/pki'), { recursive: true });
      renameSync(p.p(`${PKI}/etcd/ca.crt`), p.p('/srv/pki/etcd-ca.crt'));
      symlinkSync('/srv/pki/etcd-ca.crt', p.p(`${PKI}/etcd/ca.crt`));
      renameSync(p.p(`${PKI}/front-proxy-ca.crt`), p.p('/srv/pki/front-proxy-ca.crt'));
      symlinkSync('../../../srv/pki/front-proxy-ca.crt', p.p(`${PKI}/front-proxy-ca.crt`));
    });
    const ok = verify(inside);
    for (const id of [ETCD_CLIENT, ETCD_SERVER, FRONT_PROXY]) assert.equal(only(ok, id)[0]!.status, 'ok', id);

    const outside = variant((p) => {
      // A real file outside the root that the link would reach if followed on this machine.
      writeFileSync(path.join(path.dirname(p.root), 'outside.crt'), base.read(`${PKI}/etcd/ca.crt`));
      unlinkSync(p.p(`${PKI}/etcd/ca.crt`));
      symlinkSync('../../../../../outside.crt', p.p(`${PKI}/etcd/ca.crt`));
    });
    const loop = variant((p) => {
      unlinkSync(p.p(`${PKI}/etcd/ca.crt`));
      symlinkSync('ca-loop.crt', p.p(`${PKI}/etcd/ca.crt`));
      symlinkSync('ca.crt', p.p(`${PKI}/etcd/ca-loop.crt`));
    });
    assert.equal(only(verify(loop), ETCD_SERVER)[0]!.findings[0]!.code, 'symlink-loop');

    const result = verify(outside);
    for (const id of [ETCD_CLIENT, ETCD_SERVER]) {
      const c = only(result, id)[0]!;
      assert.equal(c.status, 'unreadable', id);
      assert.equal(c.findings[0]!.code, 'path-escapes-root');
    }
    assert.equal(exitCodeOf(result), 2);
  });

  test('a flag path escaping --root', () => {
    const v = variant((p) => {
      const args = apiserverArgs(2379);
      args['etcd-cafile'] = '/etc/kubernetes/../../../../etc/ssl/certs/ca-certificates.crt';
      p.write('/etc/kubernetes/manifests/kube-apiserver.yaml', manifest('kube-apiserver', args));
    });
    const result = verify(v);
    const c = only(result, ETCD_SERVER)[0]!;
    assert.equal(c.status, 'unreadable');
    assert.equal(c.findings[0]!.code, 'path-escapes-root');
    assert.match(c.findings[0]!.message, /kube-apiserver --etcd-cafile: .*leads outside --root/);
    assert.equal(exitCodeOf(result), 2);
  });

  test('etcd without --client-cert-auth: the client edge does not apply', () => {
    const v = variant((p) => {
      const text = p.read('/etc/kubernetes/manifests/etcd.yaml').replace(/--client-cert-auth=true/, '--client-cert-auth=false');
      p.write('/etc/kubernetes/manifests/etcd.yaml', text);
      p.issue({ out: `${PKI}/apiserver-etcd-client`, cn: 'kube-apiserver-etcd-client', ca: `${PKI}/ca`, eku: ['clientAuth'] });
    });
    const result = verify(v);
    assert.equal(only(result, ETCD_CLIENT)[0]!.status, 'not-applicable');
    assert.equal(exitCodeOf(result), 0);
  });

  test('an edge whose condition the files cannot decide is conditional, not broken', () => {
    const edge = model.edges.find((e) => `${e.verifier} → ${e.verified}` === ETCD_SERVER)!;
    const sides = [edge.verifierSide!.edge, edge.verifiedSide!.edge];
    const v = variant((p) => {
      p.issue({ out: '/other/etcd-ca', cn: 'etcd-ca', isCA: true });
      p.issue({ out: `${PKI}/etcd/server`, cn: 'cp-1', ca: '/other/etcd-ca', eku: ['serverAuth', 'clientAuth'], dns: ['cp-1', 'localhost'], ips: ['127.0.0.1'] });
    });
    try {
      for (const s of sides) s.condition = 'the cluster keeps its etcd on another planet';
      const result = verify(v);
      const c = only(result, ETCD_SERVER)[0]!;
      assert.equal(c.status, 'conditional');
      assert.equal(c.condition, 'the cluster keeps its etcd on another planet');
      assert.deepEqual(c.findings.filter((f) => f.severity === 'error').map((f) => f.code), ['bad-signature']);
      assert.match(render(result, 'text'), /if: the cluster keeps its etcd on another planet \(not decidable from the files\)/);
    } finally {
      for (const s of sides) delete s.condition;
    }
    assert.equal(only(verify(v), ETCD_SERVER)[0]!.status, 'broken');
  });

  test('a lifetime other than the documented validity is a warning', () => {
    const flag = model.flags.get('etcd --cert-file')!.data;
    try {
      flag.rotation = { validity: '1 year' };
      assert.equal(only(verify(base), ETCD_SERVER)[0]!.status, 'ok');
      flag.rotation = { validity: '30 days' };
      const c = only(verify(base), ETCD_SERVER)[0]!;
      assert.equal(c.status, 'warning');
      assert.deepEqual(c.findings.map((f) => f.code), ['lifetime-differs']);
      assert.match(c.findings[0]!.message, /is valid for 365 days; data\/ documents "30 days"/);
    } finally {
      delete flag.rotation;
    }
    // A distribution's documented validity (the material model's Go durations) is read the same way.
    const layout = readKubeadm(model, { root: base.root, ...KUBEADM_DEFAULTS });
    layout.validity = new Map([['etcd --cert-file', '720h']]);
    const c = only(runChecks(model, layout, { at: AT, warnDays: 30 }), ETCD_SERVER)[0]!;
    assert.deepEqual([c.status, c.findings.map((f) => f.code)], ['warning', ['lifetime-differs']]);
    layout.validity = new Map([['etcd --cert-file', '8760h']]);
    assert.equal(only(runChecks(model, layout, { at: AT, warnDays: 30 }), ETCD_SERVER)[0]!.status, 'ok');
  });

  test('certificate fields are escaped in the text report', () => {
    const v = variant((p) => {
      p.issue({ out: `${PKI}/front-proxy-client`, cn: 'front-proxy-client\u001b[31m', ca: `${PKI}/etcd/ca`, eku: ['clientAuth'] });
      // A manifest value with a terminal escape in it.
      const args = apiserverArgs(2379);
      args['etcd-cafile'] = '/etc/kubernetes/pki/\u001b]0;pwned\u0007.crt';
      p.write('/etc/kubernetes/manifests/kube-apiserver.yaml', manifest('kube-apiserver', args));
    });
    const result = verify(v);
    const text = render(result, 'text');
    assert.ok(!text.includes('\u001b'), 'no raw escape character');
    // Shown escaped (as X.509 text forms escape it), never raw.
    assert.ok(text.includes('front-proxy-client\\1B[31m'), text);
    assert.ok(text.includes('/etc/kubernetes/pki/\\u001b]0;pwned\\u0007.crt'), text);
    assert.ok(!text.includes('\u0007'));
    assert.ok(!render(result, 'junit').includes('\u001b'), 'no raw escape character in XML');
    assert.ok(!render(result, 'json').includes('\u001b'));
  });
});

describe('verify: the command', () => {
  test('exit codes and usage errors', async () => {
    const clean = await runCli(['verify', '--root', base.root, '--format', 'json']);
    assert.equal(clean.status, 0, clean.stderr);
    assert.equal(JSON.parse(clean.stdout).summary.broken, 0);
    const broken = variant((p) => unlinkSync(p.p(`${PKI}/front-proxy-ca.crt`)));
    const r = await runCli(['verify', '--root', broken.root]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /BROKEN {6}kube-apiserver --requestheader-client-ca-file → kube-apiserver --proxy-client-cert-file/);
    const junit = await runCli(['verify', '--root', broken.root, '--format', 'junit']);
    assert.equal(junit.status, 1);
    assert.match(junit.stdout, /<testcase classname="kube-apiserver\.edge" name="kube-apiserver --requestheader-client-ca-file → kube-apiserver --proxy-client-cert-file">\n {6}<failure type="missing-file" message="kube-apiserver --requestheader-client-ca-file: \/etc\/kubernetes\/pki\/front-proxy-ca\.crt does not exist">/);
    const usage = await runCli(['verify', '--root', base.root, '--at', 'yesterday']);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /^certdocs verify: --at must be a time/);
    const noManifests = await runCli(['verify', '--root', path.join(scratch, 'nowhere')]);
    assert.equal(noManifests.status, 2);
    assert.equal(noManifests.stderr.split('\n').filter(Boolean).length, 1, noManifests.stderr);
  });
});

