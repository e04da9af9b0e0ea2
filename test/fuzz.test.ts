/**
 * Fuzzing the CLI's inputs with fast-check: data files, markdown to import and
 * command lines. Whatever the input, certdocs never ends in an internal error
 * (exit 70) and never prints a stack trace.
 *
 * `npm test` runs a fixed seed and a few runs per property; a longer run:
 *   CERTDOCS_FUZZ_RUNS=2000 node --import tsx --test test/fuzz.test.ts
 * (CERTDOCS_FUZZ_SEED=<n> picks another seed.)
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { runCli } from './cli-helpers.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.CERTDOCS_FUZZ_RUNS ?? 0) || undefined;
const SEED = Number(process.env.CERTDOCS_FUZZ_SEED ?? 20261203);
const params = (runs: number) => ({ seed: SEED, numRuns: RUNS ?? runs, endOnFailure: true, includeErrorInReport: true });

const tmp = mkdtempSync(path.join(os.tmpdir(), 'certdocs-fuzz-'));
// The CLI runs in this process (runCli: main(argv, io), output captured), in a project of its own:
// generate, import and coverage write under it, never into the repository.
before(() => cpSync(path.join(ROOT, 'test/fixtures/bad/clean'), path.join(tmp, 'data'), { recursive: true }));
after(() => rmSync(tmp, { recursive: true, force: true }));

const STACK = /^\s{4}at /m;

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await runCli(argv, { cwd: tmp, env: { CERTDOCS_DEBUG: undefined, CERTDOCS_FAULT: undefined } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function assertClean(r: { code: number; out: string; err: string }, what: string): void {
  assert.notEqual(r.code, 70, `${what}: internal error\n${r.err}`);
  assert.ok([0, 1, 2].includes(r.code), `${what}: exit ${r.code}\n${r.err}`);
  assert.doesNotMatch(r.err, STACK, `${what}: stack trace\n${r.err}`);
  assert.doesNotMatch(r.err, /internal error/, what);
}

const CLEAN = path.join(ROOT, 'test/fixtures/bad/clean');
const FILES = ['components/kube-apiserver.json', 'components/kubelet.json', 'namespaces/openshift-config-managed.json', 'actors.json', 'document.json'];

/** Hostile strings: markup, control characters, lone surrogates, prototype keys, path tricks. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('__proto__', 'constructor', 'toString', '../../etc/passwd', 'README.md', '\ud800', '\u001b[31m', '<script>alert(1)</script>', '# heading', '--', '-', '', ' ', 'cm/x', 'kube-apiserver --client-ca-file', 'a --b-ca', '\r\n'),
);

/** A JSON text mutated: a value replaced by any JSON, or raw text spliced in. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('value' as const), path: fc.array(fc.oneof(fc.nat(5), nasty), { maxLength: 4 }), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), text: nasty }),
);

function mutate(text: string, m: typeof mutation extends fc.Arbitrary<infer T> ? T : never): string {
  if (m.kind === 'splice') {
    const at = m.at % (text.length + 1);
    return text.slice(0, at) + m.text + text.slice(at);
  }
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return `${JSON.stringify(m.value)}${text}`; // already broken by an earlier splice: break it some more
  }
  let node: unknown = data;
  for (const [i, key] of m.path.entries()) {
    if (!node || typeof node !== 'object') break;
    const keys = Object.keys(node as object);
    const k = typeof key === 'number' ? keys[key % Math.max(keys.length, 1)] ?? String(key) : key;
    if (i === m.path.length - 1) Object.defineProperty(node, k, { value: m.value, enumerable: true, writable: true, configurable: true });
    else node = (node as Record<string, unknown>)[k];
  }
  if (!m.path.length) return JSON.stringify(m.value);
  return JSON.stringify(data, null, 2);
}

test('fuzz: data files (validate, generate, impact, coverage): never exit 70, never a stack trace', async () => {
  let n = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...FILES), mutation), { minLength: 1, maxLength: 3 }), async (edits) => {
      const dir = path.join(tmp, `data-${n++}`);
      cpSync(CLEAN, dir, { recursive: true });
      for (const [rel, m] of edits) writeFileSync(path.join(dir, rel), mutate(readFileSync(path.join(dir, rel), 'utf8'), m));
      for (const argv of [
        ['validate', '--data', dir],
        ['generate', '--data', dir, '--out', path.join(dir, 'out'), '--no-render', '--no-cache'],
        ['impact', 'kube-apiserver --kubelet-certificate-authority', '--data', dir],
        ['coverage', '--data', dir],
      ]) assertClean(await cli(argv), `${argv[0]} after ${JSON.stringify(edits)}`);
      rmSync(dir, { recursive: true, force: true });
    }),
    params(12),
  );
});

const UPSTREAM = readFileSync(path.join(ROOT, 'test/fixtures/upstream-kube-apiserver-certificates.md'), 'utf8');
const MD_PIECES = ['---\n', 'a: &x [*x]\n', '# ', '## kubelet\n', '| Flag | What’s it for |\n|---|---|\n', '| --x | CA bundle <b>x</b> |\n', '\r\n', '```\n', '> ', '- ', '<!-- ', '\u0000', '\ud800'];

test('fuzz: markdown to import (then validate the result): never exit 70, never a stack trace', async () => {
  let n = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.oneof(fc.constantFrom(...MD_PIECES), fc.string({ maxLength: 30 }), fc.nat(UPSTREAM.length).map((i) => UPSTREAM.slice(i, i + 400))), { maxLength: 12 }),
      fc.boolean(),
      async (pieces, withUpstream) => {
        const md = path.join(tmp, `in-${n}.md`);
        const out = path.join(tmp, `import-${n++}`);
        writeFileSync(md, (withUpstream ? UPSTREAM : '') + pieces.join(''));
        assertClean(await cli(['import', md, '--out', out, '--replace', '--quiet']), `import of ${JSON.stringify(pieces)}`);
        assertClean(await cli(['validate', '--data', out]), 'validate of the import');
        rmSync(out, { recursive: true, force: true });
      },
    ),
    params(10),
  );
});

const WORDS = ['validate', 'generate', 'check', 'impact', 'coverage', 'import', 'diff', 'help', '--help', '-h', '--data', 'data', 'nosuch', '--format', 'json', 'text', 'markdown', '--out', 'out', '--no-render', '--update-baseline', '--allow-new-gaps', '--baseline', 'HEAD', '--replace', '--quiet'];

test('fuzz: command lines: never exit 70, never a stack trace', async () => {
  mkdirSync(path.join(tmp, 'out'), { recursive: true });
  await fc.assert(
    fc.asyncProperty(fc.array(fc.oneof(fc.constantFrom(...WORDS), nasty), { maxLength: 6 }), async (argv) => {
      // Never render (no browser in a fuzz loop): generate always gets --no-render.
      const args = argv[0] === 'generate' ? [...argv, '--no-render'] : argv;
      assertClean(await cli(args), `certdocs ${JSON.stringify(args)}`);
    }),
    params(40),
  );
});
