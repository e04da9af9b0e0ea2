/**
 * Durations as Go writes them, restricted to whole hours, minutes and seconds
 * ("720h", "5m", "1h30m"): the form OpenShift's refresh-period annotation and
 * kube-controller-manager's --cluster-signing-duration use.
 */
const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** Seconds in the duration, or undefined when it is not of the form above. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m || text === '') return undefined;
  const [h, min, s] = [m[1], m[2], m[3]].map((v) => (v === undefined ? 0 : Number(v)));
  return h * 3600 + min * 60 + s;
}

const HOUR = 3600;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

/** A reader's rendering: "30 days", "10 years", "5 minutes", "292 days". */
export function humanDuration(seconds: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds >= YEAR && seconds % YEAR === 0) return unit(seconds / YEAR, 'year');
  if (seconds >= DAY && seconds % DAY === 0) return unit(seconds / DAY, 'day');
  if (seconds >= DAY) return `${+(seconds / DAY).toFixed(1)} days`;
  if (seconds >= HOUR && seconds % HOUR === 0) return unit(seconds / HOUR, 'hour');
  if (seconds >= 60 && seconds % 60 === 0) return unit(seconds / 60, 'minute');
  return unit(seconds, 'second');
}

/** "720h (30 days)"; the text as written when it does not parse. */
export function describeDuration(text: string): string {
  const s = parseDuration(text);
  if (s === undefined) return text;
  const human = humanDuration(s);
  return human === text ? text : `${text} (${human})`;
}
