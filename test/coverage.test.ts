import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildModel, filesFromDataSet } from '../scripts/model/model.ts';
import { validateDataDir } from '../scripts/validate/index.ts';
import { inspectCoverage, REQUIREMENTS } from '../scripts/review/coverage.ts';
import {
  baselineOf,
  compareWithBaseline,
  fixedGapsMessage,
  gapsOf,
  newGapsMessage,
  readBaseline,
  stringifyBaseline,
  updatedBaseline,
} from '../scripts/review/coverage-baseline.ts';
import { buildReport, coverageMarkdown } from '../scripts/review/coverage-report.ts';
import type { DataSet } from '../scripts/model/types.ts';
import { dataSet, writeDataSet } from './review-helpers.ts';
import { runCli } from './cli-helpers.ts';

const BASELINE = 'data/coverage-baseline.json';
const IDS = REQUIREMENTS.map((r) => r.id);

test('the committed data has no coverage gap that is not in the committed baseline', (t) => {
  const { model, problems, files } = validateDataDir('data');
  assert.deepEqual(problems, []);
  // The loader ignores the baseline file.
  assert.ok(!files.some((f) => f.rel.includes('coverage-baseline')));
  const { baseline, exists } = readBaseline(BASELINE);
  assert.ok(exists, `${BASELINE} is missing; create it with 'certdocs coverage --update-baseline --allow-new-gaps'`);
  const { newGaps, fixedGaps } = compareWithBaseline(gapsOf(inspectCoverage(model!)), baseline);
  if (fixedGaps.length) t.diagnostic(fixedGapsMessage(fixedGaps, BASELINE));
  assert.ok(newGaps.length === 0, newGapsMessage(newGaps, BASELINE));
});

test('the committed baseline is in canonical form (sorted, every requirement present)', () => {
  const text = readFileSync(BASELINE, 'utf8');
  const { baseline } = readBaseline(BASELINE);
  const gaps = Object.entries(baseline.gaps).flatMap(([requirement, refs]) => refs.map((ref) => ({ requirement, ref })));
  assert.equal(text, stringifyBaseline(baselineOf(gaps, IDS)), `rewrite it with 'certdocs coverage --update-baseline'`);
});

function mutated(edit: (ds: DataSet) => void): DataSet {
  const ds = dataSet();
  edit(ds);
  return ds;
}
const modelOf = (ds: DataSet) => buildModel(filesFromDataSet(ds));
const flagOf = (ds: DataSet, component: string, name: string) => ds.components.find((c) => c.name === component)!.flags.find((f) => f.name === name)!;

test('a new gap fails, naming the requirement and the item', () => {
  const before = mutated((ds) => (flagOf(ds, 'kube-apiserver', '--client-ca-file').owner = 'kube-apiserver operator'));
  const baseline = baselineOf(gapsOf(inspectCoverage(modelOf(before))), IDS);
  // Clean against its own baseline.
  assert.deepEqual(compareWithBaseline(gapsOf(inspectCoverage(modelOf(before))), baseline), { newGaps: [], fixedGaps: [] });
  // Dropping the owner is a new gap.
  const after = dataSet();
  const cmp = compareWithBaseline(gapsOf(inspectCoverage(modelOf(after))), baseline);
  assert.deepEqual(cmp, { newGaps: [{ requirement: 'owner', ref: 'kube-apiserver --client-ca-file' }], fixedGaps: [] });
  assert.match(newGapsMessage(cmp.newGaps, BASELINE), /^1 coverage gap is not in data\/coverage-baseline\.json.*\n {2}- owner: kube-apiserver --client-ca-file\n/);
});

test('the baseline only shrinks: fixed gaps drop out, new ones stay out unless allowed', () => {
  const base = dataSet();
  const baseline = baselineOf(gapsOf(inspectCoverage(modelOf(base))), IDS);
  assert.ok(baseline.gaps.owner!.includes('kube-apiserver --client-ca-file'));
  // A baseline taken when csr-controller-ca listed its consumers; the current data lists none: a new gap.
  const withConsumers = baselineOf(
    gapsOf(
      inspectCoverage(
        modelOf(
          mutated((ds) => {
            ds.actors.actors.push({ name: 'kube-apiserver' });
            ds.namespaces[0]!.resources[0]!.consumers = ['kube-apiserver'];
          }),
        ),
      ),
    ),
    IDS,
  );
  // The current data fixes one gap of the original baseline (an owner is now known).
  const current = gapsOf(inspectCoverage(modelOf(mutated((ds) => (flagOf(ds, 'kube-apiserver', '--client-ca-file').owner = 'kube-apiserver operator')))));
  const cmp = compareWithBaseline(current, withConsumers);
  assert.deepEqual(cmp.newGaps, [{ requirement: 'consumers', ref: 'openshift-config-managed cm/csr-controller-ca' }]);
  const fixedCmp = compareWithBaseline(current, baseline);
  assert.deepEqual(fixedCmp, { newGaps: [], fixedGaps: [{ requirement: 'owner', ref: 'kube-apiserver --client-ca-file' }] });

  const shrunk = updatedBaseline(current, fixedCmp, IDS, false);
  assert.ok(!shrunk.gaps.owner!.includes('kube-apiserver --client-ca-file'));
  assert.equal(Object.values(shrunk.gaps).flat().length, Object.values(baseline.gaps).flat().length - 1);

  const refused = updatedBaseline(current, cmp, IDS, false);
  assert.ok(!refused.gaps.consumers!.includes('openshift-config-managed cm/csr-controller-ca'));
  const accepted = updatedBaseline(current, cmp, IDS, true);
  assert.ok(accepted.gaps.consumers!.includes('openshift-config-managed cm/csr-controller-ca'));
});

test('requirements: rotation toggles are exempt from creation, rotation, signer and owner; one-sided consequences count; creation comes from materials, not producers', () => {
  const results = new Map(inspectCoverage(modelOf(dataSet())).map((r) => [r.id, r]));
  const missing = (id: string) => results.get(id)!.missing.map((m) => m.ref);
  assert.ok(!missing('rotation').includes('kubelet --rotate-certificates'));
  assert.ok(!missing('creation').includes('kubelet --rotate-certificates'));
  assert.ok(!missing('owner').includes('kubelet --rotate-certificates'));
  assert.ok(!missing('signer').includes('kubelet --rotate-certificates'));
  assert.ok(missing('rotation').includes('kube-apiserver --client-ca-file'));
  // The csr-controller-ca edges carry consequences; the kubelet serving-cert edge has none on either side.
  assert.deepEqual(missing('consequence'), ['kube-apiserver --kubelet-certificate-authority → kubelet --tls-cert-file']);
  // Rotation documented with only a refresh counts.
  const refreshed = mutated((ds) => (flagOf(ds, 'kube-apiserver', '--client-ca-file').rotation = { refresh: 'updated when the signer rotates' }));
  assert.ok(!inspectCoverage(modelOf(refreshed)).find((r) => r.id === 'rotation')!.missing.some((m) => m.ref === 'kube-apiserver --client-ca-file'));
  // Producers alone do not say how a resource is created; a material living in it, with createdBy, does.
  const produced = mutated((ds) => {
    ds.actors.actors.push({ name: 'kube-controller-manager-operator' });
    ds.namespaces[0]!.resources[0]!.producers = ['kube-controller-manager-operator'];
  });
  assert.ok(inspectCoverage(modelOf(produced)).find((r) => r.id === 'creation')!.missing.some((m) => m.ref === 'openshift-config-managed cm/csr-controller-ca'));
  const withMaterial = mutated((ds) => {
    ds.actors.actors.push({ name: 'kube-controller-manager-operator' });
    ds.materials = [
      {
        distribution: 'openshift',
        sources: { s: { repository: 'openshift/cluster-kube-controller-manager-operator', path: 'x.go', release: 'release-4.21' } },
        materials: [
          {
            id: 'csr-controller-ca',
            type: 'ca-bundle',
            locations: [{ namespace: 'openshift-config-managed', kind: 'ConfigMap', name: 'csr-controller-ca', source: 's' }],
            createdBy: { actor: 'kube-controller-manager-operator', mechanism: 'bundle-controller', source: 's' },
            gaps: [{ field: 'owner', lookedIn: 'x.go' }],
          },
        ],
      },
    ];
  });
  const withResults = inspectCoverage(modelOf(withMaterial));
  const creation = withResults.find((r) => r.id === 'creation')!;
  assert.ok(!creation.missing.some((m) => m.ref === 'openshift-config-managed cm/csr-controller-ca'));
  assert.ok(creation.missing.some((m) => m.ref === 'openshift-config-managed cm/kube-apiserver-client-ca'));
  // Producers are backed by a source only through the material: a producer without one is a gap,
  // the material's cited creator is not, and a producer the material does not show writing it is again.
  const producers = (model: ReturnType<typeof modelOf>) => inspectCoverage(model).find((r) => r.id === 'producers')!.missing.map((m) => m.ref);
  assert.ok(producers(modelOf(produced)).includes('openshift-config-managed cm/csr-controller-ca'));
  const withMaterialAndProducer = mutated((ds) => {
    ds.actors.actors.push({ name: 'kube-controller-manager-operator' });
    ds.namespaces[0]!.resources[0]!.producers = ['kube-controller-manager-operator'];
    ds.materials = structuredClone(withMaterial.materials);
  });
  assert.ok(!producers(modelOf(withMaterialAndProducer)).includes('openshift-config-managed cm/csr-controller-ca'));
  const extraProducer = mutated((ds) => {
    ds.actors.actors.push({ name: 'kube-controller-manager-operator' }, { name: 'someone-else' });
    ds.namespaces[0]!.resources[0]!.producers = ['kube-controller-manager-operator', 'someone-else'];
    ds.materials = structuredClone(withMaterial.materials);
  });
  assert.ok(producers(modelOf(extraProducer)).includes('openshift-config-managed cm/csr-controller-ca'));
  // A resource's feeds are backed only by material: none documented is a gap; material held there that
  // feeds the flag, or a CA bundle built from it that does, backs it.
  const feedsGaps = (ds: DataSet) => inspectCoverage(modelOf(ds)).find((r) => r.id === 'feeds')!.missing.map((m) => m.ref);
  const withFeed = (materials: NonNullable<DataSet['materials']>[number]['materials']) =>
    mutated((ds) => {
      ds.actors.actors.push({ name: 'kube-controller-manager-operator' });
      ds.namespaces[0]!.resources[0]!.feeds = ['kube-apiserver --client-ca-file'];
      ds.materials = [{ ...structuredClone(withMaterial.materials![0]!), materials }];
    });
  const held = structuredClone(withMaterial.materials![0]!.materials[0]!);
  assert.ok(feedsGaps(withFeed([held])).includes('openshift-config-managed cm/csr-controller-ca'));
  assert.ok(!feedsGaps(withFeed([{ ...held, feeds: [{ flag: 'kube-apiserver --client-ca-file', source: 's' }] }])).includes('openshift-config-managed cm/csr-controller-ca'));
  const builtFrom = {
    id: 'client-ca',
    type: 'ca-bundle' as const,
    locations: [{ namespace: 'openshift-kube-apiserver', kind: 'ConfigMap' as const, name: 'client-ca', source: 's' }],
    combines: { materials: ['csr-controller-ca'], source: 's' },
    feeds: [{ flag: 'kube-apiserver --client-ca-file', source: 's' }],
  };
  assert.ok(!feedsGaps(withFeed([held, builtFrom])).includes('openshift-config-managed cm/csr-controller-ca'));
  // A gap recorded on the material says where the fact was looked for.
  const ownerGap = withResults.find((r) => r.id === 'owner')!.missing.find((m) => m.ref === 'openshift-config-managed cm/csr-controller-ca');
  assert.equal(ownerGap?.note, 'csr-controller-ca: looked in x.go');
  // Counts in the report.
  const md = coverageMarkdown(buildReport('data', inspectCoverage(modelOf(dataSet())), BASELINE, true, { newGaps: [], fixedGaps: [] }));
  assert.match(md, /\| Consequence \| 3 items \| 1 \| 2 \(66%\) \| 0 \|/);
  assert.match(md, /### Consequence: 1 of 3 lack it\n/);
  assert.match(md, /\*\*Trust edges \(1\)\*\*\n\n- `kube-apiserver --kubelet-certificate-authority → kubelet --tls-cert-file`\n/);
});

async function cli(cwd: string, ...args: string[]) {
  return runCli(['coverage', ...args], { cwd });
}

test('certdocs coverage: exit 1 naming a new gap; --update-baseline shrinks; output is deterministic', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'certdocs-coverage-'));
  try {
    const ds = mutated((d) => (flagOf(d, 'kube-apiserver', '--client-ca-file').owner = 'kube-apiserver operator'));
    writeDataSet(path.join(dir, 'data'), ds);
    const noBaseline = await cli(dir);
    assert.equal(noBaseline.status, 1);
    assert.match(noBaseline.stderr, /there is no coverage baseline at data\/coverage-baseline\.json/);

    const created = await cli(dir, '--update-baseline', '--allow-new-gaps');
    assert.equal(created.status, 0, created.stderr);
    const baselineText = readFileSync(path.join(dir, 'data', 'coverage-baseline.json'), 'utf8');

    const clean = await cli(dir);
    assert.equal(clean.status, 0, clean.stderr);
    assert.equal(clean.stderr, '');
    assert.match(clean.stdout, /The data matches the baseline\./);
    assert.equal((await cli(dir)).stdout, clean.stdout);

    // A new gap: the owner is removed.
    delete flagOf(ds, 'kube-apiserver', '--client-ca-file').owner;
    writeDataSet(path.join(dir, 'data'), ds);
    const failing = await cli(dir);
    assert.equal(failing.status, 1);
    assert.match(failing.stderr, /1 coverage gap is not in data\/coverage-baseline\.json[^\n]*\n {2}- owner: kube-apiserver --client-ca-file\n/);
    assert.match(failing.stdout, /`kube-apiserver --client-ca-file` — \*\*new\*\*, not in the baseline/);
    // --update-baseline without --allow-new-gaps does not record it and still fails.
    const refused = await cli(dir, '--update-baseline');
    assert.equal(refused.status, 1);
    assert.equal(readFileSync(path.join(dir, 'data', 'coverage-baseline.json'), 'utf8'), baselineText);

    // A fixed gap: reported, not failing; --update-baseline drops it.
    flagOf(ds, 'kube-apiserver', '--client-ca-file').owner = 'kube-apiserver operator';
    flagOf(ds, 'kubelet', '--tls-cert-file').owner = 'node team';
    writeDataSet(path.join(dir, 'data'), ds);
    const fixed = await cli(dir, '--format', 'json');
    assert.equal(fixed.status, 0);
    assert.match(fixed.stderr, /1 gap in data\/coverage-baseline\.json is fixed; run 'certdocs coverage --update-baseline'/);
    const report = JSON.parse(fixed.stdout) as { baseline: { fixedGaps: unknown[] } };
    assert.deepEqual(report.baseline.fixedGaps, [{ requirement: 'owner', ref: 'kubelet --tls-cert-file' }]);
    assert.equal((await cli(dir, '--update-baseline')).status, 0);
    const after = readBaseline(path.join(dir, 'data', 'coverage-baseline.json')).baseline;
    assert.ok(!after.gaps.owner!.includes('kubelet --tls-cert-file'));
    assert.equal((await cli(dir)).status, 0);

    // A broken baseline is a one-line error with its position.
    writeFileSync(path.join(dir, 'data', 'coverage-baseline.json'), '{"gaps": [1]}\n');
    const broken = await cli(dir);
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /^certdocs coverage: data\/coverage-baseline\.json:1:\d+: the baseline must be/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
