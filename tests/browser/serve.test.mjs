// `vpagen serve` in a real browser: live.js (src/serve/live.js) follows the edits of a
// temporary copy of the example. A body edit takes the browser to the edited page, a
// broken file shows the error overlay over the last good page (and a fix reloads it
// away), a stylesheet edit swaps the CSS without a reload, and the header search works
// against the index that serve rebuilds when edits pause.
//
// Unlike the other files this one does not use the static build of VPAGEN_BASE_URL: it
// starts its own `vpagen serve --port 0` (binary: env VPAGEN_BIN, default
// target/release/vpagen; `cargo build --release` makes it).
//
//   BROWSER_TESTS=tests/browser/serve.test.mjs SKIP_AUDIT=1 bash .ci/browser
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO, openPage, closeBrowser, text } from './_lib.mjs';

const BIN = path.resolve(REPO, (process.env.VPAGEN_BIN ?? '').trim() || 'target/release/vpagen');
/** How long a change may take to reach the browser (generous for slow CI). */
const PATIENCE = 15_000;
const EVENTS = '/__vpagen/events';
const OVERLAY = '#vpagen-live-overlay';
const BOX = 'form.site-search input[type="search"]';
const RESULTS = '#search-results';

let site; // the temporary copy of the example
let server; // the `vpagen serve` child process
let origin; // http://127.0.0.1:PORT
let out = ''; // its stdout and stderr, for failure messages
let setBaseUrl = false;

const U = (p) => new URL(p, origin).href;
const file = (rel) => path.join(site, rel);
const log = () => `\n--- vpagen serve output ---\n${out.trim()}\n---`;

function killServer() {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
}
process.on('exit', killServer); // also when a hook throws or the runner is interrupted

before(async () => {
  assert.ok(existsSync(BIN), `vpagen binary not found at ${BIN}: run \`cargo build --release\` first (or set VPAGEN_BIN)`);
  site = await fs.mkdtemp(path.join(os.tmpdir(), 'vpagen-serve-browser-'));
  for (const name of ['site.toml', 'content', 'static', 'themes']) {
    if (existsSync(path.join(REPO, name))) await fs.cp(path.join(REPO, name), path.join(site, name), { recursive: true });
  }
  const env = { ...process.env, NO_COLOR: '1' };
  delete env.VPAGEN_ROOT;
  server = spawn(BIN, ['serve', '--root', site, '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.setEncoding('utf8');
  server.stderr.setEncoding('utf8');
  server.stderr.on('data', (s) => { out += s; });
  origin = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`vpagen serve did not say where it serves within 60 s${log()}`)), 60_000);
    server.stdout.on('data', (s) => {
      out += s;
      const m = /Serving the site at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.on('error', (e) => { clearTimeout(timer); reject(new Error(`cannot start ${BIN}: ${e.message}`)); });
    server.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`vpagen serve exited (${code ?? signal}) before serving${log()}`));
    });
  });
  // _lib's browser() insists on a base URL; the pages of this file come from serve.
  if (!(process.env.VPAGEN_BASE_URL ?? '').trim()) {
    process.env.VPAGEN_BASE_URL = `${origin}/`;
    setBaseUrl = true;
  }
});

after(async () => {
  await closeBrowser();
  if (server && server.exitCode === null && server.signalCode === null) {
    const gone = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 3_000))]);
    killServer();
  }
  if (setBaseUrl) delete process.env.VPAGEN_BASE_URL;
  if (site) await fs.rm(site, { recursive: true, force: true });
  assert.doesNotMatch(out, /panicked/, `vpagen serve panicked${log()}`);
});

/**
 * Loads `p` and waits until its live-reload event stream is connected (the server
 * subscribes the page before it answers), so no edit can slip past it.
 */
async function visitLive(page, p) {
  const connected = page.waitForResponse((r) => new URL(r.url()).pathname === EVENTS, { timeout: PATIENCE });
  const res = await page.goto(U(p), { waitUntil: 'load' });
  assert.equal(res?.status(), 200, `${p} answered HTTP ${res?.status()}`);
  const sse = await connected;
  assert.equal(sse.status(), 200, `${EVENTS} answered HTTP ${sse.status()}`);
  assert.match(sse.headers()['content-type'] ?? '', /^text\/event-stream/);
}

/** A page opened with openPage; its problems without the expected ones. */
async function livePage() {
  const opened = await openPage();
  const expected = (p) =>
    // Leaving a page (a live reload among them) cancels its event stream.
    /^request failed: \S+\/__vpagen\/events \(net::ERR_ABORTED\)$/.test(p);
  return { ...opened, unexpected: () => opened.problems.filter((p) => !expected(p)) };
}

async function appendTo(rel, extra) {
  await fs.appendFile(file(rel), extra);
}

/** Marks the current document: a reload or navigation drops the mark. */
const mark = (page) => page.evaluate(() => { window.__marker = 1; });
const marked = (page) => page.evaluate(() => window.__marker === 1);

test('a body edit takes the browser from another page to the edited one', { timeout: 60_000 }, async () => {
  const { context, page, unexpected } = await livePage();
  try {
    await visitLive(page, '/');
    const sentence = `Diesen Satz schrieb der Live-Test ${Date.now()}.`;
    await appendTo('content/services/telefonservice.md', `\n${sentence}\n`);
    await page.waitForURL(U('/leistungen/telefonservice/'), { timeout: PATIENCE, waitUntil: 'load' })
      .catch((e) => { throw new Error(`the browser stayed on ${page.url()}: ${e.message}${log()}`); });
    await page.getByText(sentence).first().waitFor({ state: 'visible', timeout: PATIENCE });
    assert.match(await text(page.locator('h1').first()), /Telefonservice/);
    assert.equal(await page.locator(OVERLAY).count(), 0, 'an error overlay after a good edit');
    assert.deepEqual(unexpected(), []);
  } finally { await context.close(); }
});

test('a broken file shows the overlay over the last good page; the fix reloads it away', { timeout: 60_000 }, async () => {
  const rel = 'content/services/korrektorat.md';
  const good = await fs.readFile(file(rel), 'utf8');
  const { context, page, unexpected } = await livePage();
  let restored = false;
  try {
    await visitLive(page, '/leistungen/korrektorat/');
    const h1 = await text(page.locator('h1').first());
    assert.match(h1, /Korrektorat/);
    await mark(page);

    const broken = good.replace(/^title = ".*"$/m, 'title = 42');
    assert.notEqual(broken, good, `no title line in ${rel}`);
    await fs.writeFile(file(rel), broken);
    const overlay = page.locator(OVERLAY);
    await overlay.waitFor({ state: 'visible', timeout: PATIENCE })
      .catch((e) => { throw new Error(`no error overlay: ${e.message}${log()}`); });
    assert.equal(await overlay.getAttribute('role'), 'alertdialog');
    const shown = (await overlay.locator('pre').textContent()) ?? '';
    assert.ok(shown.includes(`${rel}:2:9`), `the overlay does not name ${rel}:2:9:\n${shown}`);
    assert.ok(shown.includes('title = 42'), `the overlay does not quote the line:\n${shown}`);
    assert.doesNotMatch(shown, /\x1b\[/, 'colour codes in the overlay');
    // Under the overlay: the same document, the last good page.
    assert.equal(await marked(page), true, 'the page reloaded on a failed rebuild');
    assert.equal(await text(page.locator('h1').first()), h1);
    // The server keeps serving the last good version ...
    const res = await context.request.get(U('/leistungen/korrektorat/'));
    assert.equal(res.status(), 200);
    assert.ok((await res.text()).includes('Korrektorat Deutsch und Englisch'), 'the last good page is not served');
    // ... and a page opened now gets the errors at once.
    const other = await context.newPage();
    await visitLive(other, '/');
    await other.locator(OVERLAY).waitFor({ state: 'visible', timeout: PATIENCE });
    assert.ok(((await other.locator(`${OVERLAY} pre`).textContent()) ?? '').includes(`${rel}:2:9`));
    await other.close();

    const reloaded = page.waitForEvent('load', { timeout: PATIENCE });
    await fs.writeFile(file(rel), good);
    restored = true;
    await reloaded.catch((e) => { throw new Error(`the page did not reload after the fix: ${e.message}${log()}`); });
    assert.equal(new URL(page.url()).pathname, '/leistungen/korrektorat/');
    assert.equal(await marked(page), false, 'the page did not reload after the fix');
    assert.equal(await page.locator(OVERLAY).count(), 0, 'the overlay is still there after the fix');
    assert.equal(await text(page.locator('h1').first()), h1);
    assert.deepEqual(unexpected(), []);
  } finally {
    if (!restored) await fs.writeFile(file(rel), good);
    await context.close();
  }
});

test('a stylesheet edit is swapped in without a reload', { timeout: 60_000 }, async () => {
  const rel = 'themes/default/static/css/style.css';
  const { context, page, unexpected } = await livePage();
  try {
    await visitLive(page, '/');
    const hrefs = await page.locator('link[rel="stylesheet"]').evaluateAll((ls) => ls.map((l) => new URL(l.href).pathname));
    assert.ok(hrefs.includes('/css/style.css'), `the theme's stylesheet is not /css/style.css: ${JSON.stringify(hrefs)}`);
    const outline = () => page.evaluate(() => getComputedStyle(document.body).outlineColor);
    assert.notEqual(await outline(), 'rgb(1, 2, 3)');
    await mark(page);
    await appendTo(rel, '\nbody { outline: 7px solid rgb(1, 2, 3) }\n');
    await page.waitForFunction(() => document.body && getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)', null, { timeout: PATIENCE })
      .catch((e) => { throw new Error(`the new rule never applied: ${e.message}${log()}`); });
    assert.equal(await marked(page), true, 'the page reloaded instead of swapping the stylesheet');
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).outlineWidth), '7px');
    // The old <link> goes once the new one has loaded: one theme stylesheet again.
    await page.waitForFunction(() => [...document.querySelectorAll('link[rel="stylesheet"]')]
      .filter((l) => new URL(l.href).pathname === '/css/style.css').length === 1, null, { timeout: PATIENCE });
    assert.deepEqual(unexpected(), []);
  } finally { await context.close(); }
});

/**
 * Types `query` into the header box and waits for its answer; returns the result
 * links' paths (empty when the search found nothing).
 */
async function headerSearch(page, query) {
  const box = page.locator(BOX).first();
  const status = page.locator(`${RESULTS} .search-status`);
  await box.click();
  // Empty the box first, so that the status below cannot be the previous query's.
  await box.fill('');
  await page.waitForFunction((sel) => !/Treffer|nicht verfügbar/.test(document.querySelector(sel)?.textContent ?? ''),
    `${RESULTS} .search-status`, { timeout: PATIENCE });
  await box.fill(query);
  // A count or "no results" (or "unavailable"); "loading" is not an answer yet.
  await page.waitForFunction(
    (sel) => /Treffer|nicht verfügbar/.test(document.querySelector(sel)?.textContent ?? ''),
    `${RESULTS} .search-status`, { timeout: PATIENCE },
  );
  const said = await text(status);
  assert.doesNotMatch(said, /nicht verfügbar/, `the search says: ${said}`);
  return page.locator(`${RESULTS} .search-hit-head a`).evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
}

test('the header search works in serve and finds a new page once the index catches up', { timeout: 60_000 }, async () => {
  const rel = 'content/pages/zaubertrank-anleitung.md';
  const word = 'Quarkbrezelzauber';
  const { context, page, unexpected } = await livePage();
  try {
    await visitLive(page, '/');
    const hits = await headerSearch(page, 'Rechnung');
    assert.ok(hits.includes('/leistungen/rechnungen-und-mahnwesen/'), `"Rechnung" does not find the invoicing service: ${JSON.stringify(hits)}`);
    assert.equal(await page.locator(BOX).first().getAttribute('aria-expanded'), 'true');

    // The German index's document count (the manifest's text if it has none).
    const docs = async () => {
      const m = await (await context.request.get(U('/_search/manifest.json'))).text();
      const n = JSON.parse(m).languages?.de?.docs;
      return typeof n === 'number' ? n : m;
    };
    const before = await docs();
    const grown = (now) => (typeof before === 'number' ? now === before + 1 : now !== before);
    await fs.writeFile(file(rel), `+++\ntitle = "Zaubertrank Anleitung ${word}"\n+++\n\nDer ${word} gelingt mit Geduld.\n`);
    // A new file is a full rebuild, and the browser is taken to the new page.
    await page.waitForURL(U('/zaubertrank-anleitung/'), { timeout: PATIENCE, waitUntil: 'load' })
      .catch((e) => { throw new Error(`the browser stayed on ${page.url()}: ${e.message}${log()}`); });
    assert.match(await text(page.locator('h1').first()), new RegExp(word));

    // The index follows ~300 ms after the edits pause. Wait for it on the server
    // before the page loads the manifest: a page that loads the old manifest just
    // before the swap asks for index files that are gone (HTTP 404, "Keine Treffer").
    const deadline = Date.now() + PATIENCE;
    while (!grown(await docs())) {
      assert.ok(Date.now() < deadline, `the search index never took in the new page${log()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await page.reload({ waitUntil: 'load' });
    const found = await headerSearch(page, word);
    assert.ok(found.includes('/zaubertrank-anleitung/'), `"${word}" does not find the new page: ${JSON.stringify(found)}`);
    assert.equal(found[0], '/zaubertrank-anleitung/', `the new page is not the first hit: ${JSON.stringify(found)}`);
    assert.deepEqual(unexpected(), []);
  } finally {
    await context.close();
    await fs.rm(file(rel), { force: true });
  }
});
