/** Synthetic data for the diagram, render, generate and check tests (never the real data/). */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringifyData } from '../scripts/lib/json.ts';
import { buildModel, filesFromDataSet, type Model } from '../scripts/model/model.ts';
import type { DataSet } from '../scripts/model/types.ts';

const COMPONENT = '../schemas/component.schema.json';
const NAMESPACE = '../schemas/namespace.schema.json';

/** A small, valid copy of real wiring: two CA bundles, a signer, a kubelet, resources with producers. */
export function smallDataSet(): DataSet {
  return {
    components: [
      {
        $schema: COMPONENT,
        name: 'kube-apiserver',
        flags: [
          {
            name: '--client-ca-file',
            kind: 'ca-bundle',
            purpose: 'CA bundle used to verify client certificate connections from clients and identify users.',
            verifies: [{ ref: 'kube-controller-manager --cluster-signing-cert-file', consequence: '`kubelet --rotate-certificates` will fail' }],
          },
          {
            name: '--kubelet-certificate-authority',
            kind: 'ca-bundle',
            purpose: 'CA bundle used to verify kubelets for connections from KAS to kubelet.',
            verifies: [{ ref: 'kubelet --tls-cert-file' }, { ref: 'kube-controller-manager --cluster-signing-cert-file' }],
          },
          {
            name: '--tls-cert-file',
            kind: 'serving-cert',
            purpose: 'Serving cert used to serve requests not matching SNI.',
            pairsWith: 'kube-apiserver --tls-private-key-file',
            verifiedBy: [{ ref: 'kube-controller-manager --root-ca-file', condition: 'the service is not handled with SNI' }],
          },
          { name: '--tls-private-key-file', kind: 'serving-key', purpose: 'Serving key used to serve requests not matching SNI.' },
        ],
      },
      {
        $schema: COMPONENT,
        name: 'kube-controller-manager',
        flags: [
          {
            name: '--cluster-signing-cert-file',
            kind: 'signing-cert',
            purpose: 'Signing cert used to sign CSRs.',
            verifiedBy: [{ ref: 'kube-apiserver --client-ca-file' }, { ref: 'kube-apiserver --kubelet-certificate-authority' }],
          },
          {
            name: '--root-ca-file',
            kind: 'ca-bundle',
            purpose: 'CA bundle placed into service account token secrets.',
            verifies: [{ ref: 'kube-apiserver --tls-cert-file', condition: 'the service is not handled with SNI' }],
          },
        ],
      },
      {
        $schema: COMPONENT,
        name: 'kubelet',
        flags: [
          { name: '--tls-cert-file', kind: 'serving-cert', purpose: 'Serving cert used to serve requests.', verifiedBy: [{ ref: 'kube-apiserver --kubelet-certificate-authority' }] },
          { name: '--rotate-certificates', kind: 'rotation-toggle', purpose: 'If true, rotate the kubelet client cert through the CSR API.' },
        ],
      },
    ],
    namespaces: [
      {
        $schema: NAMESPACE,
        namespace: 'openshift-config-managed',
        resources: [
          { name: 'cm/csr-controller-ca', purpose: 'CA bundle of the CSR signer.', feeds: ['kube-apiserver --kubelet-certificate-authority'], inputTo: ['cm/kube-apiserver-client-ca'], producers: ['kube-controller-manager-operator'] },
          { name: 'cm/kube-apiserver-client-ca', feeds: ['kube-apiserver --client-ca-file'], producers: ['kube-apiserver-operator'] },
        ],
      },
    ],
    actors: {
      $schema: './schemas/actors.schema.json',
      actors: [{ name: 'kube-apiserver-operator' }, { name: 'kube-controller-manager-operator' }],
    },
    document: {
      $schema: './schemas/document.schema.json',
      frontMatter: { title: 'kube-apiserver-certificates', status: 'implemented' },
      sections: [
        { depth: 1, title: 'kube-apiserver Certificates', body: 'Documentation about the certificates.' },
        { depth: 3, title: 'TLS related flags for individual binaries', generated: 'components' },
        { depth: 3, title: 'Exposed resources', generated: 'namespaces' },
        { depth: 3, title: 'Diagrams', generated: 'diagrams' },
      ],
    },
  };
}

/** Hostile text for labels: quotes, markup, Mermaid syntax, backticks, newlines, non-ASCII. */
export const HOSTILE = 'a "quoted" <script>alert(1)</script> --> b | c [x] {y} (z) `code` #1; 100% %%{init: {"theme":"dark"}}%%\nnewline ü 日本 end';

/** A data set (not valid: the names are hostile) whose labels carry hostile text everywhere a label can come from. */
export function hostileModel(): Model {
  const ds = smallDataSet();
  ds.components[0]!.name = `kas ${HOSTILE}`;
  ds.components[0]!.flags[0]!.name = `--${HOSTILE}`;
  ds.namespaces[0]!.resources[0]!.producers = [HOSTILE];
  ds.namespaces[0]!.resources[0]!.name = `cm/${HOSTILE}`;
  ds.components[1]!.flags[1]!.verifies = [{ ref: 'kube-apiserver --tls-cert-file', condition: HOSTILE }];
  // Keep the references consistent with the renamed component and flag.
  const kas = ds.components[0]!.name;
  const renamed = `${kas} --${HOSTILE}`;
  ds.components[1]!.flags[0]!.verifiedBy = [{ ref: renamed }, { ref: `${kas} --kubelet-certificate-authority` }];
  ds.namespaces[0]!.resources[1]!.feeds = [renamed];
  return buildModel(filesFromDataSet(ds));
}

export function modelOf(ds: DataSet): Model {
  return buildModel(filesFromDataSet(ds));
}

/** Write a data set as a data folder. */
export function writeDataSet(dir: string, ds: DataSet): void {
  mkdirSync(path.join(dir, 'components'), { recursive: true });
  mkdirSync(path.join(dir, 'namespaces'), { recursive: true });
  for (const c of ds.components) writeFileSync(path.join(dir, 'components', `${c.name}.json`), stringifyData(c));
  for (const n of ds.namespaces) writeFileSync(path.join(dir, 'namespaces', `${n.namespace}.json`), stringifyData(n));
  writeFileSync(path.join(dir, 'actors.json'), stringifyData(ds.actors));
  if (ds.document) writeFileSync(path.join(dir, 'document.json'), stringifyData(ds.document));
}

const created: string[] = [];

/** A temporary project: <root>/data holds the data set. Remove them all with removeTempProjects(). */
export function tempProject(ds: DataSet = smallDataSet()): { root: string; data: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'certdocs-test-'));
  created.push(root);
  const data = path.join(root, 'data');
  writeDataSet(data, ds);
  return { root, data };
}

/** Every file under `dir` (relative path → bytes as text), for before/after comparisons. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    const full = path.join(dir, rel);
    let names: string[];
    try {
      names = readdirSync(full);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, r)).isDirectory()) walk(r);
      else out.set(r, readFileSync(path.join(dir, r), 'utf8'));
    }
  };
  walk('');
  return out;
}

export function removeTempProjects(): void {
  for (const root of created.splice(0)) rmSync(root, { recursive: true, force: true });
}
