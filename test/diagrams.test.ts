import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildDiagrams,
  componentDiagramId,
  flagDiagramId,
  hasFlagDiagram,
  KIND_CLASS,
  mermaidText,
  type Diagram,
} from '../scripts/generate/diagrams.ts';
import { FLAG_KINDS, KIND_LABELS, type DataSet } from '../scripts/model/types.ts';
import { HOSTILE, hostileModel, modelOf, smallDataSet } from './generate-helpers.ts';

const byId = (diagrams: Diagram[], id: string): Diagram => {
  const d = diagrams.find((x) => x.id === id);
  assert.ok(d, `diagram ${id} exists (have ${diagrams.map((x) => x.id).join(', ')})`);
  return d;
};

/** node id → label text (raw, as written in the source) for `nN["…"]`-style declarations of every shape. */
function nodes(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of source.matchAll(/^\s*(n\d+)(?:\[|\(|\{\{)"([^"]*)"/gm)) out.set(m[1]!, m[2]!);
  return out;
}

function links(source: string): Array<{ from: string; arrow: string; text: string; to: string }> {
  return [...source.matchAll(/^\s*(n\d+) (-->|--->|-\.->|-\.\.->|---|----)(?:\|"([^"]*)"\|)? (n\d+)$/gm)].map((m) => ({ from: m[1]!, arrow: m[2]!, text: m[3] ?? '', to: m[4]! }));
}

/** Style class → node ids, from `class a,b name` lines. */
function classes(source: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of source.matchAll(/^\s*class ([\w,]+) (\w+)$/gm)) out.set(m[2]!, [...(out.get(m[2]!) ?? []), ...m[1]!.split(',')]);
  return out;
}

function idOfLabel(source: string, text: string): string {
  const hit = [...nodes(source)].find(([, l]) => l === text);
  assert.ok(hit, `a node labelled ${text} in\n${source}`);
  return hit[0];
}

describe('buildDiagrams', () => {
  const model = modelOf(smallDataSet());
  const diagrams = buildDiagrams(model);

  it('orders diagrams: overall, resource-flow, component-* by name, flag-* by reference', () => {
    assert.deepEqual(
      diagrams.map((d) => d.id),
      [
        'overall',
        'resource-flow',
        'component-kube-apiserver',
        'component-kube-controller-manager',
        'component-kubelet',
        'flag-kube-apiserver-client-ca-file',
        'flag-kube-apiserver-kubelet-certificate-authority',
        'flag-kube-apiserver-tls-cert-file',
        'flag-kube-controller-manager-cluster-signing-cert-file',
        'flag-kube-controller-manager-root-ca-file',
        'flag-kubelet-tls-cert-file',
      ],
    );
    for (const d of diagrams) {
      assert.ok(d.title.length > 0 && d.description.length > 0, `${d.id} has a title and a description`);
      assert.ok(d.source.endsWith('\n') && d.source.includes('\nflowchart LR\n'), `${d.id} is a flowchart`);
    }
  });

  it('id helpers match the fixed id scheme', () => {
    assert.equal(flagDiagramId('kube-controller-manager --cluster-signing-cert-file'), 'flag-kube-controller-manager-cluster-signing-cert-file');
    assert.equal(componentDiagramId('kubelet'), 'component-kubelet');
    assert.equal(hasFlagDiagram(model, 'kubelet --rotate-certificates'), false);
    assert.equal(hasFlagDiagram(model, 'kube-apiserver --tls-private-key-file'), false);
    assert.equal(hasFlagDiagram(model, 'kubelet --tls-cert-file'), true);
  });

  it('overall: one subgraph per component holding exactly its flags that take part in edges', () => {
    const src = byId(diagrams, 'overall').source;
    const subgraphs = [...src.matchAll(/^\s*subgraph (s\d+)\["([^"]*)"\]$/gm)].map((m) => m[2]);
    assert.deepEqual(subgraphs, ['kube-apiserver', 'kube-controller-manager', 'kubelet']);
    const onEdge = new Set(model.edges.flatMap((e) => [e.verifier, e.verified]));
    // Each flag node sits between its component's `subgraph` and `end`.
    const blocks = src.split(/^\s*subgraph /m).slice(1).map((b) => b.slice(0, b.search(/^\s*end$/m)));
    for (const comp of model.components) {
      const block = blocks.find((b) => /^s\d+\["([^"]*)"\]/.exec(b)?.[1] === comp.name) ?? '';
      for (const f of comp.flags) {
        const inBlock = block.includes(`"${mermaidText(f.data.name)}<br/>`);
        assert.equal(inBlock, onEdge.has(f.ref), `${f.ref} ${onEdge.has(f.ref) ? 'in' : 'not in'} ${comp.name}'s subgraph`);
      }
    }
  });

  it('overall: exactly one arrow per model edge, from verifier to verified (every arrow means "verifies")', () => {
    const src = byId(diagrams, 'overall').source;
    const found = links(src);
    assert.equal(found.length, model.edges.length);
    const label = nodes(src);
    const asRefs = new Set(found.map((l) => `${label.get(l.from)} -> ${label.get(l.to)}`));
    for (const e of model.edges) {
      const from = `${mermaidText(model.flags.get(e.verifier)!.data.name)}<br/>`;
      const to = `${mermaidText(model.flags.get(e.verified)!.data.name)}<br/>`;
      assert.ok([...asRefs].some((s) => s.startsWith(from) && s.includes(` -> ${to}`)), `edge ${e.verifier} → ${e.verified}`);
    }
  });

  it('overall: a conditional edge is dashed, long and numbered, its condition in the description; an unconditional one is solid and unlabelled', () => {
    const overall = byId(diagrams, 'overall');
    const src = overall.source;
    const root = idOfLabel(src, '--root-ca-file<br/>CA bundle');
    const conditional = links(src).find((l) => l.from === root);
    assert.ok(conditional);
    assert.equal(conditional.arrow, '-..->');
    assert.equal(conditional.text, 'if #40;1#41;');
    assert.match(overall.description, /\(1\) if the service is not handled with SNI/);
    const client = idOfLabel(src, '--client-ca-file<br/>CA bundle');
    const plainEdge = links(src).find((l) => l.from === client);
    assert.equal(plainEdge?.arrow, '-->');
    assert.equal(plainEdge?.text, '');
  });

  it('overall: a one-sided edge is dashed, labelled and drawn red', () => {
    const ds = smallDataSet();
    delete ds.components[2]!.flags[0]!.verifiedBy; // kubelet --tls-cert-file forgets its side
    const src = byId(buildDiagrams(modelOf(ds)), 'overall').source;
    const all = links(src);
    const index = all.findIndex((l) => l.text.includes('one side only'));
    assert.ok(index >= 0, src);
    assert.equal(all[index]!.arrow, '-..->');
    assert.match(src, new RegExp(`^\\s*linkStyle ${index} stroke:#b91c1c`, 'm'));
  });

  it('styles every flag node by its kind with classDef', () => {
    const onEdge = new Set(model.edges.flatMap((e) => [e.verifier, e.verified]));
    for (const fn of model.flags.values()) {
      // Flags on edges are styled in the trust graph; every flag in its component's diagram.
      for (const id of onEdge.has(fn.ref) ? ['overall', `component-${fn.component}`] : [`component-${fn.component}`]) {
        const src = byId(diagrams, id).source;
        const cls = classes(src);
        const label = `${mermaidText(fn.data.name)}<br/>${KIND_LABELS[fn.data.kind]}`;
        const node = idOfLabel(src, label);
        assert.ok(cls.get(KIND_CLASS[fn.data.kind])?.includes(node), `${fn.ref} has class ${KIND_CLASS[fn.data.kind]} in ${id}`);
        for (const c of cls.keys()) assert.match(src, new RegExp(`^\\s*classDef ${c} \\S+`, 'm'), `classDef ${c} in ${id}`);
      }
    }
    // Every kind has a style class, and the kind groups named in the brief are distinct.
    for (const k of FLAG_KINDS) assert.ok(KIND_CLASS[k]);
    const groups = ['ca-bundle', 'serving-cert', 'serving-key', 'signing-cert', 'token-signing-key', 'kubeconfig', 'rotation-toggle'] as const;
    assert.equal(new Set(groups.map((k) => KIND_CLASS[k])).size, groups.length);
  });

  it('resource-flow: producer → resource → flag, and resource → resource for inputTo', () => {
    const src = byId(diagrams, 'resource-flow').source;
    const n = (text: string) => idOfLabel(src, text);
    const has = (from: string, text: string, to: string) =>
      assert.ok(links(src).some((l) => l.from === from && l.text === text && l.to === to), `${from} ${text} ${to} in\n${src}`);
    has(n('kube-controller-manager-operator'), 'produces', n('cm/csr-controller-ca'));
    has(n('cm/csr-controller-ca'), 'feeds', n('--kubelet-certificate-authority<br/>CA bundle'));
    has(n('cm/csr-controller-ca'), 'input to', n('cm/kube-apiserver-client-ca'));
    has(n('kube-apiserver-operator'), 'produces', n('cm/kube-apiserver-client-ca'));
    assert.equal(links(src).length, 5);
  });

  it('component-*: own flags in a subgraph, other components’ flags as external nodes', () => {
    const src = byId(diagrams, 'component-kube-controller-manager').source;
    assert.match(src, /^\s*subgraph s0\["kube-controller-manager"\]$/m);
    const ext = idOfLabel(src, 'kube-apiserver<br/>--client-ca-file<br/>CA bundle');
    assert.ok(classes(src).get('external')?.includes(ext));
    const own = idOfLabel(src, '--cluster-signing-cert-file<br/>signing cert');
    assert.ok(links(src).some((l) => l.from === ext && l.to === own && l.text === 'verifies'));
    // Edges not touching the component are left out.
    assert.equal(links(src).filter((l) => l.text.startsWith('verifies')).length, model.edges.filter((e) => e.verifier.startsWith('kube-controller-manager ') || e.verified.startsWith('kube-controller-manager ')).length);
  });

  it('component-*: cert/key pairs are linked', () => {
    const src = byId(diagrams, 'component-kube-apiserver').source;
    const a = idOfLabel(src, '--tls-cert-file<br/>serving cert');
    const b = idOfLabel(src, '--tls-private-key-file<br/>serving key');
    assert.ok(links(src).some((l) => l.arrow === '---' && l.text === 'pairs with' && [l.from, l.to].sort().join() === [a, b].sort().join()));
  });

  it('flag-*: the flag, its verifiers, what it verifies and its feeders', () => {
    const d = byId(diagrams, 'flag-kube-apiserver-kubelet-certificate-authority');
    const src = d.source;
    const me = idOfLabel(src, 'kube-apiserver<br/>--kubelet-certificate-authority<br/>CA bundle');
    assert.ok(classes(src).get('focus')?.includes(me));
    const targets = links(src).filter((l) => l.from === me && l.text === 'verifies').map((l) => nodes(src).get(l.to));
    assert.deepEqual(targets.sort(), ['kube-controller-manager<br/>--cluster-signing-cert-file<br/>signing cert', 'kubelet<br/>--tls-cert-file<br/>serving cert']);
    assert.ok(links(src).some((l) => l.to === me && l.text === 'feeds' && nodes(src).get(l.from) === 'openshift-config-managed<br/>cm/csr-controller-ca'));
    assert.match(d.description, /must be able to verify kube-controller-manager --cluster-signing-cert-file and kubelet --tls-cert-file/);
  });

  it('is deterministic: same data (in any file order) → identical text', () => {
    const again = buildDiagrams(modelOf(smallDataSet()));
    assert.deepEqual(again, diagrams);
    const shuffled: DataSet = smallDataSet();
    shuffled.components.reverse();
    assert.deepEqual(buildDiagrams(modelOf(shuffled)), diagrams);
  });
});

describe('label escaping', () => {
  it('replaces syntax and markup characters with Mermaid entity codes', () => {
    assert.equal(mermaidText('a "b" <c>'), 'a #quot;b#quot; #lt;c#gt;');
    assert.equal(mermaidText('x --> y | z'), 'x --#gt; y #124; z');
    assert.equal(mermaidText('#1; 100%'), '#35;1#59; 100#37;');
    assert.equal(mermaidText('[a] {b} (c) `d`'), '#91;a#93; #123;b#125; #40;c#41; #96;d#96;');
    assert.equal(mermaidText(' one\n  two\r\nthree\t'), 'one two three');
    assert.equal(mermaidText('ü 日本 — ok'), 'ü 日本 — ok');
  });

  it('keeps a text that needs nothing as it is, and escapes every other text in full', () => {
    // The full reading, without mermaidText's shortcut for texts that need nothing.
    const ENTITY: Record<string, string> = { '&': '#amp;', '"': '#quot;', '<': '#lt;', '>': '#gt;' };
    const full = (t: string) =>
      t
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u2028\u2029]/g, '')
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/[&"<>#;%:|`[\]{}()\\*_~]/g, (c) => ENTITY[c] ?? `#${c.codePointAt(0)};`);
    const pieces = ['a', 'kube-apiserver', '--flag', ' ', '  ', '\t', '\n', '\u00a0', '\u2028', '\u0007', '\u007f', 'é', '日', '#', ';', '_', '*', '"', '<', '.', '/', '0'];
    // Every sequence of up to three pieces, and each piece at the start and the end of a word.
    const texts = new Set<string>();
    for (const a of pieces) for (const b of pieces) for (const c of pieces) texts.add(a + b + c);
    for (const p of pieces) texts.add(`${p}word`).add(`word${p}`).add(`one ${p} two`);
    for (const t of texts) assert.equal(mermaidText(t), full(t), JSON.stringify(t));
  });

  it('decodes back to the original text (whitespace collapsed)', () => {
    const named: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&' };
    const decode = (s: string) => s.replace(/#(\w+);/g, (_, code: string) => (/^\d+$/.test(code) ? String.fromCodePoint(Number(code)) : named[code]!));
    assert.equal(decode(mermaidText(HOSTILE)), HOSTILE.replace(/\s+/g, ' ').trim());
  });

  it('no hostile name or text can break out of a label or add syntax', () => {
    const diagrams = buildDiagrams(hostileModel());
    const safe = String.raw`(?:[^"<>\n%;|\x60{}\[\]()#&:]|#\w+;|<br/>)*`;
    const grammar = [
      /^%% Generated by certdocs from data\/\. Do not edit: change the data and run `npm run build`\.$/,
      /^flowchart LR$/,
      new RegExp(`^\\s*subgraph s\\d+\\["${safe}"\\]$`),
      /^\s*end$/,
      new RegExp(`^\\s*n\\d+(?:\\["${safe}"\\]|\\("${safe}"\\)|\\{\\{"${safe}"\\}\\})$`),
      new RegExp(`^\\s*n\\d+ (?:-->|--->|-\\.->|-\\.\\.->|---|----)(?:\\|"${safe}"\\|)? n\\d+$`),
      /^\s*classDef \w+ [\w:#,. -]+$/,
      /^\s*class n\d+(?:,n\d+)* \w+$/,
      /^\s*linkStyle \d+ [\w:#,. -]+$/,
    ];
    for (const d of diagrams) {
      const lines = d.source.trimEnd().split('\n');
      for (const line of lines) assert.ok(grammar.some((g) => g.test(line)), `${d.id}: unexpected line ${JSON.stringify(line)}`);
      assert.doesNotMatch(d.source, /<script|%%\{|-->\s*b/i, d.id);
    }
    // The hostile text did make it into labels (escaped), so it was really exercised.
    const overall = diagrams.find((d) => d.id === 'overall')!.source;
    assert.ok(overall.includes('#lt;script#gt;alert#40;1#41;#lt;/script#gt;'));
    assert.ok(overall.includes('日本'));
    // Structure survives: still one subgraph per component and one edge per model edge.
    const model = hostileModel();
    assert.equal([...overall.matchAll(/^\s*subgraph /gm)].length, model.components.length);
    assert.equal(links(overall).length, model.edges.length);
  });
});
