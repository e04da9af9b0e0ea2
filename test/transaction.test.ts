/**
 * Outputs are transactional: `certdocs generate` killed at any step leaves the
 * old outputs or the new ones (after the next run finishes what the journal
 * lists), a failed write removes what it wrote, and temporary files of dead
 * runs are removed by the next run. Steps are counted by the fault-injection
 * hook in scripts/lib/atomic.ts (CERTDOCS_FAULT=kill@N, enospc@N).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringifyData } from '../scripts/lib/json.ts';
import { commitOutputs, recover, removeStaleTemps, setStepHook } from '../scripts/lib/atomic.ts';
import { journalPath, runGenerate } from '../scripts/cli/commands/generate.ts';
import { writeSyntheticData } from '../scripts/site/fixture-data.ts';
import { runCliProcess } from './cli-helpers.ts';
import { KIND_OPENINGS } from '../scripts/model/kind.ts';
import type { FlagKind } from '../scripts/model/types.ts';
import { smallDataSet, snapshot } from './generate-helpers.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'certdocs-transaction-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** A synthetic data set; `prefix` renames every component, so two prefixes share no diagram file. */
function dataSet(dir: string, flags: number, prefix = 'component'): string {
  writeSyntheticData(dir, flags);
  for (const rel of snapshot(dir).keys()) {
    const file = path.join(dir, rel);
    let text = readFileSync(file, 'utf8').replaceAll('component-', `${prefix}-`);
    if (rel.startsWith('components/')) {
      // Purposes that open with the kind's words, as the validator requires ("CA bundle used to …").
      const c = JSON.parse(text) as { flags: Array<{ kind: FlagKind; purpose: string }> };
      for (const f of c.flags) f.purpose = `${KIND_OPENINGS[f.kind].replace(' …', '')} test a transaction. ${f.purpose}`;
      text = stringifyData(c);
    }
    rmSync(file);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(path.join(dir, rel.replaceAll('component-', `${prefix}-`)), text);
  }
  writeFileSync(path.join(dir, 'document.json'), stringifyData(smallDataSet().document));
  return dir;
}

function generate(data: string, out: string, fault?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, CERTDOCS_DEBUG: '' };
  if (fault) env.CERTDOCS_FAULT = fault;
  else delete env.CERTDOCS_FAULT;
  return runCliProcess(['generate', '--data', data, '--out', out, '--no-render', '--no-cache'], { env, timeout: 60_000 });
}

/** The generated files (the build cache aside). */
function outputs(dir: string): Map<string, string> {
  return new Map([...snapshot(dir)].filter(([rel]) => !rel.startsWith('.cache/')));
}

function temps(dir: string): string[] {
  return [...snapshot(dir).keys()].filter((rel) => /\.tmp-\d+$/.test(rel));
}

const same = (a: Map<string, string>, b: Map<string, string>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

/** What the next run does first: finish the journal, remove the (dead) run's temporary files. */
function recoverAsNextRun(dir: string): void {
  recover(journalPath(dir));
  const folders = new Set([...snapshot(dir).keys()].map((rel) => path.join(dir, path.dirname(rel))));
  removeStaleTemps(folders, () => false);
}

/** old, new, or a failure naming the mix. */
function which(dir: string, old: Map<string, string>, fresh: Map<string, string>, what: string): 'old' | 'new' {
  const now = outputs(dir);
  if (same(now, old)) return 'old';
  if (same(now, fresh)) return 'new';
  const mixed = [...new Set([...now.keys(), ...old.keys(), ...fresh.keys()])].filter((k) => now.get(k) !== old.get(k) && now.get(k) !== fresh.get(k));
  assert.fail(`${what}: the outputs are a mix of old and new (${mixed.slice(0, 5).join(', ')}; ${[...now.keys()].filter((k) => old.has(k) && now.get(k) === old.get(k) && fresh.has(k) && old.get(k) !== fresh.get(k)).length} old files among new ones)`);
}

const oldData = dataSet(path.join(root, 'old-data'), 20, 'old');
const newData = dataSet(path.join(root, 'new-data'), 20, 'new');
const base = path.join(root, 'base');
const expected = path.join(root, 'expected');

test('setup: the old and the new data share no diagram file', () => {
  assert.equal(generate(oldData, base).status, 0);
  cpSync(base, expected, { recursive: true });
  const r = generate(newData, expected);
  assert.equal(r.status, 0, r.stderr);
  const old = outputs(base);
  assert.ok([...outputs(expected).keys()].filter((k) => /\/(component|flag)-[^/]+\.mmd$/.test(k)).every((k) => !old.has(k)));
});

test('a kill at every step of generate (≥ 50 points): old outputs or new ones, never a mix, no temporary file left', async () => {
  // The folder as a kill before each step would leave it: copied by the step hook, in this process.
  const dir = path.join(root, 'every-step');
  cpSync(base, dir, { recursive: true });
  const killedAt: string[] = [];
  setStepHook((n) => {
    const copy = path.join(root, `killed-at-${n}`);
    cpSync(dir, copy, { recursive: true });
    killedAt.push(copy);
  });
  try {
    const summary = await runGenerate({ data: newData, out: dir, render: false, cache: false, log: () => undefined });
    assert.ok(summary.ok);
  } finally {
    setStepHook(undefined);
  }
  const old = outputs(base);
  const fresh = outputs(expected);
  assert.ok(same(outputs(dir), fresh));
  const seen = { old: 0, new: 0 };
  for (const copy of killedAt) {
    recoverAsNextRun(copy);
    assert.deepEqual(temps(copy), [], `${copy}: temporary files left`);
    seen[which(copy, old, fresh, path.basename(copy))]++;
  }
  assert.ok(killedAt.length >= 50, `only ${killedAt.length} kill points`);
  assert.ok(seen.old > 0 && seen.new > 0, `old ${seen.old}, new ${seen.new}`);
});

test('real kill -9 of the generate process at steps across every phase: old or new after the next run starts', () => {
  const old = outputs(base);
  const fresh = outputs(expected);
  // Steps here: 20 temporary files, the journal (21), 20 renames, 17 removals, the journal removed (59).
  for (const k of [1, 21, 30, 50, 59]) {
    const dir = path.join(root, `kill-${k}`);
    cpSync(base, dir, { recursive: true });
    const r = generate(newData, dir, `kill@${k}`);
    assert.equal(r.status, -1, `kill@${k} should be killed: ${r.stderr}`);
    recoverAsNextRun(dir);
    assert.deepEqual(temps(dir), []);
    which(dir, old, fresh, `kill@${k}`);
  }
});

test('a run killed while renaming is finished by the next run, which also removes the dead run’s temporary files', () => {
  const dir = path.join(root, 'next-run');
  cpSync(base, dir, { recursive: true });
  assert.equal(generate(newData, dir, 'kill@30').status, -1);
  assert.ok(readdirSync(path.join(dir, '.cache')).includes('generate-journal.json'));
  assert.ok(temps(dir).length > 0);
  const r = generate(newData, dir);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /finished the outputs of an interrupted run/);
  assert.deepEqual(temps(dir), []);
  assert.ok(same(outputs(dir), outputs(expected)));
});

test('a full disk at any write: old outputs untouched, nothing half-written left; the CLI says so in one line (exit 1)', async () => {
  const old = outputs(base);
  for (const k of [1, 2, 10, 20]) {
    const dir = path.join(root, `enospc-${k}`);
    cpSync(base, dir, { recursive: true });
    setStepHook((n, file) => {
      if (n === k) throw Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), { code: 'ENOSPC', syscall: 'write', path: file });
    });
    try {
      await assert.rejects(runGenerate({ data: newData, out: dir, render: false, cache: false, log: () => undefined }), { code: 'ENOSPC' });
    } finally {
      setStepHook(undefined);
    }
    assert.deepEqual(temps(dir), [], `enospc@${k}: temporary files left`);
    assert.ok(same(outputs(dir), old), `enospc@${k}: outputs changed`);
  }
  const dir = path.join(root, 'enospc-cli');
  cpSync(base, dir, { recursive: true });
  const r = generate(newData, dir, 'enospc@5');
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^certdocs generate: cannot write \S+\.mmd \(ENOSPC\): no space left on the device; free some space and run again\n$/);
  assert.deepEqual(temps(dir), []);
  assert.ok(same(outputs(dir), old));
});

test('commitOutputs: a folder in the way of a file fails before anything is written', () => {
  const dir = path.join(root, 'conflict');
  mkdirSync(path.join(dir, 'b.json'), { recursive: true });
  assert.throws(() => commitOutputs(new Map([[path.join(dir, 'a.json'), 'a'], [path.join(dir, 'b.json'), 'b']])), /is a folder where a file is to be written/);
  assert.deepEqual(readdirSync(dir), ['b.json']);
});

test('removeStaleTemps keeps the temporary files of live processes', () => {
  const dir = path.join(root, 'stale');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `x.md.tmp-${process.pid}`), '');
  writeFileSync(path.join(dir, 'y.md.tmp-999999999'), '');
  writeFileSync(path.join(dir, 'z.md'), '');
  assert.deepEqual(removeStaleTemps([dir]), [path.join(dir, 'y.md.tmp-999999999')]);
  assert.deepEqual(readdirSync(dir).sort(), [`x.md.tmp-${process.pid}`, 'z.md']);
});
