// One page per must-verify edge, paginated over the troubleshooting views. The body comes from
// the `page` shortcode ('edge') (scripts/site/pages/troubleshoot.ts). No imports here: Eleventy's watcher reads this file's imports.
export const data = {
  pagination: { data: 'certdocs.troubleshoot.edges', size: 1, alias: 'edge' },
  permalink: (data) => data.edge.url,
  section: 'troubleshoot',
};

export function render(data) {
  return this.page('edge', data, data.edge, data.certdocs);
}
