/**
 * parseJsonFile reads valid JSON with JSON.parse and a scanner of its own;
 * these tests hold it to the momoa walk it replaced (test/json-reference.ts):
 * the same data, the same position of every value and key, the same problems.
 *
 * `npm test` runs a fixed seed; a longer run:
 *   CERTDOCS_FUZZ_RUNS=20000 node --import tsx --test test/json-file.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { lineOf, MAX_DEPTH, parseJsonFile, positionOf, SHALLOW_DEPTH } from '../scripts/load/json-file.ts';
import { referenceParse } from './json-reference.ts';

const RUNS = Number(process.env.CERTDOCS_FUZZ_RUNS ?? 0) || undefined;
const SEED = Number(process.env.CERTDOCS_FUZZ_SEED ?? 20261203);

const encode = (text: string) => new TextEncoder().encode(text);

/** Whitespace between tokens, with every line end JSON allows ("\r" alone too). */
const ws = fc.array(fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\r'), { maxLength: 3 }).map((parts) => parts.join(''));

const hex4 = (unit: number, upper: boolean) => {
  const h = unit.toString(16).padStart(4, '0');
  return `\\u${upper ? h.toUpperCase() : h}`;
};
const surrogate = (lo: number, hi: number) => fc.integer({ min: lo, max: hi });

/** One piece of a string literal's source: a raw character or an escape; with `hazards`, also lone surrogate escapes. */
const stringPiece = (hazards: boolean) =>
  fc.oneof(
    { arbitrary: fc.constantFrom('a', 'Z', ' ', '~', '/', 'é', '中', '😀', '\u2028', '\u007f', '\u00a0'), weight: 10 },
    { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }).filter((s) => !/["\\\u0000-\u001f]/.test(s)), weight: 5 },
    { arbitrary: fc.constantFrom('\\n', '\\r', '\\t', '\\b', '\\f', '\\"', '\\\\', '\\/'), weight: 5 },
    // \u escapes: any unit but a surrogate, surrogate pairs (also split between an escape and a raw character).
    { arbitrary: fc.tuple(fc.integer({ min: 0, max: 0xd7ff }), fc.boolean()).map(([u, upper]) => hex4(u, upper)), weight: 5 },
    { arbitrary: fc.tuple(surrogate(0xd800, 0xdbff), surrogate(0xdc00, 0xdfff), fc.boolean()).map(([hi, lo, upper]) => hex4(hi, upper) + hex4(lo, !upper)), weight: 3 },
    { arbitrary: fc.constantFrom('\\ud83d\\ude00', '\\uD83D\\uDE00\\ud83d\\ude00'), weight: 1 },
    // Lone halves: alone, next to a raw astral character, reversed.
    { arbitrary: hazards ? fc.tuple(surrogate(0xd800, 0xdfff), fc.boolean()).map(([u, upper]) => hex4(u, upper)) : fc.constant(''), weight: 1 },
    { arbitrary: hazards ? fc.constantFrom('\\ud83d😀', '😀\\ude00', '\\ud83d\\ud83d\\ude00', '\\udc00\\ud800') : fc.constant(''), weight: 1 },
  );
const stringLiteral = (hazards: boolean) => fc.array(stringPiece(hazards), { maxLength: 5 }).map((pieces) => `"${pieces.join('')}"`);

/** With `hazards`, keys mostly from a small pool (duplicates are common, also spelled differently); else mostly any string (and unique). */
const keyLiteral = (hazards: boolean) =>
  fc.oneof(
    {
      arbitrary: fc.constantFrom('"a"', '"\\u0061"', '"b"', '"__proto__"', '"\\u005f_proto__"', '"constructor"', '"a/b"', '"~1"', '""', '"0"', '"10"', '"é"', '"\\u00e9"'),
      weight: hazards ? 4 : 1,
    },
    { arbitrary: stringLiteral(hazards), weight: hazards ? 1 : 20 },
  );

const numberLiteral = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.constantFrom('0', '-0', '1E400', '-1e-400', '0.1e-5', '1.50', '-0.0e+0', '12345678901234567890123', '2E+3'),
);

/** A JSON text: mostly an object, as data files are; sometimes any value. */
function documentText(hazards: boolean): fc.Arbitrary<string> {
  const { value, object } = fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
    value: fc.oneof({ depthSize: 'medium' }, numberLiteral, stringLiteral(hazards), fc.constantFrom('true', 'false', 'null'), tie('array'), tie('object')),
    array: fc
      .array(fc.tuple(ws, tie('value'), ws), { maxLength: 5 })
      .chain((items) => (items.length ? fc.constant(`[${items.map((p) => p.join('')).join(',')}]`) : ws.map((w) => `[${w}]`))),
    object: (hazards
      ? fc.array(fc.tuple(ws, keyLiteral(hazards), ws, ws, tie('value'), ws), { maxLength: 6 })
      : fc.uniqueArray(fc.tuple(ws, keyLiteral(hazards), ws, ws, tie('value'), ws), { maxLength: 6, selector: ([, k]) => JSON.parse(k) as string })
    ).chain((members) =>
        members.length ? fc.constant(`{${members.map(([a, k, b, c, v, d]) => `${a}${k}${b}:${c}${v}${d}`).join(',')}}`) : ws.map((w) => `{${w}}`),
      ),
  }));
  return fc.tuple(ws, fc.oneof({ arbitrary: object, weight: 4 }, { arbitrary: value, weight: 1 }), ws).map((p) => p.join(''));
}

/** Half the documents have duplicate keys or lone surrogates (problems), half are clean (positions). */
const anyDocument = fc.boolean().chain(documentText);

function assertSameAsReference(text: string, bom: boolean): void {
  const actual = parseJsonFile('x.json', encode((bom ? '\ufeff' : '') + text));
  const expected = referenceParse('x.json', text);
  if (!expected.ok) {
    assert.ok(!actual.ok, 'the reference reports problems');
    assert.deepStrictEqual(actual.problems, expected.problems);
    return;
  }
  assert.ok(actual.ok, `the reference reports no problems, parseJsonFile: ${JSON.stringify(!actual.ok && actual.problems)}`);
  assert.deepStrictEqual(actual.json.data, expected.data);
  assert.deepStrictEqual([...actual.json.values], [...expected.values]);
  assert.deepStrictEqual([...actual.json.keys], [...expected.keys]);
}

test('property: valid JSON gives the same data, positions and problems as the momoa walk', () => {
  fc.assert(
    fc.property(anyDocument, fc.boolean(), (text, bom) => assertSameAsReference(text, bom)),
    { seed: SEED, numRuns: RUNS ?? 400, endOnFailure: true },
  );
});

test('the generator makes the cases that matter: duplicates, lone surrogates, "__proto__", CRLF', () => {
  const samples = fc.sample(anyDocument, { seed: SEED, numRuns: 400 });
  const results = samples.map((t) => referenceParse('x.json', t));
  const codes = results.flatMap((r) => (r.ok ? [] : r.problems.map((p) => p.code)));
  assert.ok(codes.includes('duplicate'));
  assert.ok(codes.includes('json-syntax'));
  assert.ok(results.filter((r) => r.ok).length > 100, 'mostly valid documents');
  assert.ok(samples.some((t) => t.includes('"__proto__"')));
  assert.ok(samples.some((t) => t.includes('\r\n')));
});

test('examples: positions, duplicates and lone surrogates as the momoa walk reports them', () => {
  for (const text of [
    '{\r\n  "a": [1, {"b": "x\\ud800"}],\r  "a": {"c": "\\udc00"},\n  "\\ud800k": 2}',
    '{"\\u0061": 1, "a": 2}',
    '{"__proto__": {"polluted": true}, "b": [[], {}, "😀\\ud83d\\ude00", -0, 1E400]}',
    '\t[ "\\ud83d😀" ]\r\n',
    '{"a": 1, "a": {"x": "\\udc00", "a": 1, "a": 2}}',
  ]) assertSameAsReference(text, false);
});

test('"__proto__" from JSON.parse is an own data property, as the walk defined it', () => {
  const r = parseJsonFile('x.json', encode('{"__proto__": {"polluted": true}, "x": {"__proto__": null}}'));
  assert.ok(r.ok);
  const data = r.json.data as Record<string, unknown>;
  assert.deepEqual(Object.getOwnPropertyNames(data), ['__proto__', 'x']);
  assert.equal(Object.getPrototypeOf(data), Object.prototype);
  assert.deepEqual(Object.getOwnPropertyDescriptor(data, '__proto__'), { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
  const ref = referenceParse('x.json', '{"__proto__": {"polluted": true}, "x": {"__proto__": null}}');
  assert.ok(ref.ok);
  assert.deepStrictEqual(r.json.data, ref.data);
});

test('property: lineOf gives the line positionOf gives, shallow pointers first (without every position), then deeper ones and missing ones', () => {
  const depth = (p: string) => p.split('/').length - 1;
  fc.assert(
    fc.property(documentText(false), fc.boolean(), (text, crlf) => {
      const bytes = encode(crlf ? text.replace(/\n/g, '\r\n') : text);
      const full = parseJsonFile('x.json', bytes);
      const lazy = parseJsonFile('x.json', bytes);
      if (!full.ok || !lazy.ok) return;
      const pointers = [...full.json.values.keys()];
      const shallow = pointers.filter((p) => depth(p) <= SHALLOW_DEPTH);
      const asked = [...shallow, ...shallow.map((p) => `${p}/missing`).filter((p) => depth(p) <= SHALLOW_DEPTH), '/missing/0'];
      for (const p of asked) assert.equal(lineOf(lazy.json, p), positionOf(full.json, p).line, `shallow ${p}`);
      for (const p of pointers) assert.equal(lineOf(lazy.json, p), positionOf(full.json, p).line, p);
    }),
    { seed: SEED, numRuns: RUNS ?? 300, endOnFailure: true },
  );
});

test('a file read from JSON is plain data: structuredClone copies it, as data sets and models are copied', () => {
  const r = parseJsonFile('x.json', encode('{\n  "flags": [\n    {"name": "--a"}\n  ]\n}'));
  assert.ok(r.ok);
  assert.equal(lineOf(r.json, '/flags/0'), 3);
  const copy = structuredClone(r.json);
  assert.deepEqual(copy.data, r.json.data);
  assert.deepEqual(positionOf(copy, '/flags/0/name'), { line: 3, column: 14 });
});

test('positions are built once, on first use', () => {
  const r = parseJsonFile('x.json', encode('{\n  "a": [1,\n    2]\n}'));
  assert.ok(r.ok);
  assert.equal(typeof Object.getOwnPropertyDescriptor(r.json, 'values')?.get, 'function');
  assert.deepEqual(positionOf(r.json, '/a/1'), { line: 3, column: 5 });
  assert.deepEqual(positionOf(r.json, '/a', true), { line: 2, column: 3 });
  assert.equal(r.json.values, r.json.values);
  assert.equal(r.json.keys, r.json.keys);
});

test('nesting too deep inside the value of a duplicate key is still too deep (the whole text counts)', () => {
  const deep = `${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}`;
  const r = parseJsonFile('x.json', encode(`{"a": 1, "a": ${deep}}`));
  assert.ok(!r.ok);
  assert.deepEqual(
    r.problems.map((p) => [p.code, p.line, p.column]),
    [['json-syntax', 1, 15 + MAX_DEPTH - 1]],
  );
});

test('property: invalid UTF-8 is reported exactly when node:buffer isUtf8 says so (the native decoder decides, the byte search locates)', () => {
  const byte = fc.oneof(fc.integer({ min: 0x20, max: 0xff }), fc.constantFrom(0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0x9f, 0xa0, 0x8f, 0x90));
  fc.assert(
    fc.property(fc.array(byte, { maxLength: 10 }), (body) => {
      const bytes = Uint8Array.from([0x22, ...body.filter((b) => b !== 0x22 && b !== 0x5c), 0x22]);
      const r = parseJsonFile('x.json', bytes);
      const reported = !r.ok && r.problems.some((p) => p.message.startsWith('invalid UTF-8'));
      assert.equal(reported, !isUtf8(bytes));
    }),
    { seed: SEED, numRuns: RUNS ?? 2000, endOnFailure: true },
  );
});
