// The generated enhancement. The body comes from the `page` shortcode ('enhancement') (scripts/site/pages/).
// No imports here: Eleventy's watcher reads this file's imports.
export const data = {
  permalink: '/enhancement/',
  section: 'enhancement',
};

export function render(data) {
  return this.page('enhancement', data, data.certdocs);
}
