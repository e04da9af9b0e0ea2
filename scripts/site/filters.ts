/** Nunjucks filters. Views are precomputed; filters only phrase. */

/** "1 flag", "3 flags". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export const filters = { plural };
