// One page per flag (pagination over the precomputed views). The body is rendered by
// scripts/site/pages/flag.ts: typed, escaped, and no template to compile per page.
import { flagBody } from '../scripts/site/pages/flag.ts';

export const data = {
  pagination: { data: 'certdocs.flags', size: 1, alias: 'flag' },
  permalink: (data) => data.flag.url,
  section: 'flags',
};

export function render(data) {
  return flagBody(data.flag, data.certdocs);
}
