/** Links as the views carry them (shared by site-data.ts and the view modules). */
import type { FlagKind } from '../model/types.ts';

export interface Link {
  /** Link target, with the publishing prefix. */
  href: string;
  text: string;
}

export interface FlagLink extends Link {
  ref: string;
  kind?: FlagKind;
  kindLabel?: string;
}
