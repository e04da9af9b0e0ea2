/**
 * Every page function by name: what a template's `this.page('flag', data, …)`
 * calls (scripts/site/shortcodes.ts), and what page-bodies.ts renders for
 * every page at once.
 */
import { checkBody } from './check.ts';
import { componentBody } from './component.ts';
import { enhancementBody } from './enhancement.ts';
import { flagBody } from './flag.ts';
import { homeBody } from './home.ts';
import { componentsBody, flagsBody, namespacesBody } from './lists.ts';
import { notFoundBody, searchBody } from './misc.ts';
import { namespaceBody } from './namespace.ts';
import { resourceBody } from './resource.ts';
import { rotationBody, signersBody } from './answers.ts';
import { schemasBody } from './schemas.ts';
import { edgeBody, troubleshootBody } from './troubleshoot.ts';

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
