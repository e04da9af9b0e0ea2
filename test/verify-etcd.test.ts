/**
 * verify against a real etcd: Debian's etcd-server runs on 127.0.0.1 with the
 * generated kubeadm PKI, configured from the same etcd.yaml manifest verify
 * reads. For each etcd edge, verify's verdict must match a real TLS handshake
 * made with etcdctl using kube-apiserver's --etcd-cafile/--etcd-certfile/--etcd-keyfile.
 * Needs /usr/bin/etcd and /usr/bin/etcdctl (apt-get install -y etcd-server etcd-client).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { loadModel } from '../scripts/review/load-model.ts';
import { runChecks, type VerifyResult } from '../scripts/verify/checks.ts';
import { resolveUnder } from '../scripts/verify/fsroot.ts';
import { KUBEADM_DEFAULTS, readKubeadm } from '../scripts/verify/kubeadm.ts';
import { apiserverArgs, makeKubeadmPki, manifest, type Pki } from '../scripts/verify/fixture-pki.ts';

const ETCD = '/usr/bin/etcd';
const ETCDCTL = '/usr/bin/etcdctl';
const DATA = fileURLToPath(new URL('../data', import.meta.url));
const PKI = '/etc/kubernetes/pki';
const ETCD_CLIENT = 'etcd --trusted-ca-file → kube-apiserver --etcd-certfile';
const ETCD_SERVER = 'kube-apiserver --etcd-cafile → etcd --cert-file';

const { model } = loadModel(DATA);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

let pki: Pki | undefined;
let etcd: ChildProcess | undefined;
let clientPort = 0;
let peerPortUsed = 0;
const variants: Pki[] = [];

function verify(root: string): VerifyResult {
  return runChecks(model, readKubeadm(model, { root, ...KUBEADM_DEFAULTS }), { at: new Date(), warnDays: 30 });
}

/** A static pod manifest's "--flag=value" items, by flag name without dashes. */
function manifestArgs(p: Pki, component: string): Map<string, string> {
  const pod = parse(p.read(`/etc/kubernetes/manifests/${component}.yaml`));
  return new Map((pod.spec.containers[0].command as string[]).slice(1).map((a) => a.replace(/^--/, '').split(/=(.*)/s).slice(0, 2) as [string, string]));
}

/** kube-apiserver's etcd flags in a tree, as local files. */
function apiserverEtcdFiles(p: Pki): { ca: string; cert: string; key: string; servers: string } {
  const args = manifestArgs(p, 'kube-apiserver');
  return {
    ca: resolveUnder(p.root, args.get('etcd-cafile')!),
    cert: resolveUnder(p.root, args.get('etcd-certfile')!),
    key: resolveUnder(p.root, args.get('etcd-keyfile')!),
    servers: args.get('etcd-servers')!,
  };
}

/** A real client connection with kube-apiserver's etcd files: put, then get, a key. */
function etcdctl(p: Pki): { ok: boolean; output: string } {
  const f = apiserverEtcdFiles(p);
  const common = [`--endpoints=${f.servers}`, `--cacert=${f.ca}`, `--cert=${f.cert}`, `--key=${f.key}`, '--dial-timeout=2s', '--command-timeout=4s'];
  const env = { ...process.env, ETCDCTL_API: '3' };
  const put = spawnSync(ETCDCTL, [...common, 'put', 'certdocs', 'verified'], { encoding: 'utf8', env, timeout: 20_000 });
  if (put.status !== 0) return { ok: false, output: `${put.stdout}${put.stderr}` };
  const get = spawnSync(ETCDCTL, [...common, 'get', 'certdocs', '--print-value-only'], { encoding: 'utf8', env, timeout: 20_000 });
  return { ok: get.status === 0 && get.stdout.trim() === 'verified', output: `${get.stdout}${get.stderr}` };
}

/**
 * A real TLS connection to one of etcd's listeners with the given files: GET /version.
 * A rejection shows as a TLS error straight away (no retries, unlike etcdctl's dial loop);
 * `output` keeps the error so a test can check it was the certificate, not a timeout.
 */
function tlsGet(port: number, files: { ca: Buffer; cert: Buffer; key: Buffer }): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const req = https.get({ host: '127.0.0.1', port, path: '/version', ...files, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ok: res.statusCode === 200, output: `HTTP ${res.statusCode}` }));
    });
    req.on('error', (err) => resolve({ ok: false, output: `${(err as NodeJS.ErrnoException).code ?? ''} ${err.message}` }));
    req.on('timeout', () => req.destroy(new Error('timeout')));
  });
}

/** kube-apiserver's side of the client edge, as a TLS connection to etcd's client port. */
function clientHandshake(p: Pki): Promise<{ ok: boolean; output: string }> {
  const f = apiserverEtcdFiles(p);
  return tlsGet(clientPort, { ca: readFileSync(f.ca), cert: readFileSync(f.cert), key: readFileSync(f.key) });
}

/** A real TLS handshake with etcd's peer listener, as another member would make it with etcd's --peer-* files. */
function peerHandshake(p: Pki): Promise<{ ok: boolean; output: string }> {
  const args = manifestArgs(p, 'etcd');
  const file = (flag: string) => readFileSync(resolveUnder(p.root, args.get(flag)!));
  return tlsGet(peerPortUsed, { ca: file('peer-trusted-ca-file'), cert: file('peer-cert-file'), key: file('peer-key-file') });
}

/** A refusal on certificate grounds (an alert from etcd, or our own verification failing), never a timeout. */
const TLS_REFUSAL = /certificate|alert|self[- ]signed|unable to verify|ECONNRESET|socket hang up/i;

function variant(name: string, change: (p: Pki) => void): Pki {
  const v = pki!.copy(`${pki!.root}-${name}`);
  variants.push(v);
  change(v);
  return v;
}

before(async () => {
  assert.ok(
    existsSync(ETCD) && existsSync(ETCDCTL),
    `${ETCD} or ${ETCDCTL} is missing: this test needs Debian's etcd 3.4 (apt-get install -y etcd-server etcd-client; .ci/run installs them)`,
  );
  clientPort = await freePort();
  let peerPort = await freePort();
  while (peerPort === clientPort) peerPort = await freePort();
  peerPortUsed = peerPort;
  pki = makeKubeadmPki({ etcdPort: clientPort, etcdPeerPort: peerPort });
  // etcd runs with the flags of the manifest verify reads, paths taken under the root.
  const pod = parse(pki.read('/etc/kubernetes/manifests/etcd.yaml'));
  const args = (pod.spec.containers[0].command as string[]).slice(1).map((a) => {
    const [flag, value] = a.split(/=(.*)/s) as [string, string];
    return value.startsWith('/') ? `${flag}=${resolveUnder(pki!.root, value)}` : a;
  });
  mkdirSync(pki.p('/var/lib/etcd'), { recursive: true, mode: 0o700 });
  const log = openSync(pki.p('/etcd.log'), 'w');
  etcd = spawn(ETCD, args, { stdio: ['ignore', log, log] });
  closeSync(log);
  // Ready when a trusted client gets an answer on the client port (a TLS GET fails at once while etcd is not listening).
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (etcd.exitCode !== null) assert.fail(`etcd exited with ${etcd.exitCode}: ${readFileSync(pki.p('/etcd.log'), 'utf8').slice(-2000)}`);
    if ((await clientHandshake(pki)).ok) break;
    if (Date.now() > deadline) assert.fail(`etcd did not become ready: ${readFileSync(pki.p('/etcd.log'), 'utf8').slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
});

after(async () => {
  if (etcd?.pid && etcd.exitCode === null) {
    const exited = new Promise((r) => etcd!.once('exit', r));
    process.kill(etcd.pid, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
    clearTimeout(timer); // a pending timer would keep this test process alive for its full 10 s
    if (etcd.exitCode === null && etcd.signalCode === null) process.kill(etcd.pid, 'SIGKILL');
  }
  for (const v of variants) rmSync(v.root, { recursive: true, force: true });
  if (pki) rmSync(pki.root, { recursive: true, force: true });
});

describe('verify agrees with a real etcd handshake', () => {
  test('the generated PKI: verify says both etcd edges hold, and kube-apiserver\'s client files connect and read a key', () => {
    const result = verify(pki!.root);
    for (const id of [ETCD_CLIENT, ETCD_SERVER]) assert.deepEqual(result.checks.filter((c) => c.id === id).map((c) => c.status), ['ok'], id);
    const r = etcdctl(pki!);
    assert.ok(r.ok, r.output);
  });

  test('a client certificate signed by another CA: verify reports the client edge broken, and etcd rejects it', async () => {
    const v = variant('other-client-ca', (p) => {
      p.issue({ out: '/other/ca', cn: 'etcd-ca', isCA: true });
      p.issue({ out: `${PKI}/apiserver-etcd-client`, cn: 'kube-apiserver-etcd-client', ca: '/other/ca', eku: ['clientAuth'] });
    });
    const result = verify(v.root);
    assert.equal(result.checks.find((c) => c.id === ETCD_CLIENT)!.status, 'broken');
    assert.equal(result.checks.find((c) => c.id === ETCD_SERVER)!.status, 'ok');
    const r = await clientHandshake(v);
    assert.equal(r.ok, false, 'etcd accepted a client certificate verify calls broken');
    assert.match(r.output, TLS_REFUSAL);
  });

  test("etcd's server certificate against another --etcd-cafile: verify reports the server edge broken, and the client rejects etcd", async () => {
    const v = variant('other-etcd-cafile', (p) => {
      p.issue({ out: '/other/etcd-ca', cn: 'etcd-ca', isCA: true });
      const args = apiserverArgs(clientPort);
      args['etcd-cafile'] = '/other/etcd-ca.crt';
      p.write('/etc/kubernetes/manifests/kube-apiserver.yaml', manifest('kube-apiserver', args));
    });
    const result = verify(v.root);
    assert.equal(result.checks.find((c) => c.id === ETCD_SERVER)!.status, 'broken');
    assert.equal(result.checks.find((c) => c.id === ETCD_CLIENT)!.status, 'ok');
    const r = await clientHandshake(v);
    assert.equal(r.ok, false, 'the client trusted an etcd verify calls broken');
    assert.match(r.output, TLS_REFUSAL);
  });

  test('a client certificate without clientAuth: verify and etcd both refuse it', async () => {
    const v = variant('no-client-auth', (p) => p.issue({ out: `${PKI}/apiserver-etcd-client`, cn: 'kube-apiserver-etcd-client', ca: `${PKI}/etcd/ca`, eku: ['serverAuth'] }));
    assert.equal(verify(v.root).checks.find((c) => c.id === ETCD_CLIENT)!.status, 'broken');
    const r = await clientHandshake(v);
    assert.equal(r.ok, false);
    assert.match(r.output, TLS_REFUSAL);
  });

  test('the peer edge: verify and a real handshake on the peer port agree, for the generated peer cert and for one signed by another CA', async () => {
    const PEER = 'etcd --peer-trusted-ca-file → etcd --peer-cert-file';
    assert.equal(verify(pki!.root).checks.find((c) => c.id === PEER)!.status, 'ok');
    const good = await peerHandshake(pki!);
    assert.ok(good.ok, good.output);
    const v = variant('other-peer-ca', (p) => {
      p.issue({ out: '/other/ca', cn: 'etcd-ca', isCA: true });
      p.issue({ out: `${PKI}/etcd/peer`, cn: 'cp-1', ca: '/other/ca', eku: ['serverAuth', 'clientAuth'], dns: ['cp-1', 'localhost'], ips: ['127.0.0.1'] });
    });
    assert.equal(verify(v.root).checks.find((c) => c.id === PEER)!.status, 'broken');
    const bad = await peerHandshake(v);
    assert.equal(bad.ok, false, bad.output);
    assert.match(bad.output, TLS_REFUSAL);
  });
});
