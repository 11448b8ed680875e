// The editor's pure parts (src/serve/editor/logic.js), without a browser:
//   node --test tests/editor/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDecimal, parseInteger, decimalsOf, ChangeList } from '../../src/serve/editor/logic.js';

test('amounts as people type them, German and English', () => {
  const cases = [
    ['46,50', 2, '46.50'], ['1.234,50', 2, '1234.50'], ['45.50', 2, '45.50'], ['45', 2, '45.00'],
    ['45,5', 2, '45.50'], ['45.505', 2, '45.505'], ['1,234.50', 2, '1234.50'], ['1.234.567', 0, '1234567'],
    [' 12 € ', 2, '12.00'], ['-0,5', 1, '-0.5'], ['0', 0, '0'], ['007,5', 1, '7.5'], [',5', 2, '0.50'],
    ['1,5', 0, '1.5'], ['19', 0, '19'],
  ];
  for (const [typed, min, want] of cases) assert.equal(parseDecimal(typed, min), want, typed);
  for (const bad of ['', 'abc', '4a', '1,2,3', '1.23,4.5', '12,34,5', '.', '--1', '1 2x']) {
    assert.equal(parseDecimal(bad, 2), null, bad);
  }
  assert.equal(decimalsOf('45.00'), 2);
  assert.equal(decimalsOf('19'), 0);
  assert.equal(parseInteger(' 15 '), 15);
  assert.equal(parseInteger('1.5'), null);
  assert.equal(parseInteger(''), null);
});

const S = (v) => ({ type: 'string', value: v });

test('one field edited twice is one set; back to the old value is none', () => {
  const c = new ChangeList({ base_hourly: '45.00', title: 'T' }, 'body');
  c.set(['base_hourly'], S('46.00'));
  c.set(['base_hourly'], S('46.50'));
  assert.deepEqual(c.changes(), [{ op: 'set', path: ['base_hourly'], value: S('46.50') }]);
  c.set(['base_hourly'], S('45.00'));
  assert.deepEqual(c.changes(), []);
  c.body('body');
  assert.equal(c.dirty, false);
  c.body('new');
  assert.deepEqual(c.changes(), [{ op: 'body', text: 'new' }]);
});

test('an emptied optional field is removed only when the file has it', () => {
  const c = new ChangeList({ summary: 'S' }, '');
  c.clear(['summary']);
  assert.deepEqual(c.changes(), [{ op: 'remove', path: ['summary'] }]);
  c.set(['summary'], S('S'));
  assert.deepEqual(c.changes(), []);
  c.set(['owner'], S('E'));
  c.clear(['owner']);
  assert.deepEqual(c.changes(), []);
  c.set(['flag'], { type: 'bool', value: false }, false);
  assert.deepEqual(c.changes(), [], 'a bool at its default is no change');
});

test('structural changes keep their order and later edits use the new indexes', () => {
  const c = new ChangeList({ items: [{ text: 'a' }, { text: 'b' }] }, '');
  c.set(['items', 1, 'text'], S('B'));
  c.move(['items'], 1, 0);
  c.set(['items', 0, 'text'], S('BB'));
  c.append(['items']);
  c.set(['items', 2, 'text'], S('c'));
  c.removeEntry(['items'], 1);
  assert.deepEqual(c.changes(), [
    { op: 'set', path: ['items', 1, 'text'], value: S('B') },
    { op: 'move', path: ['items'], from: 1, to: 0 },
    { op: 'set', path: ['items', 0, 'text'], value: S('BB') },
    { op: 'append', path: ['items'] },
    { op: 'set', path: ['items', 2, 'text'], value: S('c') },
    { op: 'remove', path: ['items', 1] },
  ]);
  assert.deepEqual(c.current.items, [{ text: 'BB' }, { text: 'c' }]);
});
