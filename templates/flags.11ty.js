// Every flag, by component. The body comes from the `flagsPage` shortcode (scripts/site/pages/).
// No imports here: Eleventy's watcher reads this file's imports.
export const data = {
  permalink: '/flags/',
  section: 'flags',
};

export function render(data) {
  return this.flagsPage(data.certdocs);
}
