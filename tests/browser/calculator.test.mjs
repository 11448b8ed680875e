// Rate calculator: for every worked example in /rates.json the page's calculator
// shows exactly the amounts the Rust side computed; plus the two worked examples
// of content-model §3.4.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, visit, revealed, text, url, closeBrowser } from './_lib.mjs';

after(closeBrowser);

/** Fills the calculator form in and returns what its outputs show. */
async function calculate(page, { minutes, area, package: pkg, surcharges }) {
  const form = page.locator('form[data-calculator]').first();
  await form.locator('[name="area"]').selectOption(area);
  const pick = form.locator('[name="package"]');
  if (await pick.count()) await pick.selectOption(pkg ?? '');
  else assert.equal(pkg ?? null, null, `example wants package ${pkg} but the calculator has no package select`);
  for (const box of await form.locator('input[name="surcharge"]').all()) {
    await box.setChecked((surcharges ?? []).includes(await box.getAttribute('value')));
  }
  await form.locator('[name="minutes"]').fill(String(minutes));
  const out = {};
  for (const name of ['billable', 'hours', 'per_hour', 'net', 'vat', 'gross']) {
    const o = form.locator(`[data-out="${name}"]`);
    // a table without VAT (Kleinunternehmer) may leave the VAT output out
    if (name === 'vat' && await o.count() === 0) { out.vat = ''; continue; }
    assert.equal(await o.count(), 1, `calculator lacks <output data-out="${name}">`);
    // hidden (its own or a row's `hidden`) counts as empty: no VAT line
    out[name] = (await o.evaluate((el) => !!el.closest('[hidden]'))) ? '' : await text(o);
  }
  return out;
}

function expectEqual(got, ex, where) {
  // rates.json gives billable minutes as a number, the page shows "60 Min."
  if (typeof ex.billable_minutes === 'number') {
    assert.match(got.billable, /^\d+ \S/, `${where}: billable output "${got.billable}" is not "<minutes> <unit>"`);
    got = { ...got, billable: Number.parseInt(got.billable, 10) };
  }
  const want = {
    billable: ex.billable_minutes, hours: ex.consumed_hours, per_hour: ex.per_hour,
    net: ex.net, vat: ex.vat ?? '', gross: ex.gross,
  };
  assert.deepEqual(got, want, `${where}: ${JSON.stringify(ex)}`);
}

test('every worked example of /rates.json gives the same amounts in the calculator', async () => {
  const res = await fetch(url('/rates.json'));
  assert.equal(res.status, 200, `/rates.json answered HTTP ${res.status}`);
  const { rates } = await res.json();
  assert.ok(Array.isArray(rates), '/rates.json has no "rates" array');
  let checked = 0;
  const { context, page, problems } = await openPage();
  try {
    for (const rate of rates) {
      if (!rate.examples?.length) continue;
      await visit(page, rate.url);
      assert.ok(await page.locator('form[data-calculator]').count(), `${rate.url} has worked examples but no form[data-calculator]`);
      for (const ex of rate.examples) {
        expectEqual(await calculate(page, ex), ex, `${rate.id} at ${rate.url}`);
        checked += 1;
      }
    }
    assert.ok(checked > 0, '/rates.json holds no worked example at all: nothing was compared');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('the worked examples of the design (content-model §3.4)', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, '/preise/stundenpakete-2025/');
    assert.ok(await page.locator('form[data-calculator]').count(), 'no form[data-calculator] on /preise/stundenpakete-2025/');
    expectEqual(await calculate(page, { minutes: 50, area: 'backoffice', package: null, surcharges: [] }),
      { billable_minutes: '60 Min.', consumed_hours: '1,00', per_hour: '45,00 €', net: '45,00 €', vat: '8,55 €', gross: '53,55 €' },
      '50 min backoffice');
    expectEqual(await calculate(page, { minutes: 90, area: 'marketing', package: 'm', surcharges: ['eil'] }),
      { billable_minutes: '90 Min.', consumed_hours: '2,25', per_hour: '39,00 €', net: '131,63 €', vat: '25,01 €', gross: '156,64 €' },
      '90 min marketing, package M, rush');
    // Minimum and increment: 1 minute bills 15.
    const small = await calculate(page, { minutes: 1, area: 'backoffice', package: null, surcharges: [] });
    assert.equal(small.billable, '15 Min.');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});
