/**
 * Read OpenShift dumps of ConfigMaps and Secrets: `oc get cm,secret -o yaml`
 * or `-o json` (a List or single objects, several YAML documents), or a
 * must-gather-style directory of such files. Documented resources map to
 * flags through their `feeds` and `publishes`; a resource's keys map to the flag's kind
 * (ca-bundle.crt for CA bundles, tls.crt / tls.key for certs and keys).
 */
import { readdirSync, statSync } from 'node:fs';
import { allMaterials } from '../model/materials.ts';
import path from 'node:path';
import { readYamlFile } from './yaml.ts';
import { UserError } from '../lib/problems.ts';
import { newRun } from './pem.ts';
import { contentFlags, type Model } from '../model/model.ts';
import type { FlagKind } from '../model/types.ts';
import type { Layout } from './layout.ts';
import { addMaterial, contentOf, holdsCerts, holdsPrivateKey, type Content, type Material, type Materials } from './material.ts';

interface K8sObject {
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  data?: Record<string, string | null>;
  items?: unknown[];
}

interface Found {
  ref: string;
  kind: 'cm' | 'secret';
  namespace: string;
  name: string;
  data: Record<string, string | null>;
  file: string;
}

function listFiles(p: string): string[] {
  let st;
  try {
    st = statSync(p);
  } catch {
    throw new UserError(`--openshift ${p} does not exist`, 2);
  }
  if (!st.isDirectory()) return [p];
  let names: string[];
  try {
    names = readdirSync(p, { recursive: true, encoding: 'utf8' });
  } catch (err) {
    throw new UserError(`--openshift ${p} cannot be listed (${(err as NodeJS.ErrnoException).code ?? 'error'})`, 2);
  }
  return names
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => path.join(p, f));
}

function objectsOf(value: unknown, out: K8sObject[]): void {
  if (!value || typeof value !== 'object') return;
  const o = value as K8sObject;
  if (Array.isArray(o.items)) for (const item of o.items) objectsOf(item, out);
  else out.push(o);
}

function readObjects(file: string): K8sObject[] {
  const out: K8sObject[] = [];
  for (const doc of readYamlFile(file)) objectsOf(doc, out);
  return out;
}

/** A documented ConfigMap or Secret and the flags its content ends up in. */
export interface ResourceFeed {
  /** "<namespace> <cm|secret>/<name>". */
  ref: string;
  /** The data keys that hold the material, when the data says. */
  keys?: string[];
  flags: string[];
}

/**
 * The namespace files' resources and the flags they feed, or publish a copy of what they use: a published
 * copy holds the same content, so the flag's edges are checked on it too.
 */
function resourceFeeds(model: Model): ResourceFeed[] {
  return [...model.resources.values()]
    .map((r) => ({ ref: r.ref, flags: contentFlags(r.data) }))
    .filter((r) => r.flags.length);
}

/**
 * The material model's in-cluster locations and the flags each material feeds: every copy of a
 * material (openshift-config, openshift-kube-apiserver, …) holds the same content, so each one
 * found is read for those flags.
 */
function materialFeeds(model: Model): ResourceFeed[] {
  const feeds: ResourceFeed[] = [];
  for (const m of allMaterials(model)) {
    const flags = (m.data.feeds ?? []).map((f) => f.flag);
    if (!flags.length) continue;
    for (const loc of m.data.locations) {
      if (!loc.namespace || !loc.name || !loc.kind) continue;
      const ref = `${loc.namespace} ${loc.kind === 'ConfigMap' ? 'cm' : 'secret'}/${loc.name}`;
      feeds.push({ ref, ...(loc.keys?.length ? { keys: loc.keys } : {}), flags });
    }
  }
  return feeds;
}

/** The material model's documented validity (a Go duration such as 720h) of what each flag holds. */
function materialValidity(model: Model): Map<string, string> {
  const validity = new Map<string, string>();
  for (const m of allMaterials(model))
    for (const f of m.data.feeds ?? []) if (m.data.validity?.duration && !validity.has(f.flag)) validity.set(f.flag, m.data.validity.duration);
  return validity;
}

/** Of the keys the data names, the one that fits a flag of `kind`. */
function namedKeyFor(kind: FlagKind, keys: string[]): string[] {
  const fits = (k: string) =>
    kind === 'ca-bundle'
      ? /\.crt$/.test(k)
      : holdsCerts(kind) || kind === 'kubeconfig'
        ? /\.crt$/.test(k)
        : holdsPrivateKey(kind)
          ? /\.key$/.test(k)
          : kind === 'token-verifying-keys'
            ? /\.(pub|crt)$/.test(k)
            : false;
  return keys.filter(fits);
}

/** Keys that hold a flag's content, by kind, in the order they are tried. */
function keysFor(kind: FlagKind, resKind: 'cm' | 'secret'): string[] {
  if (kind === 'ca-bundle') return resKind === 'cm' ? ['ca-bundle.crt', 'ca.crt'] : ['ca.crt', 'tls.crt'];
  if (holdsCerts(kind) || kind === 'kubeconfig') return ['tls.crt'];
  if (holdsPrivateKey(kind)) return ['tls.key'];
  if (kind === 'token-verifying-keys') return resKind === 'cm' ? ['service-account-001.pub', 'ca-bundle.crt'] : ['service-account.pub'];
  return [];
}

function decode(f: Found, key: string): Buffer {
  const v = f.data[key] ?? '';
  return f.kind === 'secret' ? Buffer.from(v, 'base64') : Buffer.from(v, 'utf8');
}

const shellFor = (f: Found, key: string) => `<(oc extract -n ${f.namespace} ${f.kind === 'cm' ? 'configmap' : 'secret'}/${f.name} --keys=${key} --to=-)`;

function materialOf(f: Found, flag: string, kind: FlagKind, named?: string[]): Material {
  if (kind === 'sni-cert-key') {
    // A serving cert/key secret behind one SNI entry: its names are the certificate's.
    const cert = materialOf(f, flag, 'serving-cert', named);
    const key = materialOf(f, flag, 'serving-key', named);
    return { flag, setIn: `${f.ref} (${f.file})`, location: f.ref, content: { type: 'sni', entries: [{ cert, key, names: [] }] } };
  }
  if (kind === 'kubeconfig' && f.kind === 'cm') {
    // A CA bundle that feeds a kubeconfig: the kubeconfig's cluster CA.
    const ca = materialOf(f, flag, 'ca-bundle', named);
    return { flag, setIn: `${f.ref} (${f.file})`, location: f.ref, content: { type: 'kubeconfig', ca } };
  }
  const fromData = named ? namedKeyFor(kind, named) : [];
  const keys = fromData.length ? fromData : keysFor(kind, f.kind);
  const base = { flag, setIn: `${f.ref} (${f.file})` };
  const present = keys.find((k) => typeof f.data[k] === 'string' && f.data[k] !== '');
  // Other keys with PEM content, for resources that use their own key names.
  const pemKey = present ?? Object.keys(f.data).sort().find((k) => kind === 'ca-bundle' && /BEGIN CERTIFICATE/.test(decode(f, k).toString('latin1')));
  const key = present ?? pemKey;
  if (!key) {
    const content: Content = { type: 'problem', code: 'redacted', message: `has no ${keys.join(' or ') || 'usable'} key (redacted or removed)`, uncheckable: true };
    return { ...base, location: `${f.ref} ${keys[0] ?? ''}`.trim(), content };
  }
  const location = `${f.ref} ${key}`;
  if (kind === 'kubeconfig') {
    // A client cert/key secret that feeds a kubeconfig: its tls.crt and tls.key are the kubeconfig's client credentials.
    const cert: Material = { flag, setIn: base.setIn, location, shell: shellFor(f, key), content: contentOf('client-cert', () => decode(f, key)) };
    const hasKey = typeof f.data['tls.key'] === 'string' && f.data['tls.key'] !== '';
    const keyM: Material = {
      flag,
      setIn: base.setIn,
      location: `${f.ref} tls.key`,
      shell: shellFor(f, 'tls.key'),
      content: hasKey ? contentOf('client-key', () => decode(f, 'tls.key')) : { type: 'problem', code: 'redacted', message: 'has no tls.key key (redacted or removed)', uncheckable: true },
    };
    return { ...base, location: f.ref, content: { type: 'kubeconfig', cert, key: keyM } };
  }
  return { ...base, location, shell: shellFor(f, key), content: contentOf(kind, () => decode(f, key)) };
}

export function readOpenShift(model: Model, inputs: string[], feeds: ResourceFeed[] = [...materialFeeds(model), ...resourceFeeds(model)]): Layout {
  newRun();
  const found = new Map<string, Found>();
  for (const input of inputs) {
    for (const file of listFiles(input)) {
      for (const o of readObjects(file)) {
        const kind = o.kind === 'ConfigMap' ? 'cm' : o.kind === 'Secret' ? 'secret' : undefined;
        const name = o.metadata?.name;
        const namespace = o.metadata?.namespace;
        if (!kind || !name || !namespace) continue;
        const ref = `${namespace} ${kind}/${name}`;
        if (!found.has(ref)) found.set(ref, { ref, kind, namespace, name, data: o.data ?? {}, file });
      }
    }
  }
  const materials: Materials = new Map();
  const flagKinds = new Map([...model.flags.values()].map((f) => [f.ref, f.data.kind]));
  const done = new Set<string>();
  for (const feed of feeds) {
    const f = found.get(feed.ref);
    if (!f) continue;
    for (const flag of feed.flags) {
      const kind = flagKinds.get(flag);
      // One reading of a resource per flag, even when two sources of the data name it.
      if (!kind || done.has(`${feed.ref}\u0000${flag}`)) continue;
      if (!holdsCerts(kind) && !holdsPrivateKey(kind) && kind !== 'token-verifying-keys' && kind !== 'kubeconfig' && kind !== 'sni-cert-key') continue;
      // A ConfigMap never holds a private key: one that feeds a key flag holds the public half only.
      if (f.kind === 'cm' && holdsPrivateKey(kind)) continue;
      done.add(`${feed.ref}\u0000${flag}`);
      addMaterial(materials, materialOf(f, flag, kind, feed.keys));
    }
  }
  return { materials, undocumented: [], args: new Map(), components: [], kubeconfigs: [], validity: materialValidity(model) };
}
