// Data of every page under templates/: each page's title and description, computed by Eleventy
// from the page's own URL (scripts/site/site-data.ts describes every page once). No imports here: Eleventy's watcher reads this file's imports.
const meta = (data) => data.certdocs.meta[data.page.url];

export default {
  eleventyExcludeFromCollections: true,
  eleventyComputed: {
    title: (data) => meta(data)?.title,
    description: (data) => meta(data)?.description,
  },
};
