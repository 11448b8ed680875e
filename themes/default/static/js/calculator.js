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
  var lang = rate.lang || pageLang();
  var minutes = form.querySelector('[name="minutes"]');
  var area = form.querySelector('[name="area"]');
  var pkg = form.querySelector('[name="package"]');
  var balance = form.querySelector('[name="balance"]');
  var trialBox = form.querySelector('[name="trial"]');
  if (balance) balance.placeholder = '';
  var note = form.querySelector('[data-out-note]');
  var result = form.querySelector('[data-calc-result]');
  // The template writes the § 19 note itself, in the page's language.
  var noteText = note ? note.textContent.trim() : '';
  var out = {};
  $$(form, '[data-out]').forEach(function (o) { out[o.getAttribute('data-out')] = o; });

  // The message for minutes that are no whole number from 1, beside the field
  // (made here if the template has none), and a polite live region that says it
  // or, for valid input, the total.
  var error = form.querySelector('[data-calc-error]');
  if (!error && minutes) {
    error = document.createElement('p');
    error.setAttribute('data-calc-error', '');
    error.className = 'field-error';
    error.hidden = true;
    minutes.parentNode.insertBefore(error, minutes.nextSibling);
  }
  if (error && !error.id) error.id = (minutes && minutes.id ? minutes.id : 'calc-minutes') + '-error';
  var status = form.querySelector('[data-calc-status]');
  if (!status) {
    status = document.createElement('p');
    status.setAttribute('data-calc-status', '');
    status.setAttribute('role', 'status');
    status.className = 'visually-hidden';
    form.appendChild(status);
  }

  function byId(list, id) {
    return (list || []).filter(function (x) { return String(x.id) === id; })[0] || null;
  }
  function show(name, text, hide) {
    var o = out[name];
    if (!o) return;
    o.textContent = text;
    // No VAT line for a Kleinunternehmer: hide its row if the template
    // marks one (data-out-row), else the output itself.
    (o.closest('[data-out-row]') || o).hidden = !!hide;
  }
  /** The explanation under a line's label (data-note="name"), if the template has it. */
  function explain(name, text) {
    $$(form, '[data-note="' + name + '"]').forEach(function (el) {
      el.textContent = text;
      el.hidden = !text;
    });
  }
  function fill(name, text) {
    $$(form, '[data-text="' + name + '"]').forEach(function (el) { el.textContent = text; });
  }
  function setNote(text) {
    if (!note) return;
    note.textContent = text;
    note.hidden = !text;
  }
  function setInvalid(invalid) {
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
  function announce(text) { if (status.textContent !== text) status.textContent = text; }
  function clear() {
    Object.keys(out).forEach(function (k) { show(k, '', k === 'vat' && rate.price_basis === 'kleinunternehmer'); });
    if (result) result.hidden = true;
  }
  // A number and its unit stay on one line (no-break space).
  var mins = function (n) { return n + '\u00a0' + t('minutes'); };

  function render(b) {
    // Amounts in an explanation do not break before their "€".
    var cash = function (cents) { return money(cents, lang).replace(/ /g, '\u00a0'); };
    var hoursText = function (c) { return hours(c, lang) + '\u00a0' + t('hours_short'); };
    show('entered', mins(b.minutes));
    show('billable', mins(b.billable));
    explain('billable', b.rule === 'minimum' ? t('calc_rule_minimum', { minimum: mins(b.minimum) })
      : b.rule === 'increment' ? t('calc_rule_increment', { increment: mins(b.increment) })
        : t('calc_rule_none', { increment: mins(b.increment) }));
    fill('area', b.area.label);
    show('hours', hours(b.centihours, lang));
    explain('hours', t('calc_area_note', {
      factor: factorText(B(b.area.factor), lang), minutes: mins(b.billable), hours: hoursText(b.centihours)
    }));
    show('per_hour', money(b.perHour, lang));
    explain('per_hour', b.pkg
      ? t('calc_package_note', { package: b.pkg.label, price: cash(B(b.pkg.price)), hours: b.pkg.hours + '\u00a0' + t('hours_short') })
      : t('calc_base_rate_note'));
    var q = b.q;
    var mh = function (x) { return hoursMh(x, lang) + '\u00a0' + t('hours_short'); };
    $$(form, '[data-pkg-row]').forEach(function (row) { row.hidden = !b.pkg; });
    if (b.pkg) {
      var pct = b.surcharges.reduce(function (sum, x) { return sum + x.percent; }, 0n);
      show('package_hours', hoursMh(q.package_mh, lang));
      explain('package_hours', t('calc_package_hours_note', { hours: hoursText(b.centihours), percent: percentText(pct, lang) }));
      show('package_value', money(q.package_value, lang));
      explain('package_value', t('calc_package_value_note', { hours: mh(q.package_mh), price: cash(b.perHour) }));
      show('extra', money(b.amount, lang));
      explain('extra', q.top_ups > 0n
        ? t('calc_top_up_note', { n: String(q.top_ups), price: cash(B(b.pkg.top_up.price)), left: mh(q.balance_after_mh) })
        : q.overage_mh > 0n
          ? t('calc_overage_note', { hours: mh(q.overage_mh), price: cash(q.overage_hourly) })
          : t('calc_covered_all', { left: mh(q.balance_after_mh) }));
    }
    show('trial', b.trialDiscount > 0n ? '−' + money(b.trialDiscount, lang) : '', !(b.trialDiscount > 0n));
    if (b.trialDiscount > 0n) {
      explain('trial', t('calc_trial_note', { discount: percentText(B(rate.trial.discount), lang), hours: mins(q.trial_minutes) }));
    }
    var worked = t('calc_amount_note', { hours: hoursText(b.centihours), price: cash(b.perHour) });
    // Without a surcharge the amount is the net one, except on a gross table
    // (its prices include VAT): there the amount keeps a line of its own.
    var ownLine = !b.pkg && (b.surcharges.length > 0 || b.basis === 'gross' || b.trialDiscount > 0n);
    show('base', money(b.base, lang), !ownLine);
    explain('base', worked);
    $$(form, '[data-surcharge-row]').forEach(function (row) {
      var line = b.pkg ? null : b.surcharges.filter(function (s) { return String(s.id) === row.getAttribute('data-surcharge-row'); })[0];
      row.hidden = !line;
      var o = row.querySelector('[data-out-surcharge]');
      if (o) o.textContent = line ? money(line.amount, lang) : '';
      var n = row.querySelector('[data-note]');
      if (n) n.textContent = line ? t('calc_surcharge_note', { amount: cash(b.base) }) : '';
    });
    show('net', money(b.net, lang));
    explain('net', ownLine || b.pkg ? '' : worked);
    show('vat', b.vat === null ? '' : money(b.vat, lang), b.vat === null);
    fill('vat_rate', b.vat === null ? '' : percentText(b.vatRate, lang));
    explain('vat', b.basis === 'gross' ? t('calc_vat_included') : '');
    show('gross', money(b.gross, lang));
    show('effective', money(b.effective, lang), !!b.pkg);
    explain('effective', t('calc_effective_note', { net: cash(b.net), minutes: mins(b.billable) }));
    if (result) result.hidden = false;
  }

  function update(quiet) {
    var m = minutes ? Number(minutes.value) : NaN;
    var valid = Number.isSafeInteger(m) && m > 0;
    var a = byId(rate.areas, area ? area.value : '') || rate.areas[0];
    var p = pkg && pkg.value ? byId(rate.packages, pkg.value) : null;
    var s = $$(form, 'input[name="surcharge"]:checked').map(function (b) {
      return byId(rate.surcharges, b.value);
    }).filter(Boolean);
    $$(form, '[data-balance-field]').forEach(function (el) { el.hidden = !p; });
    $$(form, '[data-trial-field]').forEach(function (el) { el.hidden = !!p; });
    var balanceMh = p && balance ? parseHoursMh(balance.value) : null;
    if (p && balance && balance.value.trim() === '') balanceMh = null;
    else if (p && balance && balanceMh === undefined) valid = false;
    var trial = !p && trialBox && trialBox.checked;
    setInvalid(!valid);
    var b = valid ? breakdown(rate, m, a, p, s, balanceMh, trial) : null;
    if (!b) {
      clear();
      setNote(valid ? t('no_price') : '');
      if (quiet !== true) announce(valid ? t('no_price') : t('calc_minutes_invalid'));
      return;
    }
    render(b);
    setNote(rate.price_basis === 'kleinunternehmer' ? noteText || t('price_kleinunternehmer') : '');
    if (quiet !== true) {
      var label = out.gross && out.gross.closest('tr') && out.gross.closest('tr').querySelector('th');
      announce((label ? label.textContent.trim() + ': ' : '') + money(b.gross, lang));
    }
  }

  form.addEventListener('input', update);
  form.addEventListener('change', update);
  // Enter in the minutes field would otherwise submit and reload the page.
  form.addEventListener('submit', function (e) { e.preventDefault(); update(); });
  update(true);
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
