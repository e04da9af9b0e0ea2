/**
 * Reference implementation, for tests only: how parseJsonFile read valid JSON
 * before it had a scanner of its own: momoa builds the whole AST, a walk
 * collects the data, the position of every value and key, duplicate keys and
 * lone surrogate escapes. test/json-file.test.ts checks that the scanner
 * gives the same data, positions and problems. Only for text that JSON.parse
 * accepts and that nests at most MAX_DEPTH levels (those are checked before).
 */
import * as momoa from '@humanwhocodes/momoa';
import type { Problem } from '../scripts/lib/problems.ts';
import { clip, escapePointer, type Position } from '../scripts/load/json-file.ts';

export type ReferenceResult =
  | { ok: true; data: unknown; values: Map<string, Position>; keys: Map<string, Position> }
  | { ok: false; problems: Problem[] };

/** A UTF-16 surrogate without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function referenceParse(file: string, text: string): ReferenceResult {
  const ast = momoa.parse(text, { mode: 'json' });
  const values = new Map<string, Position>();
  const keys = new Map<string, Position>();
  const problems: Problem[] = [];
  const pos = (n: { loc: { start: { line: number; column: number } } }): Position => ({
    line: n.loc.start.line,
    column: n.loc.start.column,
  });
  const loneSurrogate = (node: { loc: { start: { line: number; column: number } } }, pointer: string) =>
    problems.push({
      code: 'json-syntax',
      file,
      ...pos(node),
      pointer,
      message: 'the string holds a lone surrogate escape (\\ud800–\\udfff without its pair), which is not a character; write the whole character or remove the escape',
    });
  const walk = (node: momoa.ValueNode, pointer: string): unknown => {
    values.set(pointer, pos(node));
    switch (node.type) {
      case 'Object': {
        const out: Record<string, unknown> = {};
        const firstAt = new Map<string, Position>();
        for (const member of node.members) {
          const key = (member.name as momoa.StringNode).value;
          if (LONE_SURROGATE.test(key)) loneSurrogate(member.name, `${pointer}/${escapePointer(key)}`);
          const child = `${pointer}/${escapePointer(key)}`;
          const first = firstAt.get(key);
          if (first) {
            problems.push({
              code: 'duplicate',
              file,
              ...pos(member.name),
              pointer: child,
              message: `key ${JSON.stringify(clip(key))} appears twice in the same object (first at line ${first.line}); keep one`,
            });
            continue;
          }
          firstAt.set(key, pos(member.name));
          keys.set(child, pos(member.name));
          Object.defineProperty(out, key, { value: walk(member.value, child), enumerable: true, writable: true, configurable: true });
        }
        return out;
      }
      case 'Array':
        return node.elements.map((el, i) => walk(el.value, `${pointer}/${i}`));
      case 'String':
        if (LONE_SURROGATE.test(node.value)) loneSurrogate(node, pointer);
        return node.value;
      case 'Number':
      case 'Boolean':
        return node.value;
      case 'Null':
        return null;
      default:
        return undefined;
    }
  };
  const data = walk(ast.body as momoa.ValueNode, '');
  if (problems.length) return { ok: false, problems };
  return { ok: true, data, values, keys };
}
