/** A documented validity ("1 year", "30 days", "10y", Go's "720h") as milliseconds; undefined when it is not a plain duration. */
const UNITS: Record<string, number> = { y: 365 * 86_400_000, d: 86_400_000, h: 3_600_000 };

export function documentedLifetimeMs(validity: string | undefined): number | undefined {
  if (!validity) return undefined;
  // Go durations as the material model writes them: "720h", "90m", "3600s", "2h30m".
  const go = /^\s*(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?\s*$/.exec(validity);
  if (go && (go[1] || go[2] || go[3])) return (Number(go[1] ?? 0) * 3600 + Number(go[2] ?? 0) * 60 + Number(go[3] ?? 0)) * 1000;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(y|years?|d|days?|h|hours?)\b/i.exec(validity);
  if (!m) return undefined;
  return Number(m[1]) * UNITS[m[2]!.toLowerCase()[0]!]!;
}
