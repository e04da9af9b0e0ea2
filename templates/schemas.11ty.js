// The JSON Schemas. The body comes from the `page` shortcode ('schemas') (scripts/site/pages/).
// No imports here: Eleventy's watcher reads this file's imports.
export const data = {
  permalink: '/schemas/',
  section: 'schemas',
};

export function render(data) {
  return this.page('schemas', data, data.certdocs);
}
