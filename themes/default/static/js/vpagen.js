/* vpagen.js: the optional interactive layer of the default theme (an ES module).
 *
 * Every page works without it. It looks for the data attributes described in
 * themes/default/README.md ("Contract between templates and vpagen.js") and
 * enhances what it finds; on a page without them it does nothing. No network
 * requests, no framework, no build step: state lives in localStorage only. Each
 * feature is a module of its own; this one starts them.
 */
import { $$, reveal } from './dom.js';
import { applyStoredTheme, initThemeToggle } from './theme.js';
import { initCatalogueFilter } from './catalogue.js';
import { initChecklist } from './checklist.js';
import { initCalculator, initMonthCalculator, initUnitCalculator } from './calculator.js';
import { initBriefing } from './briefing.js';
import { initGuide } from './guide.js';
import { breakdown, price, quote } from './pricing.js';

// For tests: the price rule without the form.
window.vpagenPricing = { price: price, quote: quote, breakdown: breakdown };

function each(sel, init) {
  $$(document, sel).forEach(function (el) {
    // One broken component must not take the others down.
    // console.error, so that the browser tests notice it.
    try { init(el); } catch (err) { if (window.console) console.error('vpagen:', sel, err); }
  });
}

function start() {
  applyStoredTheme();
  var toggles = $$(document, '[data-theme-toggle]');
  if (toggles.length) initThemeToggle(toggles);
  each('[data-catalogue-filter]', initCatalogueFilter);
  each('[data-checklist]', initChecklist);
  each('[data-calculator]', initCalculator);
  each('[data-calc-units]', initUnitCalculator);
  each('[data-calc-month]', initMonthCalculator);
  each('[data-briefing]', initBriefing);
  each('[data-guide]', initGuide);
  each('[data-print]', function (button) {
    button.addEventListener('click', function () { window.print(); });
    reveal(button);
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
