/**
 * Hostile input through the real CLI: broken file systems, odd command lines,
 * hostile text and imports. None of these may reach exit 70 ("internal
 * error") or print a stack trace; each gets one line naming the file and
 * what to do, exit 1 (problems) or 2 (usage).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './cli-helpers.ts';
import { frontMatterValue } from '../scripts/site/site-data.ts';
import { visible } from '../scripts/lib/terminal.ts';
import { diffData } from '../scripts/review/semantic-diff.ts';
import { diffMarkdown } from '../scripts/review/diff-markdown.ts';
import { modelOf, smallDataSet } from './generate-helpers.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'certdocs-hostile-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const STACK = /^\s{4}at /m;

async function run(args: string[], cwd = ROOT) {
  const r = await runCli(args, { cwd, env: { CERTDOCS_DEBUG: undefined, CERTDOCS_FAULT: undefined } });
  assert.notEqual(r.status, 70, `certdocs ${args.join(' ')}: internal error\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, STACK, `certdocs ${args.join(' ')}: stack trace\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /internal error/);
  return r;
}

/** A copy of the real data folder to break. */
function dataCopy(name: string): string {
  const dir = path.join(tmp, name, 'data');
  cpSync(path.join(ROOT, 'data'), dir, { recursive: true });
  return dir;
}

test('class 3: a dangling symlink or a symlink loop named like a data file is one line, exit 1, for validate and generate', async () => {
  const dangling = dataCopy('dangling');
  symlinkSync('nowhere.json', path.join(dangling, 'components', 'ghost.json'));
  const loop = dataCopy('loop');
  symlinkSync('loop.json', path.join(loop, 'components', 'loop.json'));
  for (const [dir, what] of [[dangling, /components\/ghost\.json is a symlink to nothing \(ENOENT\); point it at a data file or remove it/], [loop, /components\/loop\.json is a symlink loop \(ELOOP\)/]] as const) {
    for (const cmd of ['validate', 'generate']) {
      const r = await run([cmd, '--data', dir, ...(cmd === 'generate' ? ['--out', path.join(dir, '..'), '--no-render'] : [])]);
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, what);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    }
  }
});

test('class 3: an output folder that cannot be created (a file in the way) is one line naming it, exit 1', async () => {
  const file = path.join(tmp, 'a-file');
  writeFileSync(file, '');
  const r = await run(['generate', '--out', path.join(file, 'sub'), '--no-render']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^certdocs generate: cannot [a-z ]+ \S*a-file\/sub\S* \(ENOTDIR\): a file is in the way of a folder; move it away and run again\n$/);
});

test('class 6: command names that are Object.prototype properties are unknown commands (exit 2)', async () => {
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    const r = await run([name]);
    assert.equal(r.status, 2, `${name}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`^certdocs: unknown command "${name}"`));
  }
});

test('class 6: diff with a data folder that does not exist is exit 2 naming it, not "No changes"', async () => {
  const r = await run(['diff', 'HEAD', '--data', 'nosuch']);
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^certdocs diff: no data files in nosuch at HEAD or in the working tree; pass --data DIR/);
});

test('class 6: impact says when it reads a near miss as another flag; --allow-new-gaps needs --update-baseline', async () => {
  const r = await run(['impact', 'kube-apiserver--client-ca-file']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /^note: read "kube-apiserver--client-ca-file" as "kube-apiserver --client-ca-file"\n/);
  const c = await run(['coverage', '--allow-new-gaps']);
  assert.equal(c.status, 2, c.stderr);
  assert.match(c.stderr, /--allow-new-gaps only applies with --update-baseline/);
});

test('class 6: control characters in a reference reach the terminal visibly, never raw', async () => {
  const r = await run(['impact', 'kube-apiserver --client-ca-fil\u001b[31mRED\u0007\u202e']);
  assert.equal(r.status, 2, r.stderr);
  assert.doesNotMatch(r.stderr + r.stdout, /[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
  assert.match(r.stderr, /\\(x1b|u001b)\[31mRED\\(x07|u0007)\\u202e/);
  assert.equal(visible('a\u001bb\tc\nd\u0085'), 'a\\x1bb\tc\nd\\x85');
});

test('class 5: generate without document.json names the data folder’s document.json (validate notes it)', async () => {
  const data = dataCopy('no-document');
  rmSync(path.join(data, 'document.json'));
  const v = await run(['validate', '--data', data]);
  assert.equal(v.status, 0, v.stderr);
  assert.match(v.stderr, /note: .* has no document\.json; the site builds without it, but 'certdocs generate' needs it/);
  const r = await run(['generate', '--data', data, '--out', path.join(data, '..'), '--no-render']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`^${path.relative(ROOT, path.join(data, 'document.json')).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:1: missing-file: the enhancement needs document\\.json`));
  assert.equal(existsSync(path.join(data, '..', 'enhancements')), false);
});

test('class 5: nested front matter is shown as JSON on the site, never [object Object]', async () => {
  assert.equal(frontMatterValue({ a: { b: 1 } }), '{"a":{"b":1}}');
  assert.equal(frontMatterValue(['@x', { y: 2 }]), '@x, {"y":2}');
  assert.equal(frontMatterValue(null), '');
  assert.equal(frontMatterValue('implemented'), 'implemented');
});

const UPSTREAM = path.join(ROOT, 'test/fixtures/upstream-kube-apiserver-certificates.md');

test('class 7: a circular YAML alias in front matter is a note, not a crash', async () => {
  const md = path.join(tmp, 'circular.md');
  writeFileSync(md, readFileSync(UPSTREAM, 'utf8').replace(/^---\n/, '---\nloop: &a [*a]\n'));
  const out = path.join(tmp, 'circular-out');
  const r = await run(['import', md, '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /import-note: the front matter refers to itself through a YAML alias/);
});

test('class 7: CRLF input leaves no carriage return in the data', async () => {
  const md = path.join(tmp, 'crlf.md');
  writeFileSync(md, readFileSync(UPSTREAM, 'utf8').replace(/\n/g, '\r\n'));
  const out = path.join(tmp, 'crlf-out');
  const r = await run(['import', md, '--out', out, '--quiet']);
  assert.equal(r.status, 0, r.stderr);
  for (const rel of ['document.json', 'components/kubelet.json', 'namespaces/openshift-config-managed.json']) {
    assert.doesNotMatch(readFileSync(path.join(out, rel), 'utf8'), /\\r|\r/, rel);
  }
});

test('class 7: a folder named like a data file in --out fails before anything is written', async () => {
  const out = path.join(tmp, 'dir-in-the-way');
  mkdirSync(path.join(out, 'components', 'kubelet.json'), { recursive: true });
  const r = await run(['import', UPSTREAM, '--out', out]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /components\/kubelet\.json is a folder where a file is to be written; move it away and run again \(nothing was written\)\n$/);
  assert.deepEqual(readdirSync(out), ['components']);
  assert.deepEqual(readdirSync(path.join(out, 'components')), ['kubelet.json']);
});

test('class 8: the diff report (the pull request’s job summary) escapes data text as the enhancement does', () => {
  const HOSTILE = '<details><summary>x</summary> <script>alert(1)</script> <img src=x onerror=alert(1)> [l](javascript:alert(1)) ![i](http://tracker.example/x.png)';
  const base = smallDataSet();
  const head = smallDataSet();
  head.components[0]!.flags[0]!.purpose = `CA bundle used to verify clients. ${HOSTILE}`;
  head.components[0]!.flags[0]!.verifies = [{ ref: 'kube-controller-manager --cluster-signing-cert-file', consequence: HOSTILE }];
  head.components[1]!.flags[0]!.verifiedBy = [{ ref: 'kube-apiserver --client-ca-file', consequence: HOSTILE }, { ref: 'kube-apiserver --kubelet-certificate-authority' }];
  const report = diffMarkdown(diffData({ label: 'base', problems: [], model: modelOf(base) }, { label: 'head', problems: [], model: modelOf(head) }));
  assert.match(report, /alert\(1\)/, 'the text is still there, as text');
  // Markdown shows "\\<" as a literal "<": only an unescaped tag is HTML.
  assert.doesNotMatch(report, /(?<!\\)<\/?(details|summary|script|img)\b/, report);
  assert.doesNotMatch(report, /javascript:|\]\(http:\/\/tracker/, report);
});
