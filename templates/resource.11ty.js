// One page per resource, paginated over the precomputed views. The body comes from the
// `page` shortcode ('resource') (scripts/site/pages/resource.ts): typed, escaped, and nothing to
// compile per page. No imports here: Eleventy's watcher reads this file's imports.
export const data = {
  pagination: { data: 'certdocs.resources', size: 1, alias: 'resource' },
  permalink: (data) => data.resource.url,
  section: 'namespaces',
};

export function render(data) {
  return this.page('resource', data, data.resource, data.certdocs);
}
