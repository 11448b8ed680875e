/* stem-en.js: the Snowball "English (Porter2) stemming algorithm" for the
 * search client.
 *
 * Written from the published description (snowballstem.org, The English
 * (Porter2) stemming algorithm). Its output must be identical to the Rust crate
 * rust-stemmers 1.2 (Algorithm::English), which builds the site's search index;
 * the parity test is tests/integration/stemmers.rs. Where the description
 * leaves room, the generated code of that crate decides ("rust-stemmers:").
 *
 * Input: one lower-cased word (NFC). Output: its stem.
 * Loads as a plain <script> (globalThis.vpagenStem.en) and as a CommonJS module.
 *
 * The word is handled as an array of code points, so positions count letters.
 * Any character other than a e i o u y (digits, accented letters, the marker Y)
 * is a non-vowel.
 */
(function () {
  'use strict';

  var VOWELS = 'aeiouy';
  // Letters that may precede a deleted -li (step 2).
  var VALID_LI = 'cdeghkmnrt';

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

  function startsWith(w, prefix) {
    if (prefix.length > w.length) return false;
    for (var i = 0; i < prefix.length; i++) {
      if (w[i] !== prefix[i]) return false;
    }
    return true;
  }

  // The longest key of `table` that ends the word, or '' when none does.
  // (A Snowball `among`: only the longest match counts; if its condition then
  // fails, shorter entries are NOT tried.)
  function longestSuffix(w, table) {
    var best = '';
    for (var s in table) {
      if (s.length > best.length && endsWith(w, s)) best = s;
    }
    return best;
  }

  // Replace the last `n` letters by `by`.
  function replaceEnd(w, n, by) {
    w.length -= n;
    for (var i = 0; i < by.length; i++) w.push(by[i]);
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

  // True when a vowel occurs somewhere in w[0 .. end).
  function hasVowel(w, end) {
    for (var i = 0; i < end; i++) if (isVowel(w[i])) return true;
    return false;
  }

  // "Short syllable" ending at `end`: non-vowel (not w, x or Y) + vowel +
  // non-vowel, or vowel + non-vowel forming the whole beginning of the word.
  function shortSyllable(w, end) {
    var last = w[end - 1];
    if (end >= 3 && !isVowel(last) && last !== 'w' && last !== 'x' && last !== 'Y' &&
        isVowel(w[end - 2]) && !isVowel(w[end - 3])) {
      return true;
    }
    return end === 2 && !isVowel(last) && isVowel(w[end - 2]);
  }

  // Exceptional forms, looked up before anything else (the whole word).
  var EXCEPTION1 = {
    skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie',
    idly: 'idl', gently: 'gentl', ugly: 'ugli', early: 'earli', only: 'onli',
    singly: 'singl',
    // Invariant.
    sky: 'sky', news: 'news', howe: 'howe', atlas: 'atlas', cosmos: 'cosmos',
    bias: 'bias', andes: 'andes'
  };
  // Left as they are after step 1a (the whole word).
  var EXCEPTION2 = ['inning', 'outing', 'canning', 'herring', 'earring',
    'proceed', 'exceed', 'succeed'];
  // Words beginning like this have R1 right after the prefix.
  var R1_PREFIXES = ['gener', 'commun', 'arsen'];

  var STEP1A = { sses: 'ss', ied: 'i', ies: 'i', ss: null, us: null, s: '' };
  var STEP1B = { eed: 'ee', eedly: 'ee', ed: '', edly: '', ing: '', ingly: '' };
  var STEP2 = {
    tional: 'tion', enci: 'ence', anci: 'ance', abli: 'able', entli: 'ent',
    izer: 'ize', ization: 'ize', ational: 'ate', ation: 'ate', ator: 'ate',
    alism: 'al', aliti: 'al', alli: 'al', fulness: 'ful', ousli: 'ous',
    ousness: 'ous', iveness: 'ive', iviti: 'ive', biliti: 'ble', bli: 'ble',
    ogi: 'og', fulli: 'ful', lessli: 'less', li: ''
  };
  var STEP3 = {
    tional: 'tion', ational: 'ate', alize: 'al', icate: 'ic', iciti: 'ic',
    ical: 'ic', ful: '', ness: '', ative: ''
  };
  var STEP4 = {
    al: 1, ance: 1, ence: 1, er: 1, ic: 1, able: 1, ible: 1, ant: 1, ement: 1,
    ment: 1, ent: 1, ism: 1, ate: 1, iti: 1, ous: 1, ive: 1, ize: 1, ion: 1
  };

  function stemEn(word) {
    word = String(word);
    if (Object.prototype.hasOwnProperty.call(EXCEPTION1, word)) return EXCEPTION1[word];

    var w = Array.from(word);
    if (w.length < 3) return word;

    // --- Prelude: drop a leading apostrophe; mark y as consonant (Y) at the
    // start and after a vowel.
    if (w[0] === "'") w.shift();
    var yFound = false;
    if (w[0] === 'y') {
      w[0] = 'Y';
      yFound = true;
    }
    for (var i = 0; i + 1 < w.length; i++) {
      if (isVowel(w[i]) && w[i + 1] === 'y') {
        w[i + 1] = 'Y';
        yFound = true;
      }
    }

    // --- Mark regions R1 and R2.
    var prefix = R1_PREFIXES.filter(function (p) { return startsWith(w, p); })[0];
    var p1 = prefix ? prefix.length : regionStart(w, 0);
    var p2 = regionStart(w, p1);

    var suffix, start, to;

    // --- Step 0: remove the longest of ' 's 's'.
    suffix = longestSuffix(w, { "'": 1, "'s": 1, "'s'": 1 });
    w.length -= suffix.length;

    // --- Step 1a: -sses -ied -ies -us -ss -s.
    suffix = longestSuffix(w, STEP1A);
    start = w.length - suffix.length;
    if (suffix === 'sses') {
      replaceEnd(w, 4, 'ss');
    } else if (suffix === 'ied' || suffix === 'ies') {
      // -i after more than one letter, else -ie (ties → tie, cries → cri).
      replaceEnd(w, 3, start >= 2 ? 'i' : 'ie');
    } else if (suffix === 's') {
      // Delete if a vowel occurs before the letter preceding the s.
      if (start >= 1 && hasVowel(w, start - 1)) w.length = start;
    }

    if (EXCEPTION2.indexOf(w.join('')) < 0) {
      // --- Step 1b: -eed -eedly | -ed -edly -ing -ingly.
      suffix = longestSuffix(w, STEP1B);
      start = w.length - suffix.length;
      if (suffix === 'eed' || suffix === 'eedly') {
        if (start >= p1) replaceEnd(w, suffix.length, 'ee');
      } else if (suffix && hasVowel(w, start)) {
        w.length = start;
        var last2 = w.slice(-2).join('');
        if (last2 === 'at' || last2 === 'bl' || last2 === 'iz') {
          w.push('e');
        } else if (w.length >= 2 && /^(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(last2)) {
          w.length -= 1;
        } else if (w.length === p1 && shortSyllable(w, w.length)) {
          // A short word (short syllable, R1 empty) gets an e.
          w.push('e');
        }
      }

      // --- Step 1c: final y or Y after a non-vowel that is not the first
      // letter becomes i.
      var n = w.length;
      if (n >= 3 && (w[n - 1] === 'y' || w[n - 1] === 'Y') && !isVowel(w[n - 2])) {
        w[n - 1] = 'i';
      }

      // --- Step 2: suffixes in R1.
      suffix = longestSuffix(w, STEP2);
      start = w.length - suffix.length;
      if (suffix && start >= p1) {
        to = STEP2[suffix];
        if (suffix === 'ogi') {
          if (w[start - 1] === 'l') replaceEnd(w, 3, to);
        } else if (suffix === 'li') {
          if (start > 0 && VALID_LI.indexOf(w[start - 1]) >= 0) w.length = start;
        } else {
          replaceEnd(w, suffix.length, to);
        }
      }

      // --- Step 3: suffixes in R1 (-ative in R2).
      suffix = longestSuffix(w, STEP3);
      start = w.length - suffix.length;
      if (suffix && start >= p1 && (suffix !== 'ative' || start >= p2)) {
        replaceEnd(w, suffix.length, STEP3[suffix]);
      }

      // --- Step 4: suffixes in R2 are deleted; -ion only after s or t.
      suffix = longestSuffix(w, STEP4);
      start = w.length - suffix.length;
      if (suffix && start >= p2 && (suffix !== 'ion' || w[start - 1] === 's' || w[start - 1] === 't')) {
        w.length = start;
      }

      // --- Step 5: -e in R2, or in R1 when not after a short syllable;
      // -l in R2 after l.
      n = w.length;
      if (w[n - 1] === 'e') {
        if (n - 1 >= p2 || (n - 1 >= p1 && !shortSyllable(w, n - 1))) w.length = n - 1;
      } else if (w[n - 1] === 'l') {
        if (n - 1 >= p2 && w[n - 2] === 'l') w.length = n - 1;
      }
    }

    // --- Postlude: Y back to y.
    var out = w.join('');
    return yFound ? out.replace(/Y/g, 'y') : out;
  }

  var ns = (globalThis.vpagenStem = globalThis.vpagenStem || {});
  ns.en = stemEn;
  if (typeof module !== 'undefined' && module.exports) module.exports = stemEn;
})();
