/** Data files are written as 2-space JSON with a trailing newline, keys in schema order. */
export function stringifyData(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
