// Runs the golden search set (tests/search/golden.json) through the browser search
// client in Node.js, on a built site:
//
//     node tests/search/js-search.mjs <public dir> [queries.json]
//
// (queries.json: another list in the format of golden.json; only lang, query, type and
// the optional keep, how many results to print (default 3), are read.)
//
// For each language the script takes the language's home page of the build (found,
// as in tests/browser/search-golden.test.mjs, through the hreflang links of
// <public dir>/index.html), reads its #vpagen-ui JSON and runs the client script that
// page loads (js/search.<hash>.js, the build's copy of
// themes/default/static/js/search.js) as a plain script. The client loads its stemmer
// (js/stem-<lang>.<hash>.js) itself through a <script> element and fetches the
// manifest and index files itself; the shim below answers both from <public dir>.
// Each query goes through window.vpagenSearch.search(query, type, 3), the API the
// browser test uses; doc ids become URLs through the doc chunks of the manifest.
//
// Prints a JSON array, one entry per query in the order of the list:
//   {"lang", "query", "type", "top": [url, …], "titles": [...], "types": [...],
//    "scores": [...], "or", "typos"}
// Needs Node.js 18 or later (fetch's Response, Blob, DecompressionStream); no packages.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const GOLDEN_FILE = path.join(HERE, 'golden.json');
const ORIGIN = 'http://localhost';

const [publicDir, queryFile = GOLDEN_FILE] = process.argv.slice(2);
if (!publicDir) {
  console.error('usage: node tests/search/js-search.mjs <public dir of a build> [queries.json]');
  process.exit(2);
}
const root = path.resolve(publicDir);

/** The file of the build a URL of the site names (a folder means its index.html). */
function fileOf(url) {
  let rel = decodeURIComponent(new URL(url, ORIGIN).pathname);
  if (rel.endsWith('/')) rel += 'index.html';
  const file = path.join(root, rel);
  if (!file.startsWith(root + path.sep)) throw new Error(`${url} is outside ${root}`);
  return file;
}

function read(url) {
  return readFileSync(fileOf(url));
}

/** One attribute of the first tag matching `re` in `html`, or null. */
function attr(html, re, name) {
  const tag = html.match(re);
  const m = tag && tag[0].match(new RegExp(`\\s${name}="([^"]*)"`));
  return m ? m[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"') : null;
}

/** Site paths of the home page of each language, from the home page's hreflang links. */
function homePages() {
  const html = read('/').toString('utf8');
  const homes = new Map([[attr(html, /<html\b[^>]*>/, 'lang'), '/']]);
  for (const tag of html.match(/<link\b[^>]*\bhreflang="[^"]*"[^>]*>/g) ?? []) {
    homes.set(attr(tag, /.*/s, 'hreflang'), new URL(attr(tag, /.*/s, 'href')).pathname);
  }
  return homes;
}

// The globals of a page, as far as the client touches them without a search box:
// window, location, fetch, and a document with #vpagen-ui, no search form, no search
// page, and <script> elements that run the named file of the build.
// A file the client cannot get would only make its answers quietly worse: every
// failed fetch or script fails the run.
const failed = [];
globalThis.window = globalThis;
globalThis.fetch = async (url) => {
  let bytes;
  try {
    bytes = read(url);
  } catch (e) {
    failed.push(`fetch ${url}: ${e.message}`);
    return new Response('not found', { status: 404 });
  }
  return new Response(bytes, { status: 200 });
};

function runScript(url) {
  const file = fileOf(url);
  vm.runInThisContext(readFileSync(file, 'utf8'), { filename: file });
}

function openPage(pagePath) {
  const html = read(pagePath).toString('utf8');
  const ui = html.match(/<script type="application\/json" id="vpagen-ui">([^<]*)<\/script>/);
  if (!ui) throw new Error(`${pagePath}: no #vpagen-ui JSON`);
  const conf = JSON.parse(ui[1]).search;
  if (!conf || !conf.client) throw new Error(`${pagePath}: #vpagen-ui has no search client`);
  const client = new URL(conf.client, ORIGIN + pagePath).href;
  globalThis.location = new URL(pagePath, ORIGIN);
  globalThis.document = {
    documentElement: { lang: attr(html, /<html\b[^>]*>/, 'lang') },
    currentScript: { src: client },
    getElementById: (id) => (id === 'vpagen-ui' ? { textContent: ui[1] } : null),
    querySelector: () => null,
    addEventListener() {},
    createElement(tag) {
      if (tag !== 'script') throw new Error(`the shim has no <${tag}>`);
      return { tagName: 'SCRIPT', src: '', remove() {} };
    },
    head: {
      appendChild(s) {
        setImmediate(() => {
          try {
            runScript(s.src);
          } catch (e) {
            failed.push(`script ${s.src}: ${e.message}`);
            if (s.onerror) s.onerror(e);
            return;
          }
          if (s.onload) s.onload();
        });
        return s;
      },
    },
  };
  delete globalThis.vpagenSearch;
  runScript(client);
  const api = globalThis.vpagenSearch;
  if (!api || typeof api.search !== 'function' || typeof api.load !== 'function') {
    throw new Error(`${client} did not set window.vpagenSearch`);
  }
  return { api, manifest: new URL(conf.manifest, ORIGIN + pagePath).href };
}

/** Doc id → its entry of the doc chunks of the manifest (SEARCH.md). */
function docs(manifestUrl, lang) {
  const L = JSON.parse(read(manifestUrl)).languages[lang];
  const chunks = new Map();
  return (id) => {
    const n = Math.floor(id / L.chunk_size);
    if (!chunks.has(n)) {
      chunks.set(n, JSON.parse(gunzipSync(read(new URL(`${L.chunks.dir}/${n}.bin`, manifestUrl)))));
    }
    return chunks.get(n)[id % L.chunk_size];
  };
}

const golden = JSON.parse(readFileSync(queryFile, 'utf8'));
const homes = homePages();
const out = new Array(golden.length);
for (const lang of new Set(golden.map((g) => g.lang))) {
  const home = homes.get(lang);
  if (!home) throw new Error(`no home page in language ${lang} (hreflang links of / name ${[...homes.keys()]})`);
  const { api, manifest } = openPage(home);
  if (!(await api.load())) throw new Error(`vpagenSearch.load() failed on ${home}`);
  if (typeof globalThis.vpagenStem?.[lang] !== 'function') throw new Error(`the client loaded no stemmer for ${lang}`);
  const docOf = docs(manifest, lang);
  for (const [i, g] of golden.entries()) {
    if (g.lang !== lang) continue;
    const keep = g.keep || 3;
    const res = await api.search(g.query, g.type || '', keep);
    const top = res ? res.ids.slice(0, keep).map(docOf) : [];
    out[i] = {
      lang,
      query: g.query,
      type: g.type,
      top: top.map((d) => d.url),
      titles: top.map((d) => d.title),
      types: top.map((d) => d.type),
      scores: res ? res.scores.slice(0, keep) : [],
      or: res ? res.or : false,
      typos: res ? res.typos.map((t) => t.term) : [],
    };
  }
}
if (failed.length) throw new Error(`the client could not load:\n${failed.join('\n')}`);
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
