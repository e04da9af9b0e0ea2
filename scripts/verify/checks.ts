/**
 * The checks: every documented must-verify edge whose two sides were found,
 * every cert/key pair, and every certificate on its own (expiry, usage by
 * kind). Findings name the flags, where they were set, what failed, the
 * documented consequence and an openssl command that shows the same.
 */
import type { KeyObject } from 'node:crypto';
import { cmp } from '../lib/problems.ts';
import type { FlagNode, Model, TrustEdge } from '../model/model.ts';
import type { FlagKind } from '../model/types.ts';
import { errorTexts, symptomsOf } from '../model/symptoms.ts';
import { buildChain, validAt } from './chain.ts';
import type { Layout } from './layout.ts';
import type { Content, Material } from './material.ts';
import { datesCmd, extCmd, pairCmd, readCmd, tokenKeyCmd, verifyCmd } from './openssl.ts';
import { OID_CLIENT_AUTH, OID_SERVER_AUTH, spki, type Cert } from './pem.ts';
import { decideCondition, requiredNames } from './conditions.ts';
import { documentedLifetimeMs } from './lifetime.ts';

export type Status = 'broken' | 'unreadable' | 'conditional' | 'warning' | 'ok' | 'not-checkable' | 'not-applicable';

/** Report order: what needs attention first. */
export const STATUS_ORDER: readonly Status[] = ['broken', 'unreadable', 'conditional', 'warning', 'ok', 'not-checkable', 'not-applicable'];

export interface Finding {
  /** error: broken; uncheckable: the input could not be read; absent: the input left it out (redacted); warning. */
  severity: 'error' | 'warning' | 'uncheckable' | 'absent';
  code: string;
  message: string;
  openssl?: string;
}

export interface Check {
  kind: 'edge' | 'pair' | 'certificate' | 'kubeconfig';
  /** "verifier → verified", "cert ↔ key", or a flag/kubeconfig. */
  id: string;
  /** The component the report groups it under. */
  component: string;
  flags: string[];
  /** "<flag> = <location> (set in <file>)" for every material involved. */
  locations: string[];
  status: Status;
  findings: Finding[];
  condition?: string;
  consequence?: string;
  /** Where a failure of the edge shows (its documented symptoms): what breaks, and the error texts in the logs. */
  breaks?: string;
  errors?: Array<{ text: string; loggedBy?: string }>;
  /** Why an edge was not checked. */
  reason?: string;
}

export interface CheckOptions {
  at: Date;
  warnDays: number;
}

const DAY = 86_400_000;

const describe = (m: Material) => `${m.flag} = ${m.location}${m.setIn !== m.location ? ` (set in ${m.setIn})` : ''}`;

function problemFindings(m: Material, content: Content, what: 'cert' | 'key'): Finding[] {
  if (content.type !== 'problem') return [];
  const severity = content.code === 'redacted' ? 'absent' : content.uncheckable ? 'uncheckable' : 'error';
  const openssl = content.uncheckable ? undefined : readCmd(m, what);
  return [{ severity, code: content.code, message: `${m.flag}: ${m.location} ${content.message}`, ...(openssl ? { openssl } : {}) }];
}

function statusOf(findings: Finding[], conditional: boolean): Status {
  if (findings.some((f) => f.severity === 'error')) return conditional ? 'conditional' : 'broken';
  if (findings.some((f) => f.severity === 'uncheckable')) return 'unreadable';
  if (findings.some((f) => f.severity === 'absent')) return 'not-checkable';
  if (findings.some((f) => f.severity === 'warning')) return 'warning';
  return 'ok';
}

/** Expiry of one certificate at `at`, and the early warning. */
function validityFindings(m: Material, cert: Cert, opts: CheckOptions, label = m.flag): Finding[] {
  const v = validAt(cert, opts.at);
  const cmd = datesCmd(m);
  if (v === 'expired') return [{ severity: 'error', code: 'expired', message: `${label}: "${cert.subject}" expired on ${cert.notAfter.toISOString()}`, openssl: cmd }];
  if (v === 'not-yet-valid')
    return [{ severity: 'error', code: 'not-yet-valid', message: `${label}: "${cert.subject}" is not valid before ${cert.notBefore.toISOString()}`, openssl: cmd }];
  const left = cert.notAfter.getTime() - opts.at.getTime();
  if (left < opts.warnDays * DAY)
    return [{ severity: 'warning', code: 'expiring', message: `${label}: "${cert.subject}" expires in ${Math.floor(left / DAY)} days, on ${cert.notAfter.toISOString()}`, openssl: cmd }];
  return [];
}

/** Usage a certificate needs for the kind of flag it is in. */
function usageFindings(m: Material, cert: Cert, kind: FlagKind): Finding[] {
  const eku = (oid: string, name: string, what: string): Finding[] =>
    cert.eku && !cert.eku.includes(oid)
      ? [{ severity: 'error', code: 'wrong-usage', message: `${m.flag}: "${cert.subject}" is a ${what} but its extended key usage lacks ${name}`, openssl: extCmd(m, 'extendedKeyUsage') }]
      : [];
  if (kind === 'serving-cert') return eku(OID_SERVER_AUTH, 'serverAuth', 'serving certificate');
  if (kind === 'client-cert') return eku(OID_CLIENT_AUTH, 'clientAuth', 'client certificate');
  if (kind === 'signing-cert' && !(cert.isCA && cert.keyCertSign === true))
    return [{ severity: 'error', code: 'not-a-ca', message: `${m.flag}: "${cert.subject}" signs certificates but is not a CA with keyCertSign`, openssl: extCmd(m, 'basicConstraints,keyUsage') }];
  return [];
}

function pairFindings(certM: Material, cert: Cert, keyM: Material, key: KeyObject): Finding[] {
  if (spki(cert.x509.publicKey) === spki(key)) return [];
  return [{ severity: 'error', code: 'key-mismatch', message: `${keyM.flag}: ${keyM.location} is not the private key of ${certM.flag}: ${certM.location}`, openssl: pairCmd(certM, keyM) }];
}

function nameFindings(m: Material, cert: Cert, names: string[]): Finding[] {
  const missing = names.filter((n) => (/^[\d.]+$|:/.test(n) ? !cert.x509.checkIP(n) : !cert.x509.checkHost(n, { subject: 'never' })));
  if (!missing.length) return [];
  return [{ severity: 'error', code: 'missing-name', message: `${m.flag}: "${cert.subject}" is not valid for ${missing.map((n) => `"${n}"`).join(', ')}`, openssl: extCmd(m, 'subjectAltName') }];
}

function lifetimeFindings(m: Material, cert: Cert, flag: FlagNode, validity?: Layout['validity']): Finding[] {
  const text = validity?.get(flag.ref) ?? flag.data.rotation?.validity;
  const documented = documentedLifetimeMs(text);
  if (documented === undefined) return [];
  const actual = cert.notAfter.getTime() - cert.notBefore.getTime();
  // kubeadm and library-go backdate notBefore by a few minutes; a day of slack covers both.
  if (Math.abs(actual - documented) <= DAY) return [];
  return [
    {
      severity: 'warning',
      code: 'lifetime-differs',
      message: `${m.flag}: "${cert.subject}" is valid for ${Math.round(actual / DAY)} days; data/ documents ${JSON.stringify(text)}`,
      openssl: datesCmd(m),
    },
  ];
}

interface Side {
  m: Material;
  /** The CA bundle, for a verifying side (a CA bundle flag, or a kubeconfig's cluster CA). */
  bundle?: Cert[];
  bundleM?: Material;
  /** The certificate and its file (leaf first), for cert-bearing sides. */
  certs?: Cert[];
  certM?: Material;
  key?: KeyObject;
  keyM?: Material;
  publicKeys?: KeyObject[];
  findings: Finding[];
}

/** Expand a material into the things an edge check needs, with read problems as findings. */
function sidesOf(m: Material, model: Model, materials: Layout['materials'], role: 'verifier' | 'verified' = 'verified'): Side[] {
  const c = m.content;
  if (c.type === 'kubeconfig') {
    // A kubeconfig verifies with its cluster CA and is verified by its client certificate.
    if (role === 'verifier') {
      if (!c.ca) return [];
      const s: Side = { m, bundleM: c.ca, findings: problemFindings(c.ca, c.ca.content, 'cert') };
      if (c.ca.content.type === 'certs') s.bundle = c.ca.content.certs;
      return [s];
    }
    if (!c.cert) return [];
    const s: Side = { m, certM: c.cert, findings: problemFindings(c.cert, c.cert.content, 'cert') };
    if (c.cert.content.type === 'certs') s.certs = c.cert.content.certs;
    if (c.key) {
      s.keyM = c.key;
      s.findings.push(...problemFindings(c.key, c.key.content, 'key'));
      if (c.key.content.type === 'key') s.key = c.key.content.key;
    }
    return [s];
  }
  if (c.type === 'sni') {
    return c.entries.flatMap((e) => {
      const s: Side = { m, certM: e.cert, keyM: e.key, findings: [...problemFindings(e.cert, e.cert.content, 'cert'), ...problemFindings(e.key, e.key.content, 'key')] };
      if (e.cert.content.type === 'certs') s.certs = e.cert.content.certs;
      if (e.key.content.type === 'key') s.key = e.key.content.key;
      return [s];
    });
  }
  const side: Side = { m, findings: problemFindings(m, c, c.type === 'key' ? 'key' : 'cert') };
  if (c.type === 'certs') {
    side.certs = c.certs;
    side.certM = m;
    side.bundle = c.certs;
    side.bundleM = m;
    // The key this certificate pairs with, when it was found.
    const pair = model.flags.get(m.flag)?.data.pairsWith;
    const keyM = pair ? materials.get(pair)?.[0] : undefined;
    if (keyM) {
      side.keyM = keyM;
      side.findings.push(...problemFindings(keyM, keyM.content, 'key'));
      if (keyM.content.type === 'key') side.key = keyM.content.key;
    }
  }
  if (c.type === 'key') {
    side.key = c.key;
    side.keyM = m;
  }
  if (c.type === 'public-keys') side.publicKeys = c.keys;
  return [side];
}

/** Does an SNI entry serve one of `names` (by its explicit names, or else by its certificate's)? */
function servesAny(side: Side, names: string[]): boolean {
  const entry = side.m.content.type === 'sni' ? side.m.content.entries.find((e) => e.cert === side.certM) : undefined;
  if (entry?.names.length) return entry.names.some((n) => names.includes(n));
  const leaf = side.certs?.[0];
  return leaf ? names.some((n) => leaf.x509.checkHost(n, { subject: 'never' }) !== undefined) : true;
}

function edgeText(e: TrustEdge): Pick<Check, 'condition' | 'consequence' | 'breaks' | 'errors'> {
  const condition = e.verifierSide?.edge.condition ?? e.verifiedSide?.edge.condition;
  const consequence = e.verifiedSide?.edge.consequence ?? e.verifierSide?.edge.consequence;
  const symptoms = symptomsOf(e);
  return {
    ...(condition ? { condition } : {}),
    ...(consequence ? { consequence } : {}),
    ...(symptoms ? { breaks: symptoms.breaks, errors: errorTexts(symptoms) } : {}),
  };
}

function checkEdge(model: Model, layout: Layout, e: TrustEdge, opts: CheckOptions): Check[] {
  const verifier = model.flags.get(e.verifier);
  const verified = model.flags.get(e.verified);
  const base = { kind: 'edge' as const, id: `${e.verifier} → ${e.verified}`, component: e.verifier.split(' ')[0]!, flags: [e.verifier, e.verified], ...edgeText(e) };
  if (!verifier || !verified) return [];
  const vMs = layout.materials.get(e.verifier) ?? [];
  const wMs = layout.materials.get(e.verified) ?? [];
  const decided = base.condition ? decideCondition(base.condition, layout) : true;
  if (decided === false) return [{ ...base, locations: [...vMs, ...wMs].map(describe), status: 'not-applicable', findings: [], reason: `its condition does not hold here: ${base.condition}` }];
  const notFound = [...(vMs.length ? [] : [e.verifier]), ...(wMs.length ? [] : [e.verified])];
  if (notFound.length)
    return [{ ...base, locations: [...vMs, ...wMs].map(describe), status: 'not-checkable', findings: [], reason: `${notFound.join(' and ')} ${notFound.length > 1 ? 'were' : 'was'} not found in the input` }];
  const conditional = decided === undefined;
  const names = requiredNames(e, base.condition, layout);
  const checks: Check[] = [];
  for (const vm of vMs) {
    for (const wm of wMs) {
      let wSides = sidesOf(wm, model, layout.materials);
      // An SNI edge is about the entries that serve the names it needs (kubernetes.default.svc), not every entry.
      if (verified.data.kind === 'sni-cert-key' && names.length) wSides = wSides.filter((w) => servesAny(w, names));
      for (const w of wSides) {
        for (const v of sidesOf(vm, model, layout.materials, 'verifier')) {
          const findings = [...v.findings, ...w.findings];
          // Nothing to check on this pair of sides (a kubeconfig copy without a CA, say).
          if (!findings.length && !((v.bundle || v.publicKeys) && (w.certs || w.key))) continue;
          if (!findings.some((f) => f.severity !== 'warning')) findings.push(...edgeFindings(verified, v, w, names, opts, layout.validity));
          const locations = [describe(vm), ...(w.certM && w.certM !== wm ? [describe(w.certM)] : [describe(wm)]), ...(w.keyM && w.keyM !== wm ? [describe(w.keyM)] : [])];
          checks.push({ ...base, locations, status: statusOf(findings, conditional), findings });
        }
      }
    }
  }
  if (!checks.length)
    return [{ ...base, locations: [...vMs, ...wMs].map(describe), status: 'not-checkable', findings: [], reason: 'what was found for its two sides holds nothing to check against each other' }];
  return checks;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '') || undefined;
  } catch {
    return undefined;
  }
}

function edgeFindings(verified: FlagNode, v: Side, w: Side, names: string[], opts: CheckOptions, validity?: Layout['validity']): Finding[] {
  // Token keys: the signing key's public half must be among the verifying keys.
  if (v.publicKeys) {
    if (!w.key || !w.keyM) return [];
    const pub = spki(w.key);
    if (v.publicKeys.some((k) => spki(k) === pub)) return [];
    return [{ severity: 'error', code: 'unknown-signing-key', message: `${v.m.flag}: ${v.m.location} does not hold the public key of ${w.keyM.flag}: ${w.keyM.location}`, openssl: tokenKeyCmd(v.m, w.keyM) }];
  }
  if (!v.bundle || !v.bundleM || !w.certs?.length || !w.certM) return [];
  const [leaf, ...intermediates] = w.certs as [Cert, ...Cert[]];
  const kind = verified.data.kind === 'sni-cert-key' ? 'serving-cert' : verified.data.kind === 'kubeconfig' ? 'client-cert' : verified.data.kind;
  const purpose = kind === 'serving-cert' ? 'sslserver' : kind === 'client-cert' ? 'sslclient' : undefined;
  const findings: Finding[] = [];
  const chain = buildChain(leaf, intermediates, v.bundle, opts.at);
  if (!chain.ok)
    findings.push({ severity: 'error', code: chain.code, message: `${v.m.flag}: ${v.bundleM.location} does not verify ${w.certM.flag}: ${chain.message}`, openssl: verifyCmd(v.bundleM, w.certM, opts.at, purpose) });
  findings.push(...validityFindings(w.certM, leaf, opts));
  findings.push(...usageFindings(w.certM, leaf, kind));
  const server = v.m.content.type === 'kubeconfig' ? v.m.content.server : undefined;
  const host = server ? hostOf(server) : undefined;
  const needed = host ? [...names, host] : names;
  if (kind === 'serving-cert' && needed.length) findings.push(...nameFindings(w.certM, leaf, needed));
  if (w.key && w.keyM) findings.push(...pairFindings(w.certM, leaf, w.keyM, w.key));
  findings.push(...lifetimeFindings(w.certM, leaf, verified, validity));
  return findings;
}

/** Flags with material that no checked edge covered: each certificate and pair on its own. */
function checkFlag(model: Model, layout: Layout, flag: FlagNode, opts: CheckOptions): Check[] {
  const out: Check[] = [];
  for (const m of layout.materials.get(flag.ref) ?? []) {
    for (const s of sidesOf(m, model, layout.materials)) {
      if (!s.certs && !s.findings.length) continue;
      const findings = [...s.findings];
      if (s.certs?.length && s.certM) {
        const leaf = s.certs[0]!;
        if (flag.data.kind !== 'ca-bundle') {
          findings.push(...validityFindings(s.certM, leaf, opts));
          findings.push(...usageFindings(s.certM, leaf, flag.data.kind === 'sni-cert-key' ? 'serving-cert' : flag.data.kind));
          if (s.key && s.keyM) findings.push(...pairFindings(s.certM, leaf, s.keyM, s.key));
          findings.push(...lifetimeFindings(s.certM, leaf, flag, layout.validity));
        } else {
          // A bundle may keep expired CAs next to current ones; nothing fails until a chain needs one.
          for (const c of s.certs) findings.push(...validityFindings(s.certM, c, opts).map((f) => ({ ...f, severity: 'warning' as const })));
        }
      }
      const locations = [describe(m), ...(s.keyM && s.keyM !== m ? [describe(s.keyM)] : [])];
      out.push({ kind: 'certificate', id: flag.ref, component: flag.component, flags: [flag.ref, ...(s.keyM && s.keyM !== m ? [s.keyM.flag] : [])], locations, status: statusOf(findings, false), findings });
    }
  }
  return out;
}

function checkKubeconfig(model: Model, layout: Layout, m: Material, opts: CheckOptions, standalone: boolean): Check[] {
  const c = m.content;
  const base = { kind: 'kubeconfig' as const, id: m.flag === m.location ? m.location : `${m.flag} (${m.location})`, component: standalone ? 'kubeconfigs' : m.flag.split(' ')[0]! };
  if (c.type === 'problem') {
    if (standalone && c.code === 'missing-file') return [];
    const findings = problemFindings(m, c, 'cert');
    return [{ ...base, flags: [m.flag], locations: [describe(m)], status: statusOf(findings, false), findings }];
  }
  if (c.type !== 'kubeconfig') return [];
  const findings: Finding[] = [];
  const parts = [c.ca, c.cert, c.key].filter((p): p is Material => !!p);
  for (const p of parts) findings.push(...problemFindings(p, p.content, p === c.key ? 'key' : 'cert'));
  if (c.cert?.content.type === 'certs') {
    const leaf = c.cert.content.certs[0]!;
    findings.push(...validityFindings(c.cert, leaf, opts, base.id));
    findings.push(...usageFindings(c.cert, leaf, 'client-cert'));
    if (c.key?.content.type === 'key') findings.push(...pairFindings(c.cert, leaf, c.key, c.key.content.key));
    // The documented purpose of a kubeconfig: its client certificate authenticates to kube-apiserver.
    const clientCA = layout.materials.get('kube-apiserver --client-ca-file')?.[0];
    if (clientCA?.content.type === 'certs') {
      const chain = buildChain(leaf, c.cert.content.certs.slice(1), clientCA.content.certs, opts.at);
      if (!chain.ok)
        findings.push({ severity: 'error', code: chain.code, message: `kube-apiserver --client-ca-file does not verify the client certificate of ${base.id}: ${chain.message}`, openssl: verifyCmd(clientCA, c.cert, opts.at, 'sslclient') });
    }
  }
  if (c.ca?.content.type === 'certs') {
    // Like any bundle, an expired CA in it fails nothing by itself.
    for (const cert of c.ca.content.certs) findings.push(...validityFindings(c.ca, cert, opts, base.id).map((f) => ({ ...f, severity: 'warning' as const })));
    // And the kubeconfig's CA must verify kube-apiserver's serving certificate.
    const serving = layout.materials.get('kube-apiserver --tls-cert-file')?.[0];
    if (serving?.content.type === 'certs') {
      const [leaf, ...rest] = serving.content.certs as [Cert, ...Cert[]];
      const chain = buildChain(leaf, rest, c.ca.content.certs, opts.at);
      if (!chain.ok)
        findings.push({ severity: 'error', code: chain.code, message: `the CA of ${base.id} does not verify kube-apiserver --tls-cert-file: ${chain.message}`, openssl: verifyCmd(c.ca, serving, opts.at, 'sslserver') });
    }
  }
  return [{ ...base, flags: [m.flag], locations: parts.map(describe), status: statusOf(findings, false), findings }];
}

export interface VerifyResult {
  checks: Check[];
  undocumented: Layout['undocumented'];
  at: Date;
}

export function runChecks(model: Model, layout: Layout, opts: CheckOptions): VerifyResult {
  const checks: Check[] = [];
  const covered = new Set<string>();
  /** CA bundles an edge check read: their read problems are already reported with the edge. */
  const readByEdge = new Set<string>();
  for (const e of model.edges) {
    const edgeChecks = checkEdge(model, layout, e, opts);
    checks.push(...edgeChecks);
    if (edgeChecks.some((c) => c.status !== 'not-checkable' && c.status !== 'not-applicable')) {
      readByEdge.add(e.verifier);
      covered.add(e.verified);
      const pair = model.flags.get(e.verified)?.data.pairsWith;
      if (pair) covered.add(pair);
    }
  }
  for (const flag of model.flags.values()) {
    if (covered.has(flag.ref)) continue;
    if (flag.data.kind === 'kubeconfig') {
      for (const m of layout.materials.get(flag.ref) ?? []) checks.push(...checkKubeconfig(model, layout, m, opts, false));
      continue;
    }
    // A key is checked with the certificate it pairs with.
    const pair = flag.data.pairsWith ? model.flags.get(flag.data.pairsWith) : undefined;
    if (pair && flag.data.kind.endsWith('-key') && layout.materials.has(pair.ref)) continue;
    const own = checkFlag(model, layout, flag, opts);
    checks.push(...(readByEdge.has(flag.ref) ? own.filter((c) => c.findings.every((f) => f.severity === 'warning')) : own));
  }
  for (const m of layout.kubeconfigs) checks.push(...checkKubeconfig(model, layout, m, opts, true));
  checks.sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || cmp(a.component, b.component) || cmp(a.id, b.id) || cmp(a.locations.join(), b.locations.join()));
  return { checks, undocumented: layout.undocumented, at: opts.at };
}

