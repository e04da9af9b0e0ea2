/**
 * Data folders for site tests and the site benchmark: a small one that
 * exercises every page type (with hostile text), and a large synthetic one.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const HOSTILE_PURPOSE = 'CA bundle for `beta --serving-cert`. <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2">';

function writeJson(file: string, data: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

/** A small data folder that exercises every page type. */
export function writeFixtureData(dir: string): void {
  const edge = { condition: 'TLS is on', consequence: 'clients of `beta --serving-cert` **cannot connect**' };
  writeJson(path.join(dir, 'components/alpha.json'), {
    $schema: '../schemas/component.schema.json',
    name: 'alpha',
    description: 'A synthetic component.',
    flags: [{ name: '--ca-file', kind: 'ca-bundle', purpose: HOSTILE_PURPOSE, verifies: [{ ref: 'beta --serving-cert', ...edge }] }],
  });
  writeJson(path.join(dir, 'components/beta.json'), {
    $schema: '../schemas/component.schema.json',
    name: 'beta',
    flags: [
      {
        name: '--serving-cert',
        kind: 'serving-cert',
        purpose: 'Serving cert; its key is `--serving-key`.',
        verifiedBy: [{ ref: 'alpha --ca-file', ...edge }],
        creation: 'Issued by the synthetic op-a.',
        rotation: { refresh: 'Synthetic refresh text.' },
      },
      { name: '--serving-key', kind: 'serving-key', purpose: 'Serving key.', pairsWith: 'beta --serving-cert' },
    ],
  });
  writeJson(path.join(dir, 'namespaces/ns-one.json'), {
    $schema: '../schemas/namespace.schema.json',
    namespace: 'ns-one',
    contract: 'A **soft** contract.\n\n<b>not bold</b>',
    resources: [
      { name: 'cm/upstream-ca', purpose: 'Input to `cm/bundle`.', inputTo: ['cm/bundle'], producers: ['op-a'] },
      { name: 'cm/bundle', feeds: ['alpha --ca-file'], producers: ['op-a'], consumers: ['alpha'] },
    ],
  });
  writeJson(path.join(dir, 'actors.json'), {
    $schema: './schemas/actors.schema.json',
    actors: [{ name: 'op-a', description: 'A synthetic operator.' }, { name: 'alpha' }],
  });
}


/**
 * A large synthetic data folder: `flagCount` flags in components of 50,
 * cycling through CA bundles, serving and client certs and keys; every CA
 * bundle verifies a serving cert of the next component and a client cert of
 * its own (edges written on both sides, with conditions and consequences
 * that name flags); one ConfigMap or Secret per four flags, chained with
 * inputTo in short chains. The data is valid (validateDataDir reports nothing).
 * With `document`, also a document.json (front matter, a flags section, a
 * resources section and the embedded diagrams), so `certdocs generate` runs on it.
 */
export function writeSyntheticData(dir: string, flagCount: number, options: { document?: boolean } = {}): void {
  const perComponent = 50;
  const componentCount = Math.max(1, Math.ceil(flagCount / perComponent));
  const KINDS = ['ca-bundle', 'serving-cert', 'serving-key', 'client-cert', 'client-key'] as const;
  const OPENING: Record<(typeof KINDS)[number], string> = {
    'ca-bundle': 'CA bundle',
    'serving-cert': 'Serving cert',
    'serving-key': 'Serving key',
    'client-cert': 'Client cert',
    'client-key': 'Client key',
  };
  type SFlag = { name: string; kind: string; purpose: string; verifies?: object[]; verifiedBy?: object[]; pairsWith?: string; interactsWith?: string[] };
  const comps: Array<{ name: string; flags: SFlag[] }> = [];
  let made = 0;
  for (let c = 0; c < componentCount; c++) {
    const name = `component-${String(c).padStart(3, '0')}`;
    const flags: SFlag[] = [];
    for (let i = 0; i < perComponent && made < flagCount; i++, made++) {
      const kind = KINDS[i % KINDS.length]!;
      flags.push({
        name: `--flag-${String(i).padStart(3, '0')}-${kind}`,
        kind,
        // Opened with the kind's words, as the validator requires (kind-purpose-mismatch).
        purpose: `${OPENING[kind]} used to measure the pipeline: synthetic flag number ${i} of \`${name}\`. It is *not* real data; see \`${name} --flag-000-ca-bundle\`.`,
      });
    }
    comps.push({ name, flags });
  }
  const find = (c: number, i: number) => comps[c]?.flags[i];
  const ref = (c: number, i: number) => `${comps[c]!.name} ${comps[c]!.flags[i]!.name}`;
  const link = (vc: number, vi: number, dc: number, di: number, n: number) => {
    const verifier = find(vc, vi);
    const verified = find(dc, di);
    if (!verifier || !verified) return;
    const side = { condition: n % 3 === 0 ? `\`${ref(dc, di)}\` is served` : undefined, consequence: `\`${ref(dc, di)}\` cannot be verified and requests fail (${n})` };
    const clean = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
    (verifier.verifies ??= []).push(clean({ ref: ref(dc, di), ...side }));
    (verified.verifiedBy ??= []).push(clean({ ref: ref(vc, vi), ...side }));
  };
  let n = 0;
  for (let c = 0; c < comps.length; c++) {
    const flags = comps[c]!.flags;
    for (let i = 0; i < flags.length; i++) {
      const kind = flags[i]!.kind;
      if (kind === 'ca-bundle') {
        link(c, i, (c + 1) % comps.length, i + 1, n++);
        link(c, i, c, i + 3, n++);
      }
      if ((kind === 'serving-key' || kind === 'client-key') && flags[i - 1]) flags[i]!.pairsWith = ref(c, i - 1);
      if (i % 10 === 4 && flags[i - 4]) flags[i]!.interactsWith = [ref(c, i - 4)];
    }
  }
  for (const comp of comps) {
    writeJson(path.join(dir, `components/${comp.name}.json`), { $schema: '../schemas/component.schema.json', name: comp.name, flags: comp.flags });
  }
  const allRefs = comps.flatMap((_, c) => comps[c]!.flags.map((__, i) => ref(c, i)));
  const kindOf = new Map<string, string>(comps.flatMap((comp) => comp.flags.map((f): [string, string] => [`${comp.name} ${f.name}`, f.kind])));
  const namespaceCount = 10;
  const actors = ['synthetic-operator-a', 'synthetic-operator-b', 'synthetic-installer'];
  const resourceCount = Math.ceil(allRefs.length / 4);
  const feedsOf = (r: number) => allRefs.slice(r * 4, r * 4 + 2);
  // Private keys live in Secrets; everything else in ConfigMaps.
  const nameOf = (r: number) => `${feedsOf(r).some((f) => kindOf.get(f)?.endsWith('-key')) ? 'secret' : 'cm'}/resource-${String(r).padStart(4, '0')}`;
  const nsOf = (r: number) => `synthetic-ns-${String(r % namespaceCount).padStart(2, '0')}`;
  for (let s = 0; s < namespaceCount; s++) {
    const resources: object[] = [];
    for (let r = s; r < resourceCount; r += namespaceCount) {
      // Short chains, as in real clusters: every third group of resources is an input to the next group.
      const next = Math.floor(r / namespaceCount) % 3 === 2 ? resourceCount : r + namespaceCount;
      resources.push({
        name: nameOf(r),
        purpose: `Synthetic resource ${r}.`,
        feeds: feedsOf(r),
        ...(next < resourceCount ? { inputTo: [`${nsOf(next)} ${nameOf(next)}`] } : {}),
        producers: [actors[r % actors.length]],
        consumers: [actors[(r + 1) % actors.length]],
      });
    }
    writeJson(path.join(dir, `namespaces/${nsOf(s)}.json`), { $schema: '../schemas/namespace.schema.json', namespace: nsOf(s), resources });
  }
  writeJson(path.join(dir, 'actors.json'), { $schema: './schemas/actors.schema.json', actors: [...actors].sort().map((name) => ({ name })) });
  if (options.document) {
    writeJson(path.join(dir, 'document.json'), {
      $schema: './schemas/document.schema.json',
      frontMatter: { title: 'synthetic-certificates' },
      sections: [
        { depth: 1, title: 'Synthetic certificates', body: 'Synthetic data, generated to measure the pipeline. It is *not* real data.' },
        { depth: 2, title: 'TLS flags', generated: 'components' },
        { depth: 2, title: 'Exposed resources', generated: 'namespaces' },
        { depth: 2, title: 'Trust diagrams', generated: 'diagrams' },
      ],
    });
  }
}
