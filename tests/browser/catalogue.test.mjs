// Catalogue filter on /leistungen/: text and category hide non-matching cards.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, visit, revealed, closeBrowser } from './_lib.mjs';

after(closeBrowser);

const visibleCards = (page) => page.locator('[data-card]:visible');

test('the catalogue filter hides non-matching cards', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, '/leistungen/');
    await revealed(page, '[data-catalogue-filter]', 'catalogue filter');
    const all = await page.locator('[data-card]').count();
    assert.ok(all > 1, `only ${all} [data-card] on /leistungen/`);
    assert.equal(await visibleCards(page).count(), all, 'cards hidden before filtering');

    // A word of the first card that some other card lacks.
    const texts = await page.locator('[data-card]').evaluateAll((els) => els.map((e) => e.dataset.search || ''));
    const word = texts[0].split(/[^\p{L}\p{N}]+/u).find((w) => w.length > 3 && texts.some((t) => !t.includes(w)));
    assert.ok(word, 'no word tells the first card from the others');
    const box = page.locator('[data-filter-text]');
    await box.click();
    await box.pressSequentially(word, { delay: 20 });
    const shown = await visibleCards(page).evaluateAll((els) => els.map((e) => e.dataset.search));
    assert.ok(shown.length >= 1 && shown.length < all, `"${word}" left ${shown.length} of ${all} cards`);
    assert.ok(shown.every((t) => t.includes(word)), `a visible card does not contain "${word}"`);
    for (const g of await page.locator('[data-group]').all()) {
      if (await g.isVisible()) assert.ok(await g.locator('[data-card]:visible').count() > 0, 'a visible group has no visible card');
    }

    await box.fill('zzqxwv-nothing');
    assert.equal(await visibleCards(page).count(), 0);
    assert.ok(await page.locator('[data-filter-empty]').isVisible(), '[data-filter-empty] not shown when nothing matches');
    assert.equal(await page.locator('[data-group]:visible').count(), 0, 'empty groups still shown');

    await box.fill('');
    const cat = page.locator('[data-filter-category]');
    const value = await cat.locator('option:not([value=""])').first().getAttribute('value');
    await cat.selectOption(value);
    const cats = await visibleCards(page).evaluateAll((els) => els.map((e) => e.dataset.category));
    assert.ok(cats.length > 0 && cats.length < all, `category ${value} shows ${cats.length} of ${all}`);
    assert.ok(cats.every((c) => c === value), `category ${value} shows cards of ${[...new Set(cats)]}`);
    assert.ok(await page.locator('[data-filter-empty]').isHidden());
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('the language filter offers the languages of the services and keeps only those offered in it', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, '/leistungen/');
    await revealed(page, '[data-catalogue-filter]', 'catalogue filter');
    const all = await page.locator('[data-card]').count();
    const offered = await page.locator('[data-card]').evaluateAll((els) => els.map((e) => (e.dataset.languages || '').split('|').filter(Boolean)));
    const names = [...new Set(offered.flat())].sort();
    const select = page.locator('[data-filter-language]');
    assert.ok(await select.isVisible(), 'no language filter although services differ in language');
    const options = (await select.locator('option:not([value=""])').allTextContents()).sort();
    assert.deepEqual(options, names, 'the options are not the languages of the cards');
    // The language the fewest services are offered in.
    const rare = names.map((n) => [offered.filter((l) => l.includes(n)).length, n]).sort((a, b) => a[0] - b[0])[0];
    await select.selectOption(rare[1]);
    const shown = await visibleCards(page).evaluateAll((els) => els.map((e) => (e.dataset.languages || '').split('|')));
    assert.equal(shown.length, rare[0], `${rare[1]} shows ${shown.length} cards`);
    assert.ok(shown.length < all, `${rare[1]} hides no card`);
    assert.ok(shown.every((l) => l.includes(rare[1])), `a card not offered in ${rare[1]} is shown`);
    await select.selectOption('');
    assert.equal(await visibleCards(page).count(), all);
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});
