/**
 * Commands that show the real certificate or bundle behind a flag or a
 * ConfigMap/Secret, for the "Inspect it" sections and the troubleshooting
 * page. Every command only reads.
 *
 * Key names follow library-go's certrotation conventions (openshift/library-go
 * pkg/operator/certrotation: CA bundles in ConfigMap key `ca-bundle.crt`,
 * certificates in Secret key `tls.crt`); the page says so next to them.
 */
import { parseResourceRef } from '../model/refs.ts';
import type { Model, TrustEdge } from '../model/model.ts';
import type { FlagKind } from '../model/types.ts';

export interface Command {
  /** What it shows, plain text. */
  label: string;
  /** The shell command, plain text (escaped where it is shown). */
  command: string;
}

const SHOW = 'openssl x509 -noout -subject -issuer -dates -ext subjectAltName';
const CERT_KINDS: readonly FlagKind[] = ['serving-cert', 'client-cert', 'signing-cert', 'sni-cert-key'];

/** A word for a POSIX shell: bare when it is safe, otherwise single-quoted. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9._\/=:@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The local file a resource is saved to by `saveCommand`. */
export function savedFile(ref: string): string {
  const parsed = parseResourceRef(ref);
  const name = parsed.ok ? parsed.value.name.replace(/^(cm|secret)\//, '') : 'item';
  return `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.crt`;
}

function resourceParts(ref: string): { namespace: string; type: 'configmap' | 'secret'; name: string } | undefined {
  const parsed = parseResourceRef(ref);
  if (!parsed.ok) return undefined;
  const [type, name] = parsed.value.name.split('/') as ['cm' | 'secret', string];
  return { namespace: parsed.value.namespace, type: type === 'cm' ? 'configmap' : 'secret', name };
}

/** `oc get` of the PEM text a resource holds, on stdout. */
function ocGet(ref: string): string | undefined {
  const r = resourceParts(ref);
  if (!r) return undefined;
  const target = `${r.type}/${r.name}`;
  return r.type === 'configmap'
    ? `oc get -n ${shellWord(r.namespace)} ${shellWord(target)} -o jsonpath='{.data.ca-bundle\\.crt}'`
    : `oc get -n ${shellWord(r.namespace)} ${shellWord(target)} -o jsonpath='{.data.tls\\.crt}' | base64 -d`;
}

/** Commands for one ConfigMap or Secret, by what it feeds. */
export function resourceCommands(model: Model, ref: string): Command[] {
  const r = resourceParts(ref);
  const get = ocGet(ref);
  if (!r || !get) return [];
  const kinds = new Set((model.resources.get(ref)?.data.feeds ?? []).map((f) => model.flags.get(f)?.data.kind));
  if (kinds.has('token-verifying-keys') || kinds.has('token-signing-key')) {
    return [{ label: 'The keys it holds (public keys, not certificates)', command: `oc get -n ${shellWord(r.namespace)} ${shellWord(`${r.type}/${r.name}`)} -o yaml` }];
  }
  const file = savedFile(ref);
  const out: Command[] = [
    { label: 'Subject, issuer, validity and names of the (first) certificate', command: `${get} | ${SHOW}` },
    { label: `Save it as ${file} (for openssl verify)`, command: `${get} > ${file}` },
  ];
  if (r.type === 'configmap') out.push({ label: 'Subject and issuer of every certificate in the bundle', command: `openssl crl2pkcs7 -nocrl -certfile ${file} | openssl pkcs7 -print_certs -noout` });
  return out;
}

/** Where the material behind a flag is: the saved file of its first feeding resource, or the flag's own file on the host. */
export function materialFile(model: Model, flagRef: string): string {
  const feeder = model.feedersOf.get(flagRef)?.[0];
  if (feeder) return savedFile(feeder.ref);
  return `<file given to ${flagRef}>`;
}

/** `openssl verify` for one must-verify edge (none for token keys: they are not X.509). */
export function edgeCommand(model: Model, e: TrustEdge): Command | undefined {
  const verifier = model.flags.get(e.verifier);
  const verified = model.flags.get(e.verified);
  if (!verifier || !verified || verifier.data.kind !== 'ca-bundle' || !CERT_KINDS.includes(verified.data.kind)) return undefined;
  return {
    label: `Does ${e.verifier} verify ${e.verified}?`,
    command: `openssl verify -CAfile ${shellWord(materialFile(model, e.verifier))} ${shellWord(materialFile(model, e.verified))}`,
  };
}

/** kubeadm keeps these certificates under /etc/kubernetes/pki and reports them (kubernetes/kubernetes cmd/kubeadm/app/cmd/certs.go). */
const KUBEADM_MANAGED = new Set([
  'kube-apiserver --tls-cert-file',
  'kube-apiserver --kubelet-client-certificate',
  'kube-apiserver --proxy-client-cert-file',
  'kube-apiserver --etcd-certfile',
  'kube-apiserver --client-ca-file',
  'kube-apiserver --requestheader-client-ca-file',
  'kube-apiserver --etcd-cafile',
  'kube-controller-manager --kubeconfig',
  'kube-scheduler --kubeconfig',
]);

/** Commands for one flag: its material (through its feeding resources, or on the host), each edge, the distribution's own. */
export function flagCommands(model: Model, flagRef: string, edges: TrustEdge[]): Command[] {
  const flag = model.flags.get(flagRef);
  if (!flag || flag.data.kind === 'rotation-toggle') return [];
  const out: Command[] = [];
  const feeders = model.feedersOf.get(flagRef) ?? [];
  for (const f of feeders) for (const c of resourceCommands(model, f.ref)) out.push({ label: `${f.ref}: ${c.label}`, command: c.command });
  if (!feeders.length) {
    const file = shellWord(`<file given to ${flagRef}>`);
    if (CERT_KINDS.includes(flag.data.kind) || flag.data.kind === 'ca-bundle')
      out.push({ label: `On the host running ${flag.component}: subject, issuer, validity and names`, command: `${SHOW} -in ${file}` });
  }
  for (const e of edges) {
    const c = edgeCommand(model, e);
    if (c) out.push(c);
  }
  if (KUBEADM_MANAGED.has(flagRef)) out.push({ label: 'kubeadm clusters: expiry of every certificate kubeadm manages', command: 'kubeadm certs check-expiration' });
  return out;
}
