// Audiences: the example built for `public` and for `assistants`, each served on
// 127.0.0.1. The public site has no onboarding guide, no menu entry for one, no
// assistants' or internal block, and its search finds none of their words; the
// assistants' site has the guide and its block, and still not the agency's block.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { REPO, closeBrowser, openPage } from './_lib.mjs';

const BIN = process.env.VPAGEN_BIN || path.join(REPO, 'target', 'release', 'vpagen');
const BOX = 'form.site-search input[type="search"]';
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/xml',
};
const work = mkdtempSync(path.join(os.tmpdir(), 'vpagen-audience-'));
const servers = [];
const sites = {};

/** Serves a folder on a free loopback port; resolves to its base URL. */
function serve(dir) {
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(dir, path.normalize(rel));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      return res.end(readFileSync(path.join(dir, '404.html')));
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

before(async () => {
  assert.ok(existsSync(BIN), `${BIN} not found: run \`cargo build --release\` (or set VPAGEN_BIN)`);
  const site = path.join(work, 'site');
  for (const entry of ['site.toml', 'content', 'static']) {
    cpSync(path.join(REPO, entry), path.join(site, entry), { recursive: true });
  }
  for (const audience of ['public', 'assistants']) {
    const out = path.join(work, audience);
    execFileSync(BIN, ['build', '--quiet', '--root', site, '--audience', audience, '--output', out], { stdio: 'inherit' });
    sites[audience] = await serve(out);
  }
});

after(async () => {
  await closeBrowser();
  for (const s of servers) s.close();
  rmSync(work, { recursive: true, force: true });
});

/** The result titles of a search in the header box ([] when it says "no results"). */
async function search(page, base, query) {
  await page.goto(`${base}/`);
  const box = page.locator(BOX).first();
  await box.click();
  await box.pressSequentially(query, { delay: 20 });
  const hits = page.locator('#search-results .search-hit-head a');
  const none = page.locator('#search-results').getByText(/Keine Treffer|No results/);
  await Promise.race([hits.first().waitFor({ state: 'visible' }), none.first().waitFor({ state: 'visible' })]);
  return hits.allTextContents();
}

test('the public site has no onboarding guide, no hidden block and no search hit for their words', async () => {
  const { context, page } = await openPage();
  try {
    const base = sites.public;
    const missing = await page.goto(`${base}/einarbeitung/neue-assistenz/`);
    assert.equal(missing.status(), 404, 'the guide is not on the public site');
    await page.goto(`${base}/`);
    const nav = await page.locator('header nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(nav.length > 0, 'the header has a menu');
    assert.ok(!nav.some((h) => h.includes('/einarbeitung/neue-assistenz/')), `the menu links to the assistants' guide: ${nav}`);
    // The clients' guide is public; the list of guides holds it alone.
    await page.goto(`${base}/einarbeitung/`);
    const guides = await page.locator('main .card a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(guides, ['/einarbeitung/erste-wochen-kunde/'], 'the public list of guides');
    await page.goto(`${base}/leistungen/telefonservice/`);
    const body = await page.locator('main').innerText();
    assert.match(body, /Gesprächsnotiz/, 'the public text of the page is there');
    for (const word of ['Telefonnotiz', 'Mengenrabatt', 'Nur für']) {
      assert.ok(!body.includes(word), `"${word}" is on the public page`);
    }
    assert.equal(await page.locator('a[href*="avv-und-vertraulichkeit"]').count(), 0, 'a link to the hidden checklist');
    assert.ok(body.includes('AV-Vertrag und Vertraulichkeit'), 'the reference reads as text');
    assert.ok((await search(page, base, 'Telefonservice')).includes('Telefonservice'), 'the search works');
    for (const word of ['Auftragnehmerakte', 'Telefonnotiz', 'Mengenrabatt']) {
      assert.deepEqual(await search(page, base, word), [], `the public search finds "${word}"`);
    }
  } finally { await context.close(); }
});

test('the assistants\' site has the guide and their block, but not the agency\'s', async () => {
  const { context, page, problems } = await openPage();
  try {
    const base = sites.assistants;
    const res = await page.goto(`${base}/einarbeitung/neue-assistenz/`);
    assert.equal(res.status(), 200);
    assert.match(await page.locator('.kind-label').innerText(), /Nur für Assistenzen/);
    await page.goto(`${base}/leistungen/telefonservice/`);
    const block = page.locator('aside.callout-audience');
    assert.equal(await block.count(), 1, 'one audience block is shown');
    assert.match(await block.innerText(), /Nur für Assistenzen[\s\S]*Telefonnotiz/);
    assert.ok(!(await page.locator('main').innerText()).includes('Mengenrabatt'), 'the internal block is cut');
    assert.ok((await search(page, base, 'Testeintrag')).includes('Einarbeitung neue Assistenz'), 'the guide is found');
    assert.ok((await search(page, base, 'Telefonnotiz')).includes('Telefonservice'), 'the block is indexed');
    assert.deepEqual(await search(page, base, 'Mengenrabatt'), [], 'the internal block is not indexed');
    assert.deepEqual(problems.filter((p) => !p.includes('HTTP 404')), []);
  } finally { await context.close(); }
});
