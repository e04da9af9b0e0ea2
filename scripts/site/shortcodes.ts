/**
 * Every page body and the layout, behind one shortcode: the templates (templates/*.11ty.js,
 * templates/_layouts/base.11ty.js) call this.page('flag', …) and so on. The HTML is built in
 * scripts/site/pages/: typed, escaped, nothing to compile per page.
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
import { layoutPage } from './pages/layout.ts';
import { componentsBody, flagsBody, namespacesBody } from './pages/lists.ts';
import { notFoundBody, searchBody } from './pages/misc.ts';
import { namespaceBody } from './pages/namespace.ts';
import { resourceBody } from './pages/resource.ts';
import { rotationBody, signersBody } from './pages/answers.ts';
import { schemasBody } from './pages/schemas.ts';
import { edgeBody, troubleshootBody } from './pages/troubleshoot.ts';

export const pages = {
  layout: layoutPage,
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

/** The `page` shortcode: the page function called `name`, with the template's arguments. */
export function page(name: PageName, ...args: unknown[]): string {
  const fn = pages[name] as ((...a: unknown[]) => string) | undefined;
  if (!fn) throw new Error(`no page function ${JSON.stringify(name)} (scripts/site/shortcodes.ts)`);
  return fn(...args);
}

