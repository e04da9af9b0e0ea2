/**
 * The site build's second thread without a build: the bodies it renders are
 * the `page` shortcode's, they survive the hand-over byte for byte, the
 * lists it renders are the ones the templates paginate over, and the setup
 * falls back to building here when the thread fails. (test/site.test.ts
 * builds a site both ways and compares every file.)
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SiteSource } from '../scripts/site/global-data.ts';
import { BodyPacker, bodyKey, eachBody, PackedBodyReader, PAGE_LISTS, siteOutline, type PackedBodies } from '../scripts/site/page-bodies.ts';
import { pages, type PageName } from '../scripts/site/pages/index.ts';
import { offerPrerender, takePrerender, type BodiesMessage, type OutlineMessage, type Prerender } from '../scripts/site/prerender-handle.ts';
import { PROJECT_ROOT, siteSettings, TEMPLATES_DIR } from '../scripts/site/settings.ts';
import { buildSiteData } from '../scripts/site/site-data.ts';

const settings = siteSettings({ CERTDOCS_DATA: 'data', CERTDOCS_DIAGRAMS: '/nonexistent', CERTDOCS_CACHE: '0' });
const site = buildSiteData(settings);

/** Every page's body, by key, as the second thread renders them. */
function renderBodies(data: typeof site): Map<string, string> {
  const bodies = new Map<string, string>();
  eachBody(data, (key, body) => bodies.set(key, body));
  return bodies;
}

/** Bodies packed as the second thread sends them. */
function packBodies(bodies: ReadonlyMap<string, string>): PackedBodies {
  const packer = new BodyPacker();
  for (const [key, body] of bodies) packer.add(key, body);
  return packer.packed();
}

/** A second thread that answers with the given messages. */
function fakeThread(outline: OutlineMessage, bodies: BodiesMessage, stopped: string[] = []): Prerender {
  return { settings, outline: async () => outline, bodies: async () => bodies, stop: () => void stopped.push('stopped') };
}

describe('page bodies rendered ahead', () => {
  it('renders the body of every page the templates make, as the page function does', () => {
    const bodies = renderBodies(site);
    let expected = 0;
    for (const name of Object.keys(pages) as PageName[]) {
      const fn = pages[name] as (...args: unknown[]) => string;
      const list = (PAGE_LISTS as Partial<Record<PageName, string>>)[name];
      if (!list) {
        expected++;
        assert.equal(bodies.get(bodyKey(name, '/any/')), fn(site), name);
        continue;
      }
      const entries = list.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], site) as Array<{ url: string }>;
      assert.ok(entries.length > 0, list);
      for (const entry of entries) {
        expected++;
        assert.equal(bodies.get(bodyKey(name, entry.url)), fn(entry, site), `${name} ${entry.url}`);
      }
    }
    assert.equal(bodies.size, expected);
  });

  it('names the page whose body could not be rendered', () => {
    const broken = { ...site, flags: [{ ...site.flags[0]!, verifies: undefined }] } as unknown as typeof site;
    assert.throws(
      () => eachBody(broken, () => {}),
      (err: Error) => err.message.startsWith(`page flag ${site.flags[0]!.url}: `) && err.stack!.startsWith(`TypeError: page flag ${site.flags[0]!.url}: `),
    );
  });

  it('paginates each template over the list its bodies are rendered for', () => {
    const templates = readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.11ty.js'));
    const paginated = new Map<string, string>();
    for (const file of templates) {
      const text = readFileSync(path.join(TEMPLATES_DIR, file), 'utf8');
      const name = /this\.page\('(\w+)'/.exec(text)?.[1];
      assert.ok(name && name in pages, `${file} calls a page function`);
      const list = /pagination:\s*\{\s*data:\s*'certdocs\.([\w.]+)'/.exec(text)?.[1];
      if (list) paginated.set(name, list);
    }
    assert.deepEqual(Object.fromEntries([...paginated].sort()), Object.fromEntries(Object.entries(PAGE_LISTS).sort()));
  });

  it('hands every body over byte for byte, once, whatever its characters', () => {
    const bodies = new Map([
      ['plain', '<p>kube-apiserver --client-ca-file</p>'],
      ['latin1', '<p>caf\u00e9 \u00a0&rsaquo;</p>'],
      ['wide', '<p>\u4e2d\u6587 \u{1f512} \u2192</p>'],
      ['lone', 'a\ud800b'],
      ['empty', ''],
      ['last', 'x'.repeat(100_000)],
    ]);
    const packed = packBodies(bodies);
    assert.deepEqual([...packed.other.keys()], ['lone']);
    assert.equal(packed.chunks.length, 1);
    const copy = structuredClone(packed, { transfer: packed.chunks });
    assert.equal(packed.chunks[0]!.byteLength, 0, 'the buffer moved, not copied');
    const reader = new PackedBodyReader(copy);
    for (const [key, body] of [...bodies].reverse()) assert.equal(reader.take(key), body, key);
    for (const key of bodies.keys()) assert.equal(reader.take(key), undefined, `${key} is taken once`);
    assert.equal(reader.take('unknown'), undefined);
  });

  it('spreads bodies over buffers of a few megabytes and lets each go once its bodies are taken', () => {
    const bodies = new Map<string, string>(Array.from({ length: 12 }, (_, i) => [`page ${i}`, `<p>${String(i).repeat(1_000_000)}</p>`]));
    bodies.set('huge', 'h'.repeat(9_000_000));
    const packed = packBodies(bodies);
    assert.ok(packed.chunks.length >= 4, `${packed.chunks.length} buffers`);
    assert.ok(packed.chunks.every((chunk) => chunk.byteLength <= 9_000_000));
    const reader = new PackedBodyReader(packed);
    const first = packed.chunk[0]!;
    const inFirst = packed.keys.filter((_, i) => packed.chunk[i] === first);
    for (const key of inFirst.slice(0, -1)) assert.equal(reader.take(key), bodies.get(key));
    assert.ok(packed.chunks[first]!.byteLength > 0, 'kept while a body in it is left');
    assert.equal(reader.take(inFirst.at(-1)!), bodies.get(inFirst.at(-1)!));
    assert.equal(packed.chunks[first]!.byteLength, 0, 'let go once every body in it is taken');
    for (const [key, body] of bodies) if (!inFirst.includes(key)) assert.equal(reader.take(key), body, key);
  });

  it('keeps the outline to what the frame and the templates read', () => {
    const outline = siteOutline(site);
    assert.deepEqual(Object.keys(outline).sort(), ['components', 'flags', 'materials', 'meta', 'namespaces', 'pathPrefix', 'resources', 'troubleshoot', 'urls']);
    assert.deepEqual(outline.flags, site.flags.map((f) => ({ url: f.url })));
    assert.equal(outline.meta, site.meta);
    assert.ok(JSON.stringify(outline).length < JSON.stringify(site).length / 4);
  });
});

describe('where the site data comes from', () => {
  it('takes the outline and the bodies from the second thread', async () => {
    const bodies = new Map([[bodyKey('flag', site.flags[0]!.url), '<p>rendered ahead</p>']]);
    offerPrerender(fakeThread({ kind: 'outline', outline: siteOutline(site), ms: 1 }, { kind: 'bodies', bodies: packBodies(bodies) }));
    const source = new SiteSource(settings);
    const data = await source.data();
    assert.ok(Object.isFrozen(data));
    assert.deepEqual(data.flags[0], { url: site.flags[0]!.url });
    assert.throws(() => source.rendered(), /a page was rendered before its body came from the second thread/);
    await source.ready();
    assert.equal(source.rendered()?.take(bodyKey('flag', site.flags[0]!.url)), '<p>rendered ahead</p>');
  });

  it('builds the data here when the thread could not, and renders in the shortcode', async () => {
    offerPrerender(fakeThread({ kind: 'failed', message: 'the thread stopped (exit code 1)' }, { kind: 'failed', message: 'no site data' }));
    const source = new SiteSource(settings);
    const data = await source.data();
    assert.equal(data.flags.length, site.flags.length);
    assert.ok('ref' in data.flags[0]!, 'the full site data');
    await source.ready();
    assert.equal(source.rendered(), undefined);
  });

  it('fails the build with the reason when the thread could not render the pages', async () => {
    offerPrerender(fakeThread({ kind: 'outline', outline: siteOutline(site), ms: 1 }, { kind: 'failed', message: 'TypeError: boom | at flagBody' }));
    const source = new SiteSource(settings);
    await source.data();
    await assert.rejects(source.ready(), /the second thread could not render the pages: TypeError: boom/);
  });

  it('uses a thread only once, and only one started with the same settings', () => {
    const stopped: string[] = [];
    offerPrerender(fakeThread({ kind: 'failed', message: '' }, { kind: 'failed', message: '' }, stopped));
    assert.equal(takePrerender({ ...settings, outDir: path.join(PROJECT_ROOT, 'elsewhere') }), undefined);
    assert.deepEqual(stopped, ['stopped']);
    assert.equal(takePrerender(settings), undefined, 'the slot is empty');
    offerPrerender(fakeThread({ kind: 'failed', message: '' }, { kind: 'failed', message: '' }, stopped));
    assert.ok(takePrerender(settings));
    assert.equal(takePrerender(settings), undefined);
    assert.deepEqual(stopped, ['stopped']);
  });
});
