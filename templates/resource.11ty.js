// One page per resource (pagination over the precomputed views). The body is rendered by
// scripts/site/pages/resource.ts: typed, escaped, and no template to compile per page.
import { resourceBody } from '../scripts/site/pages/resource.ts';

export const data = {
  pagination: { data: 'certdocs.resources', size: 1, alias: 'resource' },
  permalink: (data) => data.resource.url,
  section: 'namespaces',
};

export function render(data) {
  return resourceBody(data.resource, data.certdocs);
}
