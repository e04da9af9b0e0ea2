// Every component. The body comes from the `page` shortcode ('components') (scripts/site/pages/).
// No imports here: Eleventy's watcher reads this file's imports.
export const data = {
  permalink: '/components/',
  section: 'components',
};

export function render(data) {
  return this.page('components', data, data.certdocs);
}
