/* search.js: the site search of the default theme (an ES module; client half of
 * SEARCH.md). Loaded on every page, it only wires up the search box and, on the search
 * page, the page's form. Nothing is fetched until the box gets focus or `/` is pressed:
 * then the manifest and the stemmer of the page language load, and each query fetches
 * only the term shards it needs (gzip, decoded with DecompressionStream), the doc
 * chunks of the shown results and the excerpt bundles of the top 3. The engine is
 * search-core.js, the page part search-ui.js.
 */
import { ALL, LANG, View, engine, header, pageRoot, searchLangs } from './search-ui.js';

var views = [];
if (header) {
  var hinput = header.querySelector('input[name="q"]');
  var hbox = header.querySelector('#search-results');
  if (hinput && hbox) views.push(new View(hinput, hbox, true));
}
var pageView = null;
if (pageRoot) {
  var pinput = pageRoot.querySelector('input[name="q"]');
  var pbox = pageRoot.querySelector('[data-search-page-results]');
  if (pinput && pbox) {
    pageView = new View(pinput, pbox, false);
    views.push(pageView);
    var params = new URL(location.href).searchParams;
    var q0 = params.get('q') || '';
    if (pageView.allBox) {
      if (params.get('all') === '1') pageView.allBox.checked = true;
      else if (params.get('all') === '0') pageView.allBox.checked = false;
      pageView.allBox.addEventListener('change', function () { if (pageView.input.value.trim()) pageView.run(); });
    }
    if (q0.trim()) { pinput.value = q0; pageView.run(); }
  }
}

document.addEventListener('keydown', function (e) {
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
  var a = document.activeElement;
  if (a && (a.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName))) return;
  var v = pageView || views[0];
  if (!v) return;
  e.preventDefault();
  v.input.focus();
});

// For tests and the benchmark: the engine of the page language without the UI.
var own = engine(LANG);
window.vpagenSearch = {
  load: own.load, search: own.search, analyse: own.analyse, decodeShard: own.decodeShard,
  searchAll: function (q, filter, keep) { return searchLangs(ALL, q, filter, keep); }
};
