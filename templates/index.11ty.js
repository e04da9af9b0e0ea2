// The home page: the four questions. The body comes from the `homePage` shortcode (scripts/site/pages/).
// No imports here: Eleventy's watcher reads this file's imports.
export const data = {
  permalink: '/',
  section: 'home',
};

export function render(data) {
  return this.homePage(data.certdocs);
}
