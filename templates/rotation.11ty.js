// Every certificate by refresh period. The body comes from the `page` shortcode ('rotation')
// (scripts/site/pages/answers.ts). No imports here: Eleventy's watcher reads this file's imports.
export const data = {
  permalink: '/rotation/',
  section: 'rotation',
};

export function render(data) {
  return this.page('rotation', data, data.certdocs);
}
