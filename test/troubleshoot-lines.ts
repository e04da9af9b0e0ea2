/** Real error lines and the edge each must rank first (test/troubleshoot.test.ts and the browser test). */
import { edgeAnchor } from '../scripts/model/symptoms.ts';

const anchor = (verifier: string, verified: string) => edgeAnchor({ verifier, verified });

/** Real lines: a kubelet journal line (OpenShift), `oc logs` output, an aggregated API server log line. */
export const LINES: Array<{ what: string; line: string; first: string }> = [
  {
    what: 'kubelet rejects kube-apiserver’s client certificate',
    line: 'Dec 03 07:21:25 worker-0 kubenswrapper[2187]: E1203 07:21:25.123456    2187 server.go:310] "Unable to authenticate the request due to an error" err="verifying certificate SN=4432, SKID=, AKID=9F:12 failed: x509: certificate signed by unknown authority"',
    first: anchor('kubelet --client-ca-file', 'kube-apiserver --kubelet-client-certificate'),
  },
  {
    what: 'kube-apiserver rejects the kubelet’s serving certificate (oc logs)',
    line: 'Error from server: Get "https://10.0.128.4:10250/containerLogs/openshift-etcd/etcd-master-0/etcd": tls: failed to verify certificate: x509: certificate signed by unknown authority',
    first: anchor('kube-apiserver --kubelet-certificate-authority', 'kubelet --tls-cert-file'),
  },
  {
    what: 'an aggregated API server rejects kube-apiserver’s front-proxy certificate',
    line: 'E1119 09:47:18.072393       1 authentication.go:53] Unable to authenticate the request due to an error: x509: certificate signed by unknown authority',
    first: anchor('kube-apiserver --requestheader-client-ca-file', 'kube-apiserver --proxy-client-cert-file'),
  },
];
