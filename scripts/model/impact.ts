/**
 * impact: everything that breaks if one flag or resource is wrong.
 *
 * Starting from a flag, the affected flags are the flag itself. Starting from a
 * resource, they are the flags the resource feeds plus the flags fed by every
 * resource downstream of it through `inputTo`, transitively. A resource that is
 * a published copy of what a flag uses (`publishes`) does not reach that flag
 * when it alone changes; an input to it does, since the copy is made from what
 * its inputs build, so downstream resources count their `publishes` too. Every trust edge
 * with an affected flag at either end is affected, and so are the consequences
 * written on either side of those edges. Flags that interact with an affected
 * flag, or are named in one of those consequences, are listed as interactions.
 *
 * Starting from certificate material ("openshift/csr-signer", or the id alone
 * when it is unique), the affected material is the material itself, what it
 * signs (transitively, through intermediate signers) and the CA bundles that
 * combine any of those (transitively); the affected flags are the flags that
 * material feeds, and the affected resources the ConfigMaps and Secrets it
 * lives in. From there edges, consequences and interactions are as above.
 *
 * Each item carries the chain it is reached through (`via`): the references
 * from the start (exclusive) to the item (exclusive), shortest first. Output
 * is sorted and free of duplicates, so the same model always gives the same
 * result; cycles in `inputTo` are visited once.
 */
import { visit } from 'unist-util-visit';
import { parseMarkdown } from '../lib/markdown.ts';
import { cmp, UserError } from '../lib/problems.ts';
import { closest, parseFlagRef, parseResourceRef, suggestResourceName } from './refs.ts';
import { contentFlags, resolveFlagRef, resolveResourceRef, type MaterialNode, type Model } from './model.ts';
import { allMaterials, findMaterial, formatLocation, signerTypeFor } from './materials.ts';

export interface ImpactPath {
  ref: string;
  /** Refs from the start (exclusive) to this item (exclusive). */
  via: string[];
}

export interface ImpactConsequence {
  /** Inline markdown, as written. */
  text: string;
  verifier: string;
  verified: string;
  /** The flag whose edge entry carries the text (the verifier's when both sides carry the same text). */
  writtenOn: string;
  via: string[];
  /** Flag refs in backticks inside the text. */
  mentions: string[];
}

export type StartKind = 'flag' | 'resource' | 'material';

export interface Impact {
  start: { kind: StartKind; ref: string };
  /** For a material start: the material itself (via []), what it signs and the bundles that trust it, transitively ("<distribution>/<id>"). */
  materials: ImpactPath[];
  /** Resources downstream through inputTo, transitively (excluding the start). */
  resources: ImpactPath[];
  /** The start flag (via []) and every flag fed by the start resource or a downstream resource. */
  flags: ImpactPath[];
  /** Trust edges with an affected flag at either end. */
  edges: Array<{ verifier: string; verified: string; via: string[] }>;
  /** The consequences written on either side of those edges. */
  consequences: ImpactConsequence[];
  /** Flags that interact with an affected flag (either direction) or are named in a consequence; affected flags are not repeated here. */
  interactions: ImpactPath[];
}

/** Shorter chains first, then the lexicographically smaller one. */
function betterVia(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return a.length < b.length;
  for (let i = 0; i < a.length; i++) {
    const c = cmp(a[i]!, b[i]!);
    if (c) return c < 0;
  }
  return false;
}

/** Keep the best chain per ref. */
class Paths {
  readonly map = new Map<string, string[]>();
  offer(ref: string, via: string[]): void {
    const old = this.map.get(ref);
    if (!old || betterVia(via, old)) this.map.set(ref, via);
  }
  has(ref: string): boolean {
    return this.map.has(ref);
  }
  get(ref: string): string[] | undefined {
    return this.map.get(ref);
  }
  sorted(): ImpactPath[] {
    return [...this.map].sort(([a], [b]) => cmp(a, b)).map(([ref, via]) => ({ ref, via }));
  }
}

const CONFIGMAP_ALIASES = /^(configmaps?|configmap)\//;
const SECRET_ALIASES = /^secrets\//;

/** Tidy what a person typed: collapse spaces, accept "configmap/" for "cm/". */
function normalize(text: string): string {
  const parts = text.trim().split(/\s+/);
  if (parts.length === 2) parts[1] = parts[1]!.replace(CONFIGMAP_ALIASES, 'cm/').replace(SECRET_ALIASES, 'secret/');
  return parts.join(' ');
}

/** Which flag or resource a reference names. Throws a UserError (exit 2) naming the closest refs when it names neither. */
export function resolveStart(model: Model, ref: string): { kind: StartKind; ref: string } {
  const text = normalize(ref);
  const candidates: string[] = [text];
  const flag = resolveFlagRef(text);
  if (flag) candidates.push(flag);
  const res = parseResourceRef(text);
  if (!res.ok && res.suggestion) candidates.push(res.suggestion);
  else if (!res.ok) {
    const fixed = suggestResourceName(text);
    if (fixed) candidates.push(fixed);
  }
  for (const c of candidates) {
    if (model.flags.has(c)) return { kind: 'flag', ref: c };
    if (model.resources.has(c)) return { kind: 'resource', ref: c };
  }
  const material = findMaterial(model, text);
  if (material) return { kind: 'material', ref: material.key };
  const materials = allMaterials(model);
  const all = [...model.flags.keys(), ...model.resources.keys(), ...materials.map((m) => m.key), ...materials.map((m) => m.id)];
  let near = closest(text, all);
  if (!near.length) {
    // Nothing close as a whole: try the flag or resource name alone ("--client-ca-file", "cm/csr-controller-ca").
    const last = text.split(' ').pop() ?? text;
    const byName = new Map<string, string[]>();
    for (const r of all) {
      const name = r.split(' ').pop()!;
      byName.set(name, [...(byName.get(name) ?? []), r]);
    }
    near = closest(last, byName.keys(), 3).flatMap((n) => byName.get(n)!).slice(0, 5);
  }
  const shape = parseFlagRef(text).ok || text.includes('--') ? 'flag' : text.includes(' ') && text.includes('/') ? 'resource' : 'flag, resource or certificate material';
  throw new UserError(
    `unknown ${shape} ${JSON.stringify(ref)}; ${near.length ? `did you mean ${near.map((n) => JSON.stringify(n)).join(' or ')}?` : 'no flag or resource has a similar name, nor any certificate material.'} Write a flag as "<component> <--flag>", a resource as "<namespace> cm/<name>" (or secret/<name>) and certificate material as "<distribution>/<id>" (e.g. "openshift/csr-signer")`,
    2,
  );
}

/** Flag references in backticks inside inline markdown, in order of first appearance, resolved (a missing space is fixed). */
export function mentionedFlags(text: string): string[] {
  let found = mentionsCache.get(text);
  if (!found) mentionsCache.set(text, (found = findMentions(text)));
  return [...found];
}

/** The same consequence text is read by every impact that reaches its edge: parse it once. */
const mentionsCache = new Map<string, string[]>();

function findMentions(text: string): string[] {
  if (!text.includes('`')) return [];
  // One line without escapes, HTML, links or a code fence reads the same with a code-span scan
  // (a property test compares both); anything else goes through the markdown parser.
  const simple = !/[\\<[\n\r]/.test(text) && !/^\s*(`{3,}|~{3,})/.test(text);
  return simple ? scannedMentions(text) : parsedMentions(text);
}

function addRef(out: string[], code: string): void {
  const ref = resolveFlagRef(code.replace(/\n/g, ' ').trim());
  if (ref && !out.includes(ref)) out.push(ref);
}

/** Flag refs in code spans, found by the markdown parser. */
export function parsedMentions(text: string): string[] {
  const out: string[] = [];
  visit(parseMarkdown(text), 'inlineCode', (node) => addRef(out, node.value));
  return out;
}

/** Flag refs in code spans, found by scanning for matching backtick runs (CommonMark's rule). */
export function scannedMentions(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?<!`)(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g)) addRef(out, m[2]!);
  return out;
}

/** Resources downstream of `start` through inputTo, breadth first: each with its shortest chain. */
function downstream(model: Model, start: string): Paths {
  const paths = new Paths();
  let frontier = [start];
  const seen = new Set([start]);
  while (frontier.length) {
    const next: string[] = [];
    for (const ref of frontier) {
      const node = model.resources.get(ref);
      if (!node) continue;
      const childVia = ref === start ? [] : [...paths.get(ref)!, ref];
      for (const t of node.data.inputTo ?? []) {
        const target = resolveResourceRef(t, node.namespace);
        if (!target || target === start || !model.resources.has(target)) continue;
        paths.offer(target, childVia);
        if (!seen.has(target)) {
          seen.add(target);
          next.push(target);
        }
      }
    }
    frontier = next.sort(cmp);
  }
  return paths;
}

/** Material reached from a material: what it signs (a key pair: the tokens it signs) and the bundles combining it, breadth first, each with its shortest chain. */
function materialDownstream(model: Model, start: MaterialNode): Paths {
  const paths = new Paths();
  paths.offer(start.key, []);
  const all = allMaterials(model).filter((m) => m.distribution === start.distribution);
  let frontier = [start];
  while (frontier.length) {
    const next: MaterialNode[] = [];
    for (const m of frontier) {
      const via = m === start ? [] : [...paths.get(m.key)!, m.key];
      const children = all.filter((x) => (x.data.signedBy?.signer === m.id && m.data.type === signerTypeFor(x.data.type)) || x.data.combines?.materials.includes(m.id));
      for (const c of children) {
        if (paths.has(c.key)) continue;
        paths.offer(c.key, via);
        next.push(c);
      }
    }
    frontier = next.sort((a, b) => cmp(a.key, b.key));
  }
  return paths;
}

export function impactOf(model: Model, ref: string): Impact {
  return impactFrom(model, resolveStart(model, ref));
}

/**
 * The impact from a start the model already has (a flag or resource reference, or a material key):
 * what impactOf gives once the reference is resolved. Pages that list every flag call this directly.
 * Each step is its own function, so each stays small and sees one kind of start.
 */
export function impactFrom(model: Model, start: { kind: StartKind; ref: string }): Impact {
  const resources = start.kind === 'resource' ? downstream(model, start.ref) : new Paths();
  const materials = start.kind === 'material' ? materialDownstream(model, findMaterial(model, start.ref)!) : new Paths();
  const flags = new Paths();
  if (start.kind === 'flag') flags.offer(start.ref, []);
  else if (start.kind === 'material') flagsFedByMaterials(model, start.ref, materials, flags, resources);
  else flagsFedByResources(model, start.ref, resources, flags);
  const { edges, consequences } = edgesOfFlags(model, start.ref, flags);
  return {
    start,
    materials: materials.sorted(),
    resources: resources.sorted(),
    flags: flags.sorted(),
    edges,
    consequences,
    interactions: interactionsOf(model, start.ref, flags, consequences).sorted(),
  };
}

/** The flags the material (and what it reaches) feeds, and the resources it lives in. */
function flagsFedByMaterials(model: Model, startKey: string, materials: Paths, flags: Paths, resources: Paths): void {
  for (const [key, via] of materials.map) {
    const m = findMaterial(model, key)!;
    const chain = key === startKey ? [] : [...via, key];
    for (const f of m.data.feeds ?? []) {
      const target = resolveFlagRef(f.flag);
      if (target && model.flags.has(target)) flags.offer(target, chain);
    }
    for (const loc of m.data.locations) {
      const where = loc.path ? undefined : formatLocation(loc);
      if (where && model.resources.has(where)) resources.offer(where, chain);
    }
  }
}

/** The flags the start resource feeds, and every resource downstream of it feeds or publishes a copy for (see above). */
function flagsFedByResources(model: Model, startRef: string, resources: Paths, flags: Paths): void {
  const feeding: Array<[string, string[]]> = [[startRef, []], ...[...resources.map].map(([r, via]): [string, string[]] => [r, [...via, r]])];
  for (const [r, via] of feeding) {
    const node = model.resources.get(r);
    for (const f of resourceFlags(node?.data, r !== startRef)) {
      const target = resolveFlagRef(f);
      if (target && model.flags.has(target)) flags.offer(target, via);
    }
  }
}

/** The flags a resource's own change reaches (`feeds`), or, for one downstream of the change, also those it is a published copy for. */
export function resourceFlags(data: { feeds?: string[]; publishes?: string[] } | undefined, downstream: boolean): string[] {
  if (!data) return [];
  return downstream ? contentFlags(data) : (data.feeds ?? []);
}

/** The chain up to and including an affected flag (empty for the start itself). */
function through(startRef: string, flags: Paths, flag: string): string[] {
  return flag === startRef ? [] : [...flags.get(flag)!, flag];
}

/** Trust edges with an affected flag at either end, and the consequences written on their sides (each text once per edge). */
function edgesOfFlags(model: Model, startRef: string, flags: Paths): Pick<Impact, 'edges' | 'consequences'> {
  const edges: Impact['edges'] = [];
  const consequences: ImpactConsequence[] = [];
  for (const e of model.edges) {
    const atVerifier = flags.has(e.verifier);
    const atVerified = flags.has(e.verified);
    if (!atVerifier && !atVerified) continue;
    // The better of the two ends' chains; the verifier's on a tie.
    let via = through(startRef, flags, atVerifier ? e.verifier : e.verified);
    if (atVerifier && atVerified) {
      const other = through(startRef, flags, e.verified);
      if (betterVia(other, via)) via = other;
    }
    edges.push({ verifier: e.verifier, verified: e.verified, via });
    const first = e.verifierSide?.edge.consequence;
    const second = e.verifiedSide?.edge.consequence;
    if (first) consequences.push({ text: first, verifier: e.verifier, verified: e.verified, writtenOn: e.verifierSide!.owner, via, mentions: mentionedFlags(first) });
    if (second && second !== first) {
      consequences.push({ text: second, verifier: e.verifier, verified: e.verified, writtenOn: e.verifiedSide!.owner, via, mentions: mentionedFlags(second) });
    }
  }
  consequences.sort((a, b) => cmp(a.verifier, b.verifier) || cmp(a.verified, b.verified) || cmp(a.writtenOn, b.writtenOn) || cmp(a.text, b.text));
  return { edges, consequences };
}

/** Either direction of interactsWith from an affected flag, and flags named in consequences; affected flags left out. */
function interactionsOf(model: Model, startRef: string, flags: Paths, consequences: ImpactConsequence[]): Paths {
  const interactions = new Paths();
  for (const flag of flags.map.keys()) {
    const node = model.flags.get(flag)!;
    for (const r of node.data.interactsWith ?? []) {
      const other = resolveFlagRef(r);
      if (other && model.flags.has(other) && !flags.has(other)) interactions.offer(other, through(startRef, flags, flag));
    }
    for (const n of model.interactedBy.get(flag) ?? []) {
      if (model.flags.has(n.ref) && !flags.has(n.ref)) interactions.offer(n.ref, through(startRef, flags, flag));
    }
  }
  for (const c of consequences) {
    for (const m of c.mentions) {
      if (model.flags.has(m) && !flags.has(m)) interactions.offer(m, c.via);
    }
  }
  return interactions;
}
