/**
 * Every page, behind one shortcode: a template (templates/*.11ty.js) calls
 * this.page('flag', data, …), which builds the page's body and puts it in the frame of every page
 * (scripts/site/pages/layout.ts). The HTML is built in scripts/site/pages/: typed, escaped,
 * nothing to compile per page.
 *
 * The frame is a function call, not an Eleventy layout: Eleventy's layout step copies the page's
 * data into a new object for the layout and keeps the laid-out copy next to the body until the
 * build ends; a function call does neither (the page, frame included, is kept once).
 *
 * One shortcode, not one per page: Eleventy copies every filter and shortcode into the `this` of
 * each computed value, permalink and render call, so with 3,000 pages each registered function
 * costs (nineteen of them were about 0.1 s of a 2,000-flag build).
 */
import { checkBody } from './pages/check.ts';
import { componentBody } from './pages/component.ts';
import { enhancementBody } from './pages/enhancement.ts';
import { flagBody } from './pages/flag.ts';
import { homeBody } from './pages/home.ts';
import { layoutPage, type LayoutData } from './pages/layout.ts';
import { componentsBody, flagsBody, namespacesBody } from './pages/lists.ts';
import { notFoundBody, searchBody } from './pages/misc.ts';
import { namespaceBody } from './pages/namespace.ts';
import { resourceBody } from './pages/resource.ts';
import { rotationBody, signersBody } from './pages/answers.ts';
import { schemasBody } from './pages/schemas.ts';
import { edgeBody, troubleshootBody } from './pages/troubleshoot.ts';

export const pages = {
  home: homeBody,
  components: componentsBody,
  flags: flagsBody,
  namespaces: namespacesBody,
  enhancement: enhancementBody,
  schemas: schemasBody,
  check: checkBody,
  search: searchBody,
  notFound: notFoundBody,
  flag: flagBody,
  component: componentBody,
  namespace: namespaceBody,
  resource: resourceBody,
  rotation: rotationBody,
  signers: signersBody,
  troubleshoot: troubleshootBody,
  edge: edgeBody,
};

export type PageName = keyof typeof pages;

/** What a template hands the frame: its Eleventy data (title and description come from eleventyComputed). */
export type FrameData = Omit<LayoutData, 'content' | 'mermaid'>;

/** The `page` shortcode: the page function called `name` with the template's arguments, in the frame of every page. */
export function page(name: PageName, data: FrameData, ...args: unknown[]): string {
  const fn = pages[name] as ((...a: unknown[]) => string) | undefined;
  if (!fn) throw new Error(`no page function ${JSON.stringify(name)} (scripts/site/shortcodes.ts)`);
  const { title, description, search, noindex, section, page: at, certdocs } = data;
  // Whether the page needs the browser's Mermaid: from the page's description, as its title is (not computed per page by Eleventy).
  const mermaid = certdocs.meta[at.url]?.mermaid === true;
  return layoutPage({ content: fn(...args), title, description, mermaid, search, noindex, section, page: at, certdocs });
}
