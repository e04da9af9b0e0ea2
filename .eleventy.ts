/**
 * Eleventy 3 configuration for the documentation site. Run it through tsx:
 *   node --interrupt-budget=500000 --import tsx --import ./scripts/site/prerender.ts ./node_modules/.bin/eleventy
 *     --config=.eleventy.ts  (npm run site:build; the node option is explained in scripts/site/build.ts,
 *     SITE_NODE_OPTIONS, and prerender.ts starts the build's second thread, which this setup then uses)
 *   tsx ./node_modules/.bin/eleventy --config=.eleventy.ts --serve  (npm run serve)
 * What it sets up (global data, the page shortcode, search, Eleventy's plugins, folders) is
 * scripts/site/eleventy-setup.ts. A one-off build loads that module and everything it imports as
 * one prebuilt bundle, kept between builds (scripts/site/code-bundle.ts); serving loads them directly.
 */
import { loadSiteSetup } from './scripts/site/code-bundle.ts';
import type { EleventyConfig, EleventyReturnConfig } from './scripts/site/eleventy-config.ts';

export default async function (eleventyConfig: EleventyConfig): Promise<EleventyReturnConfig> {
  const setupSite = await loadSiteSetup();
  return setupSite(eleventyConfig);
}
