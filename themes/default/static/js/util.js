/* util.js: what every script of the default theme shares: folding text as the
 * search index does, reading the page's JSON data islands, and the interface strings.
 * Touches the page only when asked, so that Node can import it (tests). */

/**
 * Folds text as the Rust index does (src/search/analyze.rs `fold`): `ß` → `ss`, then
 * NFKD without combining marks, so "Büro" and "buro" meet. Case stays: lower-case
 * first where case must not count.
 */
export function fold(s) {
  return String(s).replace(/ß/g, 'ss').normalize('NFKD').replace(/\p{M}/gu, '');
}

/** The JSON of a data island (`<script type="application/json">`), or null. */
export function readJson(el) {
  if (!el) return null;
  try { return JSON.parse(el.textContent); } catch (e) { return null; }
}

var pageUi = null;

/** The page's #vpagen-ui JSON (language, strings of the [js] table, search), or {}. */
export function ui() {
  if (!pageUi) {
    pageUi = (typeof document !== 'undefined' && readJson(document.getElementById('vpagen-ui'))) || {};
  }
  return pageUi;
}

/** The page's language. */
export function lang() {
  return ui().lang || (typeof document !== 'undefined' && document.documentElement.lang) || 'en';
}

/** `s` with its {placeholders} filled in from `vars`; unknown ones stay. */
export function fill(s, vars) {
  return s.replace(/\{(\w+)\}/g, function (m, name) {
    return vars && name in vars ? String(vars[name]) : m;
  });
}

/**
 * A lookup of interface strings: `t(key, vars)` takes the string from the first of
 * `sources` (functions key → string, or null when they have none) that has one, else
 * the key itself, and fills in its placeholders.
 */
export function strings(sources) {
  return function (key, vars) {
    for (var i = 0; i < sources.length; i++) {
      var s = sources[i](key);
      if (typeof s === 'string') return fill(s, vars);
    }
    return fill(key, vars);
  };
}

// English fallbacks of the [js] table; the page's #vpagen-ui JSON overrides each key.
var DEFAULTS = {
  progress_required: '{done} of {total} required items done',
  progress_optional: '{done} of {total} optional items',
  version_reset: 'This checklist is now version {version}. Your ticks from an older version were reset.',
  confirm_reset: 'Remove all ticks of this checklist?',
  import_done: 'Progress imported.',
  import_failed: 'The file could not be read.',
  briefing_missing: 'Please fill in: {fields}',
  briefing_ready: 'The briefing is ready: copy it, download it or send it by e-mail.',
  field_missing: 'Please fill in this field.',
  confirm_clear_draft: 'Delete everything entered in this form?',
  password_warning: 'This looks like a password. Enter only the name of the entry in the password manager.',
  password_removed: '[left out: looked like a password]',
  copied: 'Copied to the clipboard.',
  draft_cleared: 'Draft deleted.',
  quiz_right: 'Correct.',
  quiz_wrong: 'Not quite, try again.',
  guide_progress: '{percent}% done ({done} of {total})',
  filter_count: '{count} services',
  no_price: 'Choose a package: this rate table has no hourly base rate.',
  price_kleinunternehmer: 'No VAT is charged under § 19 UStG (small business).',
  calc_minutes_invalid: 'Please enter a duration in whole minutes, 1 or more.',
  calc_rule_increment: 'rounded up to the billing increment of {increment}',
  calc_rule_minimum: 'the minimum per job: {minimum}',
  calc_rule_none: 'no rounding: fits the billing increment of {increment}',
  calc_area_note: 'factor {factor}: {minutes} count as {hours}',
  calc_package_note: '{package}: {price} for {hours}',
  calc_base_rate_note: 'hourly rate without a bundle',
  calc_amount_note: '{hours} at {price} each',
  calc_surcharge_note: 'surcharge on {amount}',
  calc_vat_included: 'included in the total',
  calc_package_hours_note: '{hours} × (1 + {percent} surcharges) from the bundle',
  calc_package_value_note: '{hours} at {price} each',
  calc_covered_all: 'nothing: the balance covers the job, leaving {left}',
  calc_overage_note: '{hours} beyond the balance at {price} each',
  calc_top_up_note: '{n} × topped up automatically at {price} each, leaving {left}',
  calc_trial_note: '{discount} off the first {hours}',
  calc_balance_invalid: 'Please enter the hours left as a number, e.g. 2.5.',
  calc_units_minimum: 'at least {min} billed',
  calc_month_top_up: '{n} × topped up automatically at {price} each',
  calc_quantity_invalid: 'Please enter a whole number, 1 or more.',
  calc_hours_invalid: 'Please enter hours as a number, e.g. 12.5.',
  calc_effective_note: '{net} for {minutes} of billed time',
  minutes: 'min',
  hours_short: 'h',
  yes: 'yes',
  no: 'no'
};
// Units and yes/no are formatting rather than prose: a German page must not
// show "60 min" or "yes" just because the [js] table lacks the key.
var FORMAT_DE = { minutes: 'Min.', hours_short: 'Std.', yes: 'ja', no: 'nein' };

/** A string of the page's [js] table with its {placeholders} filled in. */
export const t = strings([
  function (key) { var s = ui()[key]; return typeof s === 'string' ? s : null; },
  function (key) { return (lang() === 'de' && FORMAT_DE[key]) || null; },
  function (key) { return DEFAULTS[key] || null; }
]);
