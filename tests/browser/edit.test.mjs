// The browser editor of `vpagen serve` on a temporary copy of the agency fixture
// (tests/fixtures/agency, German and English, every type): edits made
// through the form like an author makes them (fill, click, save) change exactly one
// line of the file on disk, and the page shows the change; bad input is refused at
// its field; a file changed behind the form's back is not overwritten; an item others
// refer to is not deleted; the edit bar and the editor pass axe in both schemes and
// the bar is reachable from the keyboard.
//
// Like serve.test.mjs it starts its own `vpagen serve --port 0` (binary: env
// VPAGEN_BIN, default target/release/vpagen).
//
//   BROWSER_TESTS=tests/browser/edit.test.mjs SKIP_AUDIT=1 bash .ci/browser
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO, openPage, closeBrowser, axeViolations } from './_lib.mjs';

const BIN = path.resolve(REPO, (process.env.VPAGEN_BIN ?? '').trim() || 'target/release/vpagen');
const PATIENCE = 15_000;
const SAVE = '#ed-save';

let site;
let server;
let origin;
let out = '';
let setBaseUrl = false;

const U = (p) => new URL(p, origin).href;
const file = (rel) => path.join(site, rel);
const log = () => `\n--- vpagen serve output ---\n${out.trim()}\n---`;

function killServer() {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
}
process.on('exit', killServer);

before(async () => {
  assert.ok(existsSync(BIN), `vpagen binary not found at ${BIN}: run \`cargo build --release\` first (or set VPAGEN_BIN)`);
  site = await fs.mkdtemp(path.join(os.tmpdir(), 'vpagen-edit-browser-'));
  const fixture = path.join(REPO, 'tests', 'fixtures', 'agency');
  for (const name of ['site.toml', 'content', 'static', 'themes']) {
    if (existsSync(path.join(fixture, name))) await fs.cp(path.join(fixture, name), path.join(site, name), { recursive: true });
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
      const m = /Serving the site at (http:\/\/(?:127\.0\.0\.1|\[::1\]):\d+)\//.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.on('error', (e) => { clearTimeout(timer); reject(new Error(`cannot start ${BIN}: ${e.message}`)); });
    server.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`vpagen serve exited (${code ?? signal}) before serving${log()}`));
    });
  });
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

/** A page whose problems leave out the expected ones (`also`: more expected ones). */
async function editPage(options = {}, also = []) {
  const opened = await openPage(options);
  const expected = (p) => /^request failed: \S+\/__vpagen\/events \(net::ERR_ABORTED\)$/.test(p)
    || also.some((re) => re.test(p));
  return { ...opened, unexpected: () => opened.problems.filter((p) => !expected(p)) };
}

/** Opens the editor for `rel` and waits for the form and its first check. */
async function openEditor(page, rel, ui = 'de') {
  const checked = page.waitForResponse((r) => new URL(r.url()).pathname === '/__vpagen/edit/check', { timeout: PATIENCE });
  const res = await page.goto(U(`/__vpagen/editor/?${new URLSearchParams({ path: rel, ui })}`), { waitUntil: 'load' });
  assert.equal(res?.status(), 200);
  await page.locator('#ed-form').waitFor({ state: 'visible', timeout: PATIENCE })
    .catch(async (e) => { throw new Error(`no form for ${rel}: ${e.message}\n${await page.locator('main').innerText()}`); });
  await checked;
}

/** Asserts that `after` differs from `before` in exactly one line, which is `line`. */
function assertOneLine(before, after, line, rel) {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(b.length, a.length, `${rel}: the number of lines changed:\n${after}`);
  const diff = a.map((l, i) => [l, b[i]]).filter(([x, y]) => x !== y);
  assert.equal(diff.length, 1, `${rel}: ${diff.length} lines changed: ${JSON.stringify(diff)}`);
  assert.equal(diff[0][1], line, `${rel}: the changed line`);
}

/** Saves the form and waits for the browser to reach `to` (the item's page). */
async function saveAndFollow(page, to) {
  await page.locator(`${SAVE}:not([disabled])`).waitFor({ timeout: PATIENCE })
    .catch(async (e) => { throw new Error(`Save stays disabled: ${e.message}\n${await page.locator('#ed-changes').innerText()}`); });
  await Promise.all([
    page.waitForURL(U(to), { timeout: PATIENCE, waitUntil: 'load' }),
    page.locator(SAVE).click(),
  ]);
}

/** Edits one field of `rel` through the form and checks the file and the page. */
async function editOneField({ rel, ui = 'de', field, typed, line, to, shows }) {
  const before = await fs.readFile(file(rel), 'utf8');
  const { context, page, unexpected } = await editPage();
  try {
    await openEditor(page, rel, ui);
    const box = page.locator(`[data-path="${field}"]`);
    await box.fill(typed);
    await saveAndFollow(page, to);
    const after = await fs.readFile(file(rel), 'utf8');
    assertOneLine(before, after, line, rel);
    await page.getByText(shows).first().waitFor({ state: 'visible', timeout: PATIENCE })
      .catch((e) => { throw new Error(`the page does not show "${shows}": ${e.message}${log()}`); });
    assert.deepEqual(unexpected(), []);
  } finally {
    await context.close();
    await fs.writeFile(file(rel), before);
  }
}

test('a price typed the German way is saved as one changed line', { timeout: 60_000 }, async () => {
  await editOneField({
    rel: 'content/rates/stundenpakete-2026.md', field: 'base_hourly', typed: '46,50',
    line: 'base_hourly = "46.50"', to: '/preise/stundenpakete-2026/', shows: '46,50',
  });
});

test('the text of a checklist item', { timeout: 60_000 }, async () => {
  const text = 'Rechner mit Passwort oder Biometrie gesperrt; automatische Sperre nach 3 Minuten';
  await editOneField({
    rel: 'content/checklists/it-sicherheit.md', field: 'items.0.text', typed: text,
    line: `text = "${text}"`, to: '/checklisten/it-sicherheit/', shows: 'automatische Sperre nach 3 Minuten',
  });
});

test('the title of a guide step', { timeout: 60_000 }, async () => {
  const title = 'Ausstattung prüfen und bestätigen';
  await editOneField({
    rel: 'content/guides/neue-assistenz.md', field: 'steps.1.title', typed: title,
    line: `title = "${title}"`, to: '/einarbeitung/neue-assistenz/', shows: title,
  });
});

test('the summary of an English translation', { timeout: 60_000 }, async () => {
  const summary = 'We answer your calls in your company’s name and pass on anything urgent at once.';
  await editOneField({
    rel: 'content/services/telefonservice.en.md', ui: 'en', field: 'summary', typed: summary,
    line: `summary = "${summary}"`, to: '/en/services/telefonservice/', shows: summary,
  });
});

test('a bad amount is shown at its field and cannot be saved', { timeout: 60_000 }, async () => {
  const rel = 'content/rates/stundenpakete-2026.md';
  const before = await fs.readFile(file(rel), 'utf8');
  const { context, page, unexpected } = await editPage();
  try {
    await openEditor(page, rel);
    const box = page.locator('[data-path="base_hourly"]');
    await box.fill('abc');
    await page.locator('[data-path="base_hourly"][aria-invalid="true"]').waitFor({ timeout: PATIENCE });
    const described = (await box.getAttribute('aria-describedby')).split(/\s+/);
    const messages = await Promise.all(described.map((id) => page.locator(`[id="${id}"]`).innerText()));
    assert.match(messages.join('\n'), /abc|Betrag/, `no message for the field: ${JSON.stringify(messages)}`);
    assert.equal(await page.locator(SAVE).isDisabled(), true, 'Save is enabled with an error');
    assert.equal(await fs.readFile(file(rel), 'utf8'), before);
    // Fixed, it can be saved again.
    await box.fill('45,00');
    await page.locator('[data-path="base_hourly"]:not([aria-invalid])').waitFor({ timeout: PATIENCE });
    assert.equal(await fs.readFile(file(rel), 'utf8'), before);
    assert.deepEqual(unexpected(), []);
  } finally {
    await context.close();
    await fs.writeFile(file(rel), before);
  }
});

test('a file changed outside the form is not overwritten: both versions are shown', { timeout: 60_000 }, async () => {
  const rel = 'content/services/korrektorat.md';
  const before = await fs.readFile(file(rel), 'utf8');
  const { context, page, unexpected } = await editPage({}, [/^HTTP 409: \S+\/__vpagen\/edit\/save$/, /^console\.error .*status of 409/]);
  try {
    await openEditor(page, rel);
    await page.locator('[data-path="title"]').fill('Korrektorat aus dem Formular');
    const outside = `\nDiesen Satz schrieb jemand anderes ${Date.now()}.\n`;
    await fs.appendFile(file(rel), outside);
    await page.locator(`${SAVE}:not([disabled])`).waitFor({ timeout: PATIENCE });
    await page.locator(SAVE).click();
    const view = page.locator('#ed-conflict');
    await view.waitFor({ state: 'visible', timeout: PATIENCE });
    const theirs = await view.locator('.theirs pre').innerText();
    const yours = await view.locator('.yours pre').innerText();
    assert.ok(theirs.includes(outside.trim()), 'the version on disk is not shown');
    assert.ok(yours.includes('Korrektorat aus dem Formular'), `your version is not shown: ${yours}`);
    assert.equal(await fs.readFile(file(rel), 'utf8'), before + outside, 'the file on disk changed');
    // Reloading takes the form to the file as it is now.
    await page.locator('#ed-reload').click();
    await page.locator('#ed-form').waitFor({ state: 'visible', timeout: PATIENCE });
    assert.notEqual(await page.locator('[data-path="title"]').inputValue(), 'Korrektorat aus dem Formular');
    assert.deepEqual(unexpected(), []);
  } finally {
    await context.close();
    await fs.writeFile(file(rel), before);
  }
});

test('an item that others refer to is not deleted; its referrers are listed', { timeout: 60_000 }, async () => {
  const rel = 'content/checklists/it-sicherheit.md';
  const before = await fs.readFile(file(rel), 'utf8');
  const { context, page, unexpected } = await editPage({}, [/^HTTP 409: \S+\/__vpagen\/edit\/delete$/, /^console\.error .*status of 409/]);
  try {
    await openEditor(page, rel);
    await page.locator('#ed-delete').click();
    const result = page.locator('#ed-delete-result');
    await result.locator('li').first().waitFor({ timeout: PATIENCE });
    const links = await result.locator('li a').evaluateAll((as) => as.map((a) => new URL(a.href).searchParams.get('path')));
    assert.ok(links.some((p) => p?.startsWith('content/services/')), `no service among the referrers: ${JSON.stringify(links)}`);
    assert.match(await result.innerText(), /equipment/);
    assert.equal(await fs.readFile(file(rel), 'utf8'), before, 'the file changed');
    assert.deepEqual(unexpected(), []);
  } finally {
    await context.close();
  }
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe: the editor and a page with the edit bar, ${colorScheme}`, { timeout: 90_000 }, async () => {
    // axe is injected as an inline script, which the editor's policy forbids.
    const { context, page, unexpected } = await editPage({ colorScheme, bypassCSP: true });
    try {
      await page.goto(U('/leistungen/telefonservice/'), { waitUntil: 'load' });
      await page.locator('#vpagen-edit-bar').waitFor({ timeout: PATIENCE });
      assert.deepEqual(await axeViolations(page), [], 'the page with the bar');
      await page.locator('#vpagen-edit-bar button').click();
      assert.deepEqual(await axeViolations(page), [], 'the page with the open menu');
      for (const rel of ['content/rates/stundenpakete-2026.md', 'content/services/telefonservice.en.md', 'content/guides/neue-assistenz.md']) {
        await openEditor(page, rel);
        assert.deepEqual(await axeViolations(page), [], `the editor of ${rel}`);
      }
      await page.goto(U('/__vpagen/editor/?new=services&ui=de'), { waitUntil: 'load' });
      await page.locator('#ed-new').waitFor();
      assert.deepEqual(await axeViolations(page), [], 'the form for a new item');
      assert.deepEqual(unexpected(), []);
    } finally { await context.close(); }
  });
}

test('the bar\'s edit link is reached with Tab and opens the editor', { timeout: 60_000 }, async () => {
  const { context, page, unexpected } = await editPage();
  try {
    await page.goto(U('/leistungen/telefonservice/'), { waitUntil: 'load' });
    await page.locator('#vpagen-edit-bar').waitFor({ timeout: PATIENCE });
    const onEdit = () => page.evaluate(() => {
      const a = document.activeElement;
      return a?.id === 'vpagen-edit-bar' && a.shadowRoot?.activeElement?.id === 'edit';
    });
    let found = false;
    for (let i = 0; i < 300 && !found; i += 1) {
      await page.keyboard.press('Tab');
      found = await onEdit();
    }
    assert.ok(found, 'Tab never reached the edit link of the bar');
    await Promise.all([page.waitForURL(/\/__vpagen\/editor\/\?/, { timeout: PATIENCE }), page.keyboard.press('Enter')]);
    const u = new URL(page.url());
    assert.equal(u.searchParams.get('path'), 'content/services/telefonservice.md');
    assert.equal(u.searchParams.get('ui'), 'de');
    await page.locator('#ed-form').waitFor({ timeout: PATIENCE });
    assert.deepEqual(unexpected(), []);
  } finally { await context.close(); }
});

test('an original without an English version gets one from its form', { timeout: 60_000 }, async () => {
  const rel = 'content/services/korrektorat.md';
  const made = 'content/services/korrektorat.en.md';
  const { context, page, unexpected } = await editPage();
  try {
    await openEditor(page, rel);
    await Promise.all([
      page.waitForURL((u) => u.searchParams.get('path') === made, { timeout: PATIENCE }),
      page.locator('[data-translate="en"]').click(),
    ]);
    await page.locator('#ed-form').waitFor({ timeout: PATIENCE });
    const text = await fs.readFile(file(made), 'utf8');
    assert.match(text, /^\+\+\+\ntitle = "TODO: Korrektorat/, text);
    assert.match(text, /\nsource_hash = "[0-9a-f]{8}"\n/, text);
    assert.deepEqual(unexpected(), []);
  } finally {
    await context.close();
    await fs.rm(file(made), { force: true });
  }
});
