// Search relevance in the browser: the golden set of tests/search/golden.json (format
// in the module doc of tests/integration/search.rs, which runs the same set through the
// client in Node.js) through the JS client of the
// served golden corpus (tests/fixtures/search-golden, a frozen copy of the example, built
// and served by bash .ci/browser at VPAGEN_GOLDEN_URL), with the same rule: at least 40 queries; every query finds its
// expected URL in the top 3 unless it has "known_miss" (the reason it misses), and a
// query with "known_miss" that finds it fails too, so that its "known_miss" is removed.
//
// Each language runs on its own home page (found through the home page's
// <link rel="alternate" hreflang>), as the client searches the page's language.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, openPage, closeBrowser } from './_lib.mjs';

after(closeBrowser);

const GOLDEN_FILE = path.join(REPO, 'tests', 'search', 'golden.json');
const MIN_QUERIES = 40;

/** The base URL of the served golden corpus. */
function goldenBase() {
  const base = (process.env.VPAGEN_GOLDEN_URL ?? '').trim();
  assert.ok(base, 'VPAGEN_GOLDEN_URL is not set: bash .ci/browser builds tests/fixtures/search-golden, serves it and sets it');
  assert.ok(['127.0.0.1', 'localhost', '[::1]'].includes(new URL(base).hostname), `VPAGEN_GOLDEN_URL must be a loopback URL, got ${base}`);
  return base.endsWith('/') ? base : `${base}/`;
}

/** Opens a page of the golden corpus; anything but HTTP 200 fails. */
async function visit(page, p) {
  const res = await page.goto(new URL(p.replace(/^\//, ''), goldenBase()).href, { waitUntil: 'load' });
  assert.equal(res?.status(), 200, `${p} of the golden corpus answered HTTP ${res?.status()}`);
  return res;
}

/** The golden set; a missing or malformed file fails the test with its path. */
function golden() {
  let list;
  try {
    list = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read the golden set ${GOLDEN_FILE}: ${e.message}`);
  }
  assert.ok(Array.isArray(list), `${GOLDEN_FILE} is not a JSON array`);
  for (const g of list) {
    for (const k of ['group', 'lang', 'query', 'expect']) {
      assert.equal(typeof g[k], 'string', `${GOLDEN_FILE}: entry without "${k}": ${JSON.stringify(g)}`);
    }
    assert.ok(g.type === null || typeof g.type === 'string', `${GOLDEN_FILE}: "type" must be a string or null: ${JSON.stringify(g)}`);
    assert.ok(g.known_miss == null || (typeof g.known_miss === 'string' && g.known_miss.trim()),
      `${GOLDEN_FILE}: "known_miss" must say why the query misses: ${JSON.stringify(g)}`);
  }
  return list;
}

/** Site paths of the home page of each language, from the home page's hreflang links. */
async function homePages(page) {
  await visit(page, '/');
  const links = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((els) =>
    els.map((e) => [e.getAttribute('hreflang'), new URL(e.href).pathname]));
  const lang = await page.evaluate(() => document.documentElement.lang);
  return new Map([[lang, '/'], ...links]);
}

/**
 * Runs `queries` ({query, type}) in the page through window.vpagenSearch and returns
 * the URLs of the top 3 of each. Doc ids become URLs through the doc chunks of the
 * manifest (SEARCH.md), fetched like the client does.
 */
function runInPage(page, queries) {
  return page.evaluate(async (queries) => {
    const api = window.vpagenSearch;
    if (!api || typeof api.search !== 'function' || typeof api.load !== 'function') {
      throw new Error('window.vpagenSearch (the search client, js/search.<hash>.js) is missing on this page');
    }
    if (!(await api.load())) throw new Error('vpagenSearch.load() failed: no manifest or no index for this language');
    const ui = JSON.parse(document.getElementById('vpagen-ui').textContent);
    const lang = ui.lang || document.documentElement.lang;
    const manifestUrl = new URL(ui.search.manifest, location.href);
    const L = (await (await fetch(manifestUrl)).json()).languages[lang];
    const chunks = new Map();
    const chunk = (n) => {
      if (!chunks.has(n)) {
        chunks.set(n, fetch(new URL(`${L.chunks.dir}/${n}.bin`, manifestUrl)).then(async (res) => {
          if (!res.ok) throw new Error(`doc chunk ${n}: HTTP ${res.status}`);
          // gzip, unless the server decoded it already (as the client's gunzip())
          const bytes = new Uint8Array(await res.arrayBuffer());
          const plain = bytes[0] === 0x1f && bytes[1] === 0x8b
            ? new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')))
            : new Response(bytes);
          return plain.json();
        }));
      }
      return chunks.get(n);
    };
    const urlOf = async (id) => (await chunk(Math.floor(id / L.chunk_size)))[id % L.chunk_size].url;
    const out = [];
    for (const { query, type } of queries) {
      const res = await api.search(query, type || '', 3);
      out.push(res ? await Promise.all(res.ids.slice(0, 3).map(urlOf)) : []);
    }
    return { lang, top: out };
  }, queries);
}

test('the golden queries find the expected page in the top 3 with the JS client', async () => {
  const set = golden();
  assert.ok(set.length >= MIN_QUERIES, `golden set has ${set.length} queries, fewer than ${MIN_QUERIES}`);
  const { context, page, problems } = await openPage();
  try {
    const homes = await homePages(page);
    const results = new Map(); // golden entry -> top 3 URLs
    for (const lang of new Set(set.map((g) => g.lang))) {
      const home = homes.get(lang);
      assert.ok(home, `no page in language ${lang} (hreflang links of / name ${[...homes.keys()]})`);
      const entries = set.filter((g) => g.lang === lang);
      await visit(page, home);
      const got = await runInPage(page, entries.map(({ query, type }) => ({ query, type })));
      assert.equal(got.lang, lang, `${home} is not a page in ${lang}`);
      entries.forEach((g, i) => results.set(g, got.top[i]));
    }

    const failures = [];
    for (const g of set) {
      const top = results.get(g);
      const found = top.includes(g.expect);
      const what = `[${g.group}] ${g.lang} ${JSON.stringify(g.query)} ${g.type ?? 'no filter'}: expected ${g.expect}`;
      if (!found && g.known_miss == null) failures.push(`${what}, got ${JSON.stringify(top)}`);
      if (found && g.known_miss != null) failures.push(`${what}: passes now, remove its "known_miss"`);
    }
    const misses = set.filter((g) => g.known_miss != null).length;
    console.log(`golden set (JS client): ${set.length} queries, ${misses} known misses, ${failures.length} failures`);
    assert.deepEqual(failures, [], `golden queries that do not behave as ${GOLDEN_FILE} says:\n${failures.join('\n')}`);
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});
