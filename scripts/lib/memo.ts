/**
 * A function of a string computed once per argument: the same references and
 * names are asked for again by every rule, diagram and page. The table is
 * emptied when it holds `max` entries, so a long-running process (serving)
 * does not grow without bound.
 */
export function memoized<T>(compute: (key: string) => T, max = 100_000): (key: string) => T {
  const table = new Map<string, T>();
  return (key) => {
    let value = table.get(key);
    if (value === undefined && !table.has(key)) {
      if (table.size >= max) table.clear();
      table.set(key, (value = compute(key)));
    }
    return value as T;
  };
}
