/**
 * Conditions and names of edges that verify can decide from the files.
 * Conditions are prose in data/; the few whose wording verify understands are
 * listed here, and any other condition leaves its edge "conditional".
 */
import type { TrustEdge } from '../model/model.ts';
import type { Layout } from './layout.ts';

/** The in-cluster DNS name of the Service kubernetes in namespace default. */
const SERVICE_NAMES = ['kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'];

/** Does some --tls-sni-cert-key entry of kube-apiserver serve the kubernetes.default Service? */
function sniServesService(layout: Layout): boolean | undefined {
  if (!layout.components.includes('kube-apiserver')) return undefined;
  for (const m of layout.materials.get('kube-apiserver --tls-sni-cert-key') ?? []) {
    if (m.content.type !== 'sni') return undefined;
    for (const e of m.content.entries) {
      if (e.names.length) {
        if (e.names.some((n) => SERVICE_NAMES.includes(n) || n === '*.default.svc')) return true;
      } else if (e.cert.content.type === 'certs') {
        const leaf = e.cert.content.certs[0]!;
        if (SERVICE_NAMES.some((n) => leaf.x509.checkHost(n, { subject: 'never' }))) return true;
      } else return undefined;
    }
  }
  return false;
}

/** true: the edge applies; false: it does not; undefined: the files do not say. */
export function decideCondition(condition: string, layout: Layout): boolean | undefined {
  // "`etcd --client-cert-auth` is true"
  const toggle = /^`([a-z0-9-]+) (--[a-z0-9-]+)` is true$/.exec(condition);
  if (toggle) {
    const [, component, flag] = toggle;
    const m = layout.materials.get(`${component} ${flag}`)?.[0];
    if (m?.content.type === 'toggle') return m.content.value;
    // Read the component and the switch is not set: Go's boolean flags default to false.
    return m || !layout.components.includes(component!) ? undefined : false;
  }
  if (/^kubernetes\.default\.service is not served through `kube-apiserver --tls-sni-cert-key`$/.test(condition)) {
    const sni = sniServesService(layout);
    return sni === undefined ? undefined : !sni;
  }
  if (/^used for kubernetes\.default\.service$/.test(condition)) return sniServesService(layout);
  // "kube-apiserver is reached on a name (not) served by `kube-apiserver --tls-sni-cert-key`":
  // decidable when kube-apiserver was read and serves no SNI certificate at all.
  const reached = /^kube-apiserver is reached on a name (not )?served by `kube-apiserver --tls-sni-cert-key`$/.exec(condition);
  if (reached) {
    if (!layout.components.includes('kube-apiserver') || layout.materials.has('kube-apiserver --tls-sni-cert-key')) return undefined;
    return !!reached[1];
  }
  return undefined;
}

/** Names a serving certificate must carry on this edge. */
export function requiredNames(e: TrustEdge, condition: string | undefined, layout: Layout): string[] {
  if (condition && /kubernetes\.default\.service/.test(condition)) return [SERVICE_NAMES[0]!];
  // kube-apiserver reaches etcd at the hosts of --etcd-servers; etcd's certificate must be valid for them.
  if (e.verifier === 'kube-apiserver --etcd-cafile' && e.verified === 'etcd --cert-file') {
    const hosts = new Set<string>();
    for (const list of layout.args.get('kube-apiserver')?.get('--etcd-servers') ?? []) {
      for (const u of list.split(',')) {
        try {
          const host = new URL(u.trim()).hostname.replace(/^\[|\]$/g, '');
          if (host) hosts.add(host);
        } catch {
          // Not a URL: nothing to require.
        }
      }
    }
    return [...hosts].sort();
  }
  return [];
}
