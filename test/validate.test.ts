/**
 * The bad-input corpus: every folder under test/fixtures/bad/<case>/ is a tiny
 * data folder plus expected.json, the exact list of problems it must report
 * ({code, file, line, column}, file relative to the case folder).
 * UPDATE_GOLDEN=1 rewrites expected.json from what the validator reports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { ValidateFunction } from 'ajv';
import { validateDataDir, validateEntries } from '../scripts/validate/index.ts';
import { parseJsonFile, MAX_DEPTH } from '../scripts/load/json-file.ts';
import { readDataDir, roleOf, type DataEntry } from '../scripts/load/index.ts';
import { listFiles } from '../scripts/lib/files.ts';
import { compileValidators, loadCompiledValidators, validatorCacheFile, validators } from '../scripts/validate/schema.ts';
import type { Problem } from '../scripts/lib/problems.ts';
import { parseMarkdown } from '../scripts/lib/markdown.ts';
import { headingLine } from '../scripts/validate/rules.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BAD = path.join(HERE, 'fixtures/bad');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

interface Expected {
  code: string;
  file: string;
  line: number;
  column: number;
}

const CASES = readdirSync(BAD)
  .filter((n) => statSync(path.join(BAD, n)).isDirectory())
  .sort();

/** The problem's file relative to its case folder, with forward slashes. */
function relToCase(caseDir: string, file: string): string {
  return path.relative(caseDir, path.resolve(file)).split(path.sep).join('/');
}

function actual(caseDir: string): { rows: Expected[]; problems: Problem[] } {
  const { problems } = validateDataDir(caseDir);
  const rows = problems.map((p) => ({ code: p.code, file: relToCase(caseDir, p.file), line: p.line, column: p.column }));
  return { rows, problems };
}

const byPlace = (a: Expected, b: Expected) =>
  a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

test('the corpus has at least 30 cases, each with expected.json', () => {
  assert.ok(CASES.length >= 30, `only ${CASES.length} cases`);
  for (const c of CASES) assert.ok(existsSync(path.join(BAD, c, 'expected.json')), `${c} has no expected.json`);
});

for (const name of CASES) {
  test(`bad case ${name}: reports exactly the expected problems`, () => {
    const dir = path.join(BAD, name);
    const { rows, problems } = actual(dir);
    const expectedPath = path.join(dir, 'expected.json');
    if (UPDATE) writeFileSync(expectedPath, `${JSON.stringify([...rows].sort(byPlace), null, 2)}\n`);
    const expected = (JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected[]).sort(byPlace);
    const explain = problems.map((p) => `  ${p.file}:${p.line}:${p.column}: ${p.code}: ${p.message}`).join('\n');
    assert.deepEqual([...rows].sort(byPlace), expected, `problems reported for ${name}:\n${explain}`);
    for (const p of problems) {
      assert.ok(p.line >= 1 && p.column >= 1, `${p.file}:${p.line}:${p.column} is not 1-based`);
      assert.ok(p.message.length > 0 && p.message.length < 700, `message length ${p.message.length}: ${p.message.slice(0, 200)}`);
      assert.doesNotMatch(p.message, /undefined|\[object Object\]|NaN/, p.message);
      assert.equal(typeof p.pointer, 'string');
    }
  });
}

test('every documented code is exercised by the corpus', () => {
  const seen = new Set<string>();
  for (const c of CASES) for (const e of JSON.parse(readFileSync(path.join(BAD, c, 'expected.json'), 'utf8')) as Expected[]) seen.add(e.code);
  for (const code of [
    'json-syntax',
    'missing-file',
    'schema',
    'invalid-name',
    'file-name-mismatch',
    'duplicate',
    'malformed-ref',
    'unknown-ref',
    'one-sided-edge',
    'kind-mismatch',
    'edge-condition-mismatch',
  ]) {
    assert.ok(seen.has(code), `no case reports ${code}`);
  }
});

test('a small valid folder gives zero problems and a model', () => {
  const result = validateDataDir(path.join(BAD, 'clean'));
  assert.deepEqual(result.problems, []);
  assert.ok(result.model);
  assert.equal(result.model.components.length, 2);
  assert.equal(result.model.edges.length, 2);
  assert.ok(result.model.edges.every((e) => e.verifierSide && e.verifiedSide));
});

/** The message of the only problem a case reports with `code`. */
function messageOf(name: string, code: string): string {
  const found = validateDataDir(path.join(BAD, name)).problems.filter((p) => p.code === code);
  assert.equal(found.length, 1, `${name}: ${found.length} ${code} problems`);
  return found[0]!.message;
}

test('edge messages name both ends in full', () => {
  const v = messageOf('one-sided-verifies', 'one-sided-edge');
  assert.match(v, /`kube-apiserver --kubelet-certificate-authority`/);
  assert.match(v, /`kubelet --tls-cert-file`/);
  assert.match(v, /verifiedBy/);
  const vb = messageOf('one-sided-verified-by', 'one-sided-edge');
  assert.match(vb, /`kube-apiserver --kubelet-client-certificate`/);
  assert.match(vb, /`kubelet --client-ca-file`/);
  assert.match(vb, /under verifies/);
  const k = messageOf('kind-client-cert-as-verifier', 'kind-mismatch');
  assert.match(k, /`kube-apiserver --kubelet-client-certificate` is a client cert \(client-cert\) and cannot verify `kubelet --tls-cert-file`/);
  const kv = messageOf('kind-ca-bundle-as-verified', 'kind-mismatch');
  assert.match(kv, /`kubelet --client-ca-file` is a CA bundle \(ca-bundle\) and cannot be verified by `kube-apiserver --kubelet-certificate-authority`/);
  const cond = messageOf('edge-condition-mismatch-different', 'edge-condition-mismatch');
  assert.match(cond, /`kubelet --client-ca-file` → `kube-apiserver --kubelet-client-certificate`/);
  assert.match(cond, /"kubelet authentication is on"/);
  assert.match(cond, /"kubelet authentication is enabled"/);
});

test('messages say what to do', () => {
  assert.match(messageOf('unknown-ref-flag', 'one-sided-edge'), /add it there|remove this entry/);
  const unknownFlag = validateDataDir(path.join(BAD, 'unknown-ref-flag')).problems.find((p) => p.message.includes('--tls-cert-fil`'));
  assert.match(unknownFlag!.message, /[Dd]id you mean `kubelet --tls-cert-file`\?/);
  assert.match(messageOf('feeds-unknown-flag', 'unknown-ref'), /[Dd]id you mean `kube-apiserver --kubelet-client-certificate`/);
  const kinds = validateDataDir(path.join(BAD, 'unknown-kind')).problems.map((p) => p.message).join('\n');
  assert.match(kinds, /"ca-bundel" is not one of .*did you mean "ca-bundle"\?/);
  const props = validateDataDir(path.join(BAD, 'unknown-properties')).problems.map((p) => p.message).join('\n');
  assert.match(props, /unknown property "purpse"; did you mean "purpose"\?/);
  assert.match(props, /missing required property "purpose"; add it/);
  const malformed = validateDataDir(path.join(BAD, 'malformed-ref-flag')).problems.map((p) => p.message).join('\n');
  assert.match(malformed, /did you mean `kube-apiserver --kubelet-client-certificate`\?/);
  assert.match(messageOf('duplicate-flag', 'duplicate'), /first at test\/fixtures\/bad\/duplicate-flag\/components\/kubelet\.json:6|first at .*kubelet\.json:\d+/);
  assert.match(messageOf('duplicate-json-key', 'duplicate'), /key "kind" appears twice .*first at line \d+/);
  assert.match(messageOf('json-unclosed', 'json-syntax'), /unexpected end of file/);
  assert.match(messageOf('invalid-utf8', 'json-syntax'), /invalid UTF-8 \(byte 0xe9\).*re-save it as UTF-8/);
  assert.match(messageOf('empty-file', 'json-syntax'), /the file is empty/);
  assert.match(messageOf('no-components', 'missing-file'), /no component files/);
  assert.match(messageOf('deeply-nested', 'json-syntax'), new RegExp(`more than ${MAX_DEPTH} levels`));
  const notObject = validateDataDir(path.join(BAD, 'not-an-object')).problems.map((p) => p.message).join('\n');
  assert.match(notObject, /must hold one JSON object \(\{ … \}\), not an array/);
  assert.match(notObject, /not a string/);
  assert.match(messageOf('kind-configmap-feeds-private-key', 'kind-mismatch'), /private keys are kept in Secrets/);
});

test('very long values are clipped in messages', () => {
  const { problems } = validateDataDir(path.join(BAD, 'long-strings'));
  const kind = problems.find((p) => p.pointer === '/flags/2/kind');
  assert.ok(kind, 'the 100000-character kind is reported');
  assert.ok(kind.message.length < 500, `message is ${kind.message.length} characters`);
  assert.match(kind.message, /k…"/);
  assert.ok(problems.some((p) => /is 2001 characters long; the limit is 2000/.test(p.message)));
});

test('the schema check runs before the semantic rules', () => {
  const { problems, model } = validateDataDir(path.join(BAD, 'schema-before-rules'));
  assert.deepEqual(
    problems.map((p) => p.code),
    ['schema'],
  );
  assert.equal(model, undefined);
});

test('results are deterministic', () => {
  for (const name of ['unknown-properties', 'duplicate-list-entries', 'invalid-names']) {
    const a = validateDataDir(path.join(BAD, name)).problems;
    const b = validateDataDir(path.join(BAD, name)).problems;
    assert.deepEqual(a, b);
  }
});

test('the schemas are compiled once per process', () => {
  assert.equal(validators(), validators());
  validateDataDir(path.join(BAD, 'clean'));
  assert.equal(validators(), validators(), 'validating does not compile the schemas again');
});

test('a missing data folder reports missing component files, no exception', () => {
  const { problems } = validateDataDir(path.join(BAD, 'does-not-exist'));
  assert.deepEqual(
    problems.map((p) => p.code),
    ['missing-file'],
  );
});

// Invalid UTF-8 written from the test: every malformed shape is located at its first bad byte.
const utf8Cases: Array<[string, number[], number, number]> = [
  // [what, bytes after `{"a": "`, column of the bad byte]
  ['lone continuation byte', [0x80], 1, 8],
  ['overlong encoding of "/"', [0xc0, 0xaf], 1, 8],
  ['UTF-16 surrogate encoded as UTF-8', [0xed, 0xa0, 0x80], 1, 8],
  ['code point above U+10FFFF', [0xf5, 0x80, 0x80, 0x80], 1, 8],
  ['truncated 3-byte sequence', [0xe2, 0x82, 0x22], 1, 8],
  ['bad byte after "é" and "😀"', [0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80, 0xff], 1, 11],
];
for (const [what, bytes, line, column] of utf8Cases) {
  test(`invalid UTF-8: ${what}`, () => {
    const head = new TextEncoder().encode('{"a": "');
    const r = parseJsonFile('x.json', Uint8Array.from([...head, ...bytes, 0x22, 0x7d]));
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0]!.code, 'json-syntax');
    assert.deepEqual([r.problems[0]!.line, r.problems[0]!.column], [line, column]);
  });
}

test('invalid UTF-8 on a later line after CRLF line ends', () => {
  const r = parseJsonFile('x.json', Uint8Array.from([...new TextEncoder().encode('{\r\n  "a":\r\n   "'), 0xff, 0x22, 0x7d]));
  assert.ok(!r.ok);
  assert.deepEqual([r.problems[0]!.line, r.problems[0]!.column], [3, 5]);
});

test('CRLF files report the same lines and columns as LF files', () => {
  const lf = readFileSync(path.join(BAD, 'unknown-properties/components/kube-apiserver.json'), 'utf8');
  const r1 = parseJsonFile('lf.json', new TextEncoder().encode(lf));
  const r2 = parseJsonFile('crlf.json', new TextEncoder().encode(lf.replace(/\n/g, '\r\n')));
  assert.ok(r1.ok && r2.ok);
  assert.deepEqual([...r1.json.values], [...r2.json.values]);
  assert.deepEqual([...r1.json.keys], [...r2.json.keys]);
});

test('a "__proto__" key is plain data', () => {
  const r = parseJsonFile('x.json', new TextEncoder().encode('{"__proto__": {"polluted": true}}'));
  assert.ok(r.ok);
  assert.equal(Object.getPrototypeOf(r.json.data), Object.prototype);
  assert.deepEqual(Object.keys(r.json.data as object), ['__proto__']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('extremely deep nesting is one json-syntax problem, not a stack overflow', () => {
  for (const depth of [MAX_DEPTH + 1, 100_000]) {
    const text = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const r = parseJsonFile('deep.json', new TextEncoder().encode(text));
    assert.ok(!r.ok);
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.line, p.column]),
      [['json-syntax', 1, MAX_DEPTH + 1]],
    );
  }
  // Unbalanced junk too: syntax error first, never a crash.
  const r = parseJsonFile('deep.json', new TextEncoder().encode('{"a": ' + '['.repeat(50_000)));
  assert.ok(!r.ok);
  assert.equal(r.problems[0]!.code, 'json-syntax');
});

test('a syntax error before absurdly deep nesting is located at the syntax error', () => {
  const r = parseJsonFile('x.json', new TextEncoder().encode(`{"a": tru, "b": ${'['.repeat(100)}${']'.repeat(100)}}`));
  assert.ok(!r.ok);
  assert.deepEqual(
    r.problems.map((p) => [p.code, p.line, p.column, p.message]),
    [['json-syntax', 1, 7, '"tru" is not a JSON value; did you mean true?']],
  );
});

test('MAX_DEPTH levels of nesting are accepted', () => {
  const r = parseJsonFile('ok.json', new TextEncoder().encode(`${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}`));
  assert.ok(r.ok);
});

/** The clean case's files, as entries, for mutation testing. */
function cleanEntries(): DataEntry[] {
  return readDataDir(path.join(BAD, 'clean'));
}

test('random damage to a valid folder never throws and always reports located problems', () => {
  const base = cleanEntries();
  fc.assert(
    fc.property(
      fc.nat({ max: base.length - 1 }),
      fc.array(
        fc.record({
          at: fc.double({ min: 0, max: 1, noNaN: true }),
          op: fc.constantFrom('delete', 'insert', 'truncate', 'byte'),
          ch: fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', 'x', ' ', '\n', '0', '-', '\u00e9'),
          byte: fc.integer({ min: 0, max: 255 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      (which, edits) => {
        const entries = base.map((e) => ({ ...e }));
        let bytes = Array.from(entries[which]!.bytes);
        for (const e of edits) {
          const i = Math.floor(e.at * bytes.length);
          if (e.op === 'delete') bytes.splice(i, 1);
          else if (e.op === 'insert') bytes.splice(i, 0, ...new TextEncoder().encode(e.ch));
          else if (e.op === 'truncate') bytes = bytes.slice(0, i);
          else bytes[i] = e.byte;
        }
        entries[which] = { rel: entries[which]!.rel, bytes: Uint8Array.from(bytes) };
        const { problems } = validateEntries(entries, (rel) => `data/${rel}`);
        const text = new TextDecoder().decode(Uint8Array.from(bytes));
        const lines = text.split('\n').length;
        for (const p of problems) {
          assert.ok(Number.isInteger(p.line) && p.line >= 1 && p.line <= lines + 1, `line ${p.line} of ${lines}`);
          assert.ok(Number.isInteger(p.column) && p.column >= 1, `column ${p.column}`);
          assert.ok(p.message.length > 0);
        }
      },
    ),
    { numRuns: 300, seed: 20240601 },
  );
});

/** Every JSON pointer of a value (objects and arrays included). */
function pointers(value: unknown, at = ''): string[] {
  const out = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pointers(v, `${at}/${i}`)));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pointers(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  return out;
}

function replaceAt(root: unknown, pointer: string, value: unknown): unknown {
  if (pointer === '') return value;
  const segs = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const copy = structuredClone(root) as Record<string, unknown>;
  let cur: Record<string, unknown> = copy;
  for (const s of segs.slice(0, -1)) cur = cur[s] as Record<string, unknown>;
  cur[segs[segs.length - 1]!] = value;
  return copy;
}

test('random well-formed JSON in place of any value never throws and always reports located problems', () => {
  const base = cleanEntries();
  const parsed = base.map((e) => JSON.parse(new TextDecoder().decode(e.bytes)) as unknown);
  const names = ['kubelet --tls-cert-file', 'kube-apiserver --kubelet-client-key', 'cm/kubelet-serving-ca', 'ca-bundle', '--x', '', ' ', 'kubelet', 'nope --nope'];
  const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(...names), fc.array(fc.constantFrom(...names), { maxLength: 3 }), fc.array(fc.record({ ref: fc.constantFrom(...names) }), { maxLength: 2 }));
  fc.assert(
    fc.property(fc.nat({ max: base.length - 1 }), fc.nat(), value, fc.boolean(), (which, pick, replacement, pretty) => {
      const all = pointers(parsed[which]);
      const pointer = all[pick % all.length]!;
      const data = replaceAt(parsed[which], pointer, replacement);
      const text = JSON.stringify(data, null, pretty ? 2 : 0) ?? 'null';
      const entries = base.map((e, i) => (i === which ? { rel: e.rel, bytes: new TextEncoder().encode(text) } : e));
      const { problems } = validateEntries(entries, (rel) => `data/${rel}`);
      const lines = text.split('\n').length;
      for (const p of problems) {
        assert.ok(p.line >= 1 && p.column >= 1, `${p.line}:${p.column}`);
        if (p.file === `data/${base[which]!.rel}`) assert.ok(p.line <= lines, `line ${p.line} of ${lines}`);
        assert.doesNotMatch(p.message, /undefined|\[object Object\]/, p.message);
      }
    }),
    { numRuns: 400, seed: 424242 },
  );
});

test('the compiled validators kept between processes judge every fixture exactly as freshly compiled ones', () => {
  validators(); // writes the kept module when it is not there yet
  const kept = loadCompiledValidators(validatorCacheFile());
  assert.ok(kept, `no kept validators at ${validatorCacheFile()}`);
  const fresh = compileValidators();
  let compared = 0;
  for (const dir of readdirSync(BAD)) {
    for (const rel of listFiles(path.join(BAD, dir), '.json')) {
      const role = roleOf(rel);
      if (!role) continue;
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(path.join(BAD, dir, rel), 'utf8'));
      } catch {
        continue;
      }
      const a: ValidateFunction = kept.get(role)!;
      const b: ValidateFunction = fresh.get(role)!;
      assert.equal(a(data), b(data), `${dir}/${rel}`);
      assert.deepEqual(a.errors ?? null, b.errors ?? null, `${dir}/${rel}`);
      compared++;
    }
  }
  assert.ok(compared > 50, `compared ${compared} files`);
});

test('the heading check skips the parser only for text that cannot hold a top-level heading', () => {
  // headingLine reads the text with the markdown parser only when a line could start or underline a heading;
  // it must find exactly the heading the parser finds, whatever the text.
  const reference = (markdown: string): number | undefined => {
    if (!markdown.trim()) return undefined;
    const heading = parseMarkdown(markdown).children.find((n) => n.type === 'heading');
    return heading ? (heading.position?.start.line ?? 1) : undefined;
  };
  const lines = fc.constantFrom(
    '# Title', '## Sub', '###### six', '####### seven', '#hashtag', '   # indented three', '    # indented four', '\t# tab',
    'Some text', '===', '---', '  ---  ', '- item', '* item', '> # quoted', '```', '~~~', '', ' ', 'a = b', '-- not a rule', '#',
    '  #  ', 'text with # inside', '1. # in a list', '***', '___', '<h1>html</h1>', '\r',
  );
  fc.assert(
    fc.property(fc.array(lines, { maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r'), (picked, eol) => {
      const markdown = picked.join(eol);
      assert.equal(headingLine(markdown), reference(markdown), JSON.stringify(markdown));
    }),
    { numRuns: 2000, seed: 20261203 },
  );
});
