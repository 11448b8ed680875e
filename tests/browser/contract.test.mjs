// vpagen.js against small pages written straight from the contract in
// themes/default/README.md, so that the script is tested on its own, whatever
// state the templates are in. The pages are served by request interception at
// the site's own origin, with themes/default/static/js/vpagen.js and the modules it
// imports from the work tree.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openPage, url, text, closeBrowser, REPO } from './_lib.mjs';

const JS_DIR = path.join(REPO, 'themes/default/static/js');

after(closeBrowser);

const UI_DE = { lang: 'de', site: 'test', minutes: 'Min.', yes: 'ja', no: 'nein' };

function pageHtml(body, ui = UI_DE) {
  return `<!DOCTYPE html><html lang="${ui.lang}"><head><meta charset="utf-8"><title>Fixture</title>
<script type="application/json" id="vpagen-ui">${JSON.stringify(ui)}</script>
<script type="module" src="/__contract__/vpagen.js"></script></head><body><main>${body}</main></body></html>`;
}

/** Opens `body` as a page at <site>/__contract__/<name>/. */
async function fixture(name, body, ui) {
  const { context, page, problems } = await openPage();
  const at = url(`/__contract__/${name}/`);
  await context.route(at, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: pageHtml(body, ui) }));
  await context.route(url('/__contract__/*.js'), (route) => {
    const file = path.join(JS_DIR, path.basename(new URL(route.request().url()).pathname));
    if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: readFileSync(file, 'utf8') });
  });
  await page.goto(at, { waitUntil: 'load' });
  return { context, page, problems };
}

// The table of content-model §3.4, as the contract's rate JSON.
const RATE = {
  lang: 'de', price_basis: 'net', vat_rate: 1900, billing_increment_min: 15, minimum_per_task_min: 15,
  base_hourly: 4500,
  areas: [{ id: 'backoffice', label: 'Backoffice', factor: 1000 }, { id: 'marketing', label: 'Marketing', factor: 1500 }],
  packages: [{ id: 's', label: 'S', hours: 10, price: 41000 }, { id: 'm', label: 'M', hours: 20, price: 78000 }],
  surcharges: [{ id: 'eil', label: 'Eil', percent: 5000 }, { id: 'randzeit', label: 'Randzeit', percent: 2500 }],
};

function calculatorHtml(rate) {
  const opts = (xs) => xs.map((x) => `<option value="${x.id}">${x.label}</option>`).join('');
  return `<form class="calculator" data-calculator>
<script type="application/json" data-rate>${JSON.stringify(rate)}</script>
<label>Minuten <input name="minutes" type="number" min="1"></label>
<label>Bereich <select name="area">${opts(rate.areas)}</select></label>
<label>Paket <select name="package"><option value="">Stundensatz</option>${opts(rate.packages)}</select></label>
${rate.surcharges.map((s) => `<label><input type="checkbox" name="surcharge" value="${s.id}"> ${s.label}</label>`).join('')}
${['billable', 'hours', 'per_hour', 'net', 'vat', 'gross'].map((o) => `<p data-out-row>${o}: <output data-out="${o}"></output></p>`).join('')}
<p data-out-note hidden></p></form>`;
}

async function calc(page, minutes, area, pkg, surcharges) {
  await page.selectOption('[name="area"]', area);
  await page.selectOption('[name="package"]', pkg);
  for (const b of await page.locator('[name="surcharge"]').all()) await b.setChecked(surcharges.includes(await b.getAttribute('value')));
  await page.fill('[name="minutes"]', String(minutes));
  const out = {};
  for (const o of ['billable', 'hours', 'per_hour', 'net', 'vat', 'gross']) {
    const loc = page.locator(`[data-out="${o}"]`);
    out[o] = (await loc.evaluate((el) => !!el.closest('[hidden]'))) ? null : await text(loc);
  }
  return out;
}

test('contract: calculator gives the worked examples of §3.4 in BigInt, half up', async () => {
  const { context, page, problems } = await fixture('calc', calculatorHtml(RATE));
  try {
    assert.deepEqual(await calc(page, 50, 'backoffice', '', []),
      { billable: '60 Min.', hours: '1,00', per_hour: '45,00 €', net: '45,00 €', vat: '8,55 €', gross: '53,55 €' });
    // With a package the surcharge turns into package hours (3,375, worth 131,63 €):
    // nothing is billed on top while the package lasts.
    assert.deepEqual(await calc(page, 90, 'marketing', 'm', ['eil']),
      { billable: '90 Min.', hours: '2,25', per_hour: '39,00 €', net: '0,00 €', vat: '0,00 €', gross: '0,00 €' });
    assert.deepEqual(await page.evaluate((rate) => {
      const q = window.vpagenPricing.price(rate, { kind: 'job', minutes: 90, area: 'marketing', package: 'm', balance_mh: null, surcharges: ['eil'], trial: false });
      return [String(q.package_mh), String(q.package_value)];
    }, RATE), ['3375', '13163']);
    // surcharges add (50 % + 25 % = 75 %), they do not compound; 10 000 min round up to 10 005
    assert.deepEqual(await calc(page, 10000, 'backoffice', '', ['eil', 'randzeit']),
      { billable: '10005 Min.', hours: '166,75', per_hour: '45,00 €', net: '13.131,56 €', vat: '2.495,00 €', gross: '15.626,56 €' });
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('contract: gross basis, Kleinunternehmer note, English format, no base rate', async () => {
  const gross = { ...RATE, price_basis: 'gross' };
  let f = await fixture('gross', calculatorHtml(gross));
  try {
    // Rust test: 60 min at 45.00 gross → VAT 7.18, net 37.82
    assert.deepEqual(await calc(f.page, 60, 'backoffice', '', []),
      { billable: '60 Min.', hours: '1,00', per_hour: '45,00 €', net: '37,82 €', vat: '7,18 €', gross: '45,00 €' });
    assert.deepEqual(f.problems, []);
  } finally { await f.context.close(); }

  const klein = { ...RATE, price_basis: 'kleinunternehmer', vat_rate: null };
  f = await fixture('klein', calculatorHtml(klein));
  try {
    const out = await calc(f.page, 60, 'backoffice', '', []);
    assert.equal(out.vat, null, 'VAT row shown for a Kleinunternehmer');
    assert.equal(out.gross, '45,00 €');
    assert.ok(await f.page.locator('[data-out-note]').isVisible(), 'no § 19 note');
  } finally { await f.context.close(); }

  const en = { ...RATE, lang: 'en', base_hourly: 123456 };
  f = await fixture('en', calculatorHtml(en), { lang: 'en', site: 'test' });
  try {
    const out = await calc(f.page, 60, 'backoffice', '', []);
    assert.equal(out.billable, '60 min');
    assert.equal(out.hours, '1.00');
    assert.equal(out.net, '€1,234.56');
  } finally { await f.context.close(); }

  // 15 min at 45.02 €/h = 11.255 €: exactly half a cent, rounded up
  const half = { ...RATE, base_hourly: 4502 };
  f = await fixture('half', calculatorHtml(half));
  try {
    const out = await calc(f.page, 15, 'backoffice', '', []);
    assert.equal(out.net, '11,26 €');
    assert.equal(out.vat, '2,14 €');
  } finally { await f.context.close(); }

  const none = { ...RATE, base_hourly: null };
  f = await fixture('none', calculatorHtml(none));
  try {
    const out = await calc(f.page, 60, 'backoffice', '', []);
    assert.equal(out.net, '', 'a price without base rate and package');
    assert.ok(await f.page.locator('[data-out-note]').isVisible(), 'no note asking for a package');
    // From a package the hour is in the package; nothing is billed on top.
    assert.equal((await calc(f.page, 60, 'backoffice', 's', [])).net, '0,00 €');
    assert.deepEqual(f.problems, []);
  } finally { await f.context.close(); }
});

const CHECKLIST = `<article class="checklist" data-checklist="cl" data-version="2" data-storage-key="vpagen:test:cl:v2"
  data-storage-prefix="vpagen:test:cl:v" data-title="Test-Liste">
  <div class="checklist-tools" data-checklist-tools hidden>
    <progress data-progress max="2" value="0"></progress><p data-progress-text aria-live="polite"></p>
    <p data-version-notice hidden></p>
    <button type="button" data-action="reset">Reset</button>
    <button type="button" data-action="export-json">JSON</button><button type="button" data-action="export-md">MD</button>
    <label>Import <input type="file" accept=".json,.md,.txt" data-action="import"></label></div>
  <ul><li data-item="a" data-required="true"><label><input type="checkbox" name="a"> <span class="item-text">Erster Punkt</span></label></li>
  <li data-item="b" data-required="true"><label><input type="checkbox" name="b"> <span class="item-text">Zweiter Punkt</span></label></li>
  <li data-item="c" data-required="false"><label><input type="checkbox" name="c"> <span class="item-text">Optional</span></label></li></ul>
</article>`;

test('contract: checklist progress, storage shape and keyboard ticking', async () => {
  const { context, page, problems } = await fixture('checklist', CHECKLIST);
  try {
    await page.locator('[data-checklist-tools]').waitFor({ state: 'visible' });
    const say = page.locator('[data-progress-text]');
    assert.match(await text(say), /0 of 2/);
    await page.locator('[name="b"]').focus();
    await page.keyboard.press('Space');
    assert.match(await text(say), /1 of 2/);
    assert.equal(await page.evaluate(() => localStorage.getItem('vpagen:test:cl:v2')), '{"checked":["b"]}');
    assert.equal(await page.locator('[data-progress]').evaluate((p) => p.value), 1);
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

const GUIDE = `<article class="guide" data-guide="g" data-storage-key="vpagen:test:guide:g">
  <div data-guide-progress hidden><progress max="100" value="0"></progress><p data-progress-text aria-live="polite"></p></div>
  <ol><li class="step" data-step="one" data-required="true"><label><input type="checkbox" data-step-done> Eins</label></li>
  <li class="step" data-step="two" data-required="false"><label><input type="checkbox" data-step-done> Zwei</label></li>
  <li class="step" data-step="cl" data-required="true" data-checklist-key="vpagen:test:cl:v2" data-checklist-required="a,b">
    <label><input type="checkbox" data-step-done> Liste</label></li>
  <li class="step" data-step="q" data-required="true"><label><input type="checkbox" data-step-done> Quiz</label>
    <fieldset class="quiz" data-quiz="q-0" data-answer="1"><legend>Frage</legend>
      <label><input type="radio" name="q-0" value="0"> A</label><label><input type="radio" name="q-0" value="1"> B</label>
      <p data-quiz-feedback aria-live="polite"></p></fieldset></li></ol></article>`;

test('contract: guide progress = (done required steps + passed quizzes) / (required steps + quizzes)', async () => {
  const { context, page, problems } = await fixture('guide', GUIDE);
  try {
    const pct = () => page.locator('[data-guide-progress] progress').evaluate((p) => p.value);
    await page.locator('[data-guide-progress]').waitFor({ state: 'visible' });
    assert.equal(await pct(), 0);
    await page.locator('[data-step="two"] [data-step-done]').check(); // optional: no change
    assert.equal(await pct(), 0);
    await page.locator('[data-step="one"] [data-step-done]').check();
    assert.equal(await pct(), 25); // 1 of 3 required steps + 1 quiz
    await page.locator('input[name="q-0"][value="1"]').check();
    assert.equal(await pct(), 50);
    assert.ok(await page.locator('[data-step="cl"] [data-step-done]').isDisabled());
    await page.evaluate(() => localStorage.setItem('vpagen:test:cl:v2', '{"checked":["a","b"]}'));
    await page.reload({ waitUntil: 'load' });
    assert.equal(await pct(), 75);
    const state = JSON.parse(await page.evaluate(() => localStorage.getItem('vpagen:test:guide:g')));
    assert.deepEqual(state, { steps: ['one', 'two'], quizzes: { 'q-0': 1 } });
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

const BRIEFING = `<form class="briefing-form" data-briefing="b" data-title="Test-Briefing" data-mailto="kontakt@example.org"
  data-storage-key="vpagen:test:briefing:b">
  <fieldset><legend>Ziel</legend>
    <div class="field" data-field="ziel" data-kind="textarea" data-label="Ziel der Aufgabe"><label for="f-ziel">Ziel</label><textarea id="f-ziel" name="ziel" required></textarea></div>
    <div class="field" data-field="dsgvo" data-kind="checkbox" data-label="Personenbezogene Daten"><label><input type="checkbox" name="dsgvo" id="f-dsgvo"> P</label></div>
    <div class="field" data-field="tools" data-kind="multiselect" data-label="Werkzeuge"><label for="f-tools">W</label><select multiple id="f-tools" name="tools"><option>Excel</option><option>Word</option></select></div>
  </fieldset>
  <div data-briefing-errors role="alert" hidden></div>
  <div class="briefing-actions" data-briefing-actions hidden><button type="button" data-action="markdown">Markdown</button></div>
  <textarea data-briefing-output readonly hidden aria-label="Markdown"></textarea></form>`;

test('contract: briefing Markdown shape, checkbox yes/no, multi-line values', async () => {
  const { context, page, problems } = await fixture('briefing', BRIEFING);
  try {
    await page.locator('[data-briefing-actions]').waitFor({ state: 'visible' });
    await page.fill('[name="ziel"]', 'Zeile eins\nZeile zwei');
    await page.selectOption('[name="tools"]', ['Excel', 'Word']);
    await page.click('[data-action="markdown"]');
    assert.equal(await page.locator('[data-briefing-output]').inputValue(),
      '# Test-Briefing\n\n## Ziel\n\n- **Ziel der Aufgabe:** Zeile eins\n  Zeile zwei\n- **Personenbezogene Daten:** nein\n- **Werkzeuge:** Excel, Word\n');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

const CATALOGUE = `<div data-catalogue-filter hidden><label>Suche <input type="search" data-filter-text></label>
  <label>Kategorie <select data-filter-category><option value="">Alle</option><option value="buero">Büro</option><option value="it">IT</option></select></label></div>
  <section class="card-group" data-group><ul><li class="card" data-card data-category="buero" data-search="telefonservice büro anrufe">T</li>
  <li class="card" data-card data-category="buero" data-search="post und scan">P</li></ul></section>
  <section class="card-group" data-group><ul><li class="card" data-card data-category="it" data-search="social media">S</li></ul></section>
  <p data-filter-empty hidden>Nichts gefunden</p>`;

test('contract: catalogue filter folds accents and hides empty groups', async () => {
  const { context, page, problems } = await fixture('catalogue', CATALOGUE);
  try {
    await page.locator('[data-catalogue-filter]').waitFor({ state: 'visible' });
    await page.fill('[data-filter-text]', 'Buro');
    assert.equal(await page.locator('[data-card]:visible').count(), 1);
    assert.equal(await page.locator('[data-group]:visible').count(), 1);
    await page.fill('[data-filter-text]', '');
    await page.selectOption('[data-filter-category]', 'it');
    assert.equal(await page.locator('[data-card]:visible').count(), 1);
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});
