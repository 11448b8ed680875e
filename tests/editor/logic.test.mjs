// The editor's pure parts (src/serve/editor/logic.js), without a browser:
//   node --test tests/editor/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDecimal, parseInteger, decimalsOf, ChangeList, labelPath, fieldWords, optionTexts } from '../../src/serve/editor/logic.js';

const LABELS = JSON.parse(readFileSync(new URL('../../src/serve/editor/labels.json', import.meta.url), 'utf8'));

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

test('fields are named by their labels in the interface language, else by their keys', () => {
  assert.equal(labelPath(['steps', 3, 'quiz', 0, 'options']), 'steps.quiz.options');
  const rate = { key: 'base_hourly', description: 'Hourly rate before area factors, a quoted decimal.', condition: 'when an hourly service uses the table', default: null };
  const de = fieldWords(LABELS, 'rates', ['base_hourly'], rate, 'de');
  assert.equal(de.label, 'Stundensatz');
  assert.ok(de.labelled);
  assert.match(de.hint, /Arbeitsbereichs/);
  assert.match(de.when, /Stunden/);
  const en = fieldWords(LABELS, 'rates', ['base_hourly'], rate, 'en');
  assert.equal(en.label, 'Hourly rate');
  const step = fieldWords(LABELS, 'guides', ['steps', 2, 'body'], { key: 'body', description: 'Instructions in Markdown.' }, 'de');
  assert.equal(step.label, 'Anleitung');
  const flat = fieldWords(LABELS, 'services', ['flat_period'], { key: 'flat_period', default: 'once' }, 'de');
  assert.equal(flat.default, 'einmalig');
  const unknown = fieldWords(LABELS, 'rates', ['no_such_key'], { key: 'no_such_key', description: 'From the types.', condition: 'when x', default: '0' }, 'de');
  assert.deepEqual(unknown, { label: 'no_such_key', hint: 'From the types.', when: null, condition: 'when x', default: '0', labelled: false });
  assert.equal(fieldWords(null, 'rates', ['title'], { key: 'title' }, 'de').label, 'title');
});

test('the values of selects are shown by their labels', () => {
  const options = [{ value: 'hourly', label: 'By the hour.' }, { value: 'other', label: 'Something.' }, { value: 'bare', label: '' }];
  assert.deepEqual(optionTexts(LABELS, 'services', ['billing'], options, 'de').map((o) => o.text), ['Nach Stunden', 'other – Something.', 'bare']);
  assert.equal(optionTexts(LABELS, 'rates', ['packages', 1, 'period'], [{ value: 'month' }], 'en')[0].text, 'Every month');
});

test('labels.json gives every field a label and a hint in German and English', () => {
  const { values, ...kinds } = LABELS;
  for (const [kind, fields] of Object.entries(kinds)) {
    for (const [path, entry] of Object.entries(fields)) {
      for (const lang of ['de', 'en']) {
        assert.ok(entry[lang]?.label?.trim(), `${kind}.${path}: ${lang} label`);
        assert.ok(entry[lang]?.hint?.trim(), `${kind}.${path}: ${lang} hint`);
      }
    }
  }
  for (const [name, named] of Object.entries(values)) {
    for (const [value, words] of Object.entries(named)) {
      for (const lang of ['de', 'en']) assert.ok(words[lang]?.trim(), `values ${name} ${value}: ${lang}`);
    }
  }
});
