/* stem-de.js: the Snowball "German stemming algorithm" for the search client.
 *
 * Written from the published description (snowballstem.org, German stemming
 * algorithm). Its output must be identical to the Rust crate rust-stemmers 1.2
 * (Algorithm::German), which builds the site's search index; the parity test
 * is tests/integration/stemmers.rs. Where the description leaves room, the
 * generated code of that crate decides (noted below as "rust-stemmers:").
 *
 * Input: one lower-cased word (NFC). Output: its stem.
 * Loads as a plain <script> (globalThis.vpagenStem.de) and as a CommonJS module.
 *
 * The word is handled as an array of code points, so positions (R1, R2, "3
 * letters") count letters, not UTF-16 units.
 */
(function () {
  'use strict';

  // Vowels: a e i o u y ä ö ü. The markers U and Y (set by the prelude) are not.
  var VOWELS = 'aeiouyäöü';
  // Letters that may precede a deleted -s (step 1) and -st (step 2).
  var S_ENDING = 'bdfghklmnrt';
  var ST_ENDING = 'bdfghklmnt';

  function isVowel(ch) {
    return ch !== undefined && VOWELS.indexOf(ch) >= 0;
  }

  function endsWith(w, suffix) {
    var n = suffix.length;
    if (n > w.length) return false;
    for (var i = 0; i < n; i++) {
      if (w[w.length - n + i] !== suffix[i]) return false;
    }
    return true;
  }

  // The longest entry of `suffixes` that ends the word, or '' when none does.
  // (A Snowball `among`: only the longest match counts; if its condition then
  // fails, shorter entries are NOT tried.)
  function longestSuffix(w, suffixes) {
    var best = '';
    for (var i = 0; i < suffixes.length; i++) {
      var s = suffixes[i];
      if (s.length > best.length && endsWith(w, s)) best = s;
    }
    return best;
  }

  // Position after the first non-vowel that follows a vowel, searching from
  // `start`; the word length when there is none (the standard R1/R2 rule).
  function regionStart(w, start) {
    var i = start;
    while (i < w.length && !isVowel(w[i])) i++;
    i++;
    while (i < w.length && isVowel(w[i])) i++;
    return i < w.length ? i + 1 : w.length;
  }

  var STEP1 = ['em', 'ern', 'er', 'e', 'en', 'es', 's'];
  var STEP2 = ['en', 'er', 'st', 'est'];
  var STEP3 = ['end', 'ung', 'ig', 'ik', 'isch', 'lich', 'heit', 'keit'];

  function stemDe(word) {
    // --- Prelude, part 1: replace ß by ss.
    var w = [];
    Array.from(String(word)).forEach(function (ch) {
      if (ch === 'ß') w.push('s', 's');
      else w.push(ch);
    });

    // --- Prelude, part 2: put u and y between vowels into upper case (they
    // then count as consonants). Left to right, so an earlier change is seen
    // by a later test (rust-stemmers: a `repeat goto` over the word).
    for (var i = 0; i + 2 < w.length; i++) {
      if (isVowel(w[i]) && (w[i + 1] === 'u' || w[i + 1] === 'y') && isVowel(w[i + 2])) {
        w[i + 1] = w[i + 1].toUpperCase();
      }
    }

    // --- Mark regions R1 and R2. R1 is then moved so that at least three
    // letters precede it. rust-stemmers: R2 is searched from the *unadjusted*
    // start of R1, and a word of fewer than 3 letters has empty R1 and R2.
    var p1 = w.length;
    var p2 = w.length;
    if (w.length >= 3) {
      var r1 = regionStart(w, 0);
      p2 = regionStart(w, r1);
      p1 = Math.max(r1, 3);
    }

    var suffix, start;

    // --- Step 1: -em -ern -er | -e -en -es | -s (after a valid s-ending), in R1.
    suffix = longestSuffix(w, STEP1);
    start = w.length - suffix.length;
    if (suffix && start >= p1) {
      if (suffix === 'em' || suffix === 'ern' || suffix === 'er') {
        w.length = start;
      } else if (suffix === 's') {
        if (start > 0 && S_ENDING.indexOf(w[start - 1]) >= 0) w.length = start;
      } else {
        // -e -en -es: delete; then "niss" at the end loses its last s.
        w.length = start;
        if (endsWith(w, 'niss')) w.length -= 1;
      }
    }

    // --- Step 2: -en -er -est | -st (after a valid st-ending which itself
    // follows at least 3 letters), in R1.
    suffix = longestSuffix(w, STEP2);
    start = w.length - suffix.length;
    if (suffix && start >= p1) {
      if (suffix !== 'st') {
        w.length = start;
      } else if (start >= 4 && ST_ENDING.indexOf(w[start - 1]) >= 0) {
        w.length = start;
      }
    }

    // --- Step 3: d-suffixes, in R2.
    suffix = longestSuffix(w, STEP3);
    start = w.length - suffix.length;
    if (suffix && start >= p2) {
      if (suffix === 'end' || suffix === 'ung') {
        // Delete; then -ig in R2, if not preceded by e.
        w.length = start;
        if (endsWith(w, 'ig') && w[w.length - 3] !== 'e' && w.length - 2 >= p2) {
          w.length -= 2;
        }
      } else if (suffix === 'ig' || suffix === 'ik' || suffix === 'isch') {
        // Delete if not preceded by e.
        if (w[start - 1] !== 'e') w.length = start;
      } else if (suffix === 'lich' || suffix === 'heit') {
        // Delete; then -er or -en in R1.
        w.length = start;
        if ((endsWith(w, 'er') || endsWith(w, 'en')) && w.length - 2 >= p1) {
          w.length -= 2;
        }
      } else {
        // -keit: delete; then -lich or -ig in R2.
        w.length = start;
        var inner = longestSuffix(w, ['lich', 'ig']);
        if (inner && w.length - inner.length >= p2) w.length -= inner.length;
      }
    }

    // --- Postlude: U and Y back to lower case; umlauts lose their dots
    // (rust-stemmers: ä → a, ö → o, ü → u in the stem).
    var out = '';
    for (var j = 0; j < w.length; j++) {
      var ch = w[j];
      if (ch === 'U' || ch === 'ü') out += 'u';
      else if (ch === 'Y') out += 'y';
      else if (ch === 'ä') out += 'a';
      else if (ch === 'ö') out += 'o';
      else out += ch;
    }
    return out;
  }

  var ns = (globalThis.vpagenStem = globalThis.vpagenStem || {});
  ns.de = stemDe;
  if (typeof module !== 'undefined' && module.exports) module.exports = stemDe;
})();
