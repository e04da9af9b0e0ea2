// The search page (Pagefind). The body comes from the `page` shortcode ('search') (scripts/site/pages/).
// No imports here: Eleventy's watcher reads this file's imports.
export const data = {
  permalink: '/search/',
  search: true,
  noindex: true,
};

export function render(data) {
  return this.page('search', data, data.certdocs);
}
