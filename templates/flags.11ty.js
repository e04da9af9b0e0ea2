// Every flag, by component. The body comes from the `page` shortcode ('flags') (scripts/site/pages/).
// No imports here: Eleventy's watcher reads this file's imports.
export const data = {
  permalink: '/flags/',
  section: 'flags',
};

export function render(data) {
  return this.page('flags', data, data.certdocs);
}
