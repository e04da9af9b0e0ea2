// Every namespace with its ConfigMaps and Secrets. The body comes from the `page` shortcode ('namespaces') (scripts/site/pages/).
// No imports here: Eleventy's watcher reads this file's imports.
export const data = {
  permalink: '/namespaces/',
  section: 'namespaces',
};

export function render(data) {
  return this.page('namespaces', data, data.certdocs);
}
