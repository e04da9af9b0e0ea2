/**
 * Chain building the way Go's crypto/x509 does for Kubernetes components:
 * every certificate of the verifier's bundle is a trust anchor, the other
 * certificates of the presented file are intermediates, and every candidate
 * issuer with a matching name is tried (a bundle may hold several CAs with
 * the same name, for instance an old and a new one during a rotation).
 */
import type { Cert } from './pem.ts';
import { safeVerify } from './pem.ts';

export type ChainResult =
  | { ok: true; path: Cert[] }
  | { ok: false; code: 'unknown-issuer' | 'bad-signature' | 'issuer-expired' | 'issuer-not-yet-valid' | 'issuer-not-ca'; message: string };

const MAX_DEPTH = 8;

export function validAt(c: Cert, at: Date): 'ok' | 'expired' | 'not-yet-valid' {
  if (at.getTime() > c.notAfter.getTime()) return 'expired';
  if (at.getTime() < c.notBefore.getTime()) return 'not-yet-valid';
  return 'ok';
}

const canSign = (c: Cert) => c.isCA && c.keyCertSign !== false;

export function buildChain(leaf: Cert, intermediates: Cert[], anchors: Cert[], at: Date): ChainResult {
  // An issuer whose key signed the certificate explains best why no path was found, then a
  // name that matched with the wrong key, then a missing issuer; the first of each rank wins.
  let failure: Exclude<ChainResult, { ok: true }> | undefined;
  const rank = (f: Exclude<ChainResult, { ok: true }>) => (f.code === 'unknown-issuer' ? 0 : f.code === 'bad-signature' ? 1 : 2);
  const fail = (f: Exclude<ChainResult, { ok: true }>) => {
    if (!failure || rank(f) > rank(failure)) failure = f;
  };
  const walk = (cert: Cert, path: Cert[]): Cert[] | undefined => {
    if (path.length > MAX_DEPTH) return undefined;
    if (anchors.some((a) => a.fingerprint === cert.fingerprint)) return path;
    // Candidates whose key identifier matches the certificate's authority key identifier are tried first.
    const named = (pool: Cert[]) =>
      pool
        .filter((c) => c.x509.subject === cert.x509.issuer && !path.some((p) => p.fingerprint === c.fingerprint))
        .sort((a, b) => Number(!!cert.aki && b.ski === cert.aki) - Number(!!cert.aki && a.ski === cert.aki));
    for (const [pool, isAnchor] of [
      [anchors, true],
      [intermediates, false],
    ] as const) {
      for (const issuer of named(pool)) {
        if (!safeVerify(cert.x509, issuer.x509.publicKey)) {
          fail({ ok: false, code: 'bad-signature', message: `${isAnchor ? 'the bundle' : 'the certificate file'} holds a CA named "${issuer.subject}", but its key did not sign "${cert.subject}"` });
          continue;
        }
        if (!canSign(issuer)) {
          fail({ ok: false, code: 'issuer-not-ca', message: `its issuer "${issuer.subject}" is not a CA with keyCertSign` });
          continue;
        }
        const validity = validAt(issuer, at);
        if (validity !== 'ok') {
          fail({
            ok: false,
            code: validity === 'expired' ? 'issuer-expired' : 'issuer-not-yet-valid',
            message: `its issuer "${issuer.subject}" ${validity === 'expired' ? `expired on ${issuer.notAfter.toISOString()}` : `is not valid before ${issuer.notBefore.toISOString()}`}`,
          });
          continue;
        }
        if (isAnchor) return [...path, issuer];
        const rest = walk(issuer, [...path, issuer]);
        if (rest) return rest;
      }
    }
    if (!named(anchors).length && !named(intermediates).length)
      fail({ ok: false, code: 'unknown-issuer', message: `no certificate named "${cert.issuer}" (the issuer of "${cert.subject}") is in the bundle or the certificate file` });
    return undefined;
  };
  const path = walk(leaf, [leaf]);
  if (path) return { ok: true, path };
  return failure ?? { ok: false, code: 'unknown-issuer', message: `no chain from "${leaf.subject}" to the bundle` };
}

