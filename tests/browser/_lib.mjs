// Shared set-up of the browser tests: Debian's Chromium driven by playwright-core
// (never a browser download), every non-loopback request aborted and reported.
//
// Env:
//   VPAGEN_BASE_URL   required: loopback URL of the built site (bash .ci/browser sets it)
//   VPAGEN_ARTIFACTS  screenshots and downloads (default target/browser-artifacts)
//   CHROMIUM_PATH     default /usr/bin/chromium (Debian package 'chromium')
//   VPAGEN_BROWSER_CACHE / EXTERNAL_CHECKS_CACHE  folders whose node_modules may hold
//                     playwright-core (default target/browser-cache)
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(here, '..', '..');
const env = (k, d) => (process.env[k] ?? '').trim() || d;
export const CHROMIUM = env('CHROMIUM_PATH', '/usr/bin/chromium');
export const ARTIFACTS = path.resolve(REPO, env('VPAGEN_ARTIFACTS', 'target/browser-artifacts'));
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const INSTALL_HINT = 'run `bash .ci/browser` from the repository root, or install by hand: '
  + '`apt-get install chromium` and `npm install --prefix target/browser-cache playwright-core@1.65.1`';

async function loadPlaywright() {
  try { return await import('playwright-core'); } catch { /* not beside us: try the caches */ }
  const dirs = [
    process.env.VPAGEN_BROWSER_CACHE,
    path.join(REPO, 'target', 'browser-cache'),
    process.env.EXTERNAL_CHECKS_CACHE,
    path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'site-audit'),
  ].filter(Boolean);
  for (const d of dirs) {
    try { return createRequire(path.join(path.resolve(d), 'package.json'))('playwright-core'); } catch { /* next */ }
  }
  throw new Error(`playwright-core not found (looked in ${dirs.join(', ')}): ${INSTALL_HINT}`);
}

/** The site's base URL, checked to be loopback. */
export function baseUrl() {
  const base = env('VPAGEN_BASE_URL');
  assert.ok(base, `VPAGEN_BASE_URL is not set: serve the built site on 127.0.0.1 and point it there (${INSTALL_HINT})`);
  assert.ok(LOOPBACK.has(new URL(base).hostname), `VPAGEN_BASE_URL must be a loopback URL, got ${base}`);
  return base.endsWith('/') ? base : `${base}/`;
}

export const url = (p) => new URL(p.replace(/^\//, ''), baseUrl()).href;

let browserPromise;
/** One Chromium per test file, launched on first use; fails loudly when missing. */
export function browser() {
  browserPromise ??= (async () => {
    baseUrl();
    assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: ${INSTALL_HINT} (or set CHROMIUM_PATH)`);
    const { chromium } = await loadPlaywright();
    return chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      timeout: 60_000,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  })();
  return browserPromise;
}

export async function closeBrowser() {
  if (browserPromise) await (await browserPromise.catch(() => null))?.close();
}

/**
 * A fresh context (empty localStorage) and page. `problems` collects console
 * errors, uncaught exceptions, failed requests, HTTP >= 400 and blocked requests.
 */
export async function openPage(options = {}) {
  const b = await browser();
  const context = await b.newContext({ viewport: { width: 1100, height: 800 }, acceptDownloads: true, ...options });
  context.setDefaultTimeout(10_000);
  const problems = [];
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (/^(https?|wss?):$/.test(u.protocol) && !LOOPBACK.has(u.hostname)) {
      problems.push(`blocked non-loopback request: ${u.href}`);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept()); // "remove all ticks?" and the like: say yes
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console.error on ${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`uncaught exception on ${page.url()}: ${e.message}`));
  // A request the page's own navigation cut off (a reload while an image loads) is
  // no problem of the site: count the main frame's navigations as they start, and
  // note with each request how many had started before it.
  let navigations = 0;
  const startedAt = new WeakMap();
  page.on('request', (r) => {
    if (r.isNavigationRequest() && r.frame() === page.mainFrame()) navigations += 1;
    startedAt.set(r, navigations);
  });
  page.on('requestfailed', (r) => {
    const error = r.failure()?.errorText ?? '';
    if (error === 'net::ERR_ABORTED' && (startedAt.get(r) ?? navigations) < navigations) return;
    problems.push(`request failed: ${r.url()} (${error})`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return { context, page, problems };
}

/** Loads a site path and checks it answered 200. */
export async function visit(page, p) {
  const res = await page.goto(url(p), { waitUntil: 'load' });
  assert.equal(res?.status(), 200, `${p} answered HTTP ${res?.status()}`);
  return res;
}

/**
 * Waits until vpagen.js has revealed `selector` (it is `hidden` in the HTML), with a
 * message that names the contract attribute when the template lacks it.
 */
export async function revealed(page, selector, what) {
  const n = await page.locator(selector).count();
  assert.ok(n > 0, `${page.url()} has no ${selector} (${what}): the template does not follow the theme README's contract`);
  await page.locator(selector).first().waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {
    throw new Error(`${selector} on ${page.url()} stayed hidden: vpagen.js did not run (is <script type="module" src="/js/vpagen.js"> in base.html?)`);
  });
}

/** Text of an element with whitespace collapsed. */
export async function text(locator) {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Runs `action` and returns the UTF-8 text of the file it downloads. */
export async function downloadText(page, action) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 5_000 }), action()]);
  mkdirSync(path.join(ARTIFACTS, 'downloads'), { recursive: true });
  const file = path.join(ARTIFACTS, 'downloads', dl.suggestedFilename());
  await dl.saveAs(file);
  const { readFile } = await import('node:fs/promises');
  return { name: dl.suggestedFilename(), text: await readFile(file, 'utf8') };
}

// axe-core, installed beside playwright-core by .ci/browser.
const AXE_PATH = path.join(process.env.VPAGEN_BROWSER_CACHE || path.resolve(REPO, 'target/browser-cache'), 'node_modules', 'axe-core', 'axe.min.js');
let axeSource;
/** WCAG 2.2 A/AA, target size included. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The axe-core violations of the page as it is now, as `rule: targets` strings. */
export async function axeViolations(page, tags = AXE_TAGS) {
  if (axeSource === undefined) {
    try { axeSource = readFileSync(AXE_PATH, 'utf8'); } catch {
      throw new Error(`axe-core not found at ${AXE_PATH}: run 'bash .ci/browser', or 'npm install --prefix target/browser-cache axe-core@4.14.1'`);
    }
  }
  if (!(await page.evaluate(() => Boolean(globalThis.axe)))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (t) => {
    const r = await globalThis.axe.run(document, { runOnly: { type: 'tag', values: t } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, tags);
}
