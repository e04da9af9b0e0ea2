/**
 * Read a node laid out by kubeadm: static pod manifests, the kubelet's
 * config file and the kubeconfigs. Every path they name is read under --root.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../lib/problems.ts';
import { newRun } from './pem.ts';
import type { Model } from '../model/model.ts';
import type { FlagKind } from '../model/types.ts';
import { readUnder, resolveUnder } from './fsroot.ts';
import { addMaterial, contentOf, holdsCerts, holdsPrivateKey, parseBool, problemOf, type Content, type Material, type Materials } from './material.ts';
import type { Layout, Undocumented } from './layout.ts';
import { readYamlFile, yamlDocuments } from './yaml.ts';

export interface KubeadmOptions {
  root: string;
  /** Directory of static pod manifests (a node path, read under root). */
  manifests: string;
  /** Node path of the kubelet config file. */
  kubeletConfig: string;
  /** Node paths of kubeconfigs that no documented flag names (admin.conf, kubelet.conf). */
  kubeconfigs: string[];
}

export const KUBEADM_DEFAULTS = {
  manifests: '/etc/kubernetes/manifests',
  kubeletConfig: '/var/lib/kubelet/config.yaml',
  kubeconfigs: ['/etc/kubernetes/admin.conf', '/etc/kubernetes/kubelet.conf'],
};

/** Where kubeadm's packages put the kubelet's systemd drop-in, and the kubeconfig it names. */
const KUBELET_DROP_INS = ['/etc/systemd/system/kubelet.service.d/10-kubeadm.conf', '/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf'];
const KUBEADM_KUBELET_KUBECONFIG = '/etc/kubernetes/kubelet.conf';

/** kubelet config fields and the flags they stand for. */
const KUBELET_FIELDS: Array<[string[], string]> = [
  [['authentication', 'x509', 'clientCAFile'], '--client-ca-file'],
  [['tlsCertFile'], '--tls-cert-file'],
  [['tlsPrivateKeyFile'], '--tls-private-key-file'],
  [['rotateCertificates'], '--rotate-certificates'],
  [['serverTLSBootstrap'], '--rotate-server-certificates'],
];

const looksLikeFile = (v: string) => /^\/\S+\.(crt|pem|key|pub|conf|kubeconfig|cert)$/.test(v) || /^\/etc\/kubernetes\/pki\//.test(v);



/** "--flag=value" items of every container of a Pod. */
function podArgs(pod: unknown): Array<{ component: string; args: Array<[string, string]> }> {
  const spec = (pod as { spec?: { containers?: Array<{ name?: string; command?: unknown[]; args?: unknown[] }> } })?.spec;
  const out: Array<{ component: string; args: Array<[string, string]> }> = [];
  for (const c of spec?.containers ?? []) {
    const items = [...(c.command ?? []), ...(c.args ?? [])].map(String);
    const component = items[0] && !items[0].startsWith('-') ? path.posix.basename(items[0]) : (c.name ?? '');
    const args: Array<[string, string]> = [];
    for (let i = 0; i < items.length; i++) {
      const m = /^(--[a-z0-9][a-z0-9-]*)(?:=(.*))?$/s.exec(items[i]!);
      if (!m) continue;
      if (m[2] !== undefined) args.push([m[1]!, m[2]]);
      else if (items[i + 1] !== undefined && !items[i + 1]!.startsWith('--')) args.push([m[1]!, items[++i]!]);
      else args.push([m[1]!, 'true']);
    }
    out.push({ component, args });
  }
  return out;
}

function fileMaterial(root: string, flag: string, kind: FlagKind, setIn: string, value: string, baseDir = '/'): Material {
  let local: string | undefined;
  const content = contentOf(kind, () => {
    const r = readUnder(root, value, baseDir);
    local = r.local;
    return r.bytes;
  });
  if (!local) {
    try {
      local = resolveUnder(root, value, baseDir);
    } catch {
      // Outside the root: no local file to show.
    }
  }
  return { flag, setIn, location: value, ...(local ? { local } : {}), content };
}

/** The value of a flag of `kind` as found in a manifest or config. */
function materialFor(root: string, flag: string, kind: FlagKind, setIn: string, value: string): Material[] {
  if (kind === 'rotation-toggle' || kind === 'auth-toggle') {
    const b = parseBool(value);
    const content: Content = b === undefined ? { type: 'problem', code: 'bad-boolean', message: `${JSON.stringify(value)} is not a boolean` } : { type: 'toggle', value: b };
    return [{ flag, setIn, location: value, content }];
  }
  if (kind === 'kubeconfig') return [readKubeconfig(root, flag, setIn, value)];
  if (kind === 'sni-cert-key') {
    // "cert,key" or "cert,key:name1,name2"
    const m = /^([^,]+),([^:]+)(?::(.*))?$/.exec(value);
    if (!m) return [{ flag, setIn, location: value, content: { type: 'problem', code: 'bad-sni', message: `${JSON.stringify(value)} is not "cert,key[:names]"` } }];
    const names = m[3] ? m[3].split(',').map((s) => s.trim()).filter(Boolean) : [];
    const cert = fileMaterial(root, flag, 'serving-cert', setIn, m[1]!);
    const key = fileMaterial(root, flag, 'serving-key', setIn, m[2]!);
    return [{ flag, setIn, location: value, content: { type: 'sni', entries: [{ cert, key, names }] } }];
  }
  // Kinds verify does not read (e.g. a directory of certificates) are left out rather than reported unreadable.
  if (!holdsCerts(kind) && !holdsPrivateKey(kind) && kind !== 'token-verifying-keys') return [];
  return [fileMaterial(root, flag, kind, setIn, value)];
}

interface KubeconfigDoc {
  'current-context'?: string;
  contexts?: Array<{ name?: string; context?: { cluster?: string; user?: string } }>;
  clusters?: Array<{ name?: string; cluster?: Record<string, string> }>;
  users?: Array<{ name?: string; user?: Record<string, string> }>;
}

/** A kubeconfig's CA, client cert and client key, embedded or by path (relative to the kubeconfig). */
function readKubeconfig(root: string, flag: string, setIn: string, nodePath: string): Material {
  const base: Omit<Material, 'content'> = { flag, setIn, location: nodePath };
  let doc: KubeconfigDoc;
  try {
    const r = readUnder(root, nodePath);
    base.local = r.local;
    doc = (yamlDocuments(r.bytes.toString('utf8'), nodePath)[0] ?? {}) as KubeconfigDoc;
  } catch (err) {
    if (err instanceof UserError) return { ...base, content: { type: 'problem', code: 'bad-kubeconfig', message: 'is not valid YAML' } };
    return { ...base, content: problemOf(err) };
  }
  const ctx = doc.contexts?.find((c) => c.name === doc['current-context'])?.context ?? doc.contexts?.[0]?.context;
  const cluster = (doc.clusters?.find((c) => c.name === ctx?.cluster) ?? doc.clusters?.[0])?.cluster ?? {};
  const user = (doc.users?.find((u) => u.name === ctx?.user) ?? doc.users?.[0])?.user ?? {};
  const baseDir = path.posix.dirname(nodePath);
  const part = (kind: FlagKind, fields: Record<string, string>, dataKey: string, fileKey: string, what: string): Material | undefined => {
    if (fields[dataKey]) {
      return { flag, setIn: nodePath, location: `${nodePath} ${what} (${dataKey})`, content: contentOf(kind, () => Buffer.from(fields[dataKey]!, 'base64')) };
    }
    if (fields[fileKey]) return { ...fileMaterial(root, flag, kind, nodePath, fields[fileKey]!, baseDir) };
    return undefined;
  };
  const ca = part('ca-bundle', cluster, 'certificate-authority-data', 'certificate-authority', 'cluster CA');
  const cert = part('client-cert', user, 'client-certificate-data', 'client-certificate', 'client certificate');
  const key = part('client-key', user, 'client-key-data', 'client-key', 'client key');
  const server = typeof cluster.server === 'string' ? cluster.server : undefined;
  return { ...base, content: { type: 'kubeconfig', ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}), ...(server ? { server } : {}) } };
}

function get(obj: unknown, keys: string[]): unknown {
  let cur = obj;
  for (const k of keys) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return cur;
}

export function readKubeadm(model: Model, opts: KubeadmOptions): Layout {
  newRun();
  const materials: Materials = new Map();
  const undocumented: Undocumented[] = [];
  const args = new Map<string, Map<string, string[]>>();
  const seen: string[] = [];

  let files: string[];
  let dir: string;
  try {
    dir = resolveUnder(opts.root, opts.manifests);
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  } catch {
    throw new UserError(`--manifests ${opts.manifests} is not a readable directory of static pod manifests under --root ${opts.root}`, 2);
  }
  for (const f of files) {
    const file = path.join(dir, f);
    const docs = readYamlFile(file);
    for (const doc of docs) {
      for (const { component, args: list } of podArgs(doc)) {
        if (!component) continue;
        seen.push(component);
        const compArgs = args.get(component) ?? new Map<string, string[]>();
        args.set(component, compArgs);
        for (const [flag, value] of list) {
          compArgs.set(flag, [...(compArgs.get(flag) ?? []), value]);
          const ref = `${component} ${flag}`;
          const node = model.flags.get(ref);
          if (!node) {
            if (looksLikeFile(value)) undocumented.push({ flag: ref, value, setIn: file });
            continue;
          }
          // Comma-separated lists (--service-account-key-file may repeat; --tls-sni-cert-key too).
          for (const m of materialFor(opts.root, ref, node.data.kind, file, value)) addMaterial(materials, m);
        }
      }
    }
  }

  // The kubelet's config file.
  let kubeletDoc: unknown;
  let kubeletLocal: string | undefined;
  try {
    const r = readUnder(opts.root, opts.kubeletConfig);
    kubeletLocal = r.local;
    kubeletDoc = yamlDocuments(r.bytes.toString('utf8'), opts.kubeletConfig)[0];
  } catch (err) {
    if (err instanceof UserError) throw err;
    kubeletDoc = undefined;
  }
  if (kubeletDoc) {
    seen.push('kubelet');
    const setIn = kubeletLocal ?? opts.kubeletConfig;
    for (const [keys, flag] of KUBELET_FIELDS) {
      const value = get(kubeletDoc, keys);
      if (value === undefined || value === null || value === '') continue;
      const ref = `kubelet ${flag}`;
      const node = model.flags.get(ref);
      if (!node) continue;
      for (const m of materialFor(opts.root, ref, node.data.kind, setIn, String(value))) addMaterial(materials, m);
    }
  }

  // The kubelet's own flags come from its systemd drop-in (kubeadm's 10-kubeadm.conf):
  // --kubeconfig=/etc/kubernetes/kubelet.conf, read as the documented flag when data/ has it.
  let kubeletKubeconfig: string | undefined;
  if (kubeletDoc && model.flags.has('kubelet --kubeconfig')) {
    const dropIn = KUBELET_DROP_INS.map((d) => {
      try {
        return { d, text: readUnder(opts.root, d).bytes.toString('utf8') };
      } catch {
        return undefined;
      }
    }).find(Boolean);
    const value = (dropIn && /--kubeconfig=(\S+?)["'\s]/.exec(`${dropIn.text} `)?.[1]) ?? KUBEADM_KUBELET_KUBECONFIG;
    kubeletKubeconfig = value;
    addMaterial(materials, readKubeconfig(opts.root, 'kubelet --kubeconfig', dropIn ? dropIn.d : `${KUBEADM_KUBELET_KUBECONFIG} (kubeadm's default)`, value));
  }
  // Kubeconfigs no flag names: their client certs and CAs are checked as kubeconfigs.
  const kubeconfigs: Material[] = opts.kubeconfigs.filter((p) => p !== kubeletKubeconfig).map((p) => readKubeconfig(opts.root, p, p, p));
  return { materials, undocumented, args, components: [...new Set(seen)].sort(), kubeconfigs };
}
