/**
 * The committed data in data/ passes every rule: the validator's (schema,
 * references, both sides of every edge, kinds stated in purposes, edge order,
 * used actors) and canonical form. The rules themselves are tested with the
 * bad-input corpus (test/validate.test.ts); nothing here pins today's content,
 * so a legitimate data change never fails this file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatProblemText } from '../scripts/lib/problems.ts';
import { notCanonicalProblems, planFormatDir } from '../scripts/format/index.ts';
import { validateDataDir } from '../scripts/validate/index.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.join(ROOT, 'data');

test('data/ validates clean and is in canonical form', () => {
  const { problems, model } = validateDataDir(DATA);
  assert.deepEqual(problems.map(formatProblemText), []);
  assert.ok(model && model.edges.length > 0, 'data/ has must-verify edges');
  assert.deepEqual(notCanonicalProblems(planFormatDir(DATA), 'data').map(formatProblemText), []);
});

test('every must-verify edge of the model is written on both flags', () => {
  const { model } = validateDataDir(DATA);
  for (const e of model!.edges) {
    assert.ok(e.verifierSide, `${e.verifier} → ${e.verified} is not written on ${e.verifier}`);
    assert.ok(e.verifiedSide, `${e.verifier} → ${e.verified} is not written on ${e.verified}`);
  }
});

test('CHANGES-FROM-UPSTREAM.md names every problem code validation finds in the upstream import, and cites its sources', () => {
  const changes = readFileSync(path.join(DATA, 'CHANGES-FROM-UPSTREAM.md'), 'utf8');
  for (const code of ['malformed-ref', 'kind-mismatch', 'one-sided-edge', 'unknown-ref', 'invalid-name']) assert.ok(changes.includes(code), `mentions ${code}`);
  assert.match(changes, /pkg\/operator\/certrotationcontroller\/certrotationcontroller\.go/);
});
