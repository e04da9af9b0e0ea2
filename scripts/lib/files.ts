import { readdirSync, statSync } from 'node:fs';

/** The names of the files in `folder` whose name ends with `ext`, sorted; none when the folder does not exist. */
export function listFiles(folder: string, ext: string): string[] {
  let names: string[];
  try {
    if (!statSync(folder).isDirectory()) return [];
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith(ext)).sort();
}
