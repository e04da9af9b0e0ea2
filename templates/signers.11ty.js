// The signer tree: signers → what they sign → the flags that use it. The body comes from the
// `page` shortcode ('signers') (scripts/site/pages/answers.ts). No imports here.
export const data = {
  permalink: '/signers/',
  section: 'signers',
};

export function render(data) {
  return this.page('signers', data, data.certdocs);
}
