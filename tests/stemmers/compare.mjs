// Stems the word lists of this folder with the browser stemmers, for the parity
// test tests/integration/stemmers.rs (which compares the output with rust-stemmers).
//
//   node tests/stemmers/compare.mjs
//
// Prints one line per word: `<lang>\t<word>\t<stem>`, for every word of
// <lang>-*.txt and every word of content/**/*.md as it is now. Exits non-zero
// when a stemmer file does not have the expected module shape.

import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { siteWords } from './site-words.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const jsDir = join(root, 'themes', 'default', 'static', 'js');
const require = createRequire(import.meta.url);

function fail(message) {
  process.stderr.write(`compare.mjs: ${message}\n`);
  process.exit(2);
}

const stemmers = {};
for (const lang of ['de', 'en']) {
  const file = join(jsDir, `stem-${lang}.js`);
  // As a CommonJS module...
  const fn = require(file);
  if (typeof fn !== 'function') fail(`stem-${lang}.js: module.exports is not a function`);
  if (globalThis.vpagenStem?.[lang] !== fn) fail(`stem-${lang}.js: globalThis.vpagenStem.${lang} not set`);
  // ...and as a plain <script> (no `module`), which must set globalThis.vpagenStem.<lang>.
  const sandbox = {};
  sandbox.globalThis = sandbox;
  vm.runInNewContext(readFileSync(file, 'utf8'), sandbox, { filename: file });
  const viaScript = sandbox.vpagenStem?.[lang];
  if (typeof viaScript !== 'function') fail(`stem-${lang}.js: as a script, vpagenStem.${lang} is not set`);
  for (const probe of ['rechnungen', 'invoices', 'größten']) {
    if (viaScript(probe) !== fn(probe)) fail(`stem-${lang}.js: script and module disagree on ${probe}`);
  }
  stemmers[lang] = fn;
}

const words = { de: new Set(), en: new Set() };
for (const name of readdirSync(here).sort()) {
  const m = /^(de|en)-.*\.txt$/.exec(name);
  if (!m) continue;
  for (const line of readFileSync(join(here, name), 'utf8').split('\n')) {
    if (line) words[m[1]].add(line);
  }
}
const site = siteWords(root);
for (const lang of ['de', 'en']) for (const w of site[lang]) words[lang].add(w);

const out = [];
for (const lang of ['de', 'en']) {
  for (const w of words[lang]) out.push(`${lang}\t${w}\t${stemmers[lang](w)}`);
}
process.stdout.write(out.join('\n') + '\n');
