/**
 * Read one JSON file and remember where every value sits, so problems can be
 * reported at the file's real line and column.
 */
import * as momoa from '@humanwhocodes/momoa';
import type { Problem } from '../lib/problems.ts';

export interface Position {
  line: number;
  column: number;
}

export interface JsonFile {
  /** Path as shown to the user. */
  file: string;
  data: unknown;
  /** JSON pointer → position of the value (and of the key, for object members). */
  values: Map<string, Position>;
  keys: Map<string, Position>;
}

export type JsonResult = { ok: true; json: JsonFile } | { ok: false; problems: Problem[] };

export function escapePointer(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Position for a pointer: the value's position, else the nearest ancestor's. */
export function positionOf(json: JsonFile, pointer: string, preferKey = false): Position {
  let p = pointer;
  for (;;) {
    const hit = (preferKey ? json.keys.get(p) : undefined) ?? json.values.get(p);
    if (hit) return hit;
    if (p === '') return { line: 1, column: 1 };
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/** Decode bytes as strict UTF-8; on failure report the line and column of the first bad byte. */
function decodeUtf8(file: string, bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: Problem } {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // Find the first offending byte by decoding ever longer valid prefixes.
    let bad = 0;
    let i = 0;
    while (i < bytes.length) {
      const b = bytes[i]!;
      const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
      if (len === 0 || i + len > bytes.length) {
        bad = i;
        break;
      }
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + len));
      } catch {
        bad = i;
        break;
      }
      i += len;
    }
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    const lines = prefix.split('\n');
    return {
      ok: false,
      problem: {
        code: 'json-syntax',
        file,
        line: lines.length,
        column: lines[lines.length - 1]!.length + 1,
        pointer: '',
        message: `invalid UTF-8 byte 0x${bytes[bad]?.toString(16).padStart(2, '0')}; save the file as UTF-8`,
      },
    };
  }
}

export function parseJsonFile(file: string, bytes: Uint8Array): JsonResult {
  const decoded = decodeUtf8(file, bytes);
  if (!decoded.ok) return { ok: false, problems: [decoded.problem] };
  let text = decoded.text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let ast: momoa.DocumentNode;
  try {
    ast = momoa.parse(text, { mode: 'json' });
  } catch (err) {
    const e = err as { message?: string; line?: number; column?: number };
    const message = String(e.message ?? err).replace(/\s*\(\d+:\d+\)\s*$/, '');
    return {
      ok: false,
      problems: [
        {
          code: 'json-syntax',
          file,
          line: e.line ?? 1,
          column: e.column ?? 1,
          pointer: '',
          message: `${message}; fix the JSON syntax (a missing comma, quote or bracket is the usual cause)`,
        },
      ],
    };
  }
  const values = new Map<string, Position>();
  const keys = new Map<string, Position>();
  const problems: Problem[] = [];
  const pos = (n: { loc: { start: { line: number; column: number } } }): Position => ({
    line: n.loc.start.line,
    column: n.loc.start.column,
  });
  const walk = (node: momoa.ValueNode, pointer: string): unknown => {
    values.set(pointer, pos(node));
    switch (node.type) {
      case 'Object': {
        const out: Record<string, unknown> = {};
        for (const member of node.members) {
          const key = (member.name as momoa.StringNode).value;
          const child = `${pointer}/${escapePointer(key)}`;
          if (Object.prototype.hasOwnProperty.call(out, key)) {
            problems.push({
              code: 'duplicate',
              file,
              ...pos(member.name),
              pointer: child,
              message: `key "${key}" appears twice in the same object; keep one`,
            });
          }
          keys.set(child, pos(member.name));
          Object.defineProperty(out, key, { value: walk(member.value, child), enumerable: true, writable: true, configurable: true });
        }
        return out;
      }
      case 'Array':
        return node.elements.map((el, i) => walk(el.value, `${pointer}/${i}`));
      case 'String':
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
  return { ok: true, json: { file, data, values, keys } };
}
