/**
 * The parts of Eleventy's configuration API the site uses, typed (Eleventy 3
 * ships JSDoc, not declarations).
 */
export interface EleventyEventArgs {
  runMode: 'build' | 'watch' | 'serve';
  directories: { input: string; output: string; data: string; includes: string; layouts?: string };
}

export interface EleventyConfig {
  addGlobalData(name: string, data: unknown): void;
  addPlugin(plugin: (config: EleventyConfig, options?: Record<string, unknown>) => unknown, options?: Record<string, unknown>): void;
  addShortcode(name: string, fn: (...args: never[]) => string): void;
  addPassthroughCopy(paths: string | Record<string, string>): void;
  addWatchTarget(path: string): void;
  addDataExtension(extension: string, options: { parser: (contents: string) => unknown }): void;
  setTemplateFormats(formats: string[]): void;
  setServerOptions(options: Record<string, unknown>): void;
  setQuietMode(quiet: boolean): void;
  on(event: 'eleventy.after' | 'eleventy.before', fn: (args: EleventyEventArgs) => unknown): void;
  /** Emitted (and awaited) once every page's data and URL is known, before any page is rendered. */
  on(event: 'eleventy.contentMap', fn: () => unknown): void;
}

export interface EleventyReturnConfig {
  dir: { input: string; output: string; data: string; includes: string };
  pathPrefix: string;
  markdownTemplateEngine: false;
  htmlTemplateEngine: false;
}
