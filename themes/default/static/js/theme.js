/* theme.js: the light/dark scheme switch (README "Colour scheme"). */
import { reveal } from './dom.js';

var THEME_KEY = 'vpagen:theme';

/** A stored choice applies on every page, with or without a toggle on it. */
// Stored as the plain word, so that an inline script in <head> can read it
// before the first paint without parsing JSON.
function storedTheme() {
  try { return window.localStorage.getItem(THEME_KEY); } catch (e) { return null; }
}

export function applyStoredTheme() {
  var stored = storedTheme();
  if (stored === 'dark' || stored === 'light') document.documentElement.setAttribute('data-theme', stored);
}

export function initThemeToggle(buttons) {
  var KEY = THEME_KEY;
  var root = document.documentElement;
  var media = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

  function current() {
    var set = root.getAttribute('data-theme');
    if (set === 'dark' || set === 'light') return set;
    return media && media.matches ? 'dark' : 'light';
  }
  // aria-pressed says whether the dark scheme is on; the label (and tooltip)
  // names what a press does next, from data-label-to-dark / data-label-to-light.
  function sync() {
    var dark = current() === 'dark';
    buttons.forEach(function (b) {
      b.setAttribute('aria-pressed', String(dark));
      var label = b.getAttribute(dark ? 'data-label-to-light' : 'data-label-to-dark');
      if (label) { b.setAttribute('aria-label', label); b.setAttribute('title', label); }
    });
  }
  buttons.forEach(function (b) {
    b.addEventListener('click', function () {
      var next = current() === 'dark' ? 'light' : 'dark';
      root.setAttribute('data-theme', next);
      try { window.localStorage.setItem(KEY, next); } catch (e) { /* this page only */ }
      sync();
    });
  });
  // Without a stored choice the system setting rules, also when it changes.
  if (media && media.addEventListener) media.addEventListener('change', sync);
  sync();
  buttons.forEach(reveal); // useless without JS, so the template hides it
}
