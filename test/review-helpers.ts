/** Shared synthetic data for the review tests (impact, diff, coverage): a small copy of the csr-controller-ca wiring. */
import type { ComponentFile, DataSet, NamespaceFile } from '../scripts/model/types.ts';

export const COMPONENT = '../schemas/component.schema.json';
export const NAMESPACE = '../schemas/namespace.schema.json';

/** A small copy of the csr-controller-ca wiring from the enhancement. */
export function dataSet(extra: { namespaces?: NamespaceFile[]; components?: ComponentFile[] } = {}): DataSet {
  return {
    components: [
      {
        $schema: COMPONENT,
        name: 'kube-apiserver',
        flags: [
          {
            name: '--client-ca-file',
            kind: 'ca-bundle',
            purpose: 'CA bundle used to verify client certificates.',
            verifies: [{ ref: 'kube-controller-manager --cluster-signing-cert-file', consequence: '`kubelet --rotate-certificates` will fail' }],
          },
          {
            name: '--kubelet-certificate-authority',
            kind: 'ca-bundle',
            purpose: 'CA bundle used to verify kubelets.',
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
            purpose: 'Signing cert used to sign CSRs.',
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
          { name: '--rotate-server-certificates', kind: 'rotation-toggle', purpose: 'Serving rotation.', interactsWith: ['kube-apiserver --kubelet-certificate-authority'] },
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

/** Write a data set as a data folder: the one writer the generate and check tests use too. */
export { writeDataSet } from './generate-helpers.ts';
