/**
 * The schemas are the one source of the data's shape: the canonical key order
 * and the material diff read the fields from them at run time. A made-up
 * optional field added to a fixture copy of the schemas is ordered, compared
 * and reported with no change to the code. Also: the material diff in words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { canonicalize, fieldsOf, keyOrder, SCHEMA_DIR } from '../scripts/lib/schema-shape.ts';
import { loadDataDir } from '../scripts/load/index.ts';
import { buildModel, dataSetOf, filesFromDataSet, type Model } from '../scripts/model/model.ts';
import { diffData } from '../scripts/review/semantic-diff.ts';
import { diffMarkdown } from '../scripts/review/diff-markdown.ts';
import { canonicalFlag } from '../scripts/import/canonical.ts';
import type { DataSet, Material } from '../scripts/model/types.ts';
import { SCHEMA_TYPES_PATH, schemaTypesSource } from '../scripts/model/generate-types.ts';

function withMaterial(model: Model, id: string, edit: (m: Material & Record<string, unknown>) => void): Model {
  const ds: DataSet = structuredClone(dataSetOf(model));
  edit(ds.materials![0]!.materials.find((m) => m.id === id)! as Material & Record<string, unknown>);
  return buildModel(filesFromDataSet(ds));
}

test('the committed TypeScript types are generated from the schemas (run `npm run types` after changing a schema)', () => {
  assert.equal(readFileSync(SCHEMA_TYPES_PATH, 'utf8'), schemaTypesSource());
});

test('canonical order comes from the schema: flags keep the schema property order', () => {
  const flag = canonicalFlag({ owner: 'x', purpose: 'Serving cert used to serve.', kind: 'serving-cert', name: '--tls-cert-file', verifies: [] });
  assert.deepEqual(Object.keys(flag), ['name', 'kind', 'purpose', 'owner']);
  assert.deepEqual(keyOrder('component.schema.json', '#/$defs/flag').slice(0, 3), ['name', 'kind', 'purpose']);
});

test('a made-up optional field in a fixture schema is ordered, compared and reported without a code change', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'certdocs-schemas-'));
  try {
    cpSync(SCHEMA_DIR, dir, { recursive: true });
    const file = path.join(dir, 'materials.schema.json');
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    const props = schema.$defs.material.properties as Record<string, unknown>;
    // Insert "madeUp" right after "subject".
    const entries = Object.entries(props);
    const at = entries.findIndex(([k]) => k === 'subject') + 1;
    entries.splice(at, 0, ['madeUp', { description: 'A field no code knows about.', type: 'string' }]);
    schema.$defs.material.properties = Object.fromEntries(entries);
    writeFileSync(file, JSON.stringify(schema, null, 2));
    // And one in component.schema.json, for flags.
    const compFile = path.join(dir, 'component.schema.json');
    const comp = JSON.parse(readFileSync(compFile, 'utf8'));
    comp.$defs.flag.properties.madeUpFlagField = { type: 'string' };
    writeFileSync(compFile, JSON.stringify(comp, null, 2));

    // The TypeScript types: regenerated from the schema, Material has the field (no edit in types.ts).
    assert.match(schemaTypesSource(dir), /export interface Material \{\n[\s\S]*?  subject\?: string;\n  \/\*\* A field no code knows about\. \*\/\n  madeUp\?: string;\n/);
    assert.match(schemaTypesSource(dir), /export interface Flag \{[\s\S]*?  madeUpFlagField\?: string;\n\}/);

    const paths = fieldsOf('materials.schema.json', '#/$defs/material', dir).map((f) => f.path);
    assert.equal(paths[paths.indexOf('subject') + 1], 'madeUp');
    assert.ok(!fieldsOf('materials.schema.json', '#/$defs/material').some((f) => f.path === 'madeUp'), 'the real schema is untouched');

    // Canonical order: the new key lands where the schema puts it.
    const canon = canonicalize({ madeUp: 'x', id: 'a', type: 'signer', subject: 'CN=a', locations: [{ path: '/a', source: 's' }] }, 'materials.schema.json', '#/$defs/material', dir);
    assert.deepEqual(Object.keys(canon), ['id', 'type', 'subject', 'madeUp', 'locations']);

    // The diff compares it and says it in words.
    const base = buildModel(loadDataDir('data').files);
    const head = withMaterial(base, 'csr-signer', (m) => (m.madeUp = 'hello'));
    const diff = diffData({ label: 'base', model: base, problems: [] }, { label: 'head', model: head, problems: [] }, { schemaDir: dir });
    assert.deepEqual(
      diff.materials.changed.map((c) => c.sentence),
      ['madeUp of openshift-kube-controller-manager-operator secret/csr-signer: not set → hello'],
    );

    // A flag with the made-up field is compared field by field.
    const ds: DataSet = structuredClone(dataSetOf(base));
    (ds.components.find((c) => c.name === 'kubelet')!.flags.find((f) => f.name === '--client-ca-file') as unknown as Record<string, unknown>).madeUpFlagField = 'x';
    const flagDiff = diffData({ label: 'base', model: base, problems: [] }, { label: 'head', model: buildModel(filesFromDataSet(ds)), problems: [] }, { schemaDir: dir });
    assert.deepEqual(flagDiff.flags.changed, [{ ref: 'kubelet --client-ca-file', changes: [{ field: 'madeUpFlagField', type: 'value', after: 'x' }] }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('certdocs diff reports a changed fact in words, with its source', () => {
  const base = buildModel(loadDataDir('data').files);
  const head = withMaterial(base, 'kube-controller-manager-client-cert-key', (m) => (m.validity!.duration = '1440h'));
  const diff = diffData({ label: 'main', model: base, problems: [] }, { label: 'HEAD', model: head, problems: [] });
  assert.equal(diff.materials.changed.length, 1);
  const sentence = diff.materials.changed[0]!.sentence;
  assert.match(
    sentence,
    /^validity of openshift-config-managed secret\/kube-controller-manager-client-cert-key: 720h → 1440h \(source kaso-kcm-client: openshift\/cluster-kube-apiserver-operator pkg\/operator\/certrotationcontroller\/certrotationcontroller\.go:613-670 .*@ release-4\.21 [0-9a-f]{8}\)$/,
  );
  const md = diffMarkdown(diff);
  assert.match(md, /1 certificate fact changed\./);
  assert.ok(md.includes('### Certificate material'));
  assert.ok(md.includes('validity of openshift-config-managed secret/kube-controller-manager-client-cert-key: 720h → 1440h'));
  // A signer replaced and a material removed are reported too.
  const head2 = (() => {
    const ds: DataSet = structuredClone(dataSetOf(base));
    const file = ds.materials![0]!;
    file.materials = file.materials.filter((m) => m.id !== 'node-system-admin-client');
    return buildModel(filesFromDataSet(ds));
  })();
  const d2 = diffData({ label: 'a', model: base, problems: [] }, { label: 'b', model: head2, problems: [] });
  assert.deepEqual(
    d2.materials.removed.map((r) => r.key),
    ['openshift/node-system-admin-client'],
  );
});
