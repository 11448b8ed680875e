// Briefing form: filled in, it yields Markdown with the entered values; a required
// field left empty is listed in the errors, marked invalid and focused.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, visit, revealed, text, closeBrowser } from './_lib.mjs';

const PAGE = '/briefings/allgemein/';
after(closeBrowser);

/** Fills every field of the form with a recognisable value; returns {id: shown value}. */
async function fillAll(form) {
  const values = {};
  for (const field of await form.locator('[data-field]').all()) {
    const id = await field.getAttribute('data-field');
    const kind = await field.getAttribute('data-kind');
    const c = field.locator(`[name="${id}"]`).first();
    const type = await c.evaluate((el) => (el.multiple ? 'multiple' : el.type || el.tagName.toLowerCase()));
    let v;
    if (type === 'checkbox') continue;
    if (type === 'select-one' || type === 'multiple') {
      const opt = await c.locator('option').nth(1).textContent();
      await c.selectOption({ label: opt }); v = opt;
    } else if (type === 'date') { v = '2025-03-14'; await c.fill(v); }
    else if (type === 'datetime-local') { await c.fill('2025-03-14T10:30'); v = '2025-03-14 10:30'; }
    else if (type === 'number') { v = '3'; await c.fill(v); }
    else if (type === 'url') { v = `https://example.org/${id}`; await c.fill(v); }
    else if (kind === 'access-ref') { v = 'Kunde Beispiel – CRM'; await c.fill(v); }
    else { v = `Wert für ${id}`; await c.fill(v); }
    values[id] = v;
  }
  return values;
}

test('a filled briefing yields Markdown with the entered values, kept as a draft', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, PAGE);
    await revealed(page, '[data-briefing-actions]', 'briefing buttons');
    const form = page.locator('form[data-briefing]').first();
    const values = await fillAll(form);
    assert.ok(Object.keys(values).length > 0, 'the briefing form has no [data-field] to fill');

    await form.locator('[data-action="markdown"]').click();
    const out = form.locator('[data-briefing-output]');
    await out.waitFor({ state: 'visible' });
    const md = await out.inputValue();
    assert.ok(md.startsWith(`# ${await form.getAttribute('data-title')}\n`), `Markdown does not start with the title:\n${md}`);
    for (const field of await form.locator('[data-field]').all()) {
      const id = await field.getAttribute('data-field');
      if (!(id in values)) continue;
      const line = `- **${await field.getAttribute('data-label')}:** ${values[id]}`;
      assert.ok(md.includes(line), `Markdown lacks "${line}":\n${md}`);
    }
    assert.match(md, /^## /m, 'Markdown has no "## section" heading');
    assert.ok(await form.locator('[data-briefing-errors]').isHidden(), 'errors shown for a complete form');

    await page.reload({ waitUntil: 'load' });
    const [firstId, firstValue] = Object.entries(values)[0];
    const restored = await page.locator(`form[data-briefing] [name="${firstId}"]`).first()
      .evaluate((el) => (el.tagName === 'SELECT' ? el.selectedOptions[0]?.textContent : el.value.replace('T', ' ')));
    assert.equal(restored, firstValue, 'draft not restored after reload');

    await page.locator('form[data-briefing] [data-action="clear"]').click();
    await page.reload({ waitUntil: 'load' });
    const textFields = page.locator('form[data-briefing] [data-kind="textarea"] textarea');
    for (const ta of await textFields.all()) assert.equal(await ta.inputValue(), '', 'clear did not empty the draft');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('an empty required field is listed in the errors, invalid and focused', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, PAGE);
    await revealed(page, '[data-briefing-actions]', 'briefing buttons');
    const form = page.locator('form[data-briefing]').first();
    await fillAll(form);
    const req = form.locator('[data-field]:has(textarea[required], input[required]:not([type="checkbox"]))').first();
    assert.equal(await req.count(), 1, 'no required field in the briefing form');
    const id = await req.getAttribute('data-field');
    const label = await req.getAttribute('data-label');
    const control = req.locator(`[name="${id}"]`).first();
    await control.fill('');

    await form.locator('[data-action="markdown"]').click();
    const errors = form.locator('[data-briefing-errors]');
    await errors.waitFor({ state: 'visible' });
    assert.ok((await text(errors)).includes(label), `errors do not name "${label}": ${await text(errors)}`);
    assert.equal(await control.getAttribute('aria-invalid'), 'true');
    assert.ok(await control.evaluate((el) => el === document.activeElement), 'the missing field is not focused');
    assert.ok(await form.locator('[data-briefing-output]').isHidden(), 'Markdown shown despite a missing field');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('a password in an access-ref field warns and stays out of the Markdown', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, PAGE);
    await revealed(page, '[data-briefing-actions]', 'briefing buttons');
    const form = page.locator('form[data-briefing]').first();
    await fillAll(form);
    const field = form.locator('[data-field][data-kind="access-ref"]').first();
    assert.equal(await field.count(), 1, 'no access-ref field in the general briefing');
    const id = await field.getAttribute('data-field');
    await field.locator(`[name="${id}"]`).fill('Xq7#pLm2vR!');
    await field.locator('[data-password-warning]').waitFor({ state: 'visible' });
    await form.locator('[data-action="markdown"]').click();
    const md = await form.locator('[data-briefing-output]').inputValue();
    assert.ok(!md.includes('Xq7#pLm2vR!'), 'the password-like value went into the Markdown');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});
