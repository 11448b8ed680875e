// Runs the browser's price rule on generated cases, for the parity test
// tests/integration/calculator.rs (which compares the results with src/pricing).
//
//   node tests/calculator/compare.mjs <cases.json>
//
// <cases.json> is an array of cases: { id, table, minutes, area, package, surcharges },
// where `table` is the rate table exactly as the page's <script data-rate> holds it
// and `area`, `package` (or null) and `surcharges` are ids in it, as the form's
// controls give them. The rule is the `quote` of themes/default/static/js/vpagen.js,
// the file the browser loads, run as a plain script with a window and a document
// that is still loading (so the script only defines its functions).
//
// Prints a JSON array with one entry per case: { id, quote }, where quote is null
// (no price) or { billable, centihours, perHour, net, vat, gross } with every number
// as a decimal string (vat null when there is no VAT line). Exits non-zero when
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
const quote = sandbox.vpagenPricing && sandbox.vpagenPricing.quote;
if (typeof quote !== 'function') fail('vpagen.js does not set window.vpagenPricing.quote');

let cases;
try {
  cases = JSON.parse(readFileSync(casesFile, 'utf8'));
} catch (err) {
  fail(`cannot read ${casesFile}: ${err.message}`);
}
if (!Array.isArray(cases)) fail(`${casesFile} does not hold an array`);

function byId(list, id, what, c) {
  const found = (list || []).filter((x) => String(x.id) === id)[0];
  if (!found) fail(`case ${c.id}: no ${what} ${JSON.stringify(id)} in its table`);
  return found;
}

const str = (n) => (n === null ? null : String(n));
const out = cases.map((c) => {
  const area = byId(c.table.areas, c.area, 'area', c);
  const pkg = c.package === null ? null : byId(c.table.packages, c.package, 'package', c);
  const surcharges = c.surcharges.map((id) => byId(c.table.surcharges, id, 'surcharge', c));
  // As the form passes it: minutes as a number.
  const q = quote(c.table, Number(c.minutes), area, pkg, surcharges);
  return {
    id: c.id,
    quote: q === null ? null : {
      billable: str(q.billable),
      centihours: str(q.centihours),
      perHour: str(q.perHour),
      net: str(q.net),
      vat: str(q.vat),
      gross: str(q.gross),
    },
  };
});
process.stdout.write(JSON.stringify(out));
