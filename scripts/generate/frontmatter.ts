/**
 * The enhancement's YAML front matter, as an mdast `yaml` node.
 * Serialized with the `yaml` package so upstream's front matter round-trips:
 * keys in order, empty values written as nothing (`see-also:`), strings quoted
 * only when YAML needs it (`"@deads2k"`), no line folding.
 */
import type { Yaml } from 'mdast';
import YAML from 'yaml';

export function frontMatterNode(frontMatter: Record<string, unknown>): Yaml | undefined {
  if (!Object.keys(frontMatter).length) return undefined;
  const value = YAML.stringify(frontMatter, { nullStr: '', lineWidth: 0 }).replace(/\n+$/, '');
  return { type: 'yaml', value };
}
