/**
 * The CLI through `main(argv, io)` in this process (fast), plus a few smoke
 * tests of the real executable, `node bin/certdocs.mjs …`, in a child process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, runCliProcess } from './cli-helpers.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BAD = 'test/fixtures/bad';

async function run(...args: string[]) {
  const r = await runCli(args, { cwd: ROOT, env: { CERTDOCS_DEBUG: undefined, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A stack frame line as node prints them. */
const STACK = /^\s{4}at /m;

function assertNoStack(r: { stdout: string; stderr: string }, what: string) {
  assert.doesNotMatch(r.stderr, STACK, `${what}: stack trace in stderr:\n${r.stderr}`);
  assert.doesNotMatch(r.stdout, STACK, `${what}: stack trace in stdout`);
  assert.doesNotMatch(r.stderr, /internal error/, `${what}: ${r.stderr}`);
}

interface Expected {
  code: string;
  file: string;
  line: number;
  column: number;
}

const expectedOf = (name: string) => JSON.parse(readFileSync(path.join(ROOT, BAD, name, 'expected.json'), 'utf8')) as Expected[];
const key = (e: Expected) => `${e.file}:${e.line}:${e.column}:${e.code}`;

test('validate: a clean folder exits 0 and prints nothing on stdout', async () => {
  const r = await run('validate', '--data', `${BAD}/clean`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /no problems/);
  const j = await run('validate', '--data', `${BAD}/clean`, '--format', 'json');
  assert.equal(j.code, 0);
  assert.deepEqual(JSON.parse(j.stdout), []);
});

test('validate: text format is one `file:line:column: code: message` line per problem', async () => {
  for (const name of ['unknown-properties', 'one-sided-verifies', 'invalid-utf8', 'duplicate-list-entries']) {
    const r = await run('validate', '--data', `${BAD}/${name}`);
    assert.equal(r.code, 1, `${name}: ${r.stderr}`);
    const lines = r.stdout.trimEnd().split('\n');
    const parsed = lines.map((l) => {
      const m = /^(.+?):(\d+):(\d+): ([a-z-]+): (.+)$/.exec(l);
      assert.ok(m, `not file:line:column: code: message — ${l}`);
      assert.ok(m[1]!.startsWith(`${BAD}/${name}/`), `file is relative to the working directory: ${m[1]}`);
      return { code: m[4]!, file: m[1]!.slice(`${BAD}/${name}/`.length), line: Number(m[2]), column: Number(m[3]) };
    });
    assert.deepEqual(parsed.map(key).sort(), expectedOf(name).map(key).sort());
    assert.match(r.stderr, new RegExp(`^${lines.length} problems? found\\n$`));
  }
});

test('validate: json format is an array of {code, file, line, column, pointer, message}', async () => {
  const r = await run('validate', '--data', `${BAD}/unknown-ref-flag`, '--format', 'json');
  assert.equal(r.code, 1);
  const rows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
  assert.ok(Array.isArray(rows) && rows.length === expectedOf('unknown-ref-flag').length);
  for (const row of rows) {
    assert.deepEqual(Object.keys(row), ['code', 'file', 'line', 'column', 'pointer', 'message']);
    assert.equal(typeof row.code, 'string');
    assert.equal(typeof row.file, 'string');
    assert.ok(Number.isInteger(row.line) && (row.line as number) >= 1);
    assert.ok(Number.isInteger(row.column) && (row.column as number) >= 1);
    assert.match(row.pointer as string, /^(\/.*)?$/);
    assert.equal(typeof row.message, 'string');
  }
  const oneSided = rows.find((x) => x.code === 'one-sided-edge')!;
  assert.equal(oneSided.pointer, '/flags/1/verifiedBy/0/ref');
  assert.match(oneSided.message as string, /`kubelet --tls-cert-file`.*`kube-apiserver --kubelet-certificate-authority`/);
});

test('validate: usage errors exit 2', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['validate', '--format', 'yaml'], /--format must be one of text, json/],
    [['validate', '--bogus'], /bogus/],
    [['validate', 'data'], /positional|argument/i],
    [['validate', '--data'], /--data/],
    [['validate', '--data', `${BAD}/does-not-exist`], /does not exist; pass --data DIR/],
    [['validate', '--data', `${BAD}/clean/actors.json`], /is not a folder/],
  ];
  for (const [args, message] of cases) {
    const r = await run(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code}, ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, `one line: ${r.stderr}`);
    assertNoStack(r, args.join(' '));
  }
});

test('bad data never produces a stack trace', async () => {
  for (const name of [
    'invalid-utf8',
    'deeply-nested',
    'not-an-object',
    'empty-file',
    'long-strings',
    'json-unclosed',
    'duplicate-json-key',
    'wrong-types',
    'no-components',
    'kind-client-cert-as-verifier',
  ]) {
    // Both formats share everything but the printing; json for a few is enough.
    for (const format of ['invalid-utf8', 'deeply-nested', 'wrong-types'].includes(name) ? ['text', 'json'] : ['text']) {
      const r = await run('validate', '--data', `${BAD}/${name}`, '--format', format);
      assert.equal(r.code, 1, `${name} (${format}): exit ${r.code}\n${r.stderr}`);
      assertNoStack(r, name);
    }
  }
});

test('odd data folders: a directory named *.json and an unreadable file', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'certdocs-cli-'));
  try {
    cpSync(path.join(ROOT, BAD, 'clean'), dir, { recursive: true });
    rmSync(path.join(dir, 'expected.json'));
    mkdirSync(path.join(dir, 'components', 'folder.json'));
    const ok = await run('validate', '--data', dir);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    // 100,000 levels of nesting in a real file.
    writeFileSync(path.join(dir, 'document.json'), `{"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const deep = await run('validate', '--data', dir);
    assert.equal(deep.code, 1);
    assert.match(deep.stdout, /document\.json:1:\d+: json-syntax: arrays and objects are nested more than/);
    assertNoStack(deep, 'deep');
    if (process.getuid?.() !== 0) {
      writeFileSync(path.join(dir, 'actors.json'), '{}', { mode: 0o000 });
      const r = await run('validate', '--data', dir);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /cannot read .*actors\.json \(EACCES\)/);
      assertNoStack(r, 'unreadable');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The commands main.ts registers, as `certdocs --help` lists them. */
function registeredCommands(help: string): string[] {
  const section = help.split(/^Commands:$/m)[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z][a-z-]*) {2,}\S/gm)].map((m) => m[1]!);
}

test('--help: top level and every registered command', async () => {
  const top = await run('--help');
  assert.equal(top.code, 0);
  assert.match(top.stdout, /^Usage: certdocs <command>/);
  const names = registeredCommands(top.stdout);
  for (const expected of ['validate', 'import', 'generate', 'check', 'diff', 'impact', 'coverage']) assert.ok(names.includes(expected), `--help lists ${expected}`);
  assert.deepEqual((await run('-h')).stdout, top.stdout);
  for (const name of names) {
    const r = await run(name, '--help');
    assert.equal(r.code, 0, `${name} --help: exit ${r.code}\n${r.stderr}`);
    assert.ok(r.stdout.trim().length > 0, `${name} --help prints help`);
    assert.match(r.stdout, new RegExp(`certdocs ${name}\\b`), `${name} --help names the command`);
    assertNoStack(r, `${name} --help`);
  }
  const v = await run('validate', '-h');
  assert.equal(v.code, 0);
  assert.match(v.stdout, /^Usage: certdocs validate \[--data DIR\] \[--format text\|json\]/);
  for (const code of ['json-syntax', 'schema', 'unknown-ref', 'one-sided-edge', 'kind-mismatch', 'duplicate']) assert.match(v.stdout, new RegExp(`\\b${code}\\b`));
});

test('unknown command and no command exit 2', async () => {
  const r = await run('frobnicate');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown command "frobnicate"/);
  assertNoStack(r, 'unknown command');
  const none = await run();
  assert.equal(none.code, 2);
  assert.match(none.stdout + none.stderr, /Usage: certdocs/);
});

test('--version prints the package version', async () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  for (const flag of ['--version', '-V']) {
    const r = await run(flag);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `certdocs ${pkg.version}\n`);
  }
});

test('names that are properties of every object are unknown commands, not crashes', async () => {
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    const r = await run(name);
    assert.equal(r.code, 2, `${name}: ${r.stderr}`);
    assert.match(r.stderr, /unknown command/);
    assertNoStack(r, name);
  }
});

// Smoke tests of the real executable: exit codes, streams and start-up as a shell sees them.
const proc = (...args: string[]) => runCliProcess(args, { cwd: ROOT, env: { ...process.env, CERTDOCS_DEBUG: '' }, timeout: 60_000 });

test('the executable: validate prints problems on stdout, the summary on stderr, and exits 1', () => {
  const r = proc('validate', '--data', `${BAD}/unknown-ref-flag`);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^test\/fixtures\/bad\/unknown-ref-flag\/.+:\d+:\d+: [a-z-]+: /m);
  assert.match(r.stderr, /problems? found\n$/);
});

test('the executable: --version, and a usage error exits 2 with one line and no stack', () => {
  const v = proc('--version');
  assert.equal(v.status, 0);
  assert.match(v.stdout, /^certdocs \d+\.\d+\.\d+\n$/);
  const bad = proc('validate', '--format', 'yaml');
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr.trimEnd().split('\n').length, 1);
  assertNoStack(bad, 'usage error');
});
