/**
 * How the second thread started before Eleventy (prerender.ts) reaches the
 * site's setup, which Eleventy loads later as its own bundle: one
 * process-wide slot, taken once. Also the messages the thread sends.
 */
import type { PackedBodies, SiteOutline } from './page-bodies.ts';
import type { SiteSettings } from './settings.ts';

/** The thread's first message: the outline of the site data, the data's problem, or why it could not build it. */
export type OutlineMessage =
  | { kind: 'outline'; outline: SiteOutline; ms: number }
  | { kind: 'problem'; message: string; exitCode: number }
  | { kind: 'failed'; message: string };

/** Its second message: every page's body (page-bodies.ts), or why it could not render them. */
export type BodiesMessage = { kind: 'bodies'; bodies: PackedBodies } | { kind: 'failed'; message: string };

export interface Prerender {
  /** The settings the thread builds with (from the same environment as the setup's). */
  settings: SiteSettings;
  outline(): Promise<OutlineMessage>;
  bodies(): Promise<BodiesMessage>;
  /** Stop the thread (its work is not wanted). */
  stop(): void;
}

/** An unexpected error of the thread, on one line: its message and the first lines of its stack. */
export function describeFailure(err: unknown): string {
  return (err instanceof Error ? (err.stack ?? err.message) : String(err)).split('\n').slice(0, 4).join(' | ');
}

const SLOT = Symbol.for('certdocs.site.prerender');
type Slot = { [SLOT]?: Prerender };

export function offerPrerender(prerender: Prerender): void {
  (globalThis as Slot)[SLOT] = prerender;
}

/** The running thread, once, if it builds what `settings` asks for; any other is stopped. */
export function takePrerender(settings: SiteSettings): Prerender | undefined {
  const slot = globalThis as Slot;
  const prerender = slot[SLOT];
  delete slot[SLOT];
  if (prerender && JSON.stringify(prerender.settings) !== JSON.stringify(settings)) {
    prerender.stop();
    return undefined;
  }
  return prerender;
}
