/**
 * Heading ids as GitHub makes them (github-slugger): a link to `#section-two`
 * in the enhancement finds the same heading on GitHub and on the site. One
 * Slugger per document: a repeated heading gets `-1`, `-2`… as on GitHub.
 */
import GithubSlugger from 'github-slugger';

export class Slugger {
  private readonly slugger = new GithubSlugger();

  /** The id of the next heading with this text (never empty). */
  slug(text: string): string {
    return this.slugger.slug(text) || this.slugger.slug('section');
  }
}
