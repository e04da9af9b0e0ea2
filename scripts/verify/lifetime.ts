/** A documented validity ("1 year", "30 days", "10y") as milliseconds; undefined when it is not a plain duration. */
const UNITS: Record<string, number> = { y: 365 * 86_400_000, d: 86_400_000, h: 3_600_000 };

export function documentedLifetimeMs(validity: string | undefined): number | undefined {
  if (!validity) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(y|years?|d|days?|h|hours?)\b/i.exec(validity);
  if (!m) return undefined;
  return Number(m[1]) * UNITS[m[2]!.toLowerCase()[0]!]!;
}
