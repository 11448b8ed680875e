/* search-load.js: the part of the site search that every page loads (SEARCH.md,
 * "Loading on intent"). It fetches nothing until the reader shows intent: focus,
 * pointerdown or touchstart on the header search box, or the `/` key; the search page
 * loads the client at once. Then it adds the client, search.js with its imports (on a
 * page read offline, its classic twin), with a <script> element. Words typed
 * meanwhile stay in the box; search.js runs them when it starts. Until then
 * window.vpagenSearch (tests, benchmark) loads the client on first use.
 */
import { ui } from './util.js';

var CONF = ui().search && typeof ui().search === 'object' ? ui().search : null;
var header = document.querySelector('form.site-search');
var input = header && header.querySelector('input[name="q"]');
var page = document.querySelector('[data-search-page]');
var loading = null;

/** Loads the client once; resolves when it has run. */
function loadClient() {
  if (!loading) {
    loading = new Promise(function (resolve, reject) {
      if (!CONF || !CONF.client) { reject(new Error('no search on this site')); return; }
      var s = document.createElement('script');
      // An offline build's pages load classic scripts only (no module from the disk).
      if (CONF.offline) s.src = CONF.client.replace(/\.js$/, '.classic.js');
      else { s.type = 'module'; s.src = CONF.client; }
      s.onload = function () { resolve(window.vpagenSearch); };
      s.onerror = function () { reject(new Error('cannot load ' + s.src)); };
      document.head.appendChild(s);
    });
  }
  return loading;
}

/** Without a client the header box says that search is not available. */
function unavailable() {
  var box = header && header.querySelector('#search-results');
  if (!box) return;
  var p = document.createElement('p');
  p.className = 'search-status';
  p.setAttribute('role', 'status');
  p.textContent = header.getAttribute('data-t-unavailable') || 'Search is not available on this site.';
  box.replaceChildren(p);
  box.hidden = false;
}

function intent() { loadClient().catch(unavailable); }

if (input) {
  ['focus', 'pointerdown', 'touchstart'].forEach(function (type) {
    input.addEventListener(type, intent, { once: true, passive: true });
  });
}
if (page) intent();

document.addEventListener('keydown', function (e) {
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
  var a = document.activeElement;
  if (a && (a.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName))) return;
  var box = (page && page.querySelector('input[name="q"]')) || input;
  if (!box) return;
  e.preventDefault();
  box.focus();
});

// Until the client runs: the same calls, each loading it first (it then replaces this).
function later(name) {
  return function () {
    var args = arguments;
    return loadClient().then(function (api) { return api[name].apply(api, args); });
  };
}
if (CONF) window.vpagenSearch = { load: later('load'), search: later('search'), searchAll: later('searchAll') };
