// The one value the site imports from Eleventy 3 (it ships JSDoc, not declarations).
declare module '@11ty/eleventy' {
  /** Adds the publishing prefix (pathPrefix) to every URL attribute of the written HTML; off when the prefix is "/". */
  export const HtmlBasePlugin: (eleventyConfig: unknown, options?: { baseHref?: string; extensions?: string }) => void;
}
