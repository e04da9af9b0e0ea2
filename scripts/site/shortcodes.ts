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
import { bodyKey } from './page-bodies.ts';
import { pages, type PageName } from './pages/index.ts';
import { layoutPage, type LayoutData } from './pages/layout.ts';

export type { PageName } from './pages/index.ts';

/** What a template hands the frame: its Eleventy data (title and description come from eleventyComputed). */
export type FrameData = Omit<LayoutData, 'content' | 'mermaid'>;

/** Bodies rendered ahead (page-bodies.ts, in a second thread): each is taken once, by its key. */
export interface RenderedBodies {
  take(key: string): string | undefined;
}

/**
 * The `page` shortcode: the page function called `name` with the template's arguments, in the frame of
 * every page. With `rendered`, the body is the one rendered ahead for this page instead (the same bytes).
 */
export function pageShortcode(rendered: () => RenderedBodies | undefined): (name: PageName, data: FrameData, ...args: unknown[]) => string {
  return function page(name, data, ...args) {
    const fn = pages[name] as ((...a: unknown[]) => string) | undefined;
    if (!fn) throw new Error(`no page function ${JSON.stringify(name)} (scripts/site/shortcodes.ts)`);
    const { title, description, search, noindex, section, page: at, certdocs } = data;
    const bodies = rendered();
    let content: string;
    if (bodies) {
      const body = bodies.take(bodyKey(name, at.url));
      if (body === undefined) throw new Error(`no body rendered ahead for page ${JSON.stringify(name)} at ${at.url} (scripts/site/page-bodies.ts)`);
      content = body;
    } else {
      content = fn(...args);
    }
    // Whether the page needs the browser's Mermaid: from the page's description, as its title is (not computed per page by Eleventy).
    const mermaid = certdocs.meta[at.url]?.mermaid === true;
    return layoutPage({ content, title, description, mermaid, search, noindex, section, page: at, certdocs });
  };
}
