/** certdocs format: canonical form written and checked; validate points at it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './cli-helpers.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLEAN = path.join(ROOT, 'test/fixtures/bad/clean');

function copyOfClean(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'certdocs-format-'));
  cpSync(CLEAN, dir, { recursive: true });
  rmSync(path.join(dir, 'expected.json'));
  return dir;
}

/** The same JSON with the keys of every object written in reverse order and 4-space indents. */
function shuffled(text: string): string {
  const reverse = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(reverse) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverse(x)])) : v;
  return JSON.stringify(reverse(JSON.parse(text)), null, 4);
}

test('format: swapped keys are reported by validate and format --check, and format restores the canonical bytes', async () => {
  const dir = copyOfClean();
  try {
    const file = path.join(dir, 'components', 'kubelet.json');
    const canonical = readFileSync(file, 'utf8');
    writeFileSync(file, shuffled(canonical));
    const actorsFile = path.join(dir, 'actors.json');
    const actors = readFileSync(actorsFile, 'utf8');
    const parsed = JSON.parse(actors) as { actors: unknown[] };
    writeFileSync(actorsFile, `${JSON.stringify({ ...parsed, actors: [...parsed.actors].reverse() }, null, 2)}\n`);

    const v = await runCli(['validate', '--data', dir]);
    assert.equal(v.status, 1);
    const lines = v.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2, v.stdout);
    assert.match(lines[0]!, /actors\.json:1:1: not-canonical: .*run `certdocs format --data /);
    assert.match(lines[1]!, /components\/kubelet\.json:1:1: not-canonical: /);

    const check = await runCli(['format', '--data', dir, '--check']);
    assert.equal(check.status, 1);
    assert.equal(check.stdout, v.stdout);
    assert.match(check.stderr, /2 files are not canonical/);
    assert.notEqual(readFileSync(file, 'utf8'), canonical, '--check writes nothing');

    const fmt = await runCli(['format', '--data', dir]);
    assert.equal(fmt.status, 0, fmt.stderr);
    assert.equal(readFileSync(file, 'utf8'), canonical);
    assert.equal(readFileSync(actorsFile, 'utf8'), actors);
    assert.equal((await runCli(['validate', '--data', dir])).status, 0);
    const again = await runCli(['format', '--data', dir]);
    assert.match(again.stderr, /0 files rewritten/);
    assert.equal((await runCli(['format', '--data', dir, '--check'])).status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('format: data with a schema problem is not touched, and usage errors exit 2', async () => {
  const dir = copyOfClean();
  try {
    const file = path.join(dir, 'components', 'kubelet.json');
    const broken = readFileSync(file, 'utf8').replace('"kind": "ca-bundle"', '"kind": "nonsense"');
    writeFileSync(file, broken);
    const r = await runCli(['format', '--data', dir]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /kubelet\.json:\d+:\d+: schema: /);
    assert.match(r.stderr, /nothing was written/);
    assert.equal(readFileSync(file, 'utf8'), broken);
    assert.equal((await runCli(['format', '--data', path.join(dir, 'nope')])).status, 2);
    assert.equal((await runCli(['format', '--bogus'])).status, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
