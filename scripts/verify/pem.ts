/**
 * Read certificate and key files the way Kubernetes components do: PEM only.
 * Every failure is a short, fixed message with a stable code; nothing read
 * from a key file is ever put into a message.
 */
import { createHash, createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectKeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
  SubjectKeyIdentifier,
} from '@peculiar/asn1-x509';

/** Why a file's content could not be used. */
export type ContentCode = 'not-pem' | 'der-not-pem' | 'no-certificate' | 'bad-certificate' | 'no-key' | 'bad-key' | 'encrypted-key';

export class ContentError extends Error {
  constructor(
    readonly code: ContentCode,
    message: string,
  ) {
    super(message);
  }
}

export const OID_SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
export const OID_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

export interface Cert {
  x509: X509Certificate;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  /** basicConstraints cA. */
  isCA: boolean;
  /** keyUsage present and keyCertSign set; undefined when the extension is absent. */
  keyCertSign?: boolean;
  /** Extended key usage OIDs; undefined when the extension is absent (any usage). */
  eku?: string[];
  /** subjectKeyIdentifier and authorityKeyIdentifier keyIdentifier, hex, when present. */
  ski?: string;
  aki?: string;
  fingerprint: string;
}

interface PemBlock {
  type: string;
  headers: string;
  der: Buffer;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

function pemBlocks(bytes: Buffer): PemBlock[] {
  const text = bytes.toString('latin1');
  const blocks: PemBlock[] = [];
  for (const m of text.matchAll(PEM_BLOCK)) {
    const body = m[2]!;
    const split = body.split(/\r?\n\r?\n/);
    const headers = split.length > 1 && /:/.test(split[0]!) ? split[0]! : '';
    const b64 = (headers ? split.slice(1).join('\n') : body).replace(/\s+/g, '');
    blocks.push({ type: m[1]!, headers, der: Buffer.from(b64, 'base64') });
  }
  return blocks;
}

/** DER files start with an ASN.1 SEQUENCE with a long-form length. */
function looksLikeDer(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes[0] === 0x30 && (bytes[1] === 0x82 || bytes[1] === 0x81);
}

function noPem(bytes: Buffer, what: string): ContentError {
  if (looksLikeDer(bytes)) return new ContentError('der-not-pem', `holds DER, not PEM; Kubernetes components read only PEM (${what})`);
  return new ContentError('not-pem', `holds no PEM block (expected ${what})`);
}

export function parseCert(der: Buffer): Cert {
  let x509: X509Certificate;
  let asn: Certificate;
  try {
    x509 = new X509Certificate(der);
    asn = AsnConvert.parse(der, Certificate);
  } catch {
    throw new ContentError('bad-certificate', 'holds a CERTIFICATE block that is not a valid X.509 certificate');
  }
  const cert: Cert = {
    x509,
    subject: x509.subject.replace(/\n/g, ', '),
    issuer: x509.issuer.replace(/\n/g, ', '),
    notBefore: asn.tbsCertificate.validity.notBefore.getTime(),
    notAfter: asn.tbsCertificate.validity.notAfter.getTime(),
    isCA: false,
    fingerprint: x509.fingerprint256,
  };
  for (const ext of asn.tbsCertificate.extensions ?? []) {
    const value = ext.extnValue.buffer;
    try {
      if (ext.extnID === id_ce_basicConstraints) cert.isCA = AsnConvert.parse(value, BasicConstraints).cA;
      else if (ext.extnID === id_ce_keyUsage) cert.keyCertSign = (AsnConvert.parse(value, KeyUsage).toNumber() & KeyUsageFlags.keyCertSign) !== 0;
      else if (ext.extnID === id_ce_extKeyUsage) cert.eku = [...AsnConvert.parse(value, ExtendedKeyUsage)].map(String);
      else if (ext.extnID === id_ce_subjectKeyIdentifier) cert.ski = Buffer.from(AsnConvert.parse(value, SubjectKeyIdentifier).buffer).toString('hex');
      else if (ext.extnID === id_ce_authorityKeyIdentifier) {
        const id = AsnConvert.parse(value, AuthorityKeyIdentifier).keyIdentifier;
        if (id) cert.aki = Buffer.from(id.buffer).toString('hex');
      }
    } catch {
      throw new ContentError('bad-certificate', 'holds a certificate with a malformed extension');
    }
  }
  return cert;
}

export function safeVerify(cert: X509Certificate, key: KeyObject): boolean {
  try {
    return cert.verify(key);
  } catch {
    return false;
  }
}

/** The same bundle is read for many flags (ca.crt): parse each content once per run. */
const certCache = new Map<string, Cert[]>();

/** Forget parsed certificates: each reader starts a run with an empty cache. */
export function newRun(): void {
  certCache.clear();
}

/** Every certificate in a PEM file, in file order. */
export function readCerts(bytes: Buffer): Cert[] {
  const id = createHash('sha256').update(bytes).digest('base64');
  const cached = certCache.get(id);
  if (cached) return cached;
  const certs = readCertsUncached(bytes);
  if (certCache.size > 10_000) certCache.clear();
  certCache.set(id, certs);
  return certs;
}

function readCertsUncached(bytes: Buffer): Cert[] {
  const blocks = pemBlocks(bytes);
  if (!blocks.length) throw noPem(bytes, 'PEM CERTIFICATE blocks');
  const certs = blocks.filter((b) => b.type === 'CERTIFICATE').map((b) => parseCert(b.der));
  if (!certs.length) throw new ContentError('no-certificate', `holds no CERTIFICATE block (found ${[...new Set(blocks.map((b) => b.type))].join(', ')})`);
  return certs;
}

const KEY_TYPES = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY']);

/** The private key of a PEM file. Encrypted keys are refused: no component can read them. */
export function readPrivateKey(bytes: Buffer): KeyObject {
  const blocks = pemBlocks(bytes);
  if (!blocks.length) throw noPem(bytes, 'a PEM private key');
  if (blocks.some((b) => b.type === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(b.headers)))
    throw new ContentError('encrypted-key', 'holds an encrypted private key; Kubernetes components and etcd need it unencrypted');
  const block = blocks.find((b) => KEY_TYPES.has(b.type));
  if (!block) throw new ContentError('no-key', `holds no private key block (found ${[...new Set(blocks.map((b) => b.type))].join(', ')})`);
  try {
    const type = block.type === 'RSA PRIVATE KEY' ? 'pkcs1' : block.type === 'EC PRIVATE KEY' ? 'sec1' : 'pkcs8';
    return createPrivateKey({ key: block.der, format: 'der', type });
  } catch {
    throw new ContentError('bad-key', 'holds a private key block that cannot be parsed');
  }
}

/**
 * Public keys of a token-verifying file (kube-apiserver --service-account-key-file):
 * PEM public keys, certificates, or private keys, as kube-apiserver accepts.
 */
export function readPublicKeys(bytes: Buffer): KeyObject[] {
  const blocks = pemBlocks(bytes);
  if (!blocks.length) throw noPem(bytes, 'PEM public keys');
  const keys: KeyObject[] = [];
  for (const b of blocks) {
    try {
      if (b.type === 'PUBLIC KEY') keys.push(createPublicKey({ key: b.der, format: 'der', type: 'spki' }));
      else if (b.type === 'RSA PUBLIC KEY') keys.push(createPublicKey({ key: b.der, format: 'der', type: 'pkcs1' }));
      else if (b.type === 'CERTIFICATE') keys.push(parseCert(b.der).x509.publicKey);
      else if (KEY_TYPES.has(b.type)) keys.push(createPublicKey(readPrivateKey(Buffer.from(`-----BEGIN ${b.type}-----\n${b.der.toString('base64')}\n-----END ${b.type}-----\n`))));
    } catch {
      throw new ContentError('bad-key', `holds a ${b.type} block that cannot be parsed`);
    }
  }
  if (!keys.length) throw new ContentError('no-key', 'holds no public key, certificate or private key block');
  return keys;
}

/** SubjectPublicKeyInfo DER of a key, for comparing public keys. */
export function spki(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return pub.export({ format: 'der', type: 'spki' }).toString('base64');
}
