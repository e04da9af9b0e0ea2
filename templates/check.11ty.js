// How to check a cluster with certdocs verify. The body comes from the `page` shortcode ('check') (scripts/site/pages/check.ts).
// No imports here: Eleventy's watcher reads this file's imports.
export const data = {
  permalink: '/check/',
  section: 'check',
};

export function render(data) {
  return this.page('check', data, data.certdocs);
}
