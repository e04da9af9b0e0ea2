/**
 * /check/: how to point `certdocs verify` at a cluster's certificates and
 * read its report. Static text, written as HTML.
 */
import { html, raw } from '../html.ts';
import type { SiteData } from '../site-data.ts';
import { crumbs } from './parts.ts';

const BODY = `<h1>Check your cluster</h1>
<p class="lead"><code>certdocs verify</code> reads a cluster's real certificates, keys and CA bundles and checks every must-verify edge this site documents: which edge is broken, what breaks because of it, and an <code>openssl</code> command that shows the same thing.</p>

<nav class="toc" aria-label="On this page"><ul>
<li><a href="#collect">What to collect</a></li>
<li><a href="#run">Run verify</a></li>
<li><a href="#read">Read the report</a></li>
<li><a href="#checks">What is checked</a></li>
</ul></nav>

<h2 id="collect">What to collect</h2>
<p>The files hold private keys. Copy them only to a machine you trust, and delete the copy when you are done. <code>certdocs verify</code> never prints key material, not even in errors.</p>

<h3>A kubeadm control-plane node</h3>
<p>verify reads the static pod manifests (<code>kube-apiserver.yaml</code>, <code>kube-controller-manager.yaml</code>, <code>kube-scheduler.yaml</code>, <code>etcd.yaml</code>), the kubelet's config file and systemd drop-in (<code>10-kubeadm.conf</code>, which names its kubeconfig), the kubeconfigs and every file they name. Copy them with their paths, so that the copy is a snapshot of the node's filesystem:</p>
<pre tabindex="0"><code>sudo tar -C / -czf node-pki.tgz etc/kubernetes var/lib/kubelet/config.yaml var/lib/kubelet/pki usr/lib/systemd/system/kubelet.service.d
mkdir node &amp;&amp; tar -C node -xzf node-pki.tgz</code></pre>
<p>On the node itself no copy is needed: verify reads under <code>--root /</code> by default.</p>

<h3>OpenShift</h3>
<p>verify reads dumps of ConfigMaps and Secrets, as <code>oc</code> writes them, one file per namespace or a must-gather directory:</p>
<pre tabindex="0"><code>for ns in openshift-config openshift-config-managed; do
  oc get cm,secret -n "$ns" -o yaml &gt; "$ns.yaml"
done</code></pre>
<p><code>-o json</code> works too, and so does a directory from <code>oc adm must-gather</code>. must-gather removes the data of Secrets: those are reported as <em>not checkable</em>, never as broken.</p>

<h2 id="run">Run verify</h2>
<pre tabindex="0"><code>npx certdocs verify --root ./node                     # a copied kubeadm node
sudo npx certdocs verify                              # on the node itself
npx certdocs verify --openshift openshift-config.yaml --openshift openshift-config-managed.yaml
npx certdocs verify --root ./node --at 2027-06-01T00:00:00Z --warn 60
npx certdocs verify --root ./node --format junit &gt; verify.xml   # for CI</code></pre>
<p>Every path in the manifests and configs is read under <code>--root</code>, symbolic links included (an absolute link target is taken under the root again). A path or link that leads outside <code>--root</code> is refused and reported as unreadable. Other options: <code>--manifests DIR</code>, <code>--kubelet-config FILE</code>, <code>--kubeconfig FILE</code> (repeatable), <code>--format text|json|junit</code>, <code>--data DIR</code>; <code>npx certdocs verify --help</code> lists them.</p>

<h2 id="read">Read the report</h2>
<p>The text report groups checks by component and lists what needs attention first:</p>
<div class="table-wrap" tabindex="0">
<table>
<caption class="visually-hidden">Statuses in the report</caption>
<thead><tr><th scope="col">Status</th><th scope="col">Meaning</th></tr></thead>
<tbody>
<tr><th scope="row"><code>BROKEN</code></th><td>The edge does not hold: the component will fail the way the documented consequence says.</td></tr>
<tr><th scope="row"><code>UNREADABLE</code></th><td>A file could not be read (outside <code>--root</code>, permissions): nothing is known about the edge.</td></tr>
<tr><th scope="row"><code>CONDITIONAL</code></th><td>A check failed on an edge whose condition the files do not decide (for example whether a Service is served through SNI). Decide whether the condition holds for your cluster.</td></tr>
<tr><th scope="row"><code>WARNING</code></th><td>The edge holds, but a certificate expires within <code>--warn</code> days, or lives longer or shorter than documented.</td></tr>
<tr><th scope="row"><code>ok</code></th><td>The edge holds.</td></tr>
<tr><th scope="row"><code>not checked</code></th><td>One side of the edge was not in the input (a flag that is not set, a redacted Secret).</td></tr>
<tr><th scope="row"><code>not applicable</code></th><td>The edge's condition does not hold for this cluster (for example etcd without <code>--client-cert-auth</code>).</td></tr>
</tbody>
</table>
</div>
<p>Each failed check names both flags, the file or resource behind each (and where the flag was set), the code and reason, the documented consequence, what breaks and the error texts the failure shows in the logs, and an <code>openssl</code> command that reproduces the finding:</p>
<pre tabindex="0"><code>kube-apiserver
  BROKEN      kube-apiserver --etcd-cafile &rarr; etcd --cert-file
              kube-apiserver --etcd-cafile = /etc/kubernetes/pki/etcd/ca.crt (set in /srv/node/etc/kubernetes/manifests/kube-apiserver.yaml)
              etcd --cert-file = /etc/kubernetes/pki/etcd/server.crt (set in /srv/node/etc/kubernetes/manifests/etcd.yaml)
              failed: bad-signature: kube-apiserver --etcd-cafile: /etc/kubernetes/pki/etcd/ca.crt does not verify etcd --cert-file: the bundle holds a CA named "CN=etcd-ca", but its key did not sign "CN=cp-1"
                $ openssl verify -CAfile /srv/node/etc/kubernetes/pki/etcd/ca.crt -untrusted /srv/node/etc/kubernetes/pki/etcd/server.crt -purpose sslserver -attime 1780000000 /srv/node/etc/kubernetes/pki/etcd/server.crt
              consequence: kube-apiserver cannot connect to etcd and can neither read nor store cluster state
              breaks: every request that reads or writes cluster state: kube-apiserver cannot connect to etcd
              shows in logs as: "tls: failed to verify certificate" (kube-apiserver), "x509: certificate signed by unknown authority" (kube-apiserver), &hellip;, "rejected connection on client endpoint" (etcd)</code></pre>
<p>At the end, <em>undocumented</em> lists flags whose values are files but which the data does not document yet: that is how the data grows. Add them to <code>data/</code> with their sources (see CONTRIBUTING.md).</p>
<p>Exit status: <code>0</code> when every checkable edge holds, <code>1</code> when an edge or certificate is broken, <code>2</code> for a usage error or unreadable input. <code>--format json</code> gives every check with its findings; <code>--format junit</code> gives one test case per check for CI systems.</p>

<h2 id="checks">What is checked</h2>
<ul>
<li><strong>Trust</strong>: the verifier's CA bundle verifies the certificate. The chain is built through intermediates in the bundle or the certificate file; signatures are checked; every CA with the issuer's name is tried (a bundle may hold an old and a new CA); validity at <code>--at</code>.</li>
<li><strong>Key pairs</strong>: each certificate's public key matches the private key it pairs with.</li>
<li><strong>Usage by kind</strong>: serving certificates carry serverAuth, client certificates clientAuth, signing certificates are CAs with keyCertSign.</li>
<li><strong>Names</strong>: serving certificates carry the names the edge needs: <code>kubernetes.default.svc</code> where the edge is about the service network, the hosts of <code>kube-apiserver --etcd-servers</code> for etcd's certificate.</li>
<li><strong>Expiry</strong>: expired, not yet valid, and expiring within <code>--warn</code> days (default 30).</li>
<li><strong>Documented lifetime</strong>: where the data documents a validity, a certificate that lives longer or shorter is a warning.</li>
<li><strong>Files</strong>: a missing file, garbage, DER instead of PEM, an encrypted key (no component can read one) are broken.</li>
<li><strong>Kubeconfigs</strong>: the client certificate pairs with its key, carries clientAuth, and is verified by <code>kube-apiserver --client-ca-file</code>; the kubeconfig's CA verifies <code>kube-apiserver --tls-cert-file</code>.</li>
</ul>
`;

export function checkBody(site: SiteData): string {
  return html`${crumbs([{ href: site.urls.home, text: 'Home' }], 'Check your cluster')}${raw(BODY)}`.value;
}
