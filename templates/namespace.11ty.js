// One page per namespace, paginated over the precomputed views. The body comes from the
// `page` shortcode ('namespace') (scripts/site/pages/namespace.ts): typed, escaped, and nothing to
// compile per page. No imports here: Eleventy's watcher reads this file's imports.
export const data = {
  pagination: { data: 'certdocs.namespaces', size: 1, alias: 'namespace' },
  permalink: (data) => data.namespace.url,
  section: 'namespaces',
};

export function render(data) {
  return this.page('namespace', data, data.namespace, data.certdocs);
}
