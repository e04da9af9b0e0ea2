/**
 * What the site's Eleventy configuration sets up: global data, the one `page`
 * shortcode, passthrough copies, search, Eleventy's own plugins, folders.
 * `.eleventy.ts` loads this module (as one prebuilt bundle on a one-off
 * build, scripts/site/code-bundle.ts) and hands it Eleventy's config object.
 * Thin on purpose: the data, page functions (shortcodes) and search live in
 * the modules it imports.
 */
import path from 'node:path';
import { HtmlBasePlugin } from '@11ty/eleventy';
import { passthrough } from './assets.ts';
import type { EleventyConfig, EleventyReturnConfig } from './eleventy-config.ts';
import { frozenJson, SiteSource } from './global-data.ts';
import { searchIndexPlugin } from './search-index.ts';
import { siteSettings, TEMPLATES_DIR } from './settings.ts';
import { pageShortcode } from './shortcodes.ts';

export default function setupSite(eleventyConfig: EleventyConfig): EleventyReturnConfig {
  const settings = siteSettings();

  // Global data: `certdocs`, the validated model with every page's view, built once (on a one-off build
  // in a second thread, which also renders the page bodies: global-data.ts). data/ is read only through
  // the validator, never as Eleventy data: a stray data/__proto__.json or a broken data/notes.json
  // cannot reach the templates. Eleventy's own data folder is templates/_data/.
  const source = new SiteSource(settings);
  eleventyConfig.addGlobalData('certdocs', () => source.data());
  eleventyConfig.on('eleventy.contentMap', () => source.ready());
  eleventyConfig.addWatchTarget(settings.dataDir);
  eleventyConfig.addDataExtension('json', { parser: frozenJson });

  eleventyConfig.addShortcode('page', pageShortcode(() => source.rendered()));
  for (const [from, to] of Object.entries(passthrough())) eleventyConfig.addPassthroughCopy({ [from]: to });
  searchIndexPlugin(eleventyConfig);
  // Pages and links carry site-root URLs ("/flags/…/"); under CERTDOCS_PATH_PREFIX this plugin rewrites
  // every URL attribute of the written HTML (href, src, action) to the prefix. Off when the prefix is "/".
  eleventyConfig.addPlugin(HtmlBasePlugin);

  // One template approach: every page and the layout is a JavaScript template calling its typed page function.
  eleventyConfig.setTemplateFormats(['11ty.js']);

  return {
    dir: {
      input: path.relative(process.cwd(), TEMPLATES_DIR) || '.',
      output: settings.outDir,
      data: '_data',
      includes: '_includes',
    },
    pathPrefix: settings.pathPrefix,
    markdownTemplateEngine: false,
    htmlTemplateEngine: false,
  };
}
