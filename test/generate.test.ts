import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { runGenerate, type GenerateOptions } from '../scripts/cli/commands/generate.ts';
import { buildDiagrams } from '../scripts/generate/diagrams.ts';
import { committedOutputs, ENHANCEMENT_PATH } from '../scripts/generate/outputs.ts';
import { UserError } from '../scripts/lib/problems.ts';
import { launchBrowser, type Launcher } from '../scripts/render/browser.ts';
import type { DataSet } from '../scripts/model/types.ts';
import { HOSTILE, modelOf, removeTempProjects, smallDataSet, snapshot, tempProject, writeDataSet } from './generate-helpers.ts';
import { runCli } from './cli-helpers.ts';

after(removeTempProjects);

const quiet = { log: () => undefined, print: () => undefined };
const noRender = (data: string, out: string, extra: Partial<GenerateOptions> = {}): Promise<ReturnType<typeof runGenerate> extends Promise<infer T> ? T : never> =>
  runGenerate({ data, out, render: false, cache: true, ...quiet, ...extra });

/** Outputs only (the data folder excluded). */
const outputsOf = (root: string) => new Map([...snapshot(root)].filter(([rel]) => !rel.startsWith('data/') && !rel.startsWith('.cache/')));

const oneSided = (): DataSet => {
  const ds = smallDataSet();
  delete ds.components[2]!.flags[0]!.verifiedBy; // kubelet --tls-cert-file: one-sided edge
  return ds;
};

describe('certdocs generate (no browser)', () => {
  it('writes the enhancement and every .mmd, and no SVG with --no-render', async () => {
    const { root, data } = tempProject();
    const summary = await noRender(data, root);
    assert.ok(summary.ok);
    const files = outputsOf(root);
    const model = modelOf(smallDataSet());
    const expected = committedOutputs(model);
    assert.deepEqual([...files.keys()].sort(), [...expected.keys()].sort());
    for (const [rel, content] of expected) assert.equal(files.get(rel), content, rel);
    assert.ok(files.has(ENHANCEMENT_PATH));
    assert.equal(buildDiagrams(model).length, [...files.keys()].filter((f) => f.endsWith('.mmd')).length);
    assert.equal(existsSync(path.join(root, 'site')), false, 'no SVG, no site/diagrams');
    assert.equal(summary.rendered + summary.cached, 0);
  });

  it('validation problems: exit 1, problems printed as file:line:column: code: message, nothing written', async () => {
    const { root, data } = tempProject(oneSided());
    const printed: string[] = [];
    const summary = await runGenerate({ data, out: root, render: true, cache: true, log: () => undefined, print: (l) => printed.push(l) });
    assert.equal(summary.ok, false);
    assert.ok(printed.length > 0);
    for (const line of printed) assert.match(line, /^\S+\.json:\d+:\d+: [a-z-]+: .+/);
    assert.ok(printed.some((l) => / one-sided-edge: /.test(l)));
    assert.deepEqual([...outputsOf(root).keys()], []);
  });

  it('validation problems leave previous outputs untouched (CLI exit code 1)', async () => {
    const { root, data } = tempProject();
    await noRender(data, root);
    const before = snapshot(root);
    writeDataSet(data, oneSided());
    const dataAfter = snapshot(path.join(root, 'data'));
    const code = await cli(['generate', '--data', data, '--out', root, '--no-render']);
    assert.equal(code, 1);
    const now = snapshot(root);
    for (const [rel, content] of before) if (!rel.startsWith('data/')) assert.equal(now.get(rel), content, rel);
    assert.equal(now.size, before.size);
    assert.deepEqual(snapshot(path.join(root, 'data')), dataAfter);
  });

  it('two builds are byte-identical, and a rebuild writes nothing', async () => {
    const a = tempProject();
    const b = tempProject();
    await noRender(a.data, a.root);
    await noRender(b.data, b.root);
    assert.deepEqual(outputsOf(a.root), outputsOf(b.root));
    const again = await noRender(a.data, a.root);
    assert.deepEqual(again.written, []);
    assert.equal(again.unchanged, committedOutputs(modelOf(smallDataSet())).size);
  });

  it('removes .mmd and .svg files of diagrams that no longer exist', async () => {
    const { root, data } = tempProject();
    await noRender(data, root);
    const gone = 'enhancements/kube-apiserver/diagrams/flag-kubelet-tls-cert-file.mmd';
    assert.ok(existsSync(path.join(root, gone)));
    mkdirSync(path.join(root, 'site/diagrams'), { recursive: true });
    writeFileSync(path.join(root, 'site/diagrams/flag-kubelet-tls-cert-file.svg'), '<svg/>');
    writeFileSync(path.join(root, 'site/diagrams/overall.svg'), '<svg/>');
    writeFileSync(path.join(root, 'enhancements/kube-apiserver/diagrams/notes.txt'), 'not ours');
    // kubelet --tls-cert-file loses its only edge: both sides removed.
    const ds = smallDataSet();
    delete ds.components[2]!.flags[0]!.verifiedBy;
    ds.components[0]!.flags[1]!.verifies = [{ ref: 'kube-controller-manager --cluster-signing-cert-file' }];
    writeDataSet(data, ds);
    const summary = await noRender(data, root);
    assert.ok(summary.ok);
    assert.deepEqual(summary.removed, [gone, 'site/diagrams/flag-kubelet-tls-cert-file.svg']);
    assert.equal(existsSync(path.join(root, gone)), false);
    assert.equal(existsSync(path.join(root, 'site/diagrams/flag-kubelet-tls-cert-file.svg')), false);
    assert.ok(existsSync(path.join(root, 'site/diagrams/overall.svg')), 'SVG of a live diagram kept');
    assert.ok(existsSync(path.join(root, 'enhancements/kube-apiserver/diagrams/notes.txt')), 'other files kept');
  });

  it('the enhancement generated in a worker thread is byte-identical to one generated in one thread', async () => {
    const ds0 = smallDataSet();
    ds0.components[0]!.flags[0]!.purpose = `CA bundle used to verify clients, with markup *and* \`code\`, <b>html</b>, www.example.com and ${HOSTILE}`;
    const one = tempProject(ds0);
    const two = tempProject(ds0);
    await noRender(one.data, one.root, { parallel: false });
    await noRender(two.data, two.root, { parallel: true });
    const a = outputsOf(one.root);
    const b = outputsOf(two.root);
    assert.ok(a.has(ENHANCEMENT_PATH));
    for (const [rel, content] of a) if (!rel.startsWith('.cache/')) assert.equal(b.get(rel), content, rel);
    // An error the worker meets keeps its message and exit code.
    const ds = smallDataSet();
    ds.document!.output = 'enhancements/kube-apiserver/diagrams/inside.md';
    const bad = tempProject(ds);
    await assert.rejects(noRender(bad.data, bad.root, { parallel: true }), (err: unknown) => err instanceof UserError && /is inside enhancements\/kube-apiserver\/diagrams\/, the diagrams' folder/.test(err.message));
  });

  it('honours document.json "output"', async () => {
    const ds = smallDataSet();
    ds.document!.output = 'enhancements/docs/tls.md';
    const { root, data } = tempProject(ds);
    await noRender(data, root);
    assert.ok(existsSync(path.join(root, 'enhancements/docs/tls.md')));
    assert.equal(existsSync(path.join(root, ENHANCEMENT_PATH)), false);
  });

  it('a failing render leaves previous outputs untouched', async () => {
    const { root, data } = tempProject();
    await noRender(data, root);
    const before = snapshot(root);
    const ds = smallDataSet();
    ds.components[0]!.flags[0]!.purpose = 'CA bundle used to verify clients (a changed purpose).';
    writeDataSet(data, ds);
    const failing: Launcher = async () => {
      throw new UserError('no browser here');
    };
    await assert.rejects(runGenerate({ data, out: root, render: true, cache: true, launch: failing, ...quiet }), /no browser here/);
    const now = snapshot(root);
    for (const [rel, content] of before) if (!rel.startsWith('data/')) assert.equal(now.get(rel), content, `${rel} untouched`);
    assert.ok(![...now.keys()].some((k) => k.includes('.tmp-')), 'no temporary files left');
  });

  it('an unchanged build is recognised without regenerating; any change to outputs or data rebuilds', async () => {
    const { root, data } = tempProject();
    const lines: string[] = [];
    const build = (extra: Partial<GenerateOptions> = {}) => noRender(data, root, { log: (l) => lines.push(l), ...extra });
    await build();
    const expected = outputsOf(root);
    const again = await build();
    assert.match(lines.pop()!, /^generate: up to date /);
    assert.deepEqual(again.written, []);
    assert.equal(again.unchanged, expected.size);
    // A hand edit to an output is noticed and undone.
    writeFileSync(path.join(root, ENHANCEMENT_PATH), 'edited by hand\n');
    const restored = await build();
    assert.doesNotMatch(lines.pop()!, /up to date/);
    assert.deepEqual(restored.written, [ENHANCEMENT_PATH]);
    assert.deepEqual(outputsOf(root), expected);
    // A stale .mmd that appears is removed.
    const stale = 'enhancements/kube-apiserver/diagrams/flag-gone-flag.mmd';
    writeFileSync(path.join(root, stale), 'flowchart LR\n');
    assert.deepEqual((await build()).removed, [stale]);
    // Changed data is rebuilt.
    const ds = smallDataSet();
    ds.components[0]!.flags[0]!.purpose = 'CA bundle used to verify clients (another purpose).';
    writeDataSet(data, ds);
    const changed = await build();
    assert.deepEqual(changed.written, [ENHANCEMENT_PATH]);
    assert.ok(readFileSync(path.join(root, ENHANCEMENT_PATH), 'utf8').includes('CA bundle used to verify clients (another purpose).'));
    // --no-cache never takes the shortcut.
    await build({ cache: false });
    assert.doesNotMatch(lines.pop()!, /up to date/);
  });

  it('usage errors exit 2', async () => {
    assert.equal(await cli(['generate', '--bogus']), 2);
    assert.equal(await cli(['generate', '--data', '/nonexistent/certdocs-data']), 2);
  });
});

describe('certdocs generate (with one browser)', () => {
  let browser: Browser;
  let launches = 0;
  const launch: Launcher = async () => {
    launches++;
    return { browser, release: async () => undefined };
  };
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('renders every SVG once, then serves them from the cache; builds are byte-identical', async () => {
    const { root, data } = tempProject();
    const first = await runGenerate({ data, out: root, render: true, cache: true, launch, ...quiet });
    const diagrams = buildDiagrams(modelOf(smallDataSet()));
    assert.equal(first.rendered, diagrams.length);
    for (const d of diagrams) {
      const svg = readFileSync(path.join(root, 'site/diagrams', `${d.id}.svg`), 'utf8');
      assert.match(svg, /^<svg [^>]*role="img"/);
      assert.ok(svg.includes(`<title id="certdocs-${d.id}-title">`), d.id);
    }
    const snap = outputsOf(root);
    const launchesBefore = launches;
    const second = await runGenerate({ data, out: root, render: true, cache: true, launch, ...quiet });
    assert.equal(launches, launchesBefore, 'everything cached: no browser');
    assert.equal(second.cached, diagrams.length);
    assert.deepEqual(second.written, []);
    // A fresh project (own cache) gives the same bytes.
    const other = tempProject();
    await runGenerate({ data: other.data, out: other.root, render: true, cache: true, launch, ...quiet });
    const otherSnap = outputsOf(other.root);
    for (const [rel, content] of snap) if (!rel.startsWith('.cache/')) assert.equal(otherSnap.get(rel), content, rel);
    // --no-cache renders everything again, to the same bytes.
    const third = await runGenerate({ data, out: root, render: true, cache: false, launch, ...quiet });
    assert.equal(third.rendered, diagrams.length);
    assert.deepEqual(third.written, []);
  });
});

/** Run the real CLI (bin/certdocs.mjs) in a child process; returns its exit code. */
async function cli(args: string[]): Promise<number> {
  return (await runCli(args)).status;
}
