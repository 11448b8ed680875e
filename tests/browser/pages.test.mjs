// One page of each type: no console error, no failed request, no axe-core violation
// (WCAG 2.x A/AA) and a full-page screenshot, in the light and in the dark colour
// scheme (screenshots to $VPAGEN_ARTIFACTS).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openPage, visit, closeBrowser, axeViolations, ARTIFACTS } from './_lib.mjs';

const PAGES = [
  '/', '/leistungen/', '/leistungen/telefonservice/', '/kompetenzen/englisch/', '/kompetenzen/matrix/',
  '/checklisten/it-sicherheit/', '/preise/stundenpakete-2025/', '/briefings/allgemein/',
  '/einarbeitung/neue-assistenz/', '/einarbeitung/neue-assistenz/druck/', '/suche/?q=Rechnung',
  '/impressum/', '/404.html', '/en/', '/en/services/telefonservice/',
];
after(closeBrowser);

const slug = (p) => p.replace(/\?.*$/, '').replace(/\.html$/, '').replace(/^\/|\/$/g, '').replace(/\//g, '_') || 'home';

for (const p of PAGES) {
  test(`${p}: no console error or failed request; screenshots light and dark`, async () => {
    mkdirSync(path.join(ARTIFACTS, 'screenshots'), { recursive: true });
    const all = [];
    for (const colorScheme of ['light', 'dark']) {
      const { context, page, problems } = await openPage({ colorScheme });
      try {
        await visit(page, p);
        if (p.includes('?q=')) await page.locator('[data-search-page-results] a[href]').first().waitFor({ timeout: 5_000 });
        await page.waitForTimeout(150); // late console errors from scripts
        await page.screenshot({ path: path.join(ARTIFACTS, 'screenshots', `${slug(p)}-${colorScheme}.png`), fullPage: true });
        // WCAG 2.x A/AA in both colour schemes (contrast differs between them).
        const violations = await axeViolations(page);
        all.push(...violations.map((v) => `[${colorScheme}] axe ${v}`));
        all.push(...problems.map((x) => `[${colorScheme}] ${x}`));
      } finally { await context.close(); }
    }
    assert.deepEqual(all, []);
  });
}

test('the colour-scheme toggle switches, is pressed in dark, and is remembered', async () => {
  const { context, page, problems } = await openPage({ colorScheme: 'light' });
  try {
    await visit(page, '/');
    const toggle = page.locator('[data-theme-toggle]').first();
    assert.equal(await toggle.count(), 1, 'no [data-theme-toggle] button on the home page');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    // The label names what a press does next and changes with the state.
    const toDark = await toggle.getAttribute('data-label-to-dark');
    const toLight = await toggle.getAttribute('data-label-to-light');
    assert.ok(toDark && toLight && toDark !== toLight, 'the toggle lacks distinct data-label-to-dark / data-label-to-light');
    assert.equal(await toggle.getAttribute('aria-label'), toDark);
    await toggle.focus();
    await page.keyboard.press('Enter'); // keyboard, as a person without a mouse would
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.equal(await toggle.getAttribute('aria-label'), toLight);
    await visit(page, '/impressum/');
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark', 'the choice is not remembered on the next page');
    assert.equal(await page.evaluate(() => localStorage.getItem('vpagen:theme')), 'dark');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});
