/**
 * The site as files: built by the real Eleventy command from a small
 * synthetic data folder (temp dir), then read back. Browser checks live in
 * site-browser.test.ts.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { decodeHTML } from 'entities';
import { MERMAID_CONFIG } from '../scripts/render/config.ts';
import { buildSite, ELEVENTY, PRERENDER, SITE_NODE_OPTIONS, siteArgs, type BuildResult } from '../scripts/site/build.ts';
import { writeFixtureData } from '../scripts/site/fixture-data.ts';
import { accessibleSvg, sanitizeSvg } from '../scripts/site/diagrams.ts';
import { renderInline } from '../scripts/site/markdown.ts';
import { schemaViews } from '../scripts/site/schemas.ts';
import { buildSiteData } from '../scripts/site/site-data.ts';
import { flagBody } from '../scripts/site/pages/flag.ts';
import { namespaceBody } from '../scripts/site/pages/namespace.ts';
import { resourceBody } from '../scripts/site/pages/resource.ts';
import { edgesTouching, flagNeighbourhood, resourceNeighbourhood } from '../scripts/site/site-data.ts';
import { writeSyntheticData } from '../scripts/site/fixture-data.ts';
import { flagUrl, resourceUrl } from '../scripts/site/urls.ts';
import { impactFrom, impactOf } from '../scripts/model/impact.ts';
import { validateDataDir } from '../scripts/validate/index.ts';
import { PROJECT_ROOT, siteSettings } from '../scripts/site/settings.ts';

const FAKE_SVG = `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" id="my-svg" width="100" height="40" onload="window.__svg = 1"><style>#my-svg .x{fill:red}</style><script>window.__svg = 2</script><g class="x"><text>alpha --ca-file</text></g><a href="javascript:alert(1)"><text>x</text></a></svg>`;

const ENHANCEMENT = `---\ntitle: synthetic\nauthors:\n  - "@someone"\n---\n\n# Synthetic enhancement\n\nSee \`alpha --ca-file\` and <b>raw html</b>.\n\n## Section two\n\n| Flag | What |\n|---|---|\n| \`--ca-file\` | x |\n`;

let root: string;
let out: string;
let first: BuildResult;
/** The other builds of this file, started with the first one (they are independent processes): the same data again keeping nothing between runs, with a path prefix, and bad data. */
let others: Promise<{ second: BuildResult; prefixed: BuildResult; bad: BuildResult; badHere: BuildResult }>;

function page(dir: string, url: string): string {
  const rel = url.endsWith('/') ? `${url}index.html` : url;
  return readFileSync(path.join(dir, rel), 'utf8');
}

function listFiles(dir: string): string[] {
  const outList: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else outList.push(path.relative(dir, full));
    }
  };
  walk(dir);
  return outList;
}

describe('site build from a synthetic data folder', () => {
  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'certdocs-site-'));
    writeFixtureData(path.join(root, 'data'));
    mkdirSync(path.join(root, 'svg'));
    writeFileSync(path.join(root, 'svg/flag-alpha-ca-file.svg'), FAKE_SVG);
    // Rendered from older data: its title no longer matches the diagram.
    writeFileSync(path.join(root, 'svg/component-alpha.svg'), '<svg id="certdocs-component-alpha"><title id="certdocs-component-alpha-title">old title</title><text>old</text></svg>');
    writeFileSync(path.join(root, 'enhancement.md'), ENHANCEMENT);
    out = path.join(root, 'out');
    const bad = path.join(root, 'bad');
    writeFixtureData(bad);
    const badFile = path.join(bad, 'components/beta.json');
    writeFileSync(badFile, readFileSync(badFile, 'utf8').replace('"serving-key"', '"no-such-kind"'));
    const build = (dir: string, extra: Partial<Parameters<typeof buildSite>[0]> = {}) =>
      buildSite({ dataDir: path.join(root, 'data'), outDir: path.join(root, dir), diagramsDir: path.join(root, 'svg'), enhancementFile: path.join(root, 'enhancement.md'), search: false, ...extra });
    // The data and page bodies built in the build's second thread (scripts/site/prerender.ts).
    const firstBuild = build('out', { verbose: true });
    others = (async () => {
      const [second, prefixed, badResult, badHere] = await Promise.all([
        // Nothing kept between runs: the site's code imported module by module, not from the code bundle,
        // and no second thread (the data and every body built on Eleventy's thread).
        build('again', { keepNothing: true, verbose: true }),
        build('prefixed', { pathPrefix: '/docs/' }),
        buildSite({ dataDir: bad, outDir: path.join(root, 'bad-out'), search: false }),
        buildSite({ dataDir: bad, outDir: path.join(root, 'bad-out-here'), search: false, keepNothing: true }),
      ]);
      return { second, prefixed, bad: badResult, badHere };
    })();
    first = await firstBuild;
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('builds every page type at its stable URL', () => {
    assert.equal(first.code, 0, first.stderr);
    for (const url of [
      '/',
      '/components/',
      '/components/alpha/',
      '/flags/',
      '/flags/alpha/ca-file/',
      '/flags/beta/serving-cert/',
      '/flags/beta/serving-key/',
      '/namespaces/',
      '/namespaces/ns-one/',
      '/resources/ns-one/cm/bundle/',
      '/resources/ns-one/cm/upstream-ca/',
      '/enhancement/',
      '/schemas/',
      '/check/',
      '/search/',
      '/404.html',
    ]) {
      assert.ok(existsSync(path.join(out, url.endsWith('/') ? `${url}index.html` : url)), `missing ${url}`);
    }
  });

  it('shows markup from the data as text and links flag refs in backticks', () => {
    const html = page(out, '/flags/alpha/ca-file/');
    assert.ok(html.includes('&lt;script>window.__pwned = 1&lt;/script>'), 'script tag escaped');
    assert.ok(html.includes('&lt;img src=x onerror='), 'img tag escaped');
    assert.ok(!/<script>window\.__pwned/.test(html));
    assert.ok(!/<img src=x/.test(html));
    assert.ok(html.includes('<a href="/flags/beta/serving-cert/"><code>beta --serving-cert</code></a>'));
    // "--serving-key" alone, written on beta, links to beta's flag.
    assert.ok(page(out, '/flags/beta/serving-cert/').includes('<a href="/flags/beta/serving-key/"><code>--serving-key</code></a>'));
    // Block markdown: raw HTML stays text.
    const ns = page(out, '/namespaces/ns-one/');
    assert.ok(ns.includes('<strong>soft</strong>'));
    assert.ok(ns.includes('&lt;b>not bold&lt;/b>'));
  });

  it('shows what verifies a flag, with condition and consequence', () => {
    const html = page(out, '/flags/beta/serving-cert/');
    const verifiedBy = html.slice(html.indexOf('Must be verifiable by'), html.indexOf('id="what-breaks"'));
    assert.ok(verifiedBy.includes('href="/flags/alpha/ca-file/"'));
    assert.ok(verifiedBy.includes('TLS is on'));
    assert.ok(verifiedBy.includes('<strong>cannot connect</strong>'));
    assert.ok(html.includes('Issued by the synthetic op-a.'));
    assert.ok(html.includes('Synthetic refresh text.'));
    // Validity is not in the data: said so, not invented.
    assert.match(html, /<dt>Validity<\/dt><dd><span class="undocumented">not documented yet<\/span>/);
  });

  it('lists consequences reachable from a resource through resources that feed other resources', () => {
    const html = page(out, '/resources/ns-one/cm/upstream-ca/');
    const breaks = html.slice(html.indexOf('id="what-breaks"'), html.indexOf('id="lifecycle"'));
    assert.ok(breaks.includes('<strong>cannot connect</strong>'), 'consequence of the edge two hops away');
    assert.ok(breaks.includes('href="/resources/ns-one/cm/bundle/"'), 'reached through cm/bundle');
    assert.ok(breaks.includes('href="/flags/alpha/ca-file/"'));
    const bundle = page(out, '/resources/ns-one/cm/bundle/');
    assert.ok(bundle.includes('Built from (upstream)'));
    assert.ok(bundle.slice(bundle.indexOf('Built from')).includes('href="/resources/ns-one/cm/upstream-ca/"'));
  });

  it('inlines a rendered SVG with a title and description, sanitized, without the mermaid script', () => {
    const html = page(out, '/flags/alpha/ca-file/');
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + 6);
    assert.ok(svg.includes('role="img"'));
    assert.ok(svg.includes('<title id="diagram-flag-alpha-ca-file-title">'));
    assert.ok(svg.includes('<desc id="diagram-flag-alpha-ca-file-desc">'));
    assert.ok(svg.includes('#diagram-flag-alpha-ca-file .x'), 'CSS scoped to the page-unique id');
    assert.ok(!svg.includes('<script'));
    assert.ok(!svg.includes('onload'));
    assert.ok(!svg.includes('javascript:'));
    assert.ok(!html.includes('mermaid.min.js'));
  });

  it('falls back to mermaid served by the site when no SVG was rendered', () => {
    const html = page(out, '/flags/beta/serving-cert/');
    assert.ok(html.includes('<pre class="mermaid"'));
    assert.ok(html.includes('<script src="/assets/mermaid.min.js"></script>'));
    assert.ok(existsSync(path.join(out, 'assets/mermaid.min.js')));
    assert.ok(page(out, '/flags/beta/serving-key/').includes('has no diagram'));
  });

  it("draws in the browser with the build's Mermaid configuration (its raised limits), labels kept as text", () => {
    const html = page(out, '/flags/beta/serving-cert/');
    const attr = /<script src="\/assets\/diagrams\.js" data-config="([^"]*)"><\/script>/.exec(html);
    assert.ok(attr, 'the diagrams script carries the configuration');
    const config = decodeHTML(attr[1]!);
    // Run the page's script against a stand-in Mermaid, once as built and once with a config that asks for loose security.
    const run = (dataConfig: string) => {
      const seen: Array<Record<string, unknown>> = [];
      const mermaid = { initialize: (c: Record<string, unknown>) => seen.push(c), run: () => new Promise(() => undefined) };
      const document = { currentScript: { getAttribute: (name: string) => (name === 'data-config' ? dataConfig : null) }, querySelectorAll: () => [] };
      vm.runInNewContext(readFileSync(path.join(out, 'assets/diagrams.js'), 'utf8'), { mermaid, document, CustomEvent: class {} });
      return seen[0]!;
    };
    const used = run(config);
    assert.equal(used.maxTextSize, MERMAID_CONFIG.maxTextSize);
    assert.equal(used.maxEdges, MERMAID_CONFIG.maxEdges);
    assert.deepEqual(JSON.parse(JSON.stringify(used.flowchart)), MERMAID_CONFIG.flowchart);
    assert.equal(used.securityLevel, 'strict');
    assert.equal(run(JSON.stringify({ securityLevel: 'loose', startOnLoad: true })).securityLevel, 'strict');
    assert.equal(run('not json').securityLevel, 'strict');
  });

  it('does not show an SVG rendered from older data', () => {
    const html = page(out, '/components/alpha/');
    assert.ok(!html.includes('old title'));
    assert.ok(html.includes('<pre class="mermaid"'));
    assert.ok(html.includes('/assets/mermaid.min.js'));
  });

  it('loads nothing from another host', () => {
    for (const file of listFiles(out).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(path.join(out, file), 'utf8');
      for (const m of html.matchAll(/<(script|link|img|iframe|source)\b[^>]*\s(?:src|href)="([^"]*)"/g)) {
        assert.ok(!/^(https?:)?\/\//.test(m[2]!), `${file} loads ${m[2]} from another host`);
      }
      assert.ok(html.includes('Content-Security-Policy'), `${file} has a CSP`);
    }
    const css = readFileSync(path.join(out, 'assets/site.css'), 'utf8');
    assert.ok(!/@import|url\(\s*['"]?(https?:)?\/\//.test(css));
  });

  it('gives every page its own title and description (eleventyComputed from the site data)', () => {
    const titles = new Set<string>();
    for (const file of listFiles(out).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(path.join(out, file), 'utf8');
      const title = /<title>(.*) · certdocs<\/title>/.exec(html)?.[1] ?? '';
      assert.ok(title.trim(), `${file} has a title`);
      assert.ok(!titles.has(title), `${file}: title "${title}" is not unique`);
      titles.add(title);
      assert.match(html, /<meta name="description" content="[^"]{10,}">/, `${file} has a description`);
    }
    assert.match(page(out, '/flags/alpha/ca-file/'), /<title>alpha --ca-file · certdocs<\/title>/);
    assert.match(page(out, '/404.html'), /<title>Page not found · certdocs<\/title>/);
  });

  it('renders the enhancement with raw HTML disabled, linked flags and heading ids', () => {
    const html = page(out, '/enhancement/');
    assert.ok(html.includes('&lt;b>raw html&lt;/b>'));
    assert.ok(html.includes('<a href="/flags/alpha/ca-file/"><code>alpha --ca-file</code></a>'));
    assert.ok(html.includes('<h2 id="section-two">'));
    assert.ok(html.includes('<dt>authors</dt><dd>@someone</dd>'));
  });

  it('renders the JSON Schemas for contributors', () => {
    const html = page(out, '/schemas/');
    assert.ok(html.includes('id="component-flag"'));
    assert.ok(html.includes('<code>ca-bundle</code>'), 'enum values listed');
    assert.ok(html.includes('<span class="required">required</span>'));
  });

  it('is deterministic: the same data builds byte-identical files, from the code bundle, caches and second thread or without them', async () => {
    const again = path.join(root, 'again');
    const { second } = await others;
    assert.equal(second.code, 0, second.stderr);
    assert.match(first.stderr, /^certdocs site: data for 3 flags in \d+ ms, in a second thread \(Eleventy waited \d+ ms\)\n.*page bodies from the second thread/m);
    assert.match(second.stderr, /^certdocs site: data for 3 flags in \d+ ms$/m);
    const files = listFiles(out);
    assert.deepEqual(listFiles(again), files);
    for (const f of files) assert.ok(readFileSync(path.join(out, f)).equals(readFileSync(path.join(again, f))), `${f} differs`);
  });

  it('puts every link under the publishing prefix when there is one', async () => {
    const prefixed = path.join(root, 'prefixed');
    const result = (await others).prefixed;
    assert.equal(result.code, 0, result.stderr);
    for (const file of ['index.html', 'flags/alpha/ca-file/index.html', 'resources/ns-one/cm/upstream-ca/index.html', '404.html', 'search/index.html', 'troubleshoot/index.html']) {
      const html = readFileSync(path.join(prefixed, file), 'utf8');
      for (const m of html.matchAll(/\s(?:src|href|action|data-bundle|data-base)="(\/[^"]*)"/g)) {
        assert.ok(m[1]!.startsWith('/docs/') && !m[1]!.startsWith('/docs/docs/'), `${file}: ${m[1]}`);
      }
    }
  });

  it('stops on bad data with one line naming the file and line, found in the second thread or here', async () => {
    const { bad, badHere } = await others;
    for (const result of [bad, badHere]) {
      assert.equal(result.code, 1);
      const lines = result.stderr.trim().split('\n');
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0]!, /^certdocs site: .*components\/beta\.json:\d+:\d+: schema: /);
    }
    assert.equal(bad.stderr, badHere.stderr);
  });
});

describe('site helpers', () => {
  it('sanitizes SVG and gives it an accessible name', () => {
    const clean = accessibleSvg(sanitizeSvg(FAKE_SVG), { id: 'overall', title: 'T <x>', description: 'D & d' });
    assert.ok(clean.startsWith('<svg'));
    assert.ok(clean.includes('<title id="diagram-overall-title">T &lt;x&gt;</title>'));
    assert.ok(clean.includes('<desc id="diagram-overall-desc">D &amp; d</desc>'));
    assert.ok(!clean.includes('my-svg'));
    assert.ok(!/<script|onload|javascript:/.test(clean));
  });

  it('links only refs that exist, and never inside another link', () => {
    const linker = (t: string) => (t === 'a --b' ? '/flags/a/b/' : undefined);
    assert.equal(renderInline('`a --b` and `a --c`', linker), '<a href="/flags/a/b/"><code>a --b</code></a> and <code>a --c</code>');
    assert.equal(renderInline('[see `a --b`](https://example.org)', linker), '<a href="https://example.org">see <code>a --b</code></a>');
    assert.equal(renderInline('[x](javascript:alert(1))', linker), 'x');
  });

  it('a published copy says so on its resource page, its flag page and its namespace table, and is not in what breaks', () => {
    const site = buildSiteData(siteSettings({ ...process.env, CERTDOCS_DATA: 'data', CERTDOCS_DIAGRAMS: '/nonexistent' }));
    const text = (h: string) => decodeHTML(h.replace(/<[^>]+>/g, ''));
    const section = (h: string, id: string) => h.slice(h.indexOf(`id="${id}"`), h.indexOf('</section>', h.indexOf(`id="${id}"`)));
    const copy = site.resources.find((r) => r.ref === 'openshift-config-managed cm/kube-apiserver-client-ca')!;
    const body = resourceBody(copy, site);
    const feeds = text(section(body, 'feeds'));
    const [fed, published] = feeds.split('A published copy of what these flags use');
    assert.ok(published?.includes('kube-apiserver --client-ca-file'), feeds);
    assert.ok(!fed!.includes('kube-apiserver --client-ca-file') && fed!.includes('kubelet --client-ca-file'), feeds);
    assert.ok(!text(section(body, 'what-breaks')).includes('kube-apiserver --client-ca-file'));
    const flag = site.flags.find((f) => f.ref === 'kube-apiserver --client-ca-file')!;
    assert.match(text(section(flagBody(flag, site), 'fed-by')), /A copy of what it uses is published for other operators in openshift-config-managed cm\/kube-apiserver-client-ca;/);
    const ns = site.namespaces.find((n) => n.name === 'openshift-config-managed')!;
    assert.match(text(namespaceBody(ns, site)), /Published copy of what kube-apiserver --kubelet-certificate-authority uses\./);
  });

  it('builds the site with the command npm run site:build gives', () => {
    const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const args = siteArgs().map((a) => (a === ELEVENTY ? './node_modules/.bin/eleventy' : a === PRERENDER ? './scripts/site/prerender.ts' : a));
    assert.equal(pkg.scripts['site:build'], ['node', ...args].join(' '));
    assert.ok(SITE_NODE_OPTIONS.every((o) => args.includes(o)));
  });

  it('reads CERTDOCS_CACHE as a switch or a folder', () => {
    const dir = (value: string | undefined) => siteSettings({ CERTDOCS_CACHE: value }).cacheDir;
    const fallback = path.join(PROJECT_ROOT, '.cache/site');
    for (const on of [undefined, '', '1', 'true', 'YES', 'on']) assert.equal(dir(on), fallback, String(on));
    for (const off of ['0', 'false', 'No', 'off']) assert.equal(dir(off), undefined, off);
    assert.equal(dir('/tmp/certdocs-cache'), '/tmp/certdocs-cache');
    assert.equal(dir('.cache/other'), path.join(PROJECT_ROOT, '.cache/other'));
  });

  it('builds URLs from refs', () => {
    assert.equal(flagUrl('kube-controller-manager --cluster-signing-cert-file'), '/flags/kube-controller-manager/cluster-signing-cert-file/');
    assert.equal(resourceUrl('openshift-config-managed secret/etcd-client'), '/resources/openshift-config-managed/secret/etcd-client/');
  });

  it('computes impacts from a flag\'s or resource\'s neighbourhood (as the site does) exactly as from the whole model', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'certdocs-impact-'));
    try {
      writeFixtureData(path.join(dir, 'fixture'));
      writeSyntheticData(path.join(dir, 'synthetic'), 120);
      for (const dataDir of [path.join(PROJECT_ROOT, 'data'), path.join(dir, 'fixture'), path.join(dir, 'synthetic')]) {
        const model = validateDataDir(dataDir).model!;
        const touching = edgesTouching(model);
        const edgeIndex = new Map(model.edges.map((e, i) => [e, i]));
        assert.ok(model.flags.size > 0 && model.resources.size > 0, dataDir);
        for (const ref of model.flags.keys()) {
          assert.deepEqual(impactFrom(flagNeighbourhood(model, touching.get(ref) ?? []), { kind: 'flag', ref }), impactOf(model, ref), ref);
        }
        for (const ref of model.resources.keys()) {
          assert.deepEqual(impactFrom(resourceNeighbourhood(model, ref, touching, edgeIndex), { kind: 'resource', ref }), impactOf(model, ref), ref);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('describes every schema property', () => {
    const views = schemaViews();
    const component = views.find((v) => v.anchor === 'component')!;
    const flag = component.definitions.find((d) => d.name === 'flag')!;
    const kind = flag.properties.find((p) => p.name === 'kind')!;
    assert.ok(kind.required);
    assert.ok(kind.values.includes('rotation-toggle'));
    const purpose = flag.properties.find((p) => p.name === 'purpose')!;
    assert.ok(purpose.typeHtml.includes('href="#common-text"'));
  });
});
