/**
 * The site's code bundle (scripts/site/code-bundle.ts): built once, found
 * again while no input changed, rebuilt when one does, and the same code as
 * the modules it was made from.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildBundle, keptBundle, loadSiteSetup, siteBundle, type BundleSpec } from '../scripts/site/code-bundle.ts';
import { PROJECT_ROOT } from '../scripts/site/settings.ts';

let root: string;
before(() => {
  root = mkdtempSync(path.join(tmpdir(), 'certdocs-bundle-'));
});
after(() => rmSync(root, { recursive: true, force: true }));

const load = async (file: string) => ((await import(pathToFileURL(file).href)) as { default: () => unknown }).default();

describe('code bundle of a small project', () => {
  let spec: BundleSpec;
  const write = (name: string, text: string) => writeFileSync(path.join(root, name), text);
  before(() => {
    spec = { entry: path.join(root, 'entry.ts'), root, cacheDir: path.join(root, 'cache'), name: 'test' };
    write('entry.ts', `import { value, here } from './a.ts';\nexport default (): { value: number; here: string } => ({ value, here });\n`);
    write('a.ts', `export const value: number = 1;\nexport const here = import.meta.url;\n`);
  });

  it('builds a bundle once and finds it again while nothing changed', async () => {
    assert.equal(keptBundle(spec), undefined);
    const first = await siteBundle(spec);
    assert.equal(first.built, true);
    assert.deepEqual(await load(first.file), { value: 1, here: pathToFileURL(path.join(root, 'a.ts')).href }, "import.meta.url is the source file's own");
    const again = await siteBundle(spec);
    assert.deepEqual(again, { file: first.file, built: false });
  });

  it('makes a new bundle when an input changes, or an import is added', async () => {
    const before = (await siteBundle(spec)).file;
    write('a.ts', `export const value: number = 2;\nexport const here = import.meta.url;\n`);
    const edited = await siteBundle(spec);
    assert.equal(edited.built, true);
    assert.notEqual(edited.file, before);
    assert.equal(((await load(edited.file)) as { value: number }).value, 2);

    write('b.ts', `export const three = 3;\n`);
    write('a.ts', `import { three } from './b.ts';\nexport const value: number = three;\nexport const here = import.meta.url;\n`);
    assert.equal(((await load((await siteBundle(spec)).file)) as { value: number }).value, 3);
    // b.ts is now an input: editing it alone is noticed.
    write('b.ts', `export const three = 4;\n`);
    const viaB = await siteBundle(spec);
    assert.equal(viaB.built, true);
    assert.equal(((await load(viaB.file)) as { value: number }).value, 4);
    assert.ok((JSON.parse(readFileSync(path.join(spec.cacheDir, 'code/test-inputs.json'), 'utf8')) as { inputs: string[] }).inputs.includes('b.ts'));
  });

  it('fails to build on a syntax error, and keeps no bundle for it', async () => {
    write('b.ts', `export const three = ;\n`);
    await assert.rejects(buildBundle(spec));
    assert.equal(keptBundle(spec), undefined);
    write('b.ts', `export const three = 4;\n`);
    assert.equal((await siteBundle(spec)).built, false, 'the earlier bundle of these same bytes is still kept');
  });
});

describe("the site's code bundle", () => {
  it('bundles the setup, imports Eleventy and Pagefind from their place, and has no dynamic import', async () => {
    const spec: BundleSpec = { entry: path.join(PROJECT_ROOT, 'scripts/site/eleventy-setup.ts'), root: PROJECT_ROOT, cacheDir: path.join(root, 'site-cache'), name: 'site' };
    const file = await buildBundle(spec);
    const code = readFileSync(file, 'utf8');
    assert.ok(code.includes(`from ${JSON.stringify(import.meta.resolve('@11ty/eleventy'))}`), 'Eleventy by absolute URL: the running Eleventy, from any cache folder');
    assert.ok(code.includes(`from ${JSON.stringify(import.meta.resolve('pagefind'))}`));
    assert.ok(!/class Eleventy\b/.test(code), "Eleventy's own code is not copied in");
    // tsx rewrites any module containing "import(" on every load, with a source map: ~100 ms for this file.
    assert.ok(!code.includes('import('), 'no dynamic import in the bundle');
    const inputs = (JSON.parse(readFileSync(path.join(spec.cacheDir, 'code/site-inputs.json'), 'utf8')) as { inputs: string[] }).inputs;
    assert.ok(inputs.includes('scripts/site/site-data.ts'));
    assert.ok(inputs.some((i) => i.startsWith('node_modules/hast-util-to-html/')));
    assert.equal(keptBundle(spec), file);
    const setup = ((await import(pathToFileURL(file).href)) as { default: unknown }).default;
    assert.equal(typeof setup, 'function');
  });
});

describe('loading the site setup', () => {
  const withEnv = async <T>(env: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> => {
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    try {
      return await fn();
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
  };

  it('takes the setup from the bundle with a cache folder, and imports the module itself without one or when the bundle cannot be kept', async () => {
    const direct = ((await import('../scripts/site/eleventy-setup.ts')) as { default: unknown }).default;
    const bundled = await withEnv({ CERTDOCS_CACHE: path.join(root, 'load-cache') }, loadSiteSetup);
    assert.equal(typeof bundled, 'function');
    assert.notEqual(bundled, direct, 'a one-off build runs the bundle');
    assert.equal(await withEnv({ CERTDOCS_CACHE: '0' }, loadSiteSetup), direct, 'CERTDOCS_CACHE=0: the modules as they are');
    // A folder that cannot be made (under a file): no bundle, the modules as they are, no error.
    writeFileSync(path.join(root, 'a-file'), '');
    assert.equal(await withEnv({ CERTDOCS_CACHE: path.join(root, 'a-file', 'cache') }, loadSiteSetup), direct);
  });
});
