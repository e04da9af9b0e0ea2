/**
 * What verify found for each documented flag: the certificates, keys or
 * switch values behind it, where they came from, or why they could not be read.
 * Both readers (kubeadm layout, OpenShift dumps) produce this.
 */
import type { KeyObject } from 'node:crypto';
import type { FlagKind } from '../model/types.ts';
import { ContentError, readCerts, readPrivateKey, readPublicKeys, type Cert } from './pem.ts';
import { ReadError } from './fsroot.ts';

export type Content =
  | { type: 'certs'; certs: Cert[] }
  | { type: 'key'; key: KeyObject }
  | { type: 'public-keys'; keys: KeyObject[] }
  | { type: 'toggle'; value: boolean }
  | { type: 'kubeconfig'; ca?: Material; cert?: Material; key?: Material; /** The cluster's server URL. */ server?: string }
  | { type: 'sni'; entries: Array<{ cert: Material; key: Material; names: string[] }> }
  | { type: 'problem'; code: string; message: string; /** A fact about the input, not the cluster: redacted, outside --root. */ uncheckable?: boolean };

export interface Material {
  /** The documented flag, "<component> <--flag>". */
  flag: string;
  /** Where the flag's value was found: a manifest, kubelet config, kubeconfig or resource. */
  setIn: string;
  /** What the value points at: a node path, or "<namespace> secret/<name> tls.crt". */
  location: string;
  /** The local file to hand to openssl, when there is one. */
  local?: string;
  /** Otherwise a shell expression that yields the content (e.g. `<(oc extract …)`), for openssl commands. */
  shell?: string;
  content: Content;
}

export type Materials = Map<string, Material[]>;

export function addMaterial(materials: Materials, m: Material): void {
  const list = materials.get(m.flag);
  if (list) list.push(m);
  else materials.set(m.flag, [m]);
}

const CERT_KINDS: readonly FlagKind[] = ['ca-bundle', 'serving-cert', 'client-cert', 'signing-cert'];
const KEY_KINDS: readonly FlagKind[] = ['serving-key', 'client-key', 'signing-key', 'token-signing-key'];

export const holdsCerts = (kind: FlagKind) => CERT_KINDS.includes(kind);
export const holdsPrivateKey = (kind: FlagKind) => KEY_KINDS.includes(kind);

/** Turn file bytes into content for a flag of `kind`; a read or parse failure becomes a problem. */
export function contentOf(kind: FlagKind, read: () => Buffer): Content {
  try {
    const bytes = read();
    if (holdsCerts(kind)) return { type: 'certs', certs: readCerts(bytes) };
    if (holdsPrivateKey(kind)) return { type: 'key', key: readPrivateKey(bytes) };
    if (kind === 'token-verifying-keys') return { type: 'public-keys', keys: readPublicKeys(bytes) };
    return { type: 'problem', code: 'unsupported-kind', message: `verify does not read ${kind} files`, uncheckable: true };
  } catch (err) {
    return problemOf(err);
  }
}

export function problemOf(err: unknown): Content {
  if (err instanceof ReadError)
    return { type: 'problem', code: err.code, message: err.message, uncheckable: err.code === 'path-escapes-root' || err.code === 'unreadable-file' };
  if (err instanceof ContentError) return { type: 'problem', code: err.code, message: err.message };
  throw err;
}

/** "true"/"false" as Go's flag package reads booleans. */
export function parseBool(value: string): boolean | undefined {
  if (/^(1|t|true)$/i.test(value)) return true;
  if (/^(0|f|false)$/i.test(value)) return false;
  return undefined;
}
