/* catalogue.js: the filter of the service catalogue (README "Catalogue filter"). */
import { fold, lang, t } from './util.js';
import { $$, reveal } from './dom.js';

/** Lower case, folded as the search index folds, so "buro" finds "Büro". */
function simple(s) { return fold(String(s).toLowerCase()); }

export function initCatalogueFilter(box) {
  var text = box.querySelector('[data-filter-text]');
  var category = box.querySelector('[data-filter-category]');
  var language = box.querySelector('[data-filter-language]');
  var empty = document.querySelector('[data-filter-empty]');
  var cards = $$(document, '[data-card]');
  var languagesOf = function (card) { return (card.getAttribute('data-languages') || '').split('|').filter(Boolean); };
  if (language) {
    // The languages the services are offered in, from the cards themselves.
    var names = [];
    cards.forEach(function (card) {
      languagesOf(card).forEach(function (n) { if (names.indexOf(n) === -1) names.push(n); });
    });
    names.sort(function (a, b) { return a.localeCompare(b, lang()); }).forEach(function (n) {
      var o = document.createElement('option');
      o.value = n;
      o.textContent = n;
      language.appendChild(o);
    });
    // With one language or none there is nothing to choose.
    var label = box.querySelector('[data-filter-language-label]');
    language.hidden = names.length < 2;
    if (label) label.hidden = language.hidden;
  }
  var groups = $$(document, '[data-group]');
  // The contract has no live region for the count: add a visually hidden one.
  var count = box.querySelector('[data-filter-count]');
  if (!count) {
    count = document.createElement('p');
    count.className = 'visually-hidden';
    count.setAttribute('data-filter-count', '');
    count.setAttribute('role', 'status');
    box.appendChild(count);
  }
  var typed = false; // announce only after the user filtered, not on load

  function apply() {
    var words = simple(text ? text.value : '').split(/\s+/).filter(Boolean);
    var cat = category ? category.value : '';
    var lang = language ? language.value : '';
    var shown = 0;
    cards.forEach(function (card) {
      var hay = simple(card.getAttribute('data-search') || card.textContent);
      var ok = (!cat || card.getAttribute('data-category') === cat) &&
        (!lang || languagesOf(card).indexOf(lang) !== -1) &&
        words.every(function (w) { return hay.indexOf(w) !== -1; });
      card.hidden = !ok;
      if (ok) shown++;
    });
    groups.forEach(function (g) { g.hidden = !g.querySelector('[data-card]:not([hidden])'); });
    if (empty) empty.hidden = shown > 0;
    if (typed) count.textContent = t('filter_count', { count: shown });
  }
  function onFilter() { typed = true; apply(); }

  if (text) text.addEventListener('input', onFilter);
  if (category) category.addEventListener('change', onFilter);
  if (language) language.addEventListener('change', onFilter);
  // The form has nothing to submit: Enter in the search box must not reload.
  var form = box.closest('form') || box.querySelector('form');
  if (form) form.addEventListener('submit', function (e) { e.preventDefault(); });
  reveal(box);
  apply(); // the browser may have restored field values on back/forward
}
