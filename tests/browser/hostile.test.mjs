// Hostile content is inert in a real browser. The fixture tests/fixtures/hostile/ puts
// `</script>`, `<img src=x onerror=alert(1)>`, `<!--<script>`, `javascript:alert(1)`
// and JSON-breaking characters (", \, U+2028) into every text of a site; this file
// builds it (binary: env VPAGEN_BIN, default target/release/vpagen), serves it from a
// small static server of its own on 127.0.0.1, opens every page, uses the catalogue
// filter, a briefing form, a checklist, a quiz and the search (header box and results
// page, with hostile queries too), and fails on any dialog (alert, confirm, prompt),
// on any element with an event-handler attribute, a script URL or an `<img src="x">`
// in the live DOM, and on any console error or failed request.
//
//   BROWSER_TESTS=tests/browser/hostile.test.mjs SKIP_AUDIT=1 bash .ci/browser
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { REPO, openPage, closeBrowser, text } from './_lib.mjs';

const BIN = path.resolve(REPO, (process.env.VPAGEN_BIN ?? '').trim() || 'target/release/vpagen');
const FIXTURE = path.join(REPO, 'tests', 'fixtures', 'hostile');
const BOX = 'form.site-search input[type="search"]';
const RESULTS = '#search-results';
/** Titles as tests/fixtures/hostile sets them. */
const SERVICE_TITLE = 'Terminservice </script><img src=x onerror=alert(1)>"\\\u2028\'&<!--<script>]]>';
const FIELD_LABEL = 'Feld </script><img src=x onerror=alert(1)>"\\\u2028\'&';
const PAYLOAD = '</script><img src=x onerror=alert(1)>"\\\u2028';

const work = mkdtempSync(path.join(os.tmpdir(), 'vpagen-hostile-'));
const out = path.join(work, 'out');
let server;
let origin;
let setBaseUrl = false;
const U = (p) => new URL(p, origin).href;

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.xml': 'application/xml', '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8', '.bin': 'application/octet-stream',
};

/** Serves `root` as a static host would: index.html for folders, 404.html with 404. */
function serve(root) {
  return createServer(async (req, res) => {
    let file;
    try {
      const p = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      file = path.join(root, path.normalize(p));
      if (!file.startsWith(root)) throw new Error('outside');
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      const body = await readFile(path.join(root, '404.html')).catch(() => 'not found');
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end(body);
    }
  });
}

before(async () => {
  assert.ok(existsSync(BIN), `vpagen binary not found at ${BIN}: run \`cargo build --release\` first (or set VPAGEN_BIN)`);
  const site = path.join(work, 'site');
  cpSync(FIXTURE, site, { recursive: true });
  execFileSync(BIN, ['build', '--quiet', '--root', site, '--output', out], { stdio: 'inherit', env: { ...process.env, NO_COLOR: '1' } });
  server = serve(out);
  await new Promise((resolve, reject) => { server.once('error', reject); server.listen(0, '127.0.0.1', resolve); });
  origin = `http://127.0.0.1:${server.address().port}`;
  // _lib's browser() insists on a loopback base URL; the pages of this file come from
  // the server above.
  if (!(process.env.VPAGEN_BASE_URL ?? '').trim()) {
    process.env.VPAGEN_BASE_URL = `${origin}/`;
    setBaseUrl = true;
  }
});

after(async () => {
  await closeBrowser();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  if (setBaseUrl) delete process.env.VPAGEN_BASE_URL;
  rmSync(work, { recursive: true, force: true });
});

/** Every page of the built site, as URL paths. */
function pages(dir = out, prefix = '/') {
  const found = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) found.push(...pages(path.join(dir, e.name), `${prefix}${e.name}/`));
    else if (e.name === 'index.html') found.push(prefix);
    else if (e.name === '404.html') found.push(`${prefix}404.html`);
  }
  return found.sort();
}

/**
 * A page that records every dialog (an `alert(1)` of a payload); _lib's own
 * listener accepts them, so nothing blocks.
 */
async function hostilePage() {
  const opened = await openPage();
  const dialogs = [];
  opened.page.on('dialog', (d) => dialogs.push(`${d.type()}(${JSON.stringify(d.message())}) on ${opened.page.url()}`));
  return { ...opened, dialogs };
}

/** What a payload leaves in the live DOM when it was parsed as markup. */
function injected(page) {
  return page.evaluate(() => {
    const bad = [];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) bad.push(`<${el.localName} ${a.name}="${a.value}">`);
        if (/^(href|src|action|formaction|poster)$/i.test(a.name)
          && /^(javascript|vbscript|data):/i.test(a.value.replace(/[\t\n\r]/g, '').trim())) {
          bad.push(`<${el.localName} ${a.name}="${a.value}">`);
        }
      }
    }
    for (const img of document.querySelectorAll('img')) {
      if (img.getAttribute('src') === 'x') bad.push('<img src="x">');
    }
    for (const s of document.scripts) {
      if (!/json/.test(s.type) && /alert\(|onerror/.test(s.textContent)) bad.push(`<script>${s.textContent.slice(0, 80)}`);
    }
    return bad.map((b) => `${b} on ${location.pathname}`);
  });
}

async function settle(page) {
  await page.waitForTimeout(120); // late handlers, deferred scripts
}

test('every page of the hostile site loads without running or injecting a payload', async () => {
  const all = pages();
  assert.ok(all.length >= 25, `only ${all.length} pages built: ${all.join(', ')}`);
  const { context, page, problems, dialogs } = await hostilePage();
  const found = [];
  try {
    for (const p of all) {
      const res = await page.goto(U(p), { waitUntil: 'load' });
      assert.equal(res?.status(), 200, `${p} answered HTTP ${res?.status()}`);
      await settle(page);
      found.push(...await injected(page));
    }
    // The title arrives as text where it is shown.
    await page.goto(U('/leistungen/terminverwaltung/'), { waitUntil: 'load' });
    assert.equal(await page.locator('h1').first().textContent(), SERVICE_TITLE);
    assert.ok((await page.title()).startsWith(SERVICE_TITLE), `document.title is ${JSON.stringify(await page.title())}`);
  } finally { await context.close(); }
  assert.deepEqual({ dialogs, injected: found, problems }, { dialogs: [], injected: [], problems: [] });
});

test('the catalogue filter, a briefing, a checklist and a quiz handle hostile texts as text', async () => {
  const { context, page, problems, dialogs } = await hostilePage();
  const found = [];
  try {
    // Catalogue: filter by a word of the hostile title, then by the payload itself.
    await page.goto(U('/leistungen/'), { waitUntil: 'load' });
    const filter = page.locator('[data-filter-text]');
    await filter.click();
    await filter.pressSequentially('Terminservice', { delay: 20 });
    assert.equal(await page.locator('[data-card]:visible').count(), 1, 'the hostile service is not found by the filter');
    await filter.fill('<img src=x onerror=alert(1)>');
    await settle(page);
    found.push(...await injected(page));

    // Briefing: the missing-fields message names the hostile label as text, and the
    // Markdown output holds typed payloads as text.
    await page.goto(U('/briefings/auftrag/'), { waitUntil: 'load' });
    const form = page.locator('form[data-briefing]').first();
    await form.locator('[data-action="markdown"]').click();
    const errors = form.locator('[data-briefing-errors]');
    await errors.waitFor({ state: 'visible' });
    assert.ok((await errors.textContent()).includes(FIELD_LABEL), `errors do not name the field as text: ${await text(errors)}`);
    found.push(...await injected(page));
    for (const field of await form.locator('[data-field]').all()) {
      const id = await field.getAttribute('data-field');
      const c = field.locator(`[name="${id}"]`).first();
      const type = await c.evaluate((el) => (el.multiple ? 'multiple' : el.type || el.tagName.toLowerCase()));
      if (type === 'checkbox') continue;
      if (type === 'select-one' || type === 'multiple') {
        await c.selectOption({ index: Math.min(1, (await c.locator('option').count()) - 1) });
      }
      else if (type === 'date') await c.fill('2025-03-14');
      else if (type === 'datetime-local') await c.fill('2025-03-14T10:30');
      else if (type === 'number') await c.fill('3');
      else if (type === 'url') await c.fill('https://example.org/"><img src=x onerror=alert(1)>');
      else await c.fill(`${PAYLOAD} <b onclick=alert(1)>x</b>`);
    }
    await form.locator('[data-action="markdown"]').click();
    const preview = form.locator('[data-briefing-preview]');
    await preview.waitFor({ state: 'visible' });
    assert.ok(((await preview.textContent()) ?? '').includes(PAYLOAD), 'typed text missing from the preview');
    const md = form.locator('[data-briefing-output]');
    assert.ok((await md.inputValue()).includes(PAYLOAD), 'typed text missing from the Markdown output');
    await settle(page);
    found.push(...await injected(page));

    // Checklist: ticking updates the progress; the item texts stay text.
    await page.goto(U('/checklisten/ausstattung/'), { waitUntil: 'load' });
    const item = page.locator('[data-checklist] [data-item]').first();
    await item.locator('input[type="checkbox"]').check();
    assert.ok((await text(item)).includes('<img src=x onerror=alert(1)>'), `item text: ${await text(item)}`);
    found.push(...await injected(page));

    // Guide: answer the quiz whose question and options are hostile.
    await page.goto(U('/einarbeitung/einarbeitung/'), { waitUntil: 'load' });
    const quiz = page.locator('[data-guide] [data-quiz]').first();
    assert.ok((await quiz.textContent()).includes('Frage </script><img src=x onerror=alert(1)>'), 'quiz question is not shown as text');
    await quiz.locator('input[type="radio"]').nth(1).check();
    const check = quiz.locator('button[type="submit"], button[data-action="check"]').first();
    if (await check.count()) await check.click();
    await settle(page);
    found.push(...await injected(page));
  } finally { await context.close(); }
  assert.deepEqual({ dialogs, injected: found, problems }, { dialogs: [], injected: [], problems: [] });
});

test('search results and excerpts render hostile titles and queries as text', async () => {
  const { context, page, problems, dialogs } = await hostilePage();
  const found = [];
  try {
    // Header box: a word of the hostile title finds it; the hit shows the title as text.
    await page.goto(U('/'), { waitUntil: 'load' });
    const box = page.locator(BOX).first();
    await box.click();
    await box.pressSequentially('Terminservice', { delay: 25 });
    const hit = page.locator(`${RESULTS} .search-hit-head a`).first();
    await hit.waitFor({ state: 'visible' });
    assert.equal(await hit.textContent(), SERVICE_TITLE);
    assert.equal(new URL(await hit.getAttribute('href'), origin).pathname, '/leistungen/terminverwaltung/');
    await page.locator(`${RESULTS} .search-excerpt`).first().waitFor({ state: 'visible' });
    await settle(page);
    found.push(...await injected(page));

    // A word next to the payloads of the body: the highlighted excerpt keeps them text.
    await box.fill('');
    await box.pressSequentially('onerror', { delay: 25 });
    const excerpt = page.locator(`${RESULTS} .search-excerpt`).first();
    await excerpt.waitFor({ state: 'visible' });
    await page.locator(`${RESULTS} .search-excerpt mark`).first().waitFor({ state: 'visible' });
    assert.ok((await excerpt.textContent()).includes('src=x onerror=alert(1)>'), `excerpt: ${await text(excerpt)}`);
    await settle(page);
    found.push(...await injected(page));

    // Results page: a hostile query is echoed as text; hostile hits render as text.
    for (const q of ['<img src=x onerror=alert(1)> Terminservice', '"><script>alert(1)</script>', 'javascript:alert(1)']) {
      await page.goto(U(`/suche/?q=${encodeURIComponent(q)}`), { waitUntil: 'load' });
      const echo = page.locator('[data-search-echo]');
      await page.waitForFunction(() => {
        const e = document.querySelector('[data-search-echo]');
        return e && !e.hidden && e.textContent.trim() !== '';
      });
      assert.ok((await echo.textContent()).includes(q.trim()), `echo: ${await text(echo)}`);
      await settle(page);
      found.push(...await injected(page));
    }
    await page.goto(U(`/en/search/?q=${encodeURIComponent('Appointments')}`), { waitUntil: 'load' });
    const enHit = page.locator('[data-search-page] .search-hit-head a').first();
    await enHit.waitFor({ state: 'visible' });
    assert.ok((await enHit.textContent()).includes('</script><img src=x onerror=alert(1)>'), `hit: ${await enHit.textContent()}`);
    await settle(page);
    found.push(...await injected(page));
  } finally { await context.close(); }
  assert.deepEqual({ dialogs, injected: found, problems }, { dialogs: [], injected: [], problems: [] });
});
