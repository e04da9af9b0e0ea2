// One page per component (pagination over the precomputed views). The body is rendered by
// scripts/site/pages/component.ts: typed, escaped, and no template to compile per page.
import { componentBody } from '../scripts/site/pages/component.ts';

export const data = {
  pagination: { data: 'certdocs.components', size: 1, alias: 'component' },
  permalink: (data) => data.component.url,
  section: 'components',
};

export function render(data) {
  return componentBody(data.component, data.certdocs);
}
