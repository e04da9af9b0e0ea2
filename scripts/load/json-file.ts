/**
 * Read one JSON file and remember where every value sits, so problems can be
 * reported at the file's real line and column.
 *
 * Lines and columns are 1-based; columns count UTF-16 code units (what
 * editors show), a byte-order mark is not counted, "\r\n" ends a line.
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

/** Data files never need more than a handful of levels; deeper input is junk and would only exhaust the stack. */
export const MAX_DEPTH = 64;

/** A UTF-16 surrogate without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

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

/** Line and column of a UTF-16 offset into `text`. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/** Shorten a user-supplied value for a message. */
export function clip(text: string, max = 60): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}

function syntax(file: string, pos: Position, message: string): JsonResult {
  return { ok: false, problems: [{ code: 'json-syntax', file, line: pos.line, column: pos.column, pointer: '', message }] };
}

/** The first byte that is not valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Lead byte → sequence length and the allowed range of the second byte (no overlongs, no surrogates, ≤ U+10FFFF).
    let len = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += len;
  }
  return -1;
}

function decodeUtf8(file: string, bytes: Uint8Array): { ok: true; text: string } | { ok: false; result: JsonResult } {
  const bad = firstInvalidUtf8(bytes);
  if (bad === -1) {
    // TextDecoder drops a leading byte-order mark, which JSON parsers may ignore.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  }
  const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
  const hex = bytes[bad]!.toString(16).padStart(2, '0');
  return {
    ok: false,
    result: syntax(file, positionAt(prefix, prefix.length), `invalid UTF-8 (byte 0x${hex}); the file must be UTF-8 text: re-save it as UTF-8 or replace the character`),
  };
}

/**
 * V8's JSON.parse is the reference for what is valid JSON (momoa accepts raw
 * control characters in strings); its "at position N" locates most errors
 * better than momoa does (e.g. an unclosed object). Returns undefined when the
 * text is valid JSON.
 */
function nativeSyntaxError(text: string): { message: string; offset?: number } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    const raw = String((err as Error).message ?? err);
    if (/^Unexpected end of JSON input/.test(raw)) return { message: 'unexpected end of file; a closing bracket, brace or quote is missing', offset: text.trimEnd().length };
    const after = /^Unexpected non-whitespace character after JSON at position (\d+)/.exec(raw);
    if (after) return { message: 'unexpected text after the end of the JSON value; a data file holds exactly one object', offset: Number(after[1]) };
    const at = / in JSON at position (\d+)(?: \(line \d+ column \d+\))?$/.exec(raw);
    if (at) {
      const message = raw.slice(0, at.index).replace(/^./, (c) => c.toLowerCase());
      return { message, offset: Number(at[1]) };
    }
    // "Unexpected token '}', "…snippet…" is not valid JSON": the snippet only repeats the file.
    return { message: raw.replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '').replace(/^./, (c) => c.toLowerCase()) };
  }
}

/** The first place where arrays/objects nest deeper than MAX_DEPTH, or -1. */
function tooDeepAt(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}

const TOKENS: Record<string, string> = { LBrace: '{', RBrace: '}', LBracket: '[', RBracket: ']', Comma: ',', Colon: ':' };

const HINT = 'fix the JSON syntax (a missing comma, quote or bracket is the usual cause)';

/** The UTF-16 offset of a 1-based line and column. */
function offsetAt(text: string, pos: Position): number {
  let offset = 0;
  for (let line = 1; line < pos.line; line++) {
    const nl = text.indexOf('\n', offset);
    if (nl === -1) break;
    offset = nl + 1;
  }
  return offset + pos.column - 1;
}

/** Name the usual culprits at a syntax error's position (moving it to the culprit); else the parser's message and the generic hint. */
function explain(text: string, offset: number, message: string): { offset: number; message: string } {
  const c = text[offset] ?? '';
  const say = (m: string, at = offset) => ({ offset: at, message: m });
  if (/^unexpected (end of file|text after)/.test(message)) return say(message);
  if (c === '/' && (text[offset + 1] === '/' || text[offset + 1] === '*')) return say('comments are not allowed in JSON; remove the comment (put notes in a text property)');
  if (c === "'") return say('JSON strings and keys need double quotes ("), not single quotes');
  if (c === '}' || c === ']') {
    const before = text.slice(0, offset).trimEnd();
    if (before.endsWith(',')) return say(`trailing comma before "${c}"; remove the comma`, before.length - 1);
  }
  if (/^bad control character in string/i.test(message)) {
    return say('a string holds a raw line break, tab or other control character; keep the string on one line and write it as \\n or \\t');
  }
  if (/^expected ',' or '[}\]]' after/.test(message) && /["\d\-tfn[{]/.test(c)) {
    const before = text.slice(0, offset).trimEnd();
    return say('missing comma after this value; add "," before the next one', before.length);
  }
  if (/^[A-Za-z_$]$/.test(c) && !/property name/.test(message)) {
    const word = /^[A-Za-z_$][\w$-]*/.exec(text.slice(offset))![0];
    const literal = ['true', 'false', 'null'].find((l) => l !== word && l.startsWith(word.toLowerCase()));
    if (literal) return say(`${JSON.stringify(word)} is not a JSON value; did you mean ${literal}?`);
    return say(
      /^(true|false|null)$/i.test(word) || word === 'None' || word === 'undefined' || word === 'NaN' || word === 'Infinity'
        ? `${JSON.stringify(clip(word))} is not a JSON value; write true, false or null in lower case (or a number)`
        : `unquoted text ${JSON.stringify(clip(word))}; put strings in double quotes`,
    );
  }
  if (/^[A-Za-z_$]$/.test(c) && /property name/.test(message)) return say('property names need double quotes, e.g. "name": …');
  return say(`${message}; ${HINT}`);
}

export function parseJsonFile(file: string, bytes: Uint8Array): JsonResult {
  const decoded = decodeUtf8(file, bytes);
  if (!decoded.ok) return decoded.result;
  let text = decoded.text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return syntax(file, { line: 1, column: 1 }, 'the file is empty; write a JSON object or delete the file');

  const native = nativeSyntaxError(text);
  let ast: momoa.DocumentNode | undefined;
  let momoaError: { message: string; line: number; column: number } | undefined;
  const deep = tooDeepAt(text);
  if (!native && deep !== -1) {
    return syntax(file, positionAt(text, deep), `arrays and objects are nested more than ${MAX_DEPTH} levels deep here; data files need only a few levels, remove the nested values`);
  }
  // Too deep and broken: momoa can still locate an error in the part before the deep point.
  const parseable = deep === -1 ? text : text.slice(0, deep);
  {
    try {
      const parsed = momoa.parse(parseable, { mode: 'json' });
      if (deep === -1) ast = parsed;
    } catch (err) {
      const e = err as { message?: string; line?: number; column?: number };
      momoaError = {
        message: String(e.message ?? err)
          .replace(/\s*\(\d+:\d+\)\s*$/, '')
          .replace(/\b(LBrace|RBrace|LBracket|RBracket|Comma|Colon)\b/, (t) => `"${TOKENS[t]}"`)
          .replace(/\.$/, ''),
        line: e.line ?? 1,
        column: e.column ?? 1,
      };
    }
  }
  if (native || !ast) {
    // Prefer a located native message; else momoa's located one; else whatever we have.
    const located = (offset: number, message: string) => {
      const e = explain(text, offset, message);
      return syntax(file, positionAt(text, e.offset), e.message);
    };
    if (native?.offset !== undefined) return located(native.offset, native.message);
    if (momoaError && (deep === -1 || offsetAt(text, momoaError) < deep)) {
      return located(offsetAt(text, momoaError), momoaError.message.replace(/^./, (c) => c.toLowerCase()));
    }
    const pos = deep !== -1 ? positionAt(text, deep) : { line: 1, column: 1 };
    return syntax(file, pos, `${native?.message ?? 'not valid JSON'}; ${HINT}`);
  }

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
        // "\ud800" is valid JSON but no character: it cannot be written as UTF-8, so outputs would never match.
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
  return { ok: true, json: { file, data, values, keys } };
}
