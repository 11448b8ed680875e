/* calculator.js: the rate calculators of a rate page (README "Rate calculator"): the
 * job calculator with its breakdown, and the ones for units and a month of a package. */
import { lang as pageLang, readJson, t } from './util.js';
import { $$ } from './dom.js';
import { factor as factorText, hours, hoursMh, money, parseHoursMh, percent as percentText } from './locale.js';
import { B, breakdown, find, price } from './pricing.js';

export function initCalculator(form) {
  var rate = readJson(form.querySelector('script[data-rate]'));
  if (!rate || !Array.isArray(rate.areas) || !rate.areas.length) return;
  // The fields are hidden without JavaScript: the <noscript> note says why.
  form.hidden = false;
  $$(form, '[data-calc-inputs]').forEach(function (el) { el.hidden = false; });
  var minutes = form.querySelector('[name="minutes"]');
  var balance = form.querySelector('[name="balance"]');
  if (balance) balance.placeholder = '';
  var note = form.querySelector('[data-out-note]');
  // The calculator's context: what the functions below read and fill.
  var c = {
    form: form,
    rate: rate,
    lang: rate.lang || pageLang(),
    minutes: minutes,
    area: form.querySelector('[name="area"]'),
    pkg: form.querySelector('[name="package"]'),
    balance: balance,
    trialBox: form.querySelector('[name="trial"]'),
    note: note,
    result: form.querySelector('[data-calc-result]'),
    // The template writes the § 19 note itself, in the page's language.
    noteText: note ? note.textContent.trim() : '',
    out: {}
  };
  $$(form, '[data-out]').forEach(function (o) { c.out[o.getAttribute('data-out')] = o; });
  c.error = minutesError(form, minutes);
  c.status = statusRegion(form);

  function update(quiet) { updateCalculator(c, quiet); }
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  // Enter in the minutes field would otherwise submit and reload the page.
  form.addEventListener('submit', function (e) { e.preventDefault(); update(); });
  update(true);
}

/**
 * The message for minutes that are no whole number from 1, beside the field (made
 * here if the template has none).
 */
function minutesError(form, minutes) {
  var error = form.querySelector('[data-calc-error]');
  if (!error && minutes) {
    error = document.createElement('p');
    error.setAttribute('data-calc-error', '');
    error.className = 'field-error';
    error.hidden = true;
    minutes.parentNode.insertBefore(error, minutes.nextSibling);
  }
  if (error && !error.id) error.id = (minutes && minutes.id ? minutes.id : 'calc-minutes') + '-error';
  return error;
}

/** A polite live region that says the error or, for valid input, the total. */
function statusRegion(form) {
  var status = form.querySelector('[data-calc-status]');
  if (!status) {
    status = document.createElement('p');
    status.setAttribute('data-calc-status', '');
    status.setAttribute('role', 'status');
    status.className = 'visually-hidden';
    form.appendChild(status);
  }
  return status;
}

function byId(list, id) {
  return (list || []).filter(function (x) { return String(x.id) === id; })[0] || null;
}

function showOut(c, name, text, hide) {
  var o = c.out[name];
  if (!o) return;
  o.textContent = text;
  // No VAT line for a Kleinunternehmer: hide its row if the template
  // marks one (data-out-row), else the output itself.
  (o.closest('[data-out-row]') || o).hidden = !!hide;
}

/** The explanation under a line's label (data-note="name"), if the template has it. */
function explain(c, name, text) {
  $$(c.form, '[data-note="' + name + '"]').forEach(function (el) {
    el.textContent = text;
    el.hidden = !text;
  });
}

function fill(c, name, text) {
  $$(c.form, '[data-text="' + name + '"]').forEach(function (el) { el.textContent = text; });
}

function setNote(c, text) {
  if (!c.note) return;
  c.note.textContent = text;
  c.note.hidden = !text;
}

function setInvalid(c, invalid) {
  var minutes = c.minutes, error = c.error;
  if (!minutes) return;
  var ids = (minutes.getAttribute('aria-describedby') || '').split(/\s+/).filter(function (x) {
    return x && (!error || x !== error.id);
  });
  if (invalid) {
    minutes.setAttribute('aria-invalid', 'true');
    if (error) {
      error.textContent = t('calc_minutes_invalid');
      error.hidden = false;
      ids.push(error.id);
    }
  } else {
    minutes.removeAttribute('aria-invalid');
    if (error) error.hidden = true;
  }
  if (ids.length) minutes.setAttribute('aria-describedby', ids.join(' '));
  else minutes.removeAttribute('aria-describedby');
}

function announce(c, text) { if (c.status.textContent !== text) c.status.textContent = text; }

function clear(c) {
  Object.keys(c.out).forEach(function (k) { showOut(c, k, '', k === 'vat' && c.rate.price_basis === 'kleinunternehmer'); });
  if (c.result) c.result.hidden = true;
}

// A number and its unit stay on one line (no-break space).
function mins(n) { return n + '\u00a0' + t('minutes'); }

// Amounts in an explanation do not break before their "€".
function cash(c, cents) { return money(cents, c.lang).replace(/ /g, '\u00a0'); }

function hoursText(c, centihours) { return hours(centihours, c.lang) + '\u00a0' + t('hours_short'); }

function mhText(c, x) { return hoursMh(x, c.lang) + '\u00a0' + t('hours_short'); }

/** Reads the form, prices the job and shows the breakdown, or why there is none. */
function updateCalculator(c, quiet) {
  var rate = c.rate, form = c.form;
  var m = c.minutes ? Number(c.minutes.value) : NaN;
  var valid = Number.isSafeInteger(m) && m > 0;
  var a = byId(rate.areas, c.area ? c.area.value : '') || rate.areas[0];
  var p = c.pkg && c.pkg.value ? byId(rate.packages, c.pkg.value) : null;
  var s = $$(form, 'input[name="surcharge"]:checked').map(function (b) {
    return byId(rate.surcharges, b.value);
  }).filter(Boolean);
  $$(form, '[data-balance-field]').forEach(function (el) { el.hidden = !p; });
  $$(form, '[data-trial-field]').forEach(function (el) { el.hidden = !!p; });
  var balance = c.balance;
  var balanceMh = p && balance ? parseHoursMh(balance.value) : null;
  if (p && balance && balance.value.trim() === '') balanceMh = null;
  else if (p && balance && balanceMh === undefined) valid = false;
  var trial = !p && c.trialBox && c.trialBox.checked;
  setInvalid(c, !valid);
  var b = valid ? breakdown(rate, m, a, p, s, balanceMh, trial) : null;
  if (!b) {
    clear(c);
    setNote(c, valid ? t('no_price') : '');
    if (quiet !== true) announce(c, valid ? t('no_price') : t('calc_minutes_invalid'));
    return;
  }
  render(c, b);
  setNote(c, rate.price_basis === 'kleinunternehmer' ? c.noteText || t('price_kleinunternehmer') : '');
  if (quiet !== true) {
    var out = c.out;
    var label = out.gross && out.gross.closest('tr') && out.gross.closest('tr').querySelector('th');
    announce(c, (label ? label.textContent.trim() + ': ' : '') + money(b.gross, c.lang));
  }
}

/** Fills the breakdown `b` into the table, with an explanation per line. */
function render(c, b) {
  var lang = c.lang;
  showOut(c, 'entered', mins(b.minutes));
  showOut(c, 'billable', mins(b.billable));
  explain(c, 'billable', b.rule === 'minimum' ? t('calc_rule_minimum', { minimum: mins(b.minimum) })
    : b.rule === 'increment' ? t('calc_rule_increment', { increment: mins(b.increment) })
      : t('calc_rule_none', { increment: mins(b.increment) }));
  fill(c, 'area', b.area.label);
  showOut(c, 'hours', hours(b.centihours, lang));
  explain(c, 'hours', t('calc_area_note', {
    factor: factorText(B(b.area.factor), lang), minutes: mins(b.billable), hours: hoursText(c, b.centihours)
  }));
  showOut(c, 'per_hour', money(b.perHour, lang));
  explain(c, 'per_hour', b.pkg
    ? t('calc_package_note', { package: b.pkg.label, price: cash(c, B(b.pkg.price)), hours: b.pkg.hours + '\u00a0' + t('hours_short') })
    : t('calc_base_rate_note'));
  $$(c.form, '[data-pkg-row]').forEach(function (row) { row.hidden = !b.pkg; });
  if (b.pkg) renderPackage(c, b);
  showOut(c, 'trial', b.trialDiscount > 0n ? '−' + money(b.trialDiscount, lang) : '', !(b.trialDiscount > 0n));
  if (b.trialDiscount > 0n) {
    explain(c, 'trial', t('calc_trial_note', { discount: percentText(B(c.rate.trial.discount), lang), hours: mins(b.q.trial_minutes) }));
  }
  renderAmounts(c, b);
  if (c.result) c.result.hidden = false;
}

/** The package rows: the hours the job consumes, their value, and what is billed beyond. */
function renderPackage(c, b) {
  var lang = c.lang, q = b.q;
  var pct = b.surcharges.reduce(function (sum, x) { return sum + x.percent; }, 0n);
  showOut(c, 'package_hours', hoursMh(q.package_mh, lang));
  explain(c, 'package_hours', t('calc_package_hours_note', { hours: hoursText(c, b.centihours), percent: percentText(pct, lang) }));
  showOut(c, 'package_value', money(q.package_value, lang));
  explain(c, 'package_value', t('calc_package_value_note', { hours: mhText(c, q.package_mh), price: cash(c, b.perHour) }));
  showOut(c, 'extra', money(b.amount, lang));
  explain(c, 'extra', q.top_ups > 0n
    ? t('calc_top_up_note', { n: String(q.top_ups), price: cash(c, B(b.pkg.top_up.price)), left: mhText(c, q.balance_after_mh) })
    : q.overage_mh > 0n
      ? t('calc_overage_note', { hours: mhText(c, q.overage_mh), price: cash(c, q.overage_hourly) })
      : t('calc_covered_all', { left: mhText(c, q.balance_after_mh) }));
}

/** The amount before surcharges, the surcharges, net, VAT, gross and the effective hourly price. */
function renderAmounts(c, b) {
  var lang = c.lang;
  var worked = t('calc_amount_note', { hours: hoursText(c, b.centihours), price: cash(c, b.perHour) });
  // Without a surcharge the amount is the net one, except on a gross table
  // (its prices include VAT): there the amount keeps a line of its own.
  var ownLine = !b.pkg && (b.surcharges.length > 0 || b.basis === 'gross' || b.trialDiscount > 0n);
  showOut(c, 'base', money(b.base, lang), !ownLine);
  explain(c, 'base', worked);
  $$(c.form, '[data-surcharge-row]').forEach(function (row) {
    var line = b.pkg ? null : b.surcharges.filter(function (s) { return String(s.id) === row.getAttribute('data-surcharge-row'); })[0];
    row.hidden = !line;
    var o = row.querySelector('[data-out-surcharge]');
    if (o) o.textContent = line ? money(line.amount, lang) : '';
    var n = row.querySelector('[data-note]');
    if (n) n.textContent = line ? t('calc_surcharge_note', { amount: cash(c, b.base) }) : '';
  });
  showOut(c, 'net', money(b.net, lang));
  explain(c, 'net', ownLine || b.pkg ? '' : worked);
  showOut(c, 'vat', b.vat === null ? '' : money(b.vat, lang), b.vat === null);
  fill(c, 'vat_rate', b.vat === null ? '' : percentText(b.vatRate, lang));
  explain(c, 'vat', b.basis === 'gross' ? t('calc_vat_included') : '');
  showOut(c, 'gross', money(b.gross, lang));
  showOut(c, 'effective', money(b.effective, lang), !!b.pkg);
  explain(c, 'effective', t('calc_effective_note', { net: cash(c, b.net), minutes: mins(b.billable) }));
}

/**
 * A calculator beside the job calculator (units, a month of a package): it reads the
 * rate JSON of its section, asks `price` with what `request` makes of the fields
 * (undefined: a field is invalid, named by `request.invalid`), and `show` fills the
 * outputs from the answer.
 */
function initExtraCalculator(form, request, show) {
  var box = form.closest('section') || document;
  var rate = readJson(box.querySelector('script[data-rate]'));
  if (!rate) return;
  form.hidden = false;
  var title = document.getElementById(form.getAttribute('aria-labelledby') || '');
  if (title) title.hidden = false;
  var lang = rate.lang || pageLang();
  var result = form.querySelector('[data-calc-result]');
  var status = form.querySelector('[data-calc-status]');
  var out = {};
  $$(form, '[data-out]').forEach(function (o) { out[o.getAttribute('data-out')] = o; });
  var errors = {};
  function fieldError(input, message) {
    var e = errors[input.name];
    if (!e) {
      e = errors[input.name] = document.createElement('p');
      e.className = 'field-error';
      e.id = input.id + '-error';
      input.parentNode.insertBefore(e, input.nextSibling);
    }
    e.textContent = message || '';
    e.hidden = !message;
    if (message) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', e.id);
    } else {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
  }
  var api = {
    lang: lang,
    set: function (name, text) { if (out[name]) out[name].textContent = text; },
    note: function (name, text) {
      $$(form, '[data-note="' + name + '"]').forEach(function (el) { el.textContent = text; el.hidden = !text; });
    }
  };
  function update(quiet) {
    var bad = null;
    var req = request(form, function (input, message) { bad = bad || message; fieldError(input, message); });
    var answer = bad ? null : price(rate, req);
    if (!answer) {
      if (result) result.hidden = true;
      if (quiet !== true && status) status.textContent = bad || t('no_price');
      return;
    }
    var s = answer.split;
    api.set('net', money(s.net, lang));
    api.set('vat', s.vat === null ? '' : money(s.vat, lang));
    if (out.vat) (out.vat.closest('[data-out-row]') || out.vat).hidden = s.vat === null;
    api.set('gross', money(s.gross, lang));
    show(answer, api, rate);
    if (result) result.hidden = false;
    var label = form.querySelector('.calc-total th');
    if (quiet !== true && status) status.textContent = (label ? label.textContent.trim() + ': ' : '') + money(s.gross, lang);
  }
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', function (e) { e.preventDefault(); update(); });
  update(true);
}

export function initUnitCalculator(form) {
  initExtraCalculator(form, function (f, invalid) {
    var count = f.querySelector('[name="count"]');
    var n = Number(count.value);
    var ok = Number.isSafeInteger(n) && n > 0 && n <= 4294967295;
    invalid(count, ok ? '' : t('calc_quantity_invalid'));
    return { kind: 'units', unit: f.querySelector('[name="unit"]').value, count: ok ? n : 0 };
  }, function (answer, api, rate) {
    api.set('billed', String(answer.billed_units));
    var unit = find(rate.units, answer.unit || form.querySelector('[name="unit"]').value);
    api.note('billed', answer.billed_units > answer.count && unit
      ? t('calc_units_minimum', { min: String(unit.minimum_units) }) : '');
  });
}

export function initMonthCalculator(form) {
  initExtraCalculator(form, function (f, invalid) {
    var hours = function (name) {
      var input = f.querySelector('[name="' + name + '"]');
      var mh = input.value.trim() === '' ? 0n : parseHoursMh(input.value);
      invalid(input, mh === undefined ? t('calc_hours_invalid') : '');
      return mh === undefined ? 0n : mh;
    };
    return { kind: 'month', package: f.querySelector('[name="package"]').value, used_mh: hours('used'), carried_mh: hours('carried') };
  }, function (answer, api, rate) {
    var lang = api.lang;
    var p = find(rate.packages, form.querySelector('[name="package"]').value);
    var cash = function (c) { return money(c, lang).replace(/ /g, '\u00a0'); };
    var mh = function (x) { return hoursMh(x, lang) + '\u00a0' + t('hours_short'); };
    api.set('price', money(B(p.price), lang));
    api.set('extra', money(answer.extra, lang));
    api.note('extra', answer.top_ups > 0n
      ? t('calc_month_top_up', { n: String(answer.top_ups), price: cash(B(p.top_up.price)) })
      : answer.overage_mh > 0n
        ? t('calc_overage_note', { hours: mh(answer.overage_mh), price: cash(answer.overage_hourly) })
        : '');
    api.set('carried_out', hoursMh(answer.carried_out_mh, lang));
    api.set('lapsed', hoursMh(answer.lapsed_mh, lang));
  });
}
