// Runs the golden search set (tests/search/golden.json) through the search engine of
// the browser client in Node.js, on a built site:
//
//     node tests/search/js-search.mjs <public dir> [queries.json]
//
// (queries.json: another list in the format of golden.json; only lang, query, type and
// the optional keep, how many results to print (default 3), are read.)
//
// The script imports the build's copy of themes/default/static/js/search-core.js
// (<public dir>/js/search-core.<hash>.js, whose imports name the build's hashed
// files), and gives each language's engine what a page gives it (`io` in
// search-core.js): the manifest (<public dir>/_search/manifest.<hash>.json), the
// index files it asks for, read from <public dir>, and the stemmer, the build's
// js/stem-<lang>.<hash>.js, imported. Each query goes through the engine's
// search(query, type, keep), which window.vpagenSearch.search is on a page.
//
// Prints a JSON array, one entry per query in the order of the list:
//   {"lang", "query", "type", "top": [url, …], "titles": [...], "types": [...],
//    "scores": [...], "or", "typos", "words"}
// (typos: the index terms of the query words fixed as typos; words: the word the
// index gives for each, which "Did you mean" offers)
// Needs Node.js 20.19, 22.7 or later (ES modules in .js files, fetch's Response, Blob,
// DecompressionStream); no packages.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const GOLDEN_FILE = path.join(HERE, 'golden.json');

const [publicDir, queryFile = GOLDEN_FILE] = process.argv.slice(2);
if (!publicDir) {
  console.error('usage: node tests/search/js-search.mjs <public dir of a build> [queries.json]');
  process.exit(2);
}
const root = path.resolve(publicDir);

/** The one file of the build in `dir` whose name matches `re`. */
function only(dir, re) {
  const names = readdirSync(path.join(root, dir)).filter((n) => re.test(n));
  if (names.length !== 1) throw new Error(`${path.join(root, dir)}: ${names.length} files match ${re}, not one`);
  return path.join(root, dir, names[0]);
}

/** Imports a module of the build; an old Node reads it as CommonJS and fails. */
async function load(file) {
  try {
    return await import(pathToFileURL(file).href);
  } catch (e) {
    if (e instanceof SyntaxError && /import|export/.test(e.message)) {
      throw new Error(`${file}: Node.js ${process.versions.node} loads no ES module from a .js file; use 20.19, 22.7 or later`);
    }
    throw e;
  }
}

const { Engine } = await load(only('js', /^search-core\.[0-9a-f]{16}\.js$/));
const manifestFile = only('_search', /^manifest\.[0-9a-f]{16}\.json$/);

// A file the engine cannot get would only make its answers quietly worse: every
// failed read fails the run.
const failed = [];
let manifest = null;
const io = {
  manifest() {
    manifest ??= Promise.resolve({ m: JSON.parse(readFileSync(manifestFile, 'utf8')), base: pathToFileURL(manifestFile) });
    return manifest;
  },
  async bytes(url) {
    try {
      const b = readFileSync(fileURLToPath(url));
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    } catch (e) {
      failed.push(`${url}: ${e.message}`);
      throw e;
    }
  },
  async stemmer(lang) {
    await load(only('js', new RegExp(`^stem-${lang}\\.[0-9a-f]{16}\\.js$`)));
    const stem = globalThis.vpagenStem?.[lang];
    if (typeof stem !== 'function') throw new Error(`the stemmer of ${lang} sets no vpagenStem.${lang}`);
    return stem;
  },
};

const golden = JSON.parse(readFileSync(queryFile, 'utf8'));
const out = new Array(golden.length);
for (const lang of new Set(golden.map((g) => g.lang))) {
  const engine = Engine(lang, io);
  if (!(await engine.load())) throw new Error(`the engine of ${lang} did not load (manifest, index or stemmer)`);
  for (const [i, g] of golden.entries()) {
    if (g.lang !== lang) continue;
    const keep = g.keep || 3;
    const res = await engine.search(g.query, g.type || '', keep);
    const top = res ? res.ids.slice(0, keep).map((id) => engine.docOf(id)) : [];
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
      words: res ? res.typos.map((t) => t.word ?? null) : [],
    };
  }
}
if (failed.length) throw new Error(`the engine could not read:\n${failed.join('\n')}`);
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
