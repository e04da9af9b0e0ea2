// One page per component, paginated over the precomputed views. The body comes from the
// `page` shortcode ('component') (scripts/site/pages/component.ts): typed, escaped, and nothing to
// compile per page. No imports here: Eleventy's watcher reads this file's imports.
export const data = {
  pagination: { data: 'certdocs.components', size: 1, alias: 'component' },
  permalink: (data) => data.component.url,
  section: 'components',
};

export function render(data) {
  return this.page('component', data, data.component, data.certdocs);
}
