/**
 * The site's URL scheme (stable, deep-linkable). URLs here are site-root
 * relative ("/flags/…/"), one per page; Eleventy's HtmlBasePlugin adds the
 * publishing prefix to every link of the written HTML (eleventy-setup.ts).
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
export const NOT_FOUND_URL = '/404.html';

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
