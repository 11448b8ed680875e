// Runs the browser's price rule on generated cases, for the parity test
// tests/integration/calculator.rs (which compares the results with src/pricing).
//
//   node tests/calculator/compare.mjs <cases.json>
//
// <cases.json> is an array of cases: { id, table, request }, where `table` is the
// rate table exactly as the page's <script data-rate> holds it and `request` a
// request of `vpagen::pricing::Request` ({kind: 'job' | 'units' | 'month', …}) with
// ids in that table. The rule is the `price` of themes/default/static/js/vpagen.js,
// the file the browser loads, run as a plain script with a window and a document
// that is still loading (so the script only defines its functions).
//
// Prints a JSON array with one entry per case: { id, priced }, where priced is null
// (no price) or every field of the answer, flattened, as a decimal string. Exits non-zero when
// vpagen.js does not load or does not expose the rule.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const script = join(here, '..', '..', 'themes', 'default', 'static', 'js', 'vpagen.js');

function fail(message) {
  process.stderr.write(`compare.mjs: ${message}\n`);
  process.exit(2);
}

const casesFile = process.argv[2];
if (!casesFile) fail('usage: node tests/calculator/compare.mjs <cases.json>');

// What vpagen.js touches while it loads: no UI strings, no language, and a
// document that has not finished loading, so start() waits for an event that
// never comes and no component is wired up.
const waiting = [];
const document = {
  readyState: 'loading',
  documentElement: { lang: 'de' },
  getElementById: () => null,
  addEventListener: (type) => { waiting.push(type); },
};
const sandbox = { document, console };
sandbox.window = sandbox;
vm.createContext(sandbox);
try {
  vm.runInContext(readFileSync(script, 'utf8'), sandbox, { filename: script });
} catch (err) {
  fail(`vpagen.js failed to load: ${err && err.stack || err}`);
}
if (!waiting.includes('DOMContentLoaded')) fail('vpagen.js did not wait for DOMContentLoaded');
const price = sandbox.vpagenPricing && sandbox.vpagenPricing.price;
if (typeof price !== 'function') fail('vpagen.js does not set window.vpagenPricing.price');

let cases;
try {
  cases = JSON.parse(readFileSync(casesFile, 'utf8'));
} catch (err) {
  fail(`cannot read ${casesFile}: ${err.message}`);
}
if (!Array.isArray(cases)) fail(`${casesFile} does not hold an array`);

// Every field of an answer as a decimal string, nested ones as `split.net`, null as
// "null" (as the Rust side flattens its answer).
function flatten(value, prefix, out) {
  for (const [key, v] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (v !== null && typeof v === 'object') flatten(v, name, out);
    else out[name] = v === null ? 'null' : String(v);
  }
  return out;
}

const out = cases.map((c) => {
  // As the form passes it: minutes as a number.
  const request = { ...c.request };
  if (request.minutes !== undefined) request.minutes = Number(request.minutes);
  const priced = price(c.table, request);
  return { id: c.id, priced: priced === null ? null : flatten(priced, '', {}) };
});
process.stdout.write(JSON.stringify(out));
