/** openssl commands that reproduce a finding, with every path shell-quoted. */
import type { Material } from './material.ts';

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The file argument for a material: its local path, or a shell expression yielding its content. */
export function fileArg(m: Material): string {
  return m.local ? shellQuote(m.local) : (m.shell ?? '<file>');
}

export function verifyCmd(bundle: Material, cert: Material, at: Date, purpose?: 'sslserver' | 'sslclient'): string {
  const f = fileArg(cert);
  return `openssl verify -CAfile ${fileArg(bundle)} -untrusted ${f}${purpose ? ` -purpose ${purpose}` : ''} -attime ${Math.floor(at.getTime() / 1000)} ${f}`;
}

export function pairCmd(cert: Material, key: Material): string {
  return `diff <(openssl x509 -noout -pubkey -in ${fileArg(cert)}) <(openssl pkey -pubout -in ${fileArg(key)})`;
}

export function extCmd(cert: Material, ext: string): string {
  return `openssl x509 -noout -ext ${ext} -in ${fileArg(cert)}`;
}

export function datesCmd(cert: Material): string {
  return `openssl x509 -noout -subject -dates -in ${fileArg(cert)}`;
}

export function readCmd(m: Material, what: 'cert' | 'key'): string {
  return what === 'cert' ? `openssl x509 -noout -subject -in ${fileArg(m)}` : `openssl pkey -noout -in ${fileArg(m)}`;
}

export function tokenKeyCmd(keys: Material, key: Material): string {
  return `openssl pkey -pubout -in ${fileArg(key)}; grep -c 'BEGIN' ${fileArg(keys)}`;
}
