// Every namespace with its ConfigMaps and Secrets. The body comes from the `namespacesPage` shortcode (scripts/site/pages/).
// No imports here: Eleventy's watcher reads this file's imports.
export const data = {
  permalink: '/namespaces/',
  section: 'namespaces',
};

export function render(data) {
  return this.namespacesPage(data.certdocs);
}
