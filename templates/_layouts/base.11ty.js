// The layout of every page. The HTML comes from the `page` shortcode ('layout') (scripts/site/pages/layout.ts).
// No imports here: Eleventy's watcher reads this file's imports.
export function render(data) {
  return this.page('layout', data);
}
