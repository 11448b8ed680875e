// Rate calculator: for every worked example in /rates.json the page's calculator
// shows exactly the amounts the Rust side computed; plus the two worked examples
// of content-model §3.4.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, visit, revealed, text, url, closeBrowser } from './_lib.mjs';

after(closeBrowser);

/** Fills the calculator form in and returns what its outputs show. */
async function calculate(page, { minutes, area, package: pkg, surcharges, balance_mh: balance, trial }) {
  const form = page.locator('form[data-calculator]').first();
  await form.locator('[name="area"]').selectOption(area);
  const pick = form.locator('[name="package"]');
  if (await pick.count()) await pick.selectOption(pkg ?? '');
  else assert.equal(pkg ?? null, null, `example wants package ${pkg} but the calculator has no package select`);
  for (const box of await form.locator('input[name="surcharge"]').all()) {
    await box.setChecked((surcharges ?? []).includes(await box.getAttribute('value')));
  }
  if (pkg) {
    const field = form.locator('[name="balance"]');
    assert.ok(await field.isVisible(), 'a package is chosen but the balance field is not shown');
    // thousandths of an hour as the reader types them: "1,5"
    await field.fill(balance == null ? '' : String(balance / 1000).replace('.', ','));
  } else if (trial !== undefined && await form.locator('[name="trial"]').count()) {
    await form.locator('[name="trial"]').setChecked(!!trial);
  }
  await form.locator('[name="minutes"]').fill(String(minutes));
  const out = {};
  for (const name of ['billable', 'net', 'vat', 'gross']) {
    const o = form.locator(`[data-out="${name}"]`);
    // a table without VAT (Kleinunternehmer) may leave the VAT output out
    if (name === 'vat' && await o.count() === 0) { out.vat = ''; continue; }
    assert.equal(await o.count(), 1, `calculator lacks <output data-out="${name}">`);
    // hidden (its own or a row's `hidden`) counts as empty: no VAT line
    out[name] = (await o.evaluate((el) => !!el.closest('[hidden]'))) ? '' : await text(o);
  }
  return out;
}

/** Fills one of the calculators beside the job calculator and returns its amounts. */
async function calculateExtra(page, req) {
  const form = page.locator(req.kind === 'units' ? 'form[data-calc-units]' : 'form[data-calc-month]');
  assert.equal(await form.count(), 1, `the rate page has no calculator for ${req.kind}`);
  assert.ok(await form.isVisible(), `the ${req.kind} calculator is not shown`);
  if (req.kind === 'units') {
    await form.locator('[name="unit"]').selectOption(req.unit);
    await form.locator('[name="count"]').fill(String(req.count));
  } else {
    await form.locator('[name="package"]').selectOption(req.package);
    await form.locator('[name="carried"]').fill(String(req.carried_mh / 1000).replace('.', ','));
    await form.locator('[name="used"]').fill(String(req.used_mh / 1000).replace('.', ','));
  }
  const out = {};
  for (const name of ['net', 'vat', 'gross']) {
    const o = form.locator(`[data-out="${name}"]`);
    if (name === 'vat' && await o.count() === 0) { out.vat = ''; continue; }
    out[name] = (await o.evaluate((el) => !!el.closest('[hidden]'))) ? '' : await text(o);
  }
  return out;
}

/** "45.00" (as rates.json writes money) as the page shows it: "45,00 €" or "€45.00". */
function shown(amount, lang) {
  const [whole, frac] = String(amount).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'de' ? '.' : ',');
  return lang === 'de' ? `${grouped},${frac} €` : `€${grouped}.${frac}`;
}

/** Every field of an answer as a string, nested ones as `split.net`, money in cents. */
function flatten(value, prefix = '', out = {}) {
  for (const [key, v] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (v !== null && typeof v === 'object') flatten(v, name, out);
    else if (typeof v === 'string' && /^\d+\.\d\d$/.test(v)) out[name] = v.replace('.', '').replace(/^0+(?=\d)/, '');
    else out[name] = v === null ? 'null' : String(v);
  }
  return out;
}

/**
 * Every worked example of the site at `base`: `price` on the page's own table gives
 * every field the Rust side wrote into /rates.json, and for a job the form, filled in
 * as a reader would, shows the same amounts. Returns how many of each kind it checked.
 */
async function checkWorkedExamples(base) {
  const at = (p) => new URL(p.replace(/^\//, ''), base).href;
  const res = await fetch(at('/rates.json'));
  assert.equal(res.status, 200, `${at('/rates.json')} answered HTTP ${res.status}`);
  const { rates } = await res.json();
  assert.ok(Array.isArray(rates), '/rates.json has no "rates" array');
  const checked = { job: 0, units: 0, month: 0, form: 0 };
  const { context, page, problems } = await openPage();
  try {
    for (const rate of rates) {
      if (!rate.examples?.length) continue;
      const visited = await page.goto(at(rate.url), { waitUntil: 'load' });
      assert.equal(visited?.status(), 200, `${rate.url} answered HTTP ${visited?.status()}`);
      assert.ok(await page.locator('form[data-calculator]').count(), `${rate.url} has worked examples but no form[data-calculator]`);
      for (const ex of rate.examples) {
        const where = `${rate.id} at ${at(rate.url)}: ${JSON.stringify(ex.request)}`;
        // The rule itself, on the table the page carries, field by field.
        const js = await page.evaluate((request) => {
          const table = JSON.parse(document.querySelector('form[data-calculator] script[data-rate]').textContent);
          const answer = window.vpagenPricing.price(table, request);
          return JSON.parse(JSON.stringify(answer, (k, v) => (typeof v === 'bigint' ? String(v) : v)));
        }, ex.request);
        assert.ok(js, `${where}: the calculator has no price`);
        assert.deepEqual(flatten(js), flatten(ex.priced), where);
        checked[ex.request.kind] += 1;
        // The form, as a reader fills it in, shows the same amounts.
        const s = ex.priced.split;
        const amounts = { net: shown(s.net, rate.lang), vat: s.vat == null ? '' : shown(s.vat, rate.lang), gross: shown(s.gross, rate.lang) };
        if (ex.request.kind === 'job') {
          const got = await calculate(page, ex.request);
          assert.deepEqual(got, { billable: `${ex.priced.billable_minutes} ${rate.lang === 'de' ? 'Min.' : 'min'}`, ...amounts }, where);
        } else {
          assert.deepEqual(await calculateExtra(page, ex.request), amounts, where);
        }
        checked.form += 1;
      }
    }
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
  return checked;
}

test('every worked example of /rates.json: the calculator computes and shows what the Rust side did', async () => {
  const checked = await checkWorkedExamples(url('/'));
  assert.ok(checked.job > 0 && checked.units > 0 && checked.month > 0,
    `/rates.json lacks a kind of worked example: ${JSON.stringify(checked)}`);
});

test('the second example (§ 19 UStG): every worked example agrees too', async () => {
  const base = process.env.VPAGEN_EINZEL_URL;
  assert.ok(base, 'VPAGEN_EINZEL_URL is not set: bash .ci/browser serves examples/einzelassistenz and sets it');
  const checked = await checkWorkedExamples(base);
  assert.ok(checked.job > 0 && checked.form === checked.job + checked.units + checked.month, `too few worked examples: ${JSON.stringify(checked)}`);
});

test('the worked examples of the design (content-model §3.4)', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, '/preise/stundenpakete-2025/');
    assert.ok(await page.locator('form[data-calculator]').count(), 'no form[data-calculator] on /preise/stundenpakete-2025/');
    assert.deepEqual(await calculate(page, { minutes: 50, area: 'backoffice', package: null, surcharges: [] }),
      { billable: '60 Min.', net: '45,00 €', vat: '8,55 €', gross: '53,55 €' }, '50 min backoffice');
    // With a package nothing is charged on top: 3,375 package hours worth 131,63 €.
    assert.deepEqual(await calculate(page, { minutes: 90, area: 'marketing', package: 'm', surcharges: ['eil'] }),
      { billable: '90 Min.', net: '0,00 €', vat: '0,00 €', gross: '0,00 €' }, '90 min marketing, package M, rush');
    const form = page.locator('form[data-calculator]');
    assert.equal(await text(form.locator('[data-out="package_hours"]')), '3,375');
    assert.equal(await text(form.locator('[data-out="package_value"]')), '131,63 €');
    // With 1 hour left, the other 2,375 hours are billed at M's 40,00 € per extra hour.
    assert.deepEqual(await calculate(page, { minutes: 90, area: 'marketing', package: 'm', surcharges: ['eil'], balance_mh: 1000 }),
      { billable: '90 Min.', net: '95,00 €', vat: '18,05 €', gross: '113,05 €' }, 'the same with 1 hour left');
    // Minimum and increment: 1 minute bills 15.
    const small = await calculate(page, { minutes: 1, area: 'backoffice', package: null, surcharges: [] });
    assert.equal(small.billable, '15 Min.');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

/**
 * The breakdown's visible lines: { label, note, amount } with whitespace collapsed,
 * the label without its explanation (.calc-note).
 */
async function breakdownLines(page) {
  const result = page.locator('form[data-calculator] [data-calc-result]');
  assert.equal(await result.count(), 1, 'the calculator has no [data-calc-result]');
  assert.ok(await result.isVisible(), 'the breakdown is not shown for valid input');
  return result.locator('tr').evaluateAll((rows) => rows
    .filter((r) => !r.closest('[hidden]'))
    .map((r) => {
      const clean = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
      const th = r.querySelector('th').cloneNode(true);
      const note = th.querySelector('.calc-note:not([hidden])');
      th.querySelectorAll('.calc-note').forEach((n) => n.remove());
      return { label: clean(th.textContent), note: clean(note?.textContent), amount: clean(r.querySelector('td').textContent) };
    }));
}

test('the breakdown explains the worked examples of content-model §3.4 line by line', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, '/preise/stundenpakete-2025/');
    await calculate(page, { minutes: 50, area: 'backoffice', package: null, surcharges: [] });
    assert.deepEqual(await breakdownLines(page), [
      { label: 'Angegebene Zeit', note: '', amount: '50 Min.' },
      { label: 'Abgerechnete Zeit', note: 'aufgerundet auf den Abrechnungstakt von 15 Min.', amount: '60 Min.' },
      { label: 'Bereich: Backoffice & Sekretariat', note: 'Faktor 1,0: 60 Min. zählen als 1,00 Std.', amount: '1,00 Std.' },
      { label: 'Preis je Stunde', note: 'Stundensatz ohne Paket', amount: '45,00 €' },
      { label: 'Netto', note: '1,00 Std. zu je 45,00 €', amount: '45,00 €' },
      { label: 'USt. 19 %', note: '', amount: '8,55 €' },
      { label: 'Gesamt', note: '', amount: '53,55 €' },
      { label: 'Effektiver Preis je Stunde, netto', note: '45,00 € für 60 Min. abgerechnete Zeit', amount: '45,00 €' },
    ]);

    await calculate(page, { minutes: 90, area: 'marketing', package: 'm', surcharges: ['eil'] });
    assert.deepEqual(await breakdownLines(page), [
      { label: 'Angegebene Zeit', note: '', amount: '90 Min.' },
      { label: 'Abgerechnete Zeit', note: 'ohne Rundung: passt in den Abrechnungstakt von 15 Min.', amount: '90 Min.' },
      { label: 'Bereich: Marketing & Social Media', note: 'Faktor 1,5: 90 Min. zählen als 2,25 Std.', amount: '2,25 Std.' },
      { label: 'Preis je Stunde', note: 'Monatspaket M: 780,00 € für 20 Std.', amount: '39,00 €' },
      { label: 'Paketstunden', note: '2,25 Std. × (1 + 50 % Zuschläge) aus dem Paket', amount: '3,375 Std.' },
      { label: 'Wert der Stunden', note: '3,375 Std. zu je 39,00 €', amount: '131,63 €' },
      { label: 'Zusätzlich berechnet', note: 'nichts – das Guthaben deckt den Auftrag, danach bleiben 16,625 Std.', amount: '0,00 €' },
      { label: 'Netto', note: '', amount: '0,00 €' },
      { label: 'USt. 19 %', note: '', amount: '0,00 €' },
      { label: 'Gesamt', note: '', amount: '0,00 €' },
    ]);
    await calculate(page, { minutes: 90, area: 'marketing', package: 'm', surcharges: ['eil'], balance_mh: 1000 });
    const lines = await breakdownLines(page);
    assert.deepEqual(lines.find((l) => l.label === 'Zusätzlich berechnet'),
      { label: 'Zusätzlich berechnet', note: '2,375 Std. über das Guthaben hinaus zu je 40,00 €', amount: '95,00 €' });

    // The total stands out: bold, with a rule above it.
    const total = page.locator('form[data-calculator] tr.calc-total td');
    const style = await total.evaluate((el) => { const cs = getComputedStyle(el); return { weight: Number(cs.fontWeight), border: cs.borderTopStyle }; });
    assert.ok(style.weight >= 700, `the total is not bold (font-weight ${style.weight})`);
    assert.notEqual(style.border, 'none', 'the total has no rule above it');
    // Screen readers hear the total (a polite live region), not the whole table.
    assert.equal(await text(page.locator('form[data-calculator] [data-calc-status]')), 'Gesamt: 113,05 €');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('the breakdown names the rule that set the billable time, and its lines add up', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, '/preise/stundenpakete-2025/');
    const got = await page.evaluate(() => {
      const rate = JSON.parse(document.querySelector('form[data-calculator] script[data-rate]').textContent);
      const { breakdown } = window.vpagenPricing;
      const area = rate.areas.find((a) => a.id === 'marketing');
      const all = rate.surcharges;
      const b = breakdown({ ...rate, minimum_per_task_min: 30 }, 10, area, null, all);
      const sum = b.base + b.surcharges.reduce((s, x) => s + x.amount, 0n);
      return {
        rule: b.rule, billable: String(b.billable),
        adds_up: sum === b.amount && b.amount === b.net,
        exact: breakdown(rate, 45, area, null, []).rule,
        rounded: breakdown(rate, 46, area, null, []).rule,
      };
    });
    assert.deepEqual(got, { rule: 'minimum', billable: '30', adds_up: true, exact: 'none', rounded: 'increment' });
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('the breakdown in English', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, '/en/rates/stundenpakete-2025/');
    await calculate(page, { minutes: 90, area: 'marketing', package: 'm', surcharges: ['eil'] });
    const lines = await breakdownLines(page);
    assert.deepEqual(lines.map((l) => [l.label, l.amount]), [
      ['Time entered', '90 min'], ['Billed time', '90 min'], ['Area: Marketing & social media', '2.25 h'],
      ['Price per hour', '€39.00'], ['Bundle hours', '3.375 h'], ['Value of the hours', '€131.63'],
      ['Billed on top', '€0.00'], ['Net', '€0.00'], ['VAT 19%', '€0.00'], ['Total', '€0.00'],
    ]);
    assert.equal(lines[3].note, 'Monthly package M: €780.00 for 20 h');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('minutes that are no whole number from 1 get a message instead of a price', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, '/preise/stundenpakete-2025/');
    const form = page.locator('form[data-calculator]');
    const input = form.locator('[name="minutes"]');
    const result = form.locator('[data-calc-result]');
    const status = form.locator('[data-calc-status]');
    const message = 'Bitte geben Sie eine Dauer in ganzen Minuten ab 1 ein.';
    for (const bad of ['0', '-30', '1.5', '']) {
      await input.fill(bad);
      assert.equal(await input.getAttribute('aria-invalid'), 'true', `"${bad}": no aria-invalid`);
      const described = (await input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      assert.equal(described.length, 1, `"${bad}": aria-describedby is "${described.join(' ')}"`);
      const error = page.locator(`#${described[0]}`);
      assert.ok(await error.isVisible(), `"${bad}": the message is not shown`);
      assert.equal(await text(error), message);
      assert.equal(await text(status), message, `"${bad}": the live region does not say it`);
      assert.equal(await status.getAttribute('role'), 'status');
      assert.ok(!(await result.isVisible()), `"${bad}": the old breakdown is still shown`);
    }
    await input.fill('50');
    assert.equal(await input.getAttribute('aria-invalid'), null);
    assert.equal(await input.getAttribute('aria-describedby'), null);
    assert.ok(!(await form.locator('[data-calc-error]').isVisible()), 'the message stays after valid input');
    assert.ok(await result.isVisible());
    assert.equal(await text(status), 'Gesamt: 53,55 €');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('the rate page has one primary button: the enquiry, with the rate table as subject', async () => {
  const { context, page, problems } = await openPage();
  try {
    for (const [p, subject] of [
      ['/preise/stundenpakete-2025/', 'Anfrage: Stundensatz und Stundenpakete 2025'],
      ['/en/rates/stundenpakete-2025/', 'Enquiry: Hourly rate and hour packages 2025'],
    ]) {
      await visit(page, p);
      const primary = page.locator('.button-primary');
      assert.equal(await primary.count(), 1, `${p}: ${await primary.count()} primary buttons`);
      const link = page.locator('.calculator-box .enquiry a.button-primary');
      assert.ok(await link.isVisible(), `${p}: no enquiry button by the calculator`);
      assert.equal(await link.getAttribute('href'),
        `mailto:kontakt@buero-beispiel.de?subject=${encodeURIComponent(subject)}`);
    }
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('without JavaScript the calculator shows its note and no empty fields', async () => {
  const { context, page } = await openPage({ javaScriptEnabled: false });
  try {
    await visit(page, '/preise/stundenpakete-2025/');
    const box = page.locator('.calculator-box');
    assert.match(await text(box), /Der Rechner braucht JavaScript/);
    for (const sel of ['[name="minutes"]', '[data-calc-result]', 'output']) {
      const shown = await box.locator(sel).evaluateAll((els) => els.filter((el) => el.checkVisibility()).length);
      assert.equal(shown, 0, `${sel} is shown without JavaScript`);
    }
    assert.ok(await box.locator('.enquiry a').isVisible(), 'no enquiry button without JavaScript');
  } finally { await context.close(); }
});
