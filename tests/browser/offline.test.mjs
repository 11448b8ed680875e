// `[search] offline = true`: the built folder opened from the disk (file://), without
// a server. Links work (relative, naming index.html) and the search loads its index
// through script twins of the index files.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, closeBrowser, openPage, text } from './_lib.mjs';

const BIN = process.env.VPAGEN_BIN || path.join(REPO, 'target', 'release', 'vpagen');
const BOX = 'form.site-search input[type="search"]';
const work = mkdtempSync(path.join(os.tmpdir(), 'vpagen-offline-'));
after(async () => {
  await closeBrowser();
  rmSync(work, { recursive: true, force: true });
});

/** Builds a copy of the example with offline search; returns the output folder. */
function buildOffline() {
  assert.ok(existsSync(BIN), `${BIN} not found: run \`cargo build --release\` (or set VPAGEN_BIN)`);
  const site = path.join(work, 'site');
  for (const entry of ['site.toml', 'content', 'static']) {
    cpSync(path.join(REPO, entry), path.join(site, entry), { recursive: true });
  }
  const toml = readFileSync(path.join(site, 'site.toml'), 'utf8');
  assert.match(toml, /^\[search\]$/m, 'the example has a [search] table');
  writeFileSync(path.join(site, 'site.toml'), toml.replace(/^\[search\]$/m, '[search]\noffline = true'));
  const out = path.join(work, 'out');
  execFileSync(BIN, ['build', '--quiet', '--root', site, '--output', out], { stdio: 'inherit' });
  return out;
}

const out = buildOffline();
const file = (rel) => pathToFileURL(path.join(out, rel)).href;

test('pages opened from the disk link to each other and load their styles', async () => {
  const { context, page, problems } = await openPage();
  try {
    await page.goto(file('leistungen/telefonservice/index.html'));
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).marginTop), '0px', 'the stylesheet applies');
    const home = await page.locator('header a[href]').first().getAttribute('href');
    assert.match(home, /^(\.\.\/)+index\.html$/, `a header link is relative: ${home}`);
    await page.locator('header a[href]').first().click();
    await page.waitForURL(file('index.html'));
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('the search box finds pages from the disk and opens them', async () => {
  const { context, page, problems } = await openPage();
  try {
    await page.goto(file('index.html'));
    const box = page.locator(BOX).first();
    await box.click();
    await box.pressSequentially('Rechnungen', { delay: 25 });
    const hit = page.locator('#search-results a', { hasText: 'Rechnungen und Mahnwesen' }).first();
    await hit.waitFor({ state: 'visible' });
    assert.equal(await hit.getAttribute('href'), file('leistungen/rechnungen-und-mahnwesen/index.html'));
    await hit.click();
    await page.waitForURL(file('leistungen/rechnungen-und-mahnwesen/index.html'));
    assert.match(await text(page.locator('h1')), /Rechnungen/);
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('the search page reads ?q= from a file URL', async () => {
  const { context, page, problems } = await openPage();
  try {
    await page.goto(`${file('suche/index.html')}?q=Telefon`);
    const hit = page.locator('[data-search-page] .search-hit a', { hasText: 'Telefonservice' }).first();
    await hit.waitFor({ state: 'visible' });
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});
