/**
 * References between data items are human-readable strings:
 *   flag:     "<component> <--flag>"            e.g. "kube-controller-manager --root-ca-file"
 *   resource: "<namespace> <cm|secret>/<name>"  e.g. "openshift-config-managed cm/kube-apiserver-client-ca"
 *             or, inside a namespace file, just "cm/<name>" for a resource of the same namespace.
 */
import { memoized } from '../lib/memo.ts';

export const COMPONENT_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
export const FLAG_NAME = /^--[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
export const NAMESPACE_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
export const RESOURCE_NAME = /^(cm|secret)\/[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;

export interface FlagRef {
  component: string;
  flag: string;
}

export interface ResourceRef {
  namespace: string;
  /** "cm/<name>" or "secret/<name>". */
  name: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string; suggestion?: string };

export function formatResourceRef(ref: ResourceRef): string {
  return `${ref.namespace} ${ref.name}`;
}

/** Parse "<component> <--flag>". A malformed reference comes back with a reason and, when one is obvious, a suggestion. */
export function parseFlagRef(text: string): Parsed<FlagRef> {
  return parseFlagRefOnce(text);
}

/** Each reference is parsed once (the results are frozen: callers share them). */
const parseFlagRefOnce = memoized((text) => deepFreeze(parseFlagRefUncached(text)));

function deepFreeze<T extends object>(value: T): T {
  for (const v of Object.values(value)) if (v && typeof v === 'object') Object.freeze(v);
  return Object.freeze(value);
}

function parseFlagRefUncached(text: string): Parsed<FlagRef> {
  const parts = text.split(' ');
  if (parts.length === 2 && COMPONENT_NAME.test(parts[0]!) && FLAG_NAME.test(parts[1]!)) {
    return { ok: true, value: { component: parts[0]!, flag: parts[1]! } };
  }
  const suggestion = suggestFlagRef(text);
  return {
    ok: false,
    reason: `expected "<component> <--flag>", e.g. "kube-apiserver --client-ca-file"`,
    ...(suggestion ? { suggestion } : {}),
  };
}

function suggestFlagRef(text: string): string | undefined {
  const collapsed = text.trim().replace(/\s+/g, ' ');
  // "kube-apiserver--kubelet-certificate-authority": a missing space before the flag.
  const glued = /^([a-z0-9](?:[a-z0-9-]*?[a-z0-9])?)\s*(--[a-z0-9][a-z0-9-]*)$/.exec(collapsed);
  if (glued) {
    const candidate = `${glued[1]} ${glued[2]}`;
    if (candidate !== text && parseFlagRefStrict(candidate)) return candidate;
  }
  return undefined;
}

function parseFlagRefStrict(text: string): boolean {
  const parts = text.split(' ');
  return parts.length === 2 && COMPONENT_NAME.test(parts[0]!) && FLAG_NAME.test(parts[1]!);
}

/**
 * Parse a resource reference. `contextNamespace` lets "cm/<name>" stand for a
 * resource of the namespace the reference is written in.
 */
export function parseResourceRef(text: string, contextNamespace?: string): Parsed<ResourceRef> {
  return parseResourceRefIn(contextNamespace ?? '')(text);
}

/** As for flags, each reference is parsed once, per namespace it is read in ("" for none). */
const parseResourceRefIn = memoized((ns) => memoized((text) => deepFreeze(parseResourceRefUncached(text, ns || undefined))), 10_000);

function parseResourceRefUncached(text: string, contextNamespace?: string): Parsed<ResourceRef> {
  const parts = text.split(' ');
  if (parts.length === 2 && NAMESPACE_NAME.test(parts[0]!) && RESOURCE_NAME.test(parts[1]!)) {
    return { ok: true, value: { namespace: parts[0]!, name: parts[1]! } };
  }
  if (parts.length === 1 && contextNamespace && RESOURCE_NAME.test(parts[0]!)) {
    return { ok: true, value: { namespace: contextNamespace, name: parts[0]! } };
  }
  const suggestion = suggestResourceName(text);
  return {
    ok: false,
    reason: `expected "<namespace> <cm|secret>/<name>"${contextNamespace ? ' or "<cm|secret>/<name>"' : ''}, e.g. "openshift-config-managed cm/kube-apiserver-client-ca"`,
    ...(suggestion ? { suggestion } : {}),
  };
}

/** "cm/ kube-apiserver-aggregator-ca" → "cm/kube-apiserver-aggregator-ca". */
export function suggestResourceName(text: string): string | undefined {
  const m = /^(?:([a-z0-9][a-z0-9-]*)\s+)?(cm|secret)\s*\/\s*([a-z0-9][a-z0-9.-]*[a-z0-9])\s*$/.exec(text.trim());
  if (!m) return undefined;
  const candidate = m[1] ? `${m[1]} ${m[2]}/${m[3]}` : `${m[2]}/${m[3]}`;
  return candidate === text ? undefined : candidate;
}

/**
 * Levenshtein distance, for "did you mean" suggestions. With `limit`, any
 * distance above it comes back as limit + 1 as soon as that is certain (the
 * lengths alone differ by more, or a whole row of the table exceeds it), so a
 * long argument compared with thousands of names costs little.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    let best = prev[0];
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
      if (prev[j]! < best) best = prev[j]!;
    }
    if (best > limit) return limit + 1;
  }
  return Math.min(prev[b.length]!, limit + 1);
}

/** The closest candidates to `wanted`, best first; empty when nothing is reasonably close. */
export function closest(wanted: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  const scored: Array<[number, string]> = [];
  for (const c of candidates) {
    if (c.includes(wanted) || wanted.includes(c)) {
      scored.push([c === wanted ? 0 : 1, c]);
      continue;
    }
    const d = editDistance(wanted, c, limit);
    if (d <= limit) scored.push([d, c]);
  }
  scored.sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
  return scored.slice(0, max).map(([, c]) => c);
}
