/**
 * verify benchmark (a script, not a test). Builds a kubeadm node with at
 * least BENCH_VERIFY_CERTS certificates (default 300): the generated PKI,
 * plus kube-apiserver --tls-sni-cert-key entries (one serving cert each, one
 * of them for kubernetes.default.svc) and rotated-out CAs kept in the CA
 * bundles, as long-lived clusters have. Then times, BENCH_VERIFY_RUNS times
 * (default 5, median kept):
 *   in-process  read the node, run every check, render the text report;
 *   command     `certdocs verify --root …` as a child process (node and tsx start-up included),
 *               next to the start-up alone (`certdocs verify --help`);
 * against the goal: under 2 s for 300 certificates.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadModel } from '../review/load-model.ts';
import { runChecks } from '../verify/checks.ts';
import { apiserverArgs, makeKubeadmPki, manifest } from '../verify/fixture-pki.ts';
import { KUBEADM_DEFAULTS, readKubeadm } from '../verify/kubeadm.ts';
import { render } from '../verify/report.ts';

const BIN = fileURLToPath(new URL('../../bin/certdocs.mjs', import.meta.url));
const DATA = fileURLToPath(new URL('../../data', import.meta.url));
const PKI = '/etc/kubernetes/pki';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

export async function benchVerify(): Promise<void> {
  const target = Number(process.env.BENCH_VERIFY_CERTS ?? 300);
  const runs = Number(process.env.BENCH_VERIFY_RUNS ?? 5);
  const t0 = Date.now();
  const pki = makeKubeadmPki();
  try {
    const sni = Math.ceil(target / 2);
    const oldCAs = Math.ceil(target / 2);
    const sniArgs: string[] = [];
    for (let i = 0; i < sni; i++) {
      const name = i === 0 ? 'kubernetes.default.svc' : `api-${i}.example.com`;
      pki.issue({ out: `${PKI}/sni/${i}`, cn: name, ca: `${PKI}/ca`, eku: ['serverAuth'], dns: [name] });
      sniArgs.push(`${PKI}/sni/${i}.crt,${PKI}/sni/${i}.key`);
    }
    // Rotated-out CAs with the same names, kept in the bundles (every candidate issuer is tried).
    let caBundle = '';
    let etcdBundle = '';
    for (let i = 0; i < oldCAs; i++) {
      const etcd = i % 2 === 1;
      pki.issue({ out: `/old/${i}`, cn: etcd ? 'etcd-ca' : 'kubernetes', isCA: true });
      if (etcd) etcdBundle += pki.read(`/old/${i}.crt`);
      else caBundle += pki.read(`/old/${i}.crt`);
    }
    // Bundles only: kube-controller-manager --cluster-signing-cert-file keeps ca.crt, whose first cert must be the signer.
    pki.write(`${PKI}/client-ca-bundle.crt`, caBundle + pki.read(`${PKI}/ca.crt`));
    pki.write(`${PKI}/etcd/ca.crt`, etcdBundle + pki.read(`${PKI}/etcd/ca.crt`));
    const args = apiserverArgs(2379);
    args['client-ca-file'] = `${PKI}/client-ca-bundle.crt`;
    const text = manifest('kube-apiserver', args).replace('    - "--tls-cert-file', `${sniArgs.map((a) => `    - "--tls-sni-cert-key=${a}"\n`).join('')}    - "--tls-cert-file`);
    pki.write('/etc/kubernetes/manifests/kube-apiserver.yaml', text);
    const setup = Date.now() - t0;

    const { model } = loadModel(DATA);
    const times: number[] = [];
    const cpu: number[] = [];
    let certs = 0;
    let checks = 0;
    let broken = 0;
    for (let r = 0; r < runs; r++) {
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      const layout = readKubeadm(model, { root: pki.root, ...KUBEADM_DEFAULTS });
      const result = runChecks(model, layout, { at: new Date(), warnDays: 30 });
      render(result, 'text');
      times.push(performance.now() - start);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
      if (r === 0) {
        checks = result.checks.length;
        broken = result.checks.filter((c) => c.status === 'broken').length;
        const seen = new Set<string>();
        const count = (m: { content: { type: string } }): void => {
          const c = m.content as { type: string; certs?: Array<{ fingerprint: string }>; entries?: Array<{ cert: never }>; ca?: never; cert?: never };
          for (const x of c.certs ?? []) seen.add(x.fingerprint);
          for (const e of c.entries ?? []) count(e.cert);
          for (const part of [c.ca, c.cert]) if (part) count(part);
        };
        for (const list of layout.materials.values()) list.forEach(count);
        layout.kubeconfigs.forEach(count);
        certs = seen.size;
      }
    }
    const cmd: number[] = [];
    for (let r = 0; r < Math.min(runs, 3); r++) {
      const start = performance.now();
      const p = spawnSync(process.execPath, [BIN, 'verify', '--root', pki.root, '--data', DATA], { encoding: 'utf8' });
      cmd.push(performance.now() - start);
      if (p.status !== 0) throw new Error(`certdocs verify exited ${p.status}: ${p.stderr || p.stdout.slice(0, 500)}`);
    }
    const startup: number[] = [];
    for (let r = 0; r < Math.min(runs, 3); r++) {
      const start = performance.now();
      spawnSync(process.execPath, [BIN, 'verify', '--help'], { encoding: 'utf8' });
      startup.push(performance.now() - start);
    }
    const inProcess = median(times);
    process.stdout.write(
      [
        `verify: ${certs} distinct certificates read (${sni} SNI serving certs, ${oldCAs} rotated-out CAs in bundles), ${checks} checks, ${broken} broken; set-up ${seconds(setup)}`,
        `  in-process (read + check + report), median of ${runs}: ${seconds(inProcess)} wall, ${seconds(median(cpu))} CPU  [wall ${times.map((t) => seconds(t)).join(', ')}]`,
        `  certdocs verify command, median of ${cmd.length}: ${seconds(median(cmd))}  [${cmd.map((t) => seconds(t)).join(', ')}]; of which start-up ('certdocs verify --help'): ${seconds(median(startup))}`,
        `  goal: under 2 s for ${target} certificates — ${certs >= target && median(cmd) < 2000 ? 'met' : certs >= target && inProcess < 2000 ? 'met in-process, not with process start-up' : 'not met'}`,
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(pki.root, { recursive: true, force: true });
  }
}
