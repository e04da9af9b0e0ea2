// One page per flag, paginated over the precomputed views. The body comes from the
// `page` shortcode ('flag') (scripts/site/pages/flag.ts): typed, escaped, and nothing to
// compile per page. No imports here: Eleventy's watcher reads this file's imports.
export const data = {
  pagination: { data: 'certdocs.flags', size: 1, alias: 'flag' },
  permalink: (data) => data.flag.url,
  section: 'flags',
};

export function render(data) {
  return this.page('flag', data, data.flag, data.certdocs);
}
