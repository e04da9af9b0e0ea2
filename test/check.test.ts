import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { checkGenerated, FIX_COMMAND } from '../scripts/cli/commands/check.ts';
import { runGenerate } from '../scripts/cli/commands/generate.ts';
import { ENHANCEMENT_PATH } from '../scripts/generate/outputs.ts';
import { removeTempProjects, smallDataSet, tempProject, writeDataSet } from './generate-helpers.ts';
import { runCli } from './cli-helpers.ts';

after(removeTempProjects);

async function freshProject() {
  const project = tempProject();
  const summary = await runGenerate({ data: project.data, out: project.root, render: false, cache: true, log: () => undefined, print: () => undefined });
  assert.ok(summary.ok);
  return project;
}


/** Run `certdocs check` (in-process through main) with stdout and stderr captured. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await runCli(['check', ...argv]);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('certdocs check', () => {
  it('passes (exit 0) right after generate', async () => {
    const { root, data } = await freshProject();
    const r = await run(['--data', data, '--out', root]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /up to date/);
  });

  it('fails with a unified diff naming the file and the fix command after a purpose changes', async () => {
    const { root, data } = await freshProject();
    const ds = smallDataSet();
    ds.components[0]!.flags[0]!.purpose = 'CA bundle used to verify clients, edited in the data without rebuilding.';
    writeDataSet(data, ds);
    const r = await run(['--data', data, '--out', root]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, new RegExp(`^--- a/${ENHANCEMENT_PATH}\\tcommitted$`, 'm'));
    assert.match(r.stdout, new RegExp(`^\\+\\+\\+ b/${ENHANCEMENT_PATH}\\tgenerated$`, 'm'));
    assert.match(r.stdout, /^@@ -\d+(,\d+)? \+\d+(,\d+)? @@/m);
    assert.match(r.stdout, /^\+.*CA bundle used to verify clients, edited in the data without rebuilding\./m);
    assert.match(r.stdout, /^-.*CA bundle used to verify client certificate connections/m);
    assert.match(r.stderr, new RegExp(`${ENHANCEMENT_PATH}: out of date`));
    assert.ok(r.stderr.includes(`Run \`${FIX_COMMAND}\``), r.stderr);
    assert.equal(FIX_COMMAND, 'npm run build');
    // Only the enhancement is stale: purposes are not in the diagrams.
    assert.deepEqual(checkGenerated(data, root).stale.map((s) => s.file), [ENHANCEMENT_PATH]);
  });

  it('reports a missing .mmd, a changed .mmd and a .mmd that should not exist', async () => {
    const { root, data } = await freshProject();
    const dir = path.join(root, 'enhancements/kube-apiserver/diagrams');
    rmSync(path.join(dir, 'overall.mmd'));
    writeFileSync(path.join(dir, 'resource-flow.mmd'), 'flowchart LR\n  edited by hand\n');
    writeFileSync(path.join(dir, 'flag-kubelet-old-flag.mmd'), 'flowchart LR\n');
    const result = checkGenerated(data, root);
    assert.deepEqual(
      result.stale.map((s) => [s.file, s.state]),
      [
        ['enhancements/kube-apiserver/diagrams/overall.mmd', 'missing'],
        ['enhancements/kube-apiserver/diagrams/resource-flow.mmd', 'outdated'],
        ['enhancements/kube-apiserver/diagrams/flag-kubelet-old-flag.mmd', 'extra'],
      ],
    );
    const r = await run(['--data', data, '--out', root]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^-  edited by hand$/m);
    assert.match(r.stdout, /^\+\+\+ \/dev\/null\tshould not exist$/m);
    assert.match(r.stderr, /flag-kubelet-old-flag\.mmd: should not exist/);
  });

  it('fails (exit 1) with the problems when the data is invalid', async () => {
    const { root, data } = await freshProject();
    const ds = smallDataSet();
    delete ds.components[2]!.flags[0]!.verifiedBy;
    writeDataSet(data, ds);
    const r = await run(['--data', data, '--out', root]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /kube-apiserver\.json:\d+:\d+: one-sided-edge: /);
  });

  it('the committed enhancement and diagrams are up to date with data/ (what README and CONTRIBUTING promise of npm test)', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const result = checkGenerated(path.join(root, 'data'), root);
    assert.deepEqual(result.problems, []);
    assert.ok(result.compared > 1, 'the enhancement and at least one diagram are compared');
    assert.deepEqual(result.stale.map((s) => `${s.file}: ${s.state}`), [], `run \`${FIX_COMMAND}\` and commit enhancements/`);
  });

  it('usage errors exit 2', async () => {
    assert.equal((await run(['--nope'])).code, 2);
    assert.equal((await run(['--data', '/nonexistent/certdocs-data'])).code, 2);
  });
});
