// The home page: the four questions. The body comes from the `page` shortcode ('home') (scripts/site/pages/).
// No imports here: Eleventy's watcher reads this file's imports.
export const data = {
  permalink: '/',
  section: 'home',
};

export function render(data) {
  return this.page('home', data, data.certdocs);
}
