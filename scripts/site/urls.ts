/**
 * The site's URL scheme (stable, deep-linkable). URLs here are site-root
 * relative ("/flags/…/"); `withPrefix` adds the publishing prefix for links.
 */
import { parseFlagRef, parseResourceRef } from '../model/refs.ts';

export const HOME_URL = '/';
export const ENHANCEMENT_URL = '/enhancement/';
export const SCHEMAS_URL = '/schemas/';
export const SEARCH_URL = '/search/';
export const TROUBLESHOOT_URL = '/troubleshoot/';
export const CHECK_URL = '/check/';
export const COMPONENTS_URL = '/components/';
export const FLAGS_URL = '/flags/';
export const NAMESPACES_URL = '/namespaces/';

export function componentUrl(name: string): string {
  return `/components/${name}/`;
}

export function flagUrl(ref: string): string {
  const parsed = parseFlagRef(ref);
  if (!parsed.ok) throw new Error(`not a flag reference: ${ref}`);
  return `/flags/${parsed.value.component}/${parsed.value.flag.replace(/^--/, '')}/`;
}

export function namespaceUrl(name: string): string {
  return `/namespaces/${name}/`;
}

/** "openshift-config-managed cm/kube-apiserver-client-ca" → "/resources/openshift-config-managed/cm/kube-apiserver-client-ca/". */
export function resourceUrl(ref: string): string {
  const parsed = parseResourceRef(ref);
  if (!parsed.ok) throw new Error(`not a resource reference: ${ref}`);
  return `/resources/${parsed.value.namespace}/${parsed.value.name}/`;
}

/** The page of one must-verify edge: "/edges/<verifier>/<verified>/", each side's reference as a slug. */
export function edgeUrl(verifier: string, verified: string): string {
  const slug = (ref: string) => ref.replace(/[^A-Za-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  return `/edges/${slug(verifier)}/${slug(verified)}/`;
}

/** A site-root URL as a link under the publishing prefix. */
export function withPrefix(url: string, prefix: string): string {
  if (prefix === '/' || !url.startsWith('/')) return url;
  return prefix + url.slice(1);
}
