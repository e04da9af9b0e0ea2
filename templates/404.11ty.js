// The page for an unknown address. The body comes from the `page` shortcode ('notFound') (scripts/site/pages/).
// No imports here: Eleventy's watcher reads this file's imports.
export const data = {
  permalink: '/404.html',
  noindex: true,
};

export function render(data) {
  return this.page('notFound', data, data.certdocs);
}
