/**
 * Commands that show the real certificate or bundle behind a flag or a
 * ConfigMap/Secret, for the "Inspect it" sections and the troubleshooting
 * page. Every command only reads.
 *
 * The data key comes from the certificate material at that place
 * (data/materials/: a location's `keys`); without one, library-go's
 * certrotation conventions (CA bundles in ConfigMap key `ca-bundle.crt`,
 * certificates in Secret key `tls.crt`), which the page says next to them.
 * A flag fed by no documented ConfigMap or Secret uses its material's first
 * location: the object in the cluster, or the file on the node.
 */
import { materialsAt, materialsOf } from '../model/materials.ts';
import { parseResourceRef } from '../model/refs.ts';
import { contentFlags, type Model, type TrustEdge } from '../model/model.ts';
import type { MaterialLocation } from '../model/types.ts';
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

/** `oc get` of the PEM text an object holds, on stdout: the certificate's data key, decoded for a Secret. */
function ocGetAt(namespace: string, type: 'configmap' | 'secret', name: string, keys: string[] | undefined): string {
  const key = keys?.find((k) => !/\.key$/.test(k)) ?? (type === 'configmap' ? 'ca-bundle.crt' : 'tls.crt');
  const path = `{.data.${key.replace(/\./g, '\\.')}}`;
  return `oc get -n ${shellWord(namespace)} ${shellWord(`${type}/${name}`)} -o jsonpath=${shellWord(path)}${type === 'secret' ? ' | base64 -d' : ''}`;
}

/** `oc get` of the PEM text a resource holds, with the data key its material names. */
function ocGet(model: Model, ref: string): string | undefined {
  const r = resourceParts(ref);
  if (!r) return undefined;
  const node = model.resources.get(ref);
  const kind = r.type === 'configmap' ? 'ConfigMap' : 'Secret';
  const loc = node ? materialsAt(model, node).flatMap((m) => m.data.locations).find((l) => l.namespace === r.namespace && l.kind === kind && l.name === r.name) : undefined;
  return ocGetAt(r.namespace, r.type, r.name, loc?.keys);
}

/** The first place a flag's material lives, when no documented resource feeds the flag. */
function materialPlace(model: Model, flagRef: string): MaterialLocation | undefined {
  return materialsOf(model, flagRef)[0]?.data.locations[0];
}

/** Commands for one ConfigMap or Secret, by what it feeds or holds a published copy of. */
export function resourceCommands(model: Model, ref: string): Command[] {
  const r = resourceParts(ref);
  const get = ocGet(model, ref);
  if (!r || !get) return [];
  const data = model.resources.get(ref)?.data;
  const kinds = new Set((data ? contentFlags(data) : []).map((f) => model.flags.get(f)?.data.kind));
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

/** Where the material behind a flag is: the saved file of its first feeding resource or material object, its file on the node, or the flag's own file. */
export function materialFile(model: Model, flagRef: string): string {
  const feeder = model.feedersOf.get(flagRef)?.[0];
  if (feeder) return savedFile(feeder.ref);
  const place = materialPlace(model, flagRef);
  if (place?.path) return place.path;
  if (place?.name) return `${place.name.replace(/[^A-Za-z0-9._-]/g, '_')}.crt`;
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

/** Commands for both sides of an edge, each once, then its `openssl verify` (when both sides are certificates). */
export function edgeCommands(model: Model, e: TrustEdge): Command[] {
  const verify = edgeCommand(model, e);
  const seen = new Set<string>();
  return [...[e.verifier, e.verified].flatMap((ref) => flagCommands(model, ref, [])), ...(verify ? [verify] : [])].filter((c) => !seen.has(c.command) && seen.add(c.command));
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
  const certLike = CERT_KINDS.includes(flag.data.kind) || flag.data.kind === 'ca-bundle';
  const place = feeders.length ? undefined : materialPlace(model, flagRef);
  if (certLike && place?.namespace && place.kind && place.name) {
    const get = ocGetAt(place.namespace, place.kind === 'ConfigMap' ? 'configmap' : 'secret', place.name, place.keys);
    const file = materialFile(model, flagRef);
    out.push({ label: `${place.namespace} ${place.kind} ${place.name} (its material): subject, issuer, validity and names of the (first) certificate`, command: `${get} | ${SHOW}` });
    out.push({ label: `Save it as ${file} (for openssl verify)`, command: `${get} > ${file}` });
  } else if (!feeders.length && certLike) {
    const file = shellWord(place?.path ?? `<file given to ${flagRef}>`);
    out.push({ label: `On the host running ${flag.component}: subject, issuer, validity and names`, command: `${SHOW} -in ${file}` });
  }
  for (const e of edges) {
    const c = edgeCommand(model, e);
    if (c) out.push(c);
  }
  if (KUBEADM_MANAGED.has(flagRef)) out.push({ label: 'kubeadm clusters: expiry of every certificate kubeadm manages', command: 'kubeadm certs check-expiration' });
  return out;
}
