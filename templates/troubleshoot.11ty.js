// The troubleshooting page. The body comes from the `page` shortcode ('troubleshoot')
// (scripts/site/pages/troubleshoot.ts). No imports here: Eleventy's watcher reads this file's imports.
export const data = {
  permalink: '/troubleshoot/',
  section: 'troubleshoot',
};

export function render(data) {
  return this.page('troubleshoot', data, data.certdocs);
}
