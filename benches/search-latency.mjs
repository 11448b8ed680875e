#!/usr/bin/env node
// Query latency of the site search client (themes/default/static/js/search-core.js) on a
// built site: a benchmark, not a test: it prints figures and fails only on errors.
//
//   node benches/search-latency.mjs <built-site-dir> [--lang de] [--queries N]
//
// The workload (N queries, default 240) comes deterministically from the site itself:
// words of the excerpt bundles of the index (SEARCH.md), as they appear in the text,
// half of them single words sampled across the frequency range, a quarter two-word
// phrases of adjacent words, a quarter prefixes of 3 to 5 characters of longer words.
//
// Each query runs twice through window.vpagenSearch.search(q, '', 8), as the header box
// does (engine only: term shards and doc chunks; the excerpt bundles the UI fetches for
// its top 3 afterwards are not included):
//   cold  with a fresh client that has loaded only the manifest and the stemmer, so the
//         query fetches and decodes every term shard and doc chunk it needs;
//   warm  one client that has run the whole workload once (its shards and doc chunks
//         cached, its code warmed up, as after a few searches on a page) runs each
//         query again.
// It does so in two runtimes:
//   node      the build's search-core.<hash>.js imported, its engine reading the
//             files from <built-site-dir>: the client's own cost;
//   chromium  headless Chromium (playwright-core from target/browser-cache, Debian's
//             /usr/bin/chromium), the site served on 127.0.0.1 by this script with
//             `Cache-Control: no-store`; a fresh client per cold query by reloading the
//             page. Loopback fetches, so network time is close to nothing.
//
// Env: CHROMIUM_PATH (default /usr/bin/chromium), VPAGEN_BROWSER_CACHE (folder whose
// node_modules holds playwright-core, default target/browser-cache).
import { createServer } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'usage: node benches/search-latency.mjs <built-site-dir> [--lang de] [--queries N]';
const INSTALL_HINT = 'run `bash .ci/browser` once from the repository root (it installs playwright-core into target/browser-cache)';
const KEEP = 8; // results the header box shows
const EXCERPT_BUNDLES = 64; // at most this many bundles (evenly spaced) feed the workload

// ------------------------------------------------------------------ arguments

function parseArgs(argv) {
  const opts = { dir: null, lang: null, queries: 240 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--lang') opts.lang = argv[++i];
    else if (a === '--queries') opts.queries = Number(argv[++i]);
    else if (a === '-h' || a === '--help') { console.log(USAGE); process.exit(0); }
    else if (a.startsWith('-') || opts.dir) throw new Error(`unexpected argument ${a}\n${USAGE}`);
    else opts.dir = path.resolve(a);
  }
  if (!opts.dir) throw new Error(USAGE);
  if (!Number.isInteger(opts.queries) || opts.queries < 1) throw new Error(`--queries needs a positive integer\n${USAGE}`);
  if (opts.lang === undefined) throw new Error(`--lang needs a language\n${USAGE}`);
  return opts;
}

// ------------------------------------------------------------------ the built site

/** The `#vpagen-ui` JSON of an HTML page (themes/default/README.md). */
function uiOf(html, file) {
  const m = /<script\b[^>]*\bid="vpagen-ui"[^>]*>([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error(`${file} has no <script id="vpagen-ui">: not a page of the default theme`);
  return JSON.parse(m[1]);
}

/**
 * What the benchmark needs of a built site: the page to run on (in the wanted
 * language), its `#vpagen-ui` search config, the site's base path, and the manifest.
 */
function readSite(dir, wanted) {
  const homeFile = path.join(dir, 'index.html');
  if (!existsSync(homeFile)) throw new Error(`${homeFile} not found: pass the output folder of \`vpagen build\``);
  const homeHtml = readFileSync(homeFile, 'utf8');
  const homeUi = uiOf(homeHtml, homeFile);
  const search = homeUi.search;
  if (!search?.manifest || !search?.client) throw new Error(`${homeFile}: #vpagen-ui has no "search" key: the site was built without a search index`);
  // Every URL of the config includes the base path; the client is `<base>js/search.<hash>.js`.
  const at = search.client.lastIndexOf('js/search.');
  if (at < 0) throw new Error(`unexpected client URL ${search.client}`);
  const base = search.client.slice(0, at);
  const lang = wanted || homeUi.lang;
  // The page of another language: through the home page's hreflang alternates.
  let pagePath = base;
  if (lang !== homeUi.lang) {
    const alt = [...homeHtml.matchAll(/<link\b[^>]*\brel="alternate"[^>]*>/g)]
      .map(([tag]) => [/\bhreflang="([^"]+)"/.exec(tag)?.[1], /\bhref="([^"]+)"/.exec(tag)?.[1]])
      .find(([l, href]) => l === lang && href);
    if (!alt) throw new Error(`no page in language ${lang}: the home page has no <link rel="alternate" hreflang="${lang}">`);
    pagePath = new URL(alt[1], 'http://site.invalid/').pathname;
  }
  const pageFile = fileOf(dir, base, pagePath);
  if (!pageFile) throw new Error(`page ${pagePath} not found under ${dir}`);
  const ui = uiOf(readFileSync(pageFile, 'utf8'), pageFile);
  if (ui.lang !== lang) throw new Error(`${pageFile} is in ${ui.lang}, not ${lang}`);
  const manifestFile = fileOf(dir, base, ui.search.manifest);
  if (!manifestFile) throw new Error(`manifest ${ui.search.manifest} not found under ${dir}`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const L = manifest.languages?.[lang];
  if (!L) throw new Error(`the index has no language ${lang} (it has ${Object.keys(manifest.languages ?? {})})`);
  return { dir, base, lang, pagePath, ui, manifestFile, manifest, L };
}

/** The file under `dir` a URL path of the site names (index.html for folders), or null. */
function fileOf(dir, base, urlPath) {
  let p = decodeURIComponent(urlPath.split(/[?#]/)[0]);
  if (!p.startsWith(base)) return null;
  p = p.slice(base.length);
  let file = path.resolve(dir, p);
  if (file !== dir && !file.startsWith(dir + path.sep)) return null; // no way out of the site
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

// ------------------------------------------------------------------ workload

/** `k` entries of `list`, evenly spaced from first to last (all when it is shorter). */
function spread(list, k) {
  if (list.length <= k) return list.slice();
  return Array.from({ length: k }, (_, i) => list[Math.floor((i * (list.length - 1)) / Math.max(1, k - 1))]);
}

/**
 * Deterministic queries from the text of the site's excerpt bundles, in the surface
 * form of the text (case and umlauts as written).
 */
function workload(site, n) {
  const { L } = site;
  if (!L.excerpts?.count) throw new Error(`the index of ${site.lang} has no excerpt bundles to take words from`);
  const manifestDir = path.dirname(site.manifestFile);
  const bundles = spread([...Array(L.excerpts.count).keys()], EXCERPT_BUNDLES);
  const stop = new Set(L.stopwords ?? []);
  const usable = (w) => [...w].length >= 3 && !/^\p{N}+$/u.test(w) && !stop.has(w.toLowerCase());
  const freq = new Map(); // lower-case word -> {word (first surface form), count}
  const pairs = new Map(); // lower-case pair -> surface pair, in order of appearance
  for (const b of bundles) {
    const file = path.join(manifestDir, L.excerpts.dir, `${b}.bin`);
    for (const entry of JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'))) {
      // Sentences keep pairs of adjacent words from spanning a full stop.
      for (const sentence of (entry?.text ?? '').normalize('NFC').split(/[.!?;:]\s/)) {
        const words = sentence.match(/[\p{L}\p{N}]+/gu) ?? [];
        words.forEach((w, i) => {
          if (!usable(w)) return;
          const key = w.toLowerCase();
          const f = freq.get(key) ?? { word: w, count: 0 };
          f.count += 1;
          freq.set(key, f);
          const next = words[i + 1];
          if (!next || !usable(next)) return;
          const pair = `${key} ${next.toLowerCase()}`;
          if (!pairs.has(pair)) pairs.set(pair, `${w} ${next}`);
        });
      }
    }
  }
  // Most frequent first; ties in code-unit order, so the list does not depend on a locale.
  const ranked = [...freq.values()].sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  const nWords = Math.ceil(n / 2);
  const nPairs = Math.floor(n / 4);
  const words = spread(ranked, nWords).map((f) => f.word);
  const phrases = spread([...pairs.values()], nPairs);
  // Prefixes of 3, 4 or 5 characters (in turn) of the longer words; each prefix once,
  // and none that is also one of the whole-word queries.
  const taken = new Set(words.map((w) => w.toLowerCase()));
  const prefixPool = new Map();
  ranked.filter((f) => [...f.word].length >= 6).forEach((f, i) => {
    const p = [...f.word].slice(0, 3 + (i % 3)).join('');
    if (!taken.has(p.toLowerCase()) && !prefixPool.has(p.toLowerCase())) prefixPool.set(p.toLowerCase(), p);
  });
  const prefixes = spread([...prefixPool.values()], n - words.length - phrases.length);
  const queries = [...words, ...phrases, ...prefixes];
  return { queries, mix: `${words.length} words, ${phrases.length} phrases, ${prefixes.length} prefixes` };
}

// ------------------------------------------------------------------ statistics

function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return {
    median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2,
    p95: s[Math.max(0, Math.ceil(0.95 * s.length) - 1)], // nearest rank
    max: s[s.length - 1],
  };
}

// ------------------------------------------------------------------ Node: the engine of the client

/**
 * The build's copy of search-core.js (the engine of the client, imported with the
 * hashed imports it has in the build) and the stemmer of the site's language.
 */
async function nodeEngine(site) {
  const client = fileOf(site.dir, site.base, site.ui.search.client);
  if (!client) throw new Error(`search client ${site.ui.search.client} not found under ${site.dir}`);
  const jsDir = path.dirname(client);
  const core = readdirSync(jsDir).find((n) => /^search-core\.[0-9a-f]{16}\.js$/.test(n));
  if (!core) throw new Error(`no search-core.<hash>.js in ${jsDir}`);
  const { Engine } = await import(pathToFileURL(path.join(jsDir, core)).href);
  const stemFile = fileOf(site.dir, site.base, site.ui.search.stemmers[site.lang]);
  if (stemFile) await import(pathToFileURL(stemFile).href);
  return Engine;
}

/**
 * A fresh client: a new engine of the page language, with what a page gives it
 * (search-core.js `io`): the manifest, index files read from the built folder, the
 * stemmer. Nothing cached from another client.
 */
function nodeClient(site, Engine) {
  const manifestUrl = pathToFileURL(site.manifestFile);
  let manifest = null;
  return Engine(site.lang, {
    manifest() {
      manifest ??= readFile(site.manifestFile, 'utf8').then((text) => ({ m: JSON.parse(text), base: manifestUrl }));
      return manifest;
    },
    async bytes(url) {
      const b = await readFile(fileURLToPath(url));
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    },
    stemmer: async (lang) => globalThis.vpagenStem?.[lang] ?? null,
  });
}

async function runNode(site, queries) {
  const Engine = await nodeEngine(site);
  const cold = [], warm = [], top = [];
  for (const q of queries) {
    const api = nodeClient(site, Engine);
    if (!(await api.load())) throw new Error('node: the engine did not load (manifest or stemmer)');
    const t = performance.now();
    const res = await api.search(q, '', KEEP);
    cold.push(performance.now() - t);
    top.push(res ? res.ids.slice(0, 3).join(',') : '');
  }
  const session = nodeClient(site, Engine);
  if (!(await session.load())) throw new Error('node: the engine did not load (manifest or stemmer)');
  for (const q of queries) await session.search(q, '', KEEP);
  for (const q of queries) {
    const t = performance.now();
    await session.search(q, '', KEEP);
    warm.push(performance.now() - t);
  }
  return { cold, warm, top };
}

// ------------------------------------------------------------------ Chromium

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.bin': 'application/octet-stream',
};

/** Serves the built folder on 127.0.0.1 (a free port), nothing cached by the browser. */
async function serve(site) {
  const server = createServer((req, res) => {
    const file = fileOf(site.dir, site.base, new URL(req.url, 'http://127.0.0.1').pathname);
    if (!file) { res.writeHead(404).end(); return; }
    readFile(file).then((body) => {
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
      }).end(body);
    }, () => res.writeHead(500).end());
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return server;
}

function loadPlaywright() {
  const cache = path.resolve(REPO, process.env.VPAGEN_BROWSER_CACHE || 'target/browser-cache');
  try {
    return createRequire(path.join(cache, 'package.json'))('playwright-core');
  } catch {
    throw new Error(`playwright-core not found in ${cache}/node_modules: ${INSTALL_HINT}`);
  }
}

/** Chromium and playwright-core, checked before anything runs. */
function findChromium() {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: ${INSTALL_HINT} (or set CHROMIUM_PATH)`);
  return { executablePath, chromium: loadPlaywright().chromium };
}

async function runChromium(site, queries, { chromium, executablePath }) {
  const server = await serve(site);
  const pageUrl = `http://127.0.0.1:${server.address().port}${site.pagePath}`;
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    timeout: 60_000,
    // As tests/browser/_lib.mjs, plus: every host but loopback unresolvable (no
    // request interception, which would slow down every fetch being measured).
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const cold = [], warm = [], top = [];
    for (const q of queries) {
      // A fresh page, so a fresh client: nothing of the index loaded yet.
      const res = await page.goto(pageUrl, { waitUntil: 'load' });
      if (res?.status() !== 200) throw new Error(`chromium: ${pageUrl} answered HTTP ${res?.status()}`);
      const r = await page.evaluate(async ({ q, keep }) => {
        const api = window.vpagenSearch;
        if (!api) throw new Error('window.vpagenSearch is missing: the page did not load the search client');
        if (!(await api.load())) throw new Error('vpagenSearch.load() failed (manifest or stemmer)');
        const t = performance.now();
        const first = await api.search(q, '', keep);
        return { cold: performance.now() - t, top: first ? first.ids.slice(0, 3).join(',') : '' };
      }, { q, keep: KEEP });
      cold.push(r.cold);
      top.push(r.top);
    }
    // Warm: one page runs the workload once, then each query again.
    await page.goto(pageUrl, { waitUntil: 'load' });
    warm.push(...await page.evaluate(async ({ queries, keep }) => {
      const api = window.vpagenSearch;
      if (!(await api.load())) throw new Error('vpagenSearch.load() failed (manifest or stemmer)');
      for (const q of queries) await api.search(q, '', keep);
      const times = [];
      for (const q of queries) {
        const t = performance.now();
        await api.search(q, '', keep);
        times.push(performance.now() - t);
      }
      return times;
    }, { queries, keep: KEEP }));
    if (errors.length) throw new Error(`chromium: errors on the page:\n${errors.join('\n')}`);
    return { cold, warm, top };
  } finally {
    await browser.close();
    server.close();
  }
}

// ------------------------------------------------------------------ main

const fmt = (x) => x.toFixed(2).padStart(8);

function table(rows) {
  const head = `${'runtime'.padEnd(9)}${'cold median'.padStart(12)}${'p95'.padStart(8)}${'max'.padStart(8)}`
    + `${'warm median'.padStart(14)}${'p95'.padStart(8)}${'max'.padStart(8)}   (ms)`;
  console.log(head);
  for (const [name, r] of rows) {
    const c = stats(r.cold), w = stats(r.warm);
    console.log(`${name.padEnd(9)}${fmt(c.median).padStart(12)}${fmt(c.p95)}${fmt(c.max)}`
      + `${fmt(w.median).padStart(14)}${fmt(w.p95)}${fmt(w.max)}`);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const site = readSite(opts.dir, opts.lang);
  const browserKit = findChromium();
  const { queries, mix } = workload(site, opts.queries);
  if (!queries.length) throw new Error('no queries: the excerpt bundles hold no usable words');
  const node = await runNode(site, queries);
  const browser = await runChromium(site, queries, browserKit);
  const empty = node.top.filter((t) => !t).length;
  console.log(`search latency: ${path.relative(process.cwd(), site.dir) || '.'}, language ${site.lang}, ${site.L.docs} docs, `
    + `${site.L.shards.length} term shards; ${queries.length} queries (${mix}; ${empty} without results)`);
  table([['node', node], ['chromium', browser]]);
  // The slowest queries say where the time goes (short prefixes of common words, mostly).
  for (const [name, r] of [['node', node], ['chromium', browser]]) {
    for (const kind of ['cold', 'warm']) {
      const slow = queries.map((q, i) => [r[kind][i], q]).sort((a, b) => b[0] - a[0]).slice(0, 4);
      console.log(`slowest ${kind} on ${name}: ${slow.map(([ms, q]) => `${JSON.stringify(q)} ${ms.toFixed(1)}`).join(', ')}`);
    }
  }
  // Both runtimes run the same code on the same files: their rankings must agree.
  const differ = queries.filter((_, i) => node.top[i] !== browser.top[i]);
  if (differ.length) console.log(`note: node and chromium ranked ${differ.length} queries differently, e.g. ${JSON.stringify(differ.slice(0, 5))}`);
}

main().catch((e) => {
  console.error(`search-latency: ${e.message}`);
  process.exit(1);
});
