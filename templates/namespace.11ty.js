// One page per namespace (pagination over the precomputed views). The body is rendered by
// scripts/site/pages/namespace.ts: typed, escaped, and no template to compile per page.
import { namespaceBody } from '../scripts/site/pages/namespace.ts';

export const data = {
  pagination: { data: 'certdocs.namespaces', size: 1, alias: 'namespace' },
  permalink: (data) => data.namespace.url,
  section: 'namespaces',
};

export function render(data) {
  return namespaceBody(data.namespace, data.certdocs);
}
