/**
 * Fixtures for tests and the benchmark (not used by verify itself).
 * Build a kubeadm-layout node filesystem with the openssl CLI: pki/ with
 * kubeadm's CNs, organisations, SANs and usages (certlist.go), the static pod
 * manifests with kubeadm's flags (controlplane/manifests.go, etcd/local.go),
 * the kubelet config and the kubeconfigs. ECDSA P-256 keys (kubeadm's
 * `encryptionAlgorithm: ECDSA-P256`) keep generation fast.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const NODE = 'cp-1';
export const NODE_IP = '127.0.0.1';

const MINIMAL_CONFIG = '[req]\ndistinguished_name=dn\n[dn]\n';

export interface IssueOptions {
  /** Path without extension, relative to the root: writes <path>.crt and <path>.key. */
  out: string;
  cn: string;
  o?: string[];
  /** Signer, as a path without extension; absent: self-signed. */
  ca?: string;
  isCA?: boolean;
  eku?: Array<'serverAuth' | 'clientAuth'>;
  dns?: string[];
  ips?: string[];
  days?: number;
  /** openssl ca dates (YYYYMMDDHHMMSSZ), for certificates not valid now. */
  start?: string;
  end?: string;
}

export class Pki {
  constructor(readonly root: string) {}

  p(rel: string): string {
    return path.join(this.root, rel);
  }

  openssl(args: string[], cwd = this.root): string {
    return execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  private config(): string {
    const f = path.join(this.root, '.openssl.cnf');
    writeFileSync(f, MINIMAL_CONFIG);
    return f;
  }

  issue(o: IssueOptions): void {
    const crt = this.p(`${o.out}.crt`);
    const key = this.p(`${o.out}.key`);
    mkdirSync(path.dirname(crt), { recursive: true });
    const subj = `/${[...(o.o ?? []).map((x) => `O=${x}`), `CN=${o.cn}`].join('/')}`;
    const ext: string[] = [];
    if (o.isCA) ext.push('basicConstraints=critical,CA:TRUE', 'keyUsage=critical,digitalSignature,keyCertSign');
    else ext.push('basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature');
    if (o.eku?.length) ext.push(`extendedKeyUsage=${o.eku.join(',')}`);
    const sans = [...(o.dns ?? []).map((d) => `DNS:${d}`), ...(o.ips ?? []).map((i) => `IP:${i}`)];
    if (sans.length) ext.push(`subjectAltName=${sans.join(',')}`);
    ext.push('subjectKeyIdentifier=hash');
    const cfg = this.config();
    const addext = ext.flatMap((e) => ['-addext', e]);
    // Like Go's x509 (kubeadm), a signed certificate names its issuer's key.
    const aki = o.ca && !(o.start || o.end) ? ['-addext', 'authorityKeyIdentifier=keyid'] : [];
    if (o.start || o.end) {
      // openssl 3.0's req/x509 cannot set arbitrary dates; openssl ca can.
      const csr = `${crt}.csr`;
      this.openssl(['req', '-new', '-config', cfg, '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', csr, '-subj', subj, ...addext]);
      const caDir = mkdtempSync(path.join(this.root, '.ca-'));
      writeFileSync(path.join(caDir, 'index.txt'), '');
      writeFileSync(path.join(caDir, 'serial'), '1000\n');
      writeFileSync(
        path.join(caDir, 'ca.cnf'),
        `[ca]\ndefault_ca=d\n[d]\ndatabase=${caDir}/index.txt\nnew_certs_dir=${caDir}\nserial=${caDir}/serial\ndefault_md=sha256\npolicy=p\ncopy_extensions=copy\nunique_subject=no\n[p]\ncommonName=supplied\norganizationName=optional\n`,
      );
      const signer = o.ca ?? o.out;
      this.openssl(['ca', '-batch', '-config', path.join(caDir, 'ca.cnf'), '-cert', this.p(`${signer}.crt`), '-keyfile', this.p(`${signer}.key`), '-in', csr, '-out', crt, '-notext', '-startdate', o.start!, '-enddate', o.end!]);
      rmSync(caDir, { recursive: true, force: true });
      rmSync(csr, { force: true });
      return;
    }
    const days = String(o.days ?? (o.isCA ? 3650 : 365));
    const signer = o.ca ? ['-CA', this.p(`${o.ca}.crt`), '-CAkey', this.p(`${o.ca}.key`)] : [];
    this.openssl(['req', '-x509', '-new', '-config', cfg, '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', crt, '-subj', subj, '-days', days, ...signer, ...addext, ...aki]);
  }

  write(rel: string, content: string | Buffer): void {
    mkdirSync(path.dirname(this.p(rel)), { recursive: true });
    writeFileSync(this.p(rel), content);
  }

  read(rel: string): string {
    return readFileSync(this.p(rel), 'utf8');
  }

  /** A copy of this tree, for a variant. */
  copy(into: string): Pki {
    cpSync(this.root, into, { recursive: true, verbatimSymlinks: true });
    return new Pki(into);
  }
}

const K = '/etc/kubernetes';
const PKI = `${K}/pki`;

export function manifest(component: string, args: Record<string, string>): string {
  const command = [component, ...Object.entries(args).map(([k, v]) => `--${k}=${v}`)];
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${component}`,
    '  namespace: kube-system',
    'spec:',
    '  containers:',
    `  - name: ${component}`,
    '    command:',
    ...command.map((c) => `    - ${JSON.stringify(c)}`),
    '',
  ].join('\n');
}

/** kube-apiserver's flags as kubeadm writes them (controlplane/manifests.go getAPIServerCommand). */
export function apiserverArgs(etcdPort: number): Record<string, string> {
  return {
    'advertise-address': NODE_IP,
    'allow-privileged': 'true',
    'authorization-mode': 'Node,RBAC',
    'client-ca-file': `${PKI}/ca.crt`,
    'enable-bootstrap-token-auth': 'true',
    'etcd-cafile': `${PKI}/etcd/ca.crt`,
    'etcd-certfile': `${PKI}/apiserver-etcd-client.crt`,
    'etcd-keyfile': `${PKI}/apiserver-etcd-client.key`,
    'etcd-servers': `https://127.0.0.1:${etcdPort}`,
    'kubelet-client-certificate': `${PKI}/apiserver-kubelet-client.crt`,
    'kubelet-client-key': `${PKI}/apiserver-kubelet-client.key`,
    'kubelet-preferred-address-types': 'InternalIP,ExternalIP,Hostname',
    'proxy-client-cert-file': `${PKI}/front-proxy-client.crt`,
    'proxy-client-key-file': `${PKI}/front-proxy-client.key`,
    'requestheader-allowed-names': 'front-proxy-client',
    'requestheader-client-ca-file': `${PKI}/front-proxy-ca.crt`,
    'requestheader-extra-headers-prefix': 'X-Remote-Extra-',
    'requestheader-group-headers': 'X-Remote-Group',
    'requestheader-username-headers': 'X-Remote-User',
    'secure-port': '6443',
    'service-account-issuer': 'https://kubernetes.default.svc.cluster.local',
    'service-account-key-file': `${PKI}/sa.pub`,
    'service-account-signing-key-file': `${PKI}/sa.key`,
    'service-cluster-ip-range': '10.96.0.0/12',
    'tls-cert-file': `${PKI}/apiserver.crt`,
    'tls-private-key-file': `${PKI}/apiserver.key`,
  };
}

export function etcdArgs(clientPort: number, peerPort: number, dataDir = '/var/lib/etcd'): Record<string, string> {
  return {
    'advertise-client-urls': `https://${NODE_IP}:${clientPort}`,
    'cert-file': `${PKI}/etcd/server.crt`,
    'client-cert-auth': 'true',
    'data-dir': dataDir,
    'initial-advertise-peer-urls': `https://${NODE_IP}:${peerPort}`,
    'initial-cluster': `${NODE}=https://${NODE_IP}:${peerPort}`,
    'key-file': `${PKI}/etcd/server.key`,
    'listen-client-urls': `https://127.0.0.1:${clientPort}`,
    'listen-peer-urls': `https://${NODE_IP}:${peerPort}`,
    name: NODE,
    'peer-cert-file': `${PKI}/etcd/peer.crt`,
    'peer-client-cert-auth': 'true',
    'peer-key-file': `${PKI}/etcd/peer.key`,
    'peer-trusted-ca-file': `${PKI}/etcd/ca.crt`,
    'snapshot-count': '10000',
    'trusted-ca-file': `${PKI}/etcd/ca.crt`,
  };
}

function kubeconfig(pki: Pki, user: string, certRel: string, embed = true): string {
  const b64 = (rel: string) => Buffer.from(pki.read(rel)).toString('base64');
  const userLines = embed
    ? [`    client-certificate-data: ${b64(`${certRel}.crt`)}`, `    client-key-data: ${b64(`${certRel}.key`)}`]
    : [`    client-certificate: ${certRel}`, `    client-key: ${certRel}`];
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- cluster:',
    `    certificate-authority-data: ${b64(`${PKI}/ca.crt`)}`,
    `    server: https://${NODE_IP}:6443`,
    '  name: kubernetes',
    'contexts:',
    '- context:',
    '    cluster: kubernetes',
    `    user: ${user}`,
    `  name: ${user}@kubernetes`,
    `current-context: ${user}@kubernetes`,
    'users:',
    `- name: ${user}`,
    '  user:',
    ...userLines,
    '',
  ].join('\n');
}

export interface KubeadmPkiOptions {
  etcdPort?: number;
  etcdPeerPort?: number;
}

/** A complete kubeadm node under a new temporary root. */
export function makeKubeadmPki(opts: KubeadmPkiOptions = {}): Pki {
  const pki = new Pki(mkdtempSync(path.join(os.tmpdir(), 'certdocs-pki-')));
  const etcdPort = opts.etcdPort ?? 2379;
  const peerPort = opts.etcdPeerPort ?? 2380;
  // certlist.go: the three CAs and their leaves.
  pki.issue({ out: `${PKI}/ca`, cn: 'kubernetes', isCA: true });
  pki.issue({
    out: `${PKI}/apiserver`,
    cn: 'kube-apiserver',
    ca: `${PKI}/ca`,
    eku: ['serverAuth'],
    dns: [NODE, 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'],
    ips: ['10.96.0.1', NODE_IP],
  });
  pki.issue({ out: `${PKI}/apiserver-kubelet-client`, cn: 'kube-apiserver-kubelet-client', o: ['kubeadm:cluster-admins'], ca: `${PKI}/ca`, eku: ['clientAuth'] });
  pki.issue({ out: `${PKI}/front-proxy-ca`, cn: 'front-proxy-ca', isCA: true });
  pki.issue({ out: `${PKI}/front-proxy-client`, cn: 'front-proxy-client', ca: `${PKI}/front-proxy-ca`, eku: ['clientAuth'] });
  pki.issue({ out: `${PKI}/etcd/ca`, cn: 'etcd-ca', isCA: true });
  const etcdNames = { dns: [NODE, 'localhost'], ips: [NODE_IP, '127.0.0.1', '0:0:0:0:0:0:0:1'] };
  pki.issue({ out: `${PKI}/etcd/server`, cn: NODE, ca: `${PKI}/etcd/ca`, eku: ['serverAuth', 'clientAuth'], ...etcdNames });
  pki.issue({ out: `${PKI}/etcd/peer`, cn: NODE, ca: `${PKI}/etcd/ca`, eku: ['serverAuth', 'clientAuth'], ...etcdNames });
  pki.issue({ out: `${PKI}/etcd/healthcheck-client`, cn: 'kube-etcd-healthcheck-client', ca: `${PKI}/etcd/ca`, eku: ['clientAuth'] });
  pki.issue({ out: `${PKI}/apiserver-etcd-client`, cn: 'kube-apiserver-etcd-client', ca: `${PKI}/etcd/ca`, eku: ['clientAuth'] });
  // Service accounts are not x509 certs: a key pair (phases/certs/certs.go).
  pki.openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', pki.p(`${PKI}/sa.key`)]);
  pki.openssl(['pkey', '-in', pki.p(`${PKI}/sa.key`), '-pubout', '-out', pki.p(`${PKI}/sa.pub`)]);
  // Kubeconfig client certs (kubeconfig phase), signed by ca.
  pki.issue({ out: '/tmp-kc/admin', cn: 'kubernetes-admin', o: ['kubeadm:cluster-admins'], ca: `${PKI}/ca`, eku: ['clientAuth'] });
  pki.issue({ out: '/tmp-kc/controller-manager', cn: 'system:kube-controller-manager', ca: `${PKI}/ca`, eku: ['clientAuth'] });
  pki.issue({ out: '/tmp-kc/scheduler', cn: 'system:kube-scheduler', ca: `${PKI}/ca`, eku: ['clientAuth'] });
  pki.issue({ out: '/tmp-kc/kubelet', cn: `system:node:${NODE}`, o: ['system:nodes'], ca: `${PKI}/ca`, eku: ['clientAuth'] });
  pki.write(`${K}/admin.conf`, kubeconfig(pki, 'kubernetes-admin', '/tmp-kc/admin'));
  pki.write(`${K}/controller-manager.conf`, kubeconfig(pki, 'system:kube-controller-manager', '/tmp-kc/controller-manager'));
  pki.write(`${K}/scheduler.conf`, kubeconfig(pki, 'system:kube-scheduler', '/tmp-kc/scheduler'));
  // After TLS bootstrap kubelet.conf points at the rotated client cert (cert and key in one file).
  pki.write('/var/lib/kubelet/pki/kubelet-client-current.pem', pki.read('/tmp-kc/kubelet.crt') + pki.read('/tmp-kc/kubelet.key'));
  pki.write(`${K}/kubelet.conf`, kubeconfig(pki, `system:node:${NODE}`, '/var/lib/kubelet/pki/kubelet-client-current.pem', false));
  rmSync(pki.p('/tmp-kc'), { recursive: true, force: true });
  // The kubelet's serving cert (self-signed by the kubelet when serverTLSBootstrap is off).
  pki.issue({ out: '/var/lib/kubelet/pki/kubelet', cn: `${NODE}-ca@1700000000`, isCA: true, eku: ['serverAuth'], dns: [NODE], days: 365 });
  pki.write(
    '/var/lib/kubelet/config.yaml',
    [
      'apiVersion: kubelet.config.k8s.io/v1beta1',
      'kind: KubeletConfiguration',
      'authentication:',
      '  x509:',
      `    clientCAFile: ${PKI}/ca.crt`,
      'rotateCertificates: true',
      'tlsCertFile: /var/lib/kubelet/pki/kubelet.crt',
      'tlsPrivateKeyFile: /var/lib/kubelet/pki/kubelet.key',
      '',
    ].join('\n'),
  );
  // The kubelet's systemd drop-in, as kubeadm's packages install it.
  pki.write(
    '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf',
    [
      '[Service]',
      'Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"',
      'Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"',
      'EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env',
      'ExecStart=',
      'ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS',
      '',
    ].join('\n'),
  );
  // Static pod manifests.
  pki.write(`${K}/manifests/kube-apiserver.yaml`, manifest('kube-apiserver', apiserverArgs(etcdPort)));
  pki.write(
    `${K}/manifests/kube-controller-manager.yaml`,
    manifest('kube-controller-manager', {
      'authentication-kubeconfig': `${K}/controller-manager.conf`,
      'authorization-kubeconfig': `${K}/controller-manager.conf`,
      'bind-address': '127.0.0.1',
      'client-ca-file': `${PKI}/ca.crt`,
      'cluster-name': 'kubernetes',
      'cluster-signing-cert-file': `${PKI}/ca.crt`,
      'cluster-signing-key-file': `${PKI}/ca.key`,
      controllers: '*,bootstrapsigner,tokencleaner',
      kubeconfig: `${K}/controller-manager.conf`,
      'leader-elect': 'true',
      'requestheader-client-ca-file': `${PKI}/front-proxy-ca.crt`,
      'root-ca-file': `${PKI}/ca.crt`,
      'service-account-private-key-file': `${PKI}/sa.key`,
      'use-service-account-credentials': 'true',
    }),
  );
  pki.write(
    `${K}/manifests/kube-scheduler.yaml`,
    manifest('kube-scheduler', {
      'authentication-kubeconfig': `${K}/scheduler.conf`,
      'authorization-kubeconfig': `${K}/scheduler.conf`,
      'bind-address': '127.0.0.1',
      kubeconfig: `${K}/scheduler.conf`,
      'leader-elect': 'true',
    }),
  );
  pki.write(`${K}/manifests/etcd.yaml`, manifest('etcd', etcdArgs(etcdPort, peerPort)));
  rmSync(pki.p('.openssl.cnf'), { force: true });
  return pki;
}
