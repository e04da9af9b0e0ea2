import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoized } from '../scripts/lib/memo.ts';

test('memoized computes once per key, an undefined result included, and starts over when full', () => {
  const calls: string[] = [];
  const f = memoized((k) => {
    calls.push(k);
    return k === 'none' ? undefined : k.length;
  }, 3);
  assert.equal(f('ab'), 2);
  assert.equal(f('ab'), 2);
  assert.equal(f('none'), undefined);
  assert.equal(f('none'), undefined);
  assert.deepEqual(calls, ['ab', 'none']);
  f('c');
  f('dddd'); // the table held 3: emptied, then this one kept
  f('ab');
  assert.deepEqual(calls, ['ab', 'none', 'c', 'dddd', 'ab']);
});
