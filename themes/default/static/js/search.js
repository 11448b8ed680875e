/* search.js: the site search of the default theme (an ES module; client half of
 * SEARCH.md). Pages load it only when the reader means to search (search-load.js:
 * focus on the box, `/`, or the search page). It wires up the search box and, on the
 * search page, the page's form; then the manifest and the stemmer of the page language
 * load, and each query fetches only the term shards it needs (gzip, decoded with
 * DecompressionStream), the doc chunks of the shown results and the excerpt bundles of
 * the top 3, then of each other result as it comes into view. The engine is search-core.js, the page part search-ui.js.
 */
import { ALL, LANG, View, engine, header, pageRoot, searchLangs } from './search-ui.js';

var views = [];
if (header) {
  var hinput = header.querySelector('input[name="q"]');
  var hbox = header.querySelector('#search-results');
  if (hinput && hbox) views.push(new View(hinput, hbox, true));
}
var pageView = null;
var fromUrl = false; // the search page ran its ?q=
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
    if (q0.trim()) { pinput.value = q0; fromUrl = true; pageView.run(); }
  }
}

// What the reader typed while this module loaded: searched in the box that has focus
// as typing there is, once the keys pause (the reader may still be typing).
views.forEach(function (v) {
  if (v.input !== document.activeElement) return;
  if (v === pageView && fromUrl) return;
  v.start();
  if (v.input.value.trim()) v.input.dispatchEvent(new Event('input'));
});

// For tests and the benchmark: the engine of the page language without the UI.
var own = engine(LANG);
window.vpagenSearch = {
  load: own.load, search: own.search, analyse: own.analyse, decodeShard: own.decodeShard,
  searchAll: function (q, filter, keep) { return searchLangs(ALL, q, filter, keep); }
};
