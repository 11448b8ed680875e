// Briefing form: filled in, it yields a formatted preview and Markdown with the entered
// values (dates in the page's locale, no doubled punctuation after labels); clearing
// the draft asks first; a required field left empty is listed in the errors at the top,
// marked invalid with a message beside it, and focused.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, visit, revealed, text, closeBrowser } from './_lib.mjs';

const PAGE = '/briefings/allgemein/';
after(closeBrowser);

/** "Label:" as a Markdown line writes it: no colon after a label ending in punctuation. */
const labelled = (label) => (/[?!:.…]$/.test(label) ? label : `${label}:`);

/** Fills every field of the form with a recognisable value; returns {id: value as the brief shows it}. */
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
    } else if (type === 'date') { await c.fill('2025-03-14'); v = '14.03.2025'; }
    else if (type === 'datetime-local') { await c.fill('2025-03-14T10:30'); v = '14.03.2025, 10:30'; }
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
    const preview = form.locator('[data-briefing-preview]');
    await preview.waitFor({ state: 'visible' });
    const md = await form.locator('[data-briefing-output]').inputValue();
    assert.ok(md.startsWith(`# ${await form.getAttribute('data-title')}\n`), `Markdown does not start with the title:\n${md}`);
    const shown = await preview.evaluate((el) => [...el.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent]));
    for (const field of await form.locator('[data-field]').all()) {
      const id = await field.getAttribute('data-field');
      if (!(id in values)) continue;
      const label = await field.getAttribute('data-label');
      const line = `- **${labelled(label)}** ${values[id]}`;
      assert.ok(md.includes(line), `Markdown lacks "${line}":\n${md}`);
      assert.ok(shown.some(([dt, dd]) => dt === label && dd === values[id]), `the preview lacks ${label}: ${values[id]}`);
    }
    assert.ok(!/[?!:]:\*\*/.test(md), `a label ends in doubled punctuation:\n${md}`);
    assert.match(md, /^## /m, 'Markdown has no "## section" heading');
    assert.ok(await form.locator('[data-briefing-errors]').isHidden(), 'errors shown for a complete form');

    await page.reload({ waitUntil: 'load' });
    const [firstId, firstValue] = Object.entries(values)[0];
    const restored = page.locator(`form[data-briefing] [name="${firstId}"]`).first();
    const restoredValue = () => restored.evaluate((el) => (el.tagName === 'SELECT' ? el.selectedOptions[0]?.textContent : el.value));
    assert.equal(await restoredValue(), firstValue, 'draft not restored after reload');

    // Clearing asks first: cancelled, nothing is lost; confirmed, the draft goes.
    page.removeAllListeners('dialog'); // _lib says yes to every dialog
    let answer = 'dismiss';
    const asked = [];
    page.on('dialog', (d) => { asked.push(d.message()); return answer === 'accept' ? d.accept() : d.dismiss(); });
    await page.locator('form[data-briefing] [data-action="clear"]').click();
    assert.equal(asked.length, 1, 'clearing the draft did not ask');
    assert.equal(await restoredValue(), firstValue, 'a cancelled clear emptied the form');
    answer = 'accept';
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
    const message = req.locator('[data-field-error]');
    assert.ok(await message.isVisible(), 'no message beside the missing field');
    assert.ok((await control.getAttribute('aria-describedby')).split(' ').includes(await message.getAttribute('id')), 'the message is not tied to its field');
    const box = await errors.boundingBox();
    const first = await form.locator('fieldset').first().boundingBox();
    assert.ok(box.y < first.y, 'the error list is not at the top of the form');
    assert.ok(await control.evaluate((el) => el === document.activeElement), 'the missing field is not focused');
    assert.ok(await form.locator('[data-briefing-preview]').isHidden(), 'a brief shown despite a missing field');
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
