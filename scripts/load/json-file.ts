/**
 * Read one JSON file and remember where every value sits, so problems can be
 * reported at the file's real line and column.
 *
 * Valid text (the common case) is parsed by JSON.parse; one hand-written pass
 * over it finds what JSON.parse lets through (duplicate keys, lone surrogate
 * escapes, absurd nesting). The positions of values and keys are found by the
 * same pass, run again only when someone asks for a position. Invalid text is
 * located by V8's message and, where that has no position, by momoa's.
 *
 * Lines and columns are 1-based; columns count UTF-16 code units (what
 * editors show), a byte-order mark is not counted, "\r\n" ends a line.
 */
import { createRequire } from 'node:module';
import type * as Momoa from '@humanwhocodes/momoa';
import type { Problem } from '../lib/problems.ts';

/** momoa is needed only to locate an error in invalid JSON: loaded then (CommonJS), not by every command that reads data. */
const loadMomoa = (): typeof Momoa => createRequire(import.meta.url)('@humanwhocodes/momoa') as typeof Momoa;

export interface Position {
  line: number;
  column: number;
}

export interface JsonFile {
  /** Path as shown to the user. */
  file: string;
  data: unknown;
  /** JSON pointer → position of the value (and of the key, for object members); may be built on first use. */
  readonly values: Map<string, Position>;
  readonly keys: Map<string, Position>;
}

export type JsonResult = { ok: true; json: JsonFile } | { ok: false; problems: Problem[] };

/** Data files never need more than a handful of levels; deeper input is junk and would only exhaust the stack. */
export const MAX_DEPTH = 64;

/** A UTF-16 surrogate without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function escapePointer(segment: string | number): string {
  const s = String(segment);
  // Most keys need no escaping: the test is cheaper than the replacements (a pointer is built for every value read).
  return s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s;
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

/** How deep lineOf finds a value without building every position: a list item of a data file ("/flags/3"). */
export const SHALLOW_DEPTH = 2;

/**
 * The line of the value at `pointer` (or of its nearest ancestor), as positionOf gives it. A value at
 * most SHALLOW_DEPTH levels deep (a flag, a resource) is found by a scan that records only those
 * levels, so a page that shows where each item is written does not build the position of every value.
 */
export function lineOf(json: JsonFile, pointer: string): number {
  return shallowLines.get(json)?.(pointer) ?? positionOf(json, pointer).line;
}

/**
 * The shallow line finder of each file read with lazy positions. Kept beside the file, not on it: a
 * JsonFile stays plain data that structuredClone copies (data sets and models are cloned that way).
 */
const shallowLines = new WeakMap<JsonFile, (pointer: string) => number | undefined>();

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

/** Rejects exactly what firstInvalidUtf8 finds (the WHATWG decoder follows Unicode's table of well-formed sequences), natively. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(file: string, bytes: Uint8Array): { ok: true; text: string } | { ok: false; result: JsonResult } {
  try {
    // TextDecoder drops a leading byte-order mark, which JSON parsers may ignore.
    return { ok: true, text: STRICT_UTF8.decode(bytes) };
  } catch {
    // Not UTF-8: only now the byte-by-byte search, to say where (the first byte, should the two ever disagree).
  }
  const bad = Math.max(firstInvalidUtf8(bytes), 0);
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
 * better than momoa does (e.g. an unclosed object). Valid text gives the data.
 */
function parseNative(text: string): { ok: true; data: unknown } | { ok: false; message: string; offset?: number } {
  try {
    return { ok: true, data: JSON.parse(text) };
  } catch (err) {
    const raw = String((err as Error).message ?? err);
    if (/^Unexpected end of JSON input/.test(raw)) return { ok: false, message: 'unexpected end of file; a closing bracket, brace or quote is missing', offset: text.trimEnd().length };
    const after = /^Unexpected non-whitespace character after JSON at position (\d+)/.exec(raw);
    if (after) return { ok: false, message: 'unexpected text after the end of the JSON value; a data file holds exactly one object', offset: Number(after[1]) };
    const at = / in JSON at position (\d+)(?: \(line \d+ column \d+\))?$/.exec(raw);
    if (at) {
      const message = raw.slice(0, at.index).replace(/^./, (c) => c.toLowerCase());
      return { ok: false, message, offset: Number(at[1]) };
    }
    // "Unexpected token '}', "…snippet…" is not valid JSON": the snippet only repeats the file.
    return { ok: false, message: raw.replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '').replace(/^./, (c) => c.toLowerCase()) };
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

/** A syntax error: the native message located (momoa locates what V8 does not), with the usual culprits named. */
function invalidJson(file: string, text: string, native: { message: string; offset?: number }): JsonResult {
  const located = (offset: number, message: string) => {
    const e = explain(text, offset, message);
    return syntax(file, positionAt(text, e.offset), e.message);
  };
  if (native.offset !== undefined) return located(native.offset, native.message);
  // Too deep and broken: momoa can still locate an error in the part before the deep point.
  const deep = tooDeepAt(text);
  const momoaError = momoaErrorOf(deep === -1 ? text : text.slice(0, deep));
  if (momoaError && (deep === -1 || offsetAt(text, momoaError) < deep)) {
    return located(offsetAt(text, momoaError), momoaError.message.replace(/^./, (c) => c.toLowerCase()));
  }
  const pos = deep !== -1 ? positionAt(text, deep) : { line: 1, column: 1 };
  return syntax(file, pos, `${native.message}; ${HINT}`);
}

/** momoa's error for text it cannot parse, its token names spelled as characters; undefined when it parses. */
function momoaErrorOf(text: string): { message: string; line: number; column: number } | undefined {
  try {
    loadMomoa().parse(text, { mode: 'json' });
    return undefined;
  } catch (err) {
    const e = err as { message?: string; line?: number; column?: number };
    return {
      message: String(e.message ?? err)
        .replace(/\s*\(\d+:\d+\)\s*$/, '')
        .replace(/\b(LBrace|RBrace|LBracket|RBracket|Comma|Colon)\b/, (t) => `"${TOKENS[t]}"`)
        .replace(/\.$/, ''),
      line: e.line ?? 1,
      column: e.column ?? 1,
    };
  }
}

export function parseJsonFile(file: string, bytes: Uint8Array): JsonResult {
  const decoded = decodeUtf8(file, bytes);
  if (!decoded.ok) return decoded.result;
  let text = decoded.text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return syntax(file, { line: 1, column: 1 }, 'the file is empty; write a JSON object or delete the file');

  const native = parseNative(text);
  if (!native.ok) return invalidJson(file, text, native);
  const scan = scanValid(file, text, false);
  if (scan.tooDeepAt !== -1) {
    return syntax(file, positionAt(text, scan.tooDeepAt), `arrays and objects are nested more than ${MAX_DEPTH} levels deep here; data files need only a few levels, remove the nested values`);
  }
  if (scan.problems.length) return { ok: false, problems: scan.problems };
  return { ok: true, json: withLazyPositions(file, native.data, text) };
}

/**
 * A JsonFile whose position maps are built on first use: most files of a
 * valid data set are never asked for a position, and the maps (an entry per
 * value) cost more than the data. Until then the file keeps its text.
 */
function withLazyPositions(file: string, data: unknown, text: string): JsonFile {
  let source: string | undefined = text;
  let positions: Positions | undefined;
  let shallow: Map<string, Position> | undefined;
  const built = (): Positions => {
    if (!positions) {
      positions = scanValid(file, source!, true).positions!;
      source = undefined;
      shallow = undefined;
    }
    return positions;
  };
  const json: JsonFile = {
    file,
    data,
    get values() {
      return built().values;
    },
    get keys() {
      return built().keys;
    },
  };
  shallowLines.set(json, (pointer) => {
    if (positions || source === undefined || depthOf(pointer) > SHALLOW_DEPTH) return undefined;
    shallow ??= scanValid(file, source, true, SHALLOW_DEPTH).positions!.values;
    for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const hit = shallow.get(p);
      if (hit) return hit.line;
      if (p === '') return 1;
    }
  });
  return json;
}

/** How many levels deep a JSON pointer points ("" 0, "/flags" 1, "/flags/3" 2). */
function depthOf(pointer: string): number {
  let n = 0;
  for (let i = pointer.indexOf('/'); i !== -1; i = pointer.indexOf('/', i + 1)) n++;
  return n;
}

interface Positions {
  values: Map<string, Position>;
  keys: Map<string, Position>;
}

const LONE_SURROGATE_MESSAGE =
  'the string holds a lone surrogate escape (\\ud800–\\udfff without its pair), which is not a character; write the whole character or remove the escape';

/** Thrown by the scanner at an array or object nested deeper than MAX_DEPTH (only junk gets there). */
class TooDeep {
  constructor(readonly offset: number) {}
}

/**
 * Scan text that JSON.parse accepted, in one pass: duplicate keys and lone
 * surrogate escapes (valid JSON that JSON.parse silently accepts), nesting
 * deeper than MAX_DEPTH and, with `record`, the position of every value and
 * key. The text is known to be valid, so the scanner only tells tokens apart
 * and never checks their syntax. Positions are what momoa gives: 1-based line,
 * column in UTF-16 code units, "\r\n", "\n" and a lone "\r" end a line (raw
 * line breaks occur only between tokens in valid JSON); a value is at its
 * first character, a key at its opening quote.
 */
function scanValid(file: string, text: string, record: boolean, recordDepth = Number.POSITIVE_INFINITY): { problems: Problem[]; tooDeepAt: number; positions?: Positions } {
  const scanner = new Scanner(file, text, record ? { values: new Map(), keys: new Map() } : undefined, recordDepth);
  try {
    scanner.document();
  } catch (err) {
    if (err instanceof TooDeep) return { problems: [], tooDeepAt: err.offset };
    throw err;
  }
  return { problems: scanner.problems, tooDeepAt: -1, positions: scanner.positions };
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;

class Scanner {
  readonly problems: Problem[] = [];
  private i = 0;
  private line = 1;
  private lineStart = 0;
  /** Inside the value of a duplicate key: not part of the data (the file is rejected for the duplicate), so nothing in it is recorded or reported. */
  private muted = 0;
  /** Set by skipString: the string has escapes / has a \ud800–\udfff escape. */
  private escaped = false;
  private surrogateEscape = false;
  /** Offset of the next backslash at or after the scan, for skipString. */
  private nextBackslash = -1;

  constructor(
    private readonly file: string,
    private readonly text: string,
    readonly positions: Positions | undefined,
    /** Record positions this many levels deep only; deeper pointers are not even built (their problems are reported by a full scan). */
    private readonly recordDepth = Number.POSITIVE_INFINITY,
  ) {}

  document(): void {
    this.space();
    this.value('', 0);
  }

  /** Line and column of an offset on the current line. */
  private at(offset: number): Position {
    return { line: this.line, column: offset - this.lineStart + 1 };
  }

  private space(): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09) this.i++;
      else if (c === 0x0a || c === 0x0d) {
        this.i += c === 0x0d && text.charCodeAt(this.i + 1) === 0x0a ? 2 : 1;
        this.line++;
        this.lineStart = this.i;
      } else return;
    }
  }

  private value(pointer: string, depth: number): void {
    const c = this.text.charCodeAt(this.i);
    if (this.positions && !this.muted && depth <= this.recordDepth) this.positions.values.set(pointer, this.at(this.i));
    if (c === LBRACE) this.object(pointer, depth + 1);
    else if (c === LBRACKET) this.array(pointer, depth + 1);
    else if (c === QUOTE) {
      const start = this.i;
      this.skipString();
      // "\ud800" is valid JSON but no character: it cannot be written as UTF-8, so outputs would never match.
      if (this.surrogateEscape && !this.muted && LONE_SURROGATE.test(JSON.parse(this.text.slice(start, this.i)) as string)) {
        this.loneSurrogate(start, pointer);
      }
    } else this.skipScalar();
  }

  private object(pointer: string, depth: number): void {
    if (depth > MAX_DEPTH) throw new TooDeep(this.i);
    this.i++;
    this.space();
    if (this.text.charCodeAt(this.i) === RBRACE) {
      this.i++;
      return;
    }
    const firstLine = new Map<string, number>();
    for (;;) {
      const keyAt = this.i;
      this.skipString();
      const key = this.escaped ? (JSON.parse(this.text.slice(keyAt, this.i)) as string) : this.text.slice(keyAt + 1, this.i - 1);
      const child = depth <= this.recordDepth ? `${pointer}/${escapePointer(key)}` : pointer;
      if (this.surrogateEscape && !this.muted && LONE_SURROGATE.test(key)) this.loneSurrogate(keyAt, child);
      // The key's line and column, as numbers: a Position object is made only when one is recorded or reported.
      const keyLine = this.line;
      const keyColumn = keyAt - this.lineStart + 1;
      this.space();
      this.i++; // the colon
      this.space();
      const first = firstLine.get(key);
      if (first === undefined) {
        firstLine.set(key, keyLine);
        if (this.positions && !this.muted && depth <= this.recordDepth) this.positions.keys.set(child, { line: keyLine, column: keyColumn });
        this.value(child, depth);
      } else {
        if (!this.muted) this.duplicate({ line: keyLine, column: keyColumn }, child, key, first);
        this.muted++;
        this.value(child, depth);
        this.muted--;
      }
      this.space();
      if (this.text.charCodeAt(this.i++) !== COMMA) return; // the closing brace
      this.space();
    }
  }

  private array(pointer: string, depth: number): void {
    if (depth > MAX_DEPTH) throw new TooDeep(this.i);
    this.i++;
    this.space();
    if (this.text.charCodeAt(this.i) === RBRACKET) {
      this.i++;
      return;
    }
    for (let index = 0; ; index++) {
      this.value(depth <= this.recordDepth ? `${pointer}/${index}` : pointer, depth);
      this.space();
      if (this.text.charCodeAt(this.i++) !== COMMA) return; // the closing bracket
      this.space();
    }
  }

  /**
   * Past the closing quote of the string at i, noting its escapes. Most
   * strings have none: indexOf (native) finds their end; a backslash is
   * looked for again only once the scan has passed the last one found.
   */
  private skipString(): void {
    const text = this.text;
    this.escaped = false;
    this.surrogateEscape = false;
    let i = this.i + 1;
    for (;;) {
      if (this.nextBackslash < i) {
        const found = text.indexOf('\\', i);
        this.nextBackslash = found === -1 ? Infinity : found;
      }
      const quote = text.indexOf('"', i);
      if (quote < this.nextBackslash) {
        this.i = quote + 1;
        return;
      }
      i = this.nextBackslash;
      this.escaped = true;
      // \uD800–\uDFFF: the only way a lone surrogate gets into a strictly decoded UTF-8 file.
      if (text.charCodeAt(i + 1) === 0x75 && (text.charCodeAt(i + 2) | 0x20) === 0x64 && /[89a-f]/i.test(text[i + 3]!)) this.surrogateEscape = true;
      i += 2;
    }
  }

  /** Past a number, true, false or null. */
  private skipScalar(): void {
    const text = this.text;
    let i = this.i;
    for (;;) {
      const c = text.charCodeAt(i);
      // Ends at a delimiter, whitespace or the end of the text (NaN).
      if (c === COMMA || c === RBRACE || c === RBRACKET || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c !== c) break;
      i++;
    }
    this.i = i;
  }

  private loneSurrogate(offset: number, pointer: string): void {
    this.problems.push({ code: 'json-syntax', file: this.file, ...this.at(offset), pointer, message: LONE_SURROGATE_MESSAGE });
  }

  private duplicate(pos: Position, pointer: string, key: string, firstLine: number): void {
    this.problems.push({
      code: 'duplicate',
      file: this.file,
      ...pos,
      pointer,
      message: `key ${JSON.stringify(clip(key))} appears twice in the same object (first at line ${firstLine}); keep one`,
    });
  }
}
