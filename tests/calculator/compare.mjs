// Runs the browser's price rule on generated cases, for the parity test
// tests/integration/calculator.rs (which compares the results with src/pricing).
//
//   node tests/calculator/compare.mjs <cases.json>
//
// <cases.json> is an array of cases: { id, table, request }, where `table` is the
// rate table exactly as the page's <script data-rate> holds it and `request` a
// request of `vpagen::pricing::Request` ({kind: 'job' | 'units' | 'month', …}) with
// ids in that table. The rule is `price` of themes/default/static/js/pricing.js, the
// module the rate page's calculator imports, imported here as it is.
//
// Prints a JSON array with one entry per case: { id, priced }, where priced is null
// (no price) or every field of the answer, flattened, as a decimal string. Exits non-zero when
// pricing.js does not load or does not export the rule. Needs Node.js 20.19, 22.7 or
// later (ES modules in .js files).

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const module = join(here, '..', '..', 'themes', 'default', 'static', 'js', 'pricing.js');

function fail(message) {
  process.stderr.write(`compare.mjs: ${message}\n`);
  process.exit(2);
}

const casesFile = process.argv[2];
if (!casesFile) fail('usage: node tests/calculator/compare.mjs <cases.json>');

let price;
try {
  ({ price } = await import(pathToFileURL(module).href));
} catch (err) {
  fail(`pricing.js failed to load (an ES module in a .js file needs Node.js 20.19, 22.7 or later; this is ${process.versions.node}): ${err && err.stack || err}`);
}
if (typeof price !== 'function') fail('pricing.js does not export price');

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
