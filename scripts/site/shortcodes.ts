/**
 * Every page body and the layout, as shortcodes: the templates (templates/*.11ty.js,
 * templates/_layouts/base.11ty.js) call them as this.flagPage(…) and so on. The
 * HTML is built in scripts/site/pages/: typed, escaped, nothing to compile per page.
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

export const shortcodes = {
  layoutPage,
  homePage: homeBody,
  componentsPage: componentsBody,
  flagsPage: flagsBody,
  namespacesPage: namespacesBody,
  enhancementPage: enhancementBody,
  schemasPage: schemasBody,
  checkPage: checkBody,
  searchPage: searchBody,
  notFoundPage: notFoundBody,
  flagPage: flagBody,
  componentPage: componentBody,
  namespacePage: namespaceBody,
  resourcePage: resourceBody,
  rotationPage: rotationBody,
  signersPage: signersBody,
  troubleshootPage: troubleshootBody,
  edgePage: edgeBody,
};
