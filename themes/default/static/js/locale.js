/* locale.js: numbers, money and dates as vpagen's Rust side writes them
 * (src/content/values.rs, src/render/views.rs `format_date`): German rules for `de`,
 * English ones for every other language. Amounts are BigInt, in their smallest unit. */

/** An integer with `sep` between groups of three digits. */
function group(n, sep) { return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, sep); }

function point(lang) { return lang === 'de' ? ',' : '.'; }

/** Cents as "1.234,56 €" (de) or "€1,234.56" (`Money::format`). */
export function money(cents, lang) {
  var sign = cents < 0n ? '−' : '';
  var abs = cents < 0n ? -cents : cents;
  var frac = String(abs % 100n).padStart(2, '0');
  return lang === 'de'
    ? sign + group(abs / 100n, '.') + ',' + frac + ' €'
    : sign + '€' + group(abs / 100n, ',') + '.' + frac;
}

/**
 * A fixed-point number (`digits` decimals) without trailing zeros, as the Rust side
 * writes factors and percentages (`format_decimal`): "1,5", "19", "7,5".
 */
export function decimal(value, digits, lang) {
  var scale = 10n ** BigInt(digits);
  var frac = String(value % scale).padStart(digits, '0').replace(/0+$/, '');
  return String(value / scale) + (frac ? point(lang) + frac : '');
}

/** A factor in thousandths, with at least one decimal: "1,0", "1,5" (`Factor::format`). */
export function factor(thousandths, lang) {
  var s = decimal(thousandths, 3, lang);
  return /[.,]/.test(s) ? s : s + point(lang) + '0';
}

/** A percentage in hundredths: "19 %" (de) or "19%" (`Percent::format`). */
export function percent(hundredths, lang) {
  return decimal(hundredths, 2, lang) + (lang === 'de' ? ' %' : '%');
}

/** Hundredths of an hour as "2,25" or "2.25". */
export function hours(centihours, lang) {
  return String(centihours / 100n) + point(lang) + String(centihours % 100n).padStart(2, '0');
}

/** Thousandths of an hour as "3,375" or "1,00": two decimals unless the third counts. */
export function hoursMh(mh, lang) {
  var frac = mh % 1000n;
  return String(mh / 1000n) + point(lang) +
    (frac % 10n === 0n ? String(frac / 10n).padStart(2, '0') : String(frac).padStart(3, '0'));
}

/** "2,5" or "2.5" hours as thousandths; undefined when it is no number from 0. */
export function parseHoursMh(text) {
  var m = /^\s*(\d{1,5})(?:[.,](\d{1,3}))?\s*$/.exec(text);
  if (!m) return undefined;
  return BigInt(m[1]) * 1000n + BigInt((m[2] || '').padEnd(3, '0') || '0');
}

var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A date or date-time input value ("2026-12-18", "2026-12-18T12:00") as the Rust side
 * writes dates: "18.12.2026" (de) or "18 Dec 2026", a time after a comma
 * ("18.12.2026, 12:00"). A value of another form comes back as it is, `T` as a space.
 */
export function date(value, lang) {
  var m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value);
  var month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) return value.replace('T', ' ');
  var day = lang === 'de' ? m[3] + '.' + m[2] + '.' + m[1] : Number(m[3]) + ' ' + MONTHS[month - 1] + ' ' + m[1];
  return m[4] ? day + ', ' + m[4] + ':' + m[5] : day;
}
