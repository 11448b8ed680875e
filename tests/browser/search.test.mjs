// Site search (themes/default/static/js/search.js over the index of SEARCH.md): the
// header combobox, the full results page, typos, umlaut spellings, filter chips,
// keyboard use, the bytes of a cold query, and a site without an index.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { openPage, visit, closeBrowser, text, url } from './_lib.mjs';

after(closeBrowser);

const RESULTS = '#search-results';
const BOX = 'form.site-search input[type="search"]';
const RATE = 'Stundensatz und Stundenpakete 2025';

async function type(page, selector, query) {
  const box = page.locator(selector).first();
  await box.click();
  await box.fill('');
  await box.pressSequentially(query, { delay: 25 });
  return box;
}

/** Titles of the result links in order. */
const titles = (list) => list.locator('.search-hit-head a').allTextContents();

/** Names of the resources of the search (client modules, stemmers, index files) the page fetched. */
const searchFetches = (page) => page.evaluate(() => performance.getEntriesByType('resource')
  .map((e) => new URL(e.name).pathname).filter((n) => /\/_search\/|\/js\/(search(-ui|-core)?|stem-[a-z]+)\./.test(n)));

test('a page loads no search module and no index file until the box is used; words typed at once are kept', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, '/');
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname).filter((n) => /\/js\//.test(n)));
    assert.ok(scripts.some((n) => /\/js\/search-load\./.test(n)), `no search-load.js among ${scripts}`);
    await page.waitForTimeout(300);
    assert.deepEqual(await searchFetches(page), [], 'search files fetched before the box was used');
    // Focus, then type at once: the client is not there yet when the keys arrive.
    await page.locator(BOX).focus();
    await page.keyboard.type('Telefonservice', { delay: 0 });
    await page.locator(RESULTS).getByRole('link', { name: 'Telefonservice', exact: true }).first().waitFor({ state: 'visible' });
    assert.equal(await page.locator(BOX).inputValue(), 'Telefonservice');
    const got = await searchFetches(page);
    assert.ok(got.some((n) => /\/js\/search\./.test(n)) && got.some((n) => /\/_search\/manifest\./.test(n)), `fetched: ${got}`);
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('typing in the header box shows results in an accessible combobox', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, '/');
    const box = page.locator(BOX);
    assert.equal(await box.count(), 1, 'no form.site-search with input[type=search] in the header');
    // Nothing of the search is fetched before the box is used.
    const early = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\/_search\/|stem-/.test(n)));
    assert.deepEqual(early, [], 'search data fetched before the box was used');
    await type(page, BOX, 'Telefon');
    const hit = page.locator(RESULTS).getByRole('link', { name: 'Telefonservice', exact: true });
    await hit.first().waitFor({ state: 'visible' });
    assert.equal(await box.getAttribute('role'), 'combobox');
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    const listId = await box.getAttribute('aria-controls');
    assert.ok(listId, 'combobox without aria-controls');
    const list = page.locator(`#${listId}`);
    // ARIA 1.2 combobox with a grid popup (a listbox option must not contain a link)
    assert.equal(await box.getAttribute('aria-haspopup'), 'grid');
    assert.equal(await list.getAttribute('role'), 'grid');
    assert.ok(await list.locator('[role="row"] > [role="gridcell"] a').count() > 0, 'grid has no result cells with links');
    // type badges and highlighted excerpts
    assert.ok(await page.locator(`${RESULTS} .search-badge`).count() > 0, 'no type badges');
    await page.locator(`${RESULTS} .search-excerpt mark`).first().waitFor({ state: 'visible' });
    // follow the hit
    const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), hit.first().click()]);
    assert.equal(res?.status(), 200);
    assert.match(await text(page.locator('h1').first()), /Telefonservice/);
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('the search page reads ?q= and ranks the rate table in the top 3', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, '/suche/?q=Stundensatz');
    const list = page.locator('[data-search-page] .search-list');
    await list.locator('.search-hit').first().waitFor({ state: 'visible' });
    assert.equal(await page.locator('#search-page-q').inputValue(), 'Stundensatz');
    const top = (await titles(list)).slice(0, 3);
    assert.ok(top.includes(RATE), `"${RATE}" not in the top 3: ${JSON.stringify(top)}`);
    assert.match(await text(page.locator('[data-search-echo]')), /Stundensatz/);
    await list.locator('.search-excerpt mark').first().waitFor({ state: 'visible' });
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('a typo still finds the page and offers "did you mean"', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, '/');
    await type(page, BOX, 'Telefonservise');
    await page.locator(RESULTS).getByRole('link', { name: 'Telefonservice', exact: true }).first().waitFor({ state: 'visible' });
    const dym = page.locator(`${RESULTS} .search-dym`);
    await dym.waitFor({ state: 'visible' });
    assert.match(await text(page.locator(`${RESULTS} .search-note`)), /Meinten Sie Telefonservice\?/);
    await dym.click();
    assert.equal(await page.locator(BOX).inputValue(), 'Telefonservice');
    await page.locator(`${RESULTS} .search-dym`).waitFor({ state: 'detached' });
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('"did you mean" offers a word of the text, not its stem', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, '/');
    await type(page, BOX, 'Scheinselbständigkeit');
    const dym = page.locator(`${RESULTS} .search-dym`);
    await dym.waitFor({ state: 'visible' });
    assert.equal(await text(dym), 'Scheinselbstständigkeit');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('every listed result gets an excerpt, those further down as they come into view', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, '/suche/?q=Telefon');
    const rows = page.locator('[data-search-page] .search-hit');
    await rows.first().waitFor({ state: 'visible' });
    const n = await rows.count();
    assert.ok(n > 8, `only ${n} results for "Telefon"`);
    const filled = () => page.evaluate(() => document.querySelectorAll('[data-search-page] .search-hit[data-excerpt]').length);
    await page.waitForFunction(() => document.querySelectorAll('[data-search-page] .search-hit[data-excerpt]').length >= 3);
    await page.waitForTimeout(300);
    const early = await filled();
    assert.ok(early < n, `all ${n} excerpts fetched before scrolling`);
    for (let i = 0; i < n; i++) await rows.nth(i).scrollIntoViewIfNeeded();
    await page.waitForFunction((k) => document.querySelectorAll('[data-search-page] .search-hit[data-excerpt]').length === k, n);
    const withText = await page.locator('[data-search-page] .search-hit[data-excerpt="text"]').count();
    assert.ok(withText >= n - 2, `${withText} of ${n} results with an excerpt of their text`);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('umlaut spellings with ae/oe/ue find results', async () => {
  const { context, page, problems } = await openPage();
  try {
    for (const [q, expect] of [['Stundensaetze', RATE], ['Groesse', null]]) {
      await visit(page, `/suche/?q=${encodeURIComponent(q)}`);
      const list = page.locator('[data-search-page] .search-list');
      await list.locator('.search-hit').first().waitFor({ state: 'visible' });
      const got = await titles(list);
      assert.ok(got.length > 0, `${q}: no results`);
      if (expect) assert.ok(got.slice(0, 3).includes(expect), `${q}: "${expect}" not in the top 3: ${JSON.stringify(got)}`);
    }
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('a type filter chip narrows the results and shows counts', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, '/suche/?q=Telefon');
    const root = page.locator('[data-search-page]');
    await root.locator('.search-hit').first().waitFor({ state: 'visible' });
    const all = await root.locator('.search-hit').count();
    const chip = root.locator('.search-chip[data-type="service"]');
    const label = await text(chip);
    const n = Number(/\((\d+)\)/.exec(label)?.[1]);
    assert.ok(n > 0 && n < all, `chip "${label}" against ${all} results`);
    await chip.click();
    await page.waitForFunction((k) => document.querySelectorAll('[data-search-page] .search-hit').length === k, n);
    const types = await root.locator('.search-badge').evaluateAll((els) => els.map((e) => e.dataset.type));
    assert.ok(types.every((ty) => ty === 'service'), `filtered list shows ${[...new Set(types)]}`);
    assert.equal(await root.locator('.search-chip[data-type="service"]').getAttribute('aria-pressed'), 'true');
    await root.locator('.search-chip[data-type=""], .search-chip:not([data-type])').first().click();
    await page.waitForFunction((k) => document.querySelectorAll('[data-search-page] .search-hit').length === k, all);
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('keyboard: / focuses the box, ArrowDown + Enter opens a result, Escape closes', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, '/');
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.matches('form.site-search input')), true, '/ did not focus the search box');
    await page.keyboard.type('Telefonservice', { delay: 25 });
    const box = page.locator(BOX);
    await page.locator(`${RESULTS} [role="gridcell"]`).first().waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    assert.ok(await page.locator(RESULTS).isHidden(), 'Escape did not close the popup');
    await page.keyboard.press('ArrowDown'); // reopens
    await page.keyboard.press('ArrowDown');
    const active = await box.getAttribute('aria-activedescendant');
    assert.ok(active, 'no aria-activedescendant after ArrowDown');
    const option = page.locator(`#${active}`);
    assert.equal(await option.getAttribute('aria-selected'), 'true');
    const href = await option.locator('a').getAttribute('href');
    // Excerpt shards may still be loading; leaving the page would abort them, which the
    // problem log counts as a failed request.
    await page.waitForLoadState('networkidle');
    const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    assert.equal(res?.status(), 200);
    assert.equal(new URL(page.url()).pathname, new URL(href, page.url()).pathname);
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('a cold one-word query stays within 64 KB', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, '/');
    await type(page, BOX, 'Stundensatz');
    await page.locator(`${RESULTS} .search-hit`).first().waitFor({ state: 'visible' });
    await page.locator(`${RESULTS} .search-excerpt mark`).first().waitFor({ state: 'visible' });
    await page.waitForTimeout(300); // excerpt bundles of the top 3
    const files = await page.evaluate(() => performance.getEntriesByType('resource')
      .filter((e) => /\/_search\/|\/js\/(search(-ui|-core)?|stem-[a-z]+)\./.test(e.name))
      .map((e) => ({ url: e.name, bytes: e.encodedBodySize })));
    let raw = 0;
    let wire = 0; // what a server that compresses .js/.json would send (.bin files are gzip already)
    for (const f of files) {
      raw += f.bytes;
      if (/\.(js|json)$/.test(new URL(f.url).pathname)) {
        const body = Buffer.from(await (await fetch(url(new URL(f.url).pathname))).arrayBuffer());
        wire += gzipSync(body, { level: 9 }).length;
      } else wire += f.bytes;
    }
    const list = files.map((f) => `${new URL(f.url).pathname} ${f.bytes}`).join(', ');
    console.log(`cold query "Stundensatz": ${files.length} files, ${raw} bytes as served (no compression), ${wire} bytes with gzip for .js/.json: ${list}`);
    assert.ok(files.some((f) => /\/js\/search\./.test(f.url)), 'search.js not among the resources');
    assert.ok(wire < 64 * 1024, `cold query fetched ${wire} bytes (gzip transfer), over 64 KB`);
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('without an index the box says so, quietly', async () => {
  const { context, page, problems } = await openPage();
  try {
    // The same page as a site built without search would carry: no "search" key.
    await page.route(url('/'), async (route) => {
      const res = await route.fetch();
      const body = (await res.text()).replace(/(<script type="application\/json" id="vpagen-ui">)(.*?)(<\/script>)/s, (_, open, json, close) => {
        const ui = JSON.parse(json);
        delete ui.search;
        return open + JSON.stringify(ui).replaceAll('<', '\\u003c') + close;
      });
      await route.fulfill({ response: res, body });
    });
    await visit(page, '/');
    assert.equal(await page.evaluate(() => 'search' in JSON.parse(document.getElementById('vpagen-ui').textContent)), false);
    await type(page, BOX, 'Telefon');
    await page.locator(`${RESULTS} .search-status`).waitFor({ state: 'visible' });
    assert.match(await text(page.locator(`${RESULTS} .search-status`)), /nicht verfügbar/);
    const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\/_search\//.test(n)));
    assert.deepEqual(fetched, []);
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('the English search page works the same', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, '/en/search/');
    assert.ok(await page.locator('noscript').count() > 0, 'no <noscript> note');
    const first = await page.evaluate(async () => {
      const ui = JSON.parse(document.getElementById('vpagen-ui').textContent);
      const m = await (await fetch(ui.search.manifest)).json();
      const res = await fetch(new URL(m.languages.en.chunks.dir + '/0.bin', new URL(ui.search.manifest, location.href)));
      // Doc chunks are gzipped JSON, like every .bin file of the index.
      const text = await new Response(res.body.pipeThrough(new DecompressionStream('gzip'))).text();
      const chunk = JSON.parse(text);
      return chunk[0].title;
    });
    const word = first.split(/[^\p{L}\p{N}]+/u).sort((a, b) => b.length - a.length)[0];
    await type(page, '#search-page-q', word);
    const list = page.locator('[data-search-page] .search-list');
    await list.getByRole('link', { name: first, exact: true }).first().waitFor({ state: 'visible' });
    assert.match(page.url(), new RegExp(`[?&]q=${encodeURIComponent(word)}`));
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('category chips count the services per area and narrow to one', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, '/suche/?q=Kunden');
    const root = page.locator('[data-search-page]');
    await root.locator('.search-hit').first().waitFor({ state: 'visible' });
    const group = root.locator('.search-chips-category');
    await group.waitFor({ state: 'visible' });
    assert.equal(await group.getAttribute('aria-label'), 'Nach Bereich filtern');
    const chips = group.locator('.search-chip');
    assert.ok((await chips.count()) >= 2, 'results span at least two areas');
    const chip = chips.first();
    const label = await text(chip);
    const n = Number(/\((\d+)\)/.exec(label)?.[1]);
    assert.ok(n > 0, `chip "${label}"`);
    await chip.click();
    await page.waitForFunction((k) => document.querySelectorAll('[data-search-page] .search-hit').length === k, n);
    const types = await root.locator('.search-badge').evaluateAll((els) => els.map((e) => e.dataset.type));
    assert.ok(types.every((ty) => ty === 'service'), `an area holds services only: ${[...new Set(types)]}`);
    assert.equal(await group.locator('.search-chip').first().getAttribute('aria-pressed'), 'true');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('"all languages" on the search page finds English pages from the German one', async () => {
  const { context, page, problems } = await openPage();
  try {
    // "dunning" is only in the English translations.
    await visit(page, '/suche/?q=dunning');
    const list = page.locator('[data-search-page] .search-list');
    const status = page.locator('[data-search-page] .search-status');
    await page.waitForFunction(() => /dunning/.test(document.querySelector('[data-search-page] .search-status')?.textContent || ''));
    assert.equal(await list.locator('.search-hit').count(), 0, 'German-only search found English pages');
    const all = page.getByRole('checkbox', { name: /In allen Sprachen suchen/ });
    assert.equal(await all.isChecked(), false, 'the box starts unchecked without [search] all_languages');
    await all.check();
    await list.locator('.search-hit').first().waitFor({ state: 'visible' });
    assert.match(await text(status), /Treffer/, 'the status is not in the page language');
    const hits = await list.locator('.search-hit').evaluateAll((lis) => lis.map((li) => ({
      lang: li.getAttribute('lang'),
      hreflang: li.querySelector('.search-hit-head a').getAttribute('hreflang'),
      href: li.querySelector('.search-hit-head a').getAttribute('href'),
      badge: li.querySelector('.search-lang')?.textContent,
      typeLang: li.querySelector('.search-badge').getAttribute('lang'),
    })));
    for (const h of hits) {
      assert.deepEqual([h.lang, h.hreflang, h.badge, h.typeLang], ['en', 'en', 'English', 'de'], `hit ${h.href} is not marked as English`);
      assert.match(h.href, /^\/en\//, `English hit ${h.href} is not under /en/`);
    }
    assert.match(page.url(), /[?&]all=1/, 'the choice is not kept in the URL');
    // The hits' excerpts are still on their way: leaving now would abort them.
    await page.waitForLoadState('networkidle');
    // A reload keeps the choice; a German word still ranks the German page first.
    await visit(page, '/suche/?q=Telefonservice&all=1');
    assert.equal(await page.getByRole('checkbox', { name: /In allen Sprachen suchen/ }).isChecked(), true);
    await list.locator('.search-hit').first().waitFor({ state: 'visible' });
    const first = list.locator('.search-hit').first();
    assert.equal(await first.getAttribute('lang'), null, 'a German hit is marked as foreign');
    assert.equal(await text(first.locator('.search-hit-head a')), 'Telefonservice');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});
