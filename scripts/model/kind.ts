/**
 * Infer a flag's kind from its purpose, the way the enhancement words it
 * ("CA bundle used to …", "Serving cert used to …", "If true, get … from the
 * CSR API"). The opening words decide first; phrases anywhere in the purpose
 * decide next; the flag name is only a last-resort guess (reported as a note).
 */
import type { FlagKind } from './types.ts';

export interface KindGuess {
  kind: FlagKind;
  /** False when only the flag name (or nothing) suggested the kind. */
  certain: boolean;
}

/** How a purpose of each kind opens, as the enhancement words it (for messages that say what to write). */
export const KIND_OPENINGS: Record<FlagKind, string> = {
  'ca-bundle': 'CA bundle used to …',
  'serving-cert': 'Serving cert used to …',
  'serving-key': 'Serving key used to …',
  'client-cert': 'Client cert used to …',
  'client-key': 'Client key used to …',
  'signing-cert': 'Signing cert used to …',
  'signing-key': 'Signing key used to …',
  'sni-cert-key': '… hostname-pattern, cert, key tuples …',
  'token-verifying-keys': 'Public keys used to verify … tokens',
  'token-signing-key': 'Private key used to sign … tokens',
  kubeconfig: 'Kubeconfig used to …',
  'cert-directory': 'Certificate directory where …',
  'rotation-toggle': 'If true, get … from the CSR API',
  'auth-toggle': 'If true, … checks … client certificates …',
};

/** Patterns for the opening words of a purpose. */
const OPENING: Array<[RegExp, FlagKind]> = [
  [/^if true\b[^.;]*\bchecks?\b[^.;]*\bclient cert/i, 'auth-toggle'],
  [/^if true\b/i, 'rotation-toggle'],
  [/^ca bundles?\b/i, 'ca-bundle'],
  [/^serving cert(ificate)?s?\b/i, 'serving-cert'],
  [/^serving key\b/i, 'serving-key'],
  [/^client cert(ificate)?s?\b/i, 'client-cert'],
  [/^client key\b/i, 'client-key'],
  [/^signing cert(ificate)?s?\b/i, 'signing-cert'],
  [/^signing key\b/i, 'signing-key'],
  [/^kubeconfig\b/i, 'kubeconfig'],
  [/^certificate director(y|ies)\b/i, 'cert-directory'],
];

/** Phrases anywhere in a purpose, in priority order. */
const ANYWHERE: Array<[RegExp, FlagKind]> = [
  [/hostname-pattern\s*,\s*cert\s*,\s*key\s+tuples/i, 'sni-cert-key'],
  [/\bkeys?\b[^.]*\bused to verify\b[^.]*\btokens?\b/i, 'token-verifying-keys'],
  [/\bverify\b[^.]*\btokens?\b/i, 'token-verifying-keys'],
  [/\bkey\b[^.]*\bused to sign\b[^.]*\btokens?\b/i, 'token-signing-key'],
  [/\bsign\b[^.]*\btokens?\b/i, 'token-signing-key'],
  [/\bfrom the CSR API\b/i, 'rotation-toggle'],
  [/\bkubeconfig\b/i, 'kubeconfig'],
  [/\bCA bundle\b/i, 'ca-bundle'],
  [/\bserving cert(ificate)?\b/i, 'serving-cert'],
  [/\bserving key\b/i, 'serving-key'],
  [/\bclient cert(ificate)?\b/i, 'client-cert'],
  [/\bclient key\b/i, 'client-key'],
  [/\bsigning cert(ificate)?\b/i, 'signing-cert'],
  [/\bsigning key\b/i, 'signing-key'],
  [/\bSNI\b/, 'sni-cert-key'],
  [/\brotat(e|ion)\b/i, 'rotation-toggle'],
];

/** Last resort: the flag's own name. */
const BY_NAME: Array<[RegExp, FlagKind]> = [
  [/kubeconfig/, 'kubeconfig'],
  [/^--rotate-/, 'rotation-toggle'],
  [/sni/, 'sni-cert-key'],
  [/(^|-)ca(-|$)|authority|ca-?file/, 'ca-bundle'],
  [/signing.*key|private-key/, 'signing-key'],
  [/signing.*cert/, 'signing-cert'],
  [/client.*key/, 'client-key'],
  [/client.*cert/, 'client-cert'],
  [/key/, 'serving-key'],
  [/cert/, 'serving-cert'],
];

export function inferKind(purpose: string, flagName: string): KindGuess {
  const text = purpose.replace(/`[^`]*`/g, ' ').trim();
  for (const [re, kind] of OPENING) if (re.test(text)) return { kind, certain: true };
  for (const [re, kind] of ANYWHERE) if (re.test(text)) return { kind, certain: true };
  for (const [re, kind] of BY_NAME) if (re.test(flagName)) return { kind, certain: false };
  return { kind: 'ca-bundle', certain: false };
}
