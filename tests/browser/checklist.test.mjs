// Checklist: ticks survive a reload, progress follows, reset clears, exports and
// import work, and a stored older version is removed with a notice.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { openPage, visit, revealed, text, downloadText, closeBrowser, ARTIFACTS } from './_lib.mjs';

const PAGE = '/checklisten/it-sicherheit/';
after(closeBrowser);

async function open() {
  const { context, page, problems } = await openPage();
  await visit(page, PAGE);
  await revealed(page, '[data-checklist-tools]', 'checklist tool bar');
  return { context, page, problems };
}

test('a ticked item survives a reload, progress text changes, reset clears', async () => {
  const { context, page, problems } = await open();
  try {
    const list = page.locator('[data-checklist]').first();
    const progress = list.locator('[data-progress-text]');
    const item = list.locator('[data-item][data-required="true"]').first();
    assert.equal(await item.count(), 1, 'no [data-item][data-required="true"] on the page');
    const id = await item.getAttribute('data-item');
    const box = item.locator('input[type="checkbox"]');
    const before = await text(progress);
    const barBefore = Number(await list.locator('[data-progress]').getAttribute('value') ?? 0);

    await box.check();
    assert.notEqual(await text(progress), before, 'progress text did not change after ticking');
    assert.equal(await list.locator('[data-progress]').evaluate((p) => p.value), barBefore + 1, 'progress bar did not advance');
    const key = await list.getAttribute('data-storage-key');
    const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), key);
    assert.deepEqual(stored, { checked: [id] }, `localStorage[${key}]`);

    await page.reload({ waitUntil: 'load' });
    await revealed(page, '[data-checklist-tools]', 'checklist tool bar');
    assert.ok(await page.locator(`[data-item="${id}"] input[type="checkbox"]`).isChecked(), `item ${id} not ticked after reload`);
    assert.notEqual(await text(page.locator('[data-checklist] [data-progress-text]').first()), before);

    await page.locator('[data-checklist] button[data-action="reset"]').first().click();
    assert.equal(await page.locator('[data-checklist] [data-item] input:checked').count(), 0, 'reset left ticks');
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), null, 'reset left the stored state');
    await page.reload({ waitUntil: 'load' });
    assert.equal(await page.locator('[data-checklist] [data-item] input:checked').count(), 0, 'ticks came back after reset + reload');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('export Markdown and JSON hold the ticks; import restores them', async () => {
  const { context, page, problems } = await open();
  try {
    const list = page.locator('[data-checklist]').first();
    const item = list.locator('[data-item]').first();
    const id = await item.getAttribute('data-item');
    const itemText = await text(item.locator('.item-text'));
    await item.locator('input[type="checkbox"]').check();

    const md = await downloadText(page, () => list.locator('button[data-action="export-md"]').click());
    assert.match(md.text, /^# .+ \(Version \d+\)$/m, `Markdown export has no "# title (Version n)" line:\n${md.text}`);
    assert.ok(md.text.includes(`- [x] ${itemText}`), `Markdown export lacks "- [x] ${itemText}":\n${md.text}`);
    assert.match(md.text, /^- \[ \] /m, 'Markdown export lists no unticked item');

    const js = await downloadText(page, () => list.locator('button[data-action="export-json"]').click());
    const data = JSON.parse(js.text);
    assert.equal(data.checklist, await list.getAttribute('data-checklist'));
    assert.equal(data.version, Number(await list.getAttribute('data-version')));
    assert.equal(data.items[id], true);

    await list.locator('button[data-action="reset"]').click();
    const file = path.join(ARTIFACTS, 'downloads', 'import-test.md');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, md.text);
    await list.locator('input[type="file"][data-action="import"]').setInputFiles(file);
    await page.waitForFunction((i) => document.querySelector(`[data-item="${i}"] input`).checked, id);
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('state of an older version is removed with a notice', async () => {
  const { context, page, problems } = await open();
  try {
    const list = page.locator('[data-checklist]').first();
    const prefix = await list.getAttribute('data-storage-prefix');
    assert.ok(prefix, 'checklist lacks data-storage-prefix');
    const version = Number(await list.getAttribute('data-version'));
    const old = `${prefix}${version + 7}`;
    await page.evaluate((k) => localStorage.setItem(k, '{"checked":["x"]}'), old);
    await page.reload({ waitUntil: 'load' });
    await list.locator('[data-version-notice]').waitFor({ state: 'visible' });
    assert.notEqual(await text(list.locator('[data-version-notice]')), '');
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), old), null, 'old version key not removed');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});
