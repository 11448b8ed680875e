/* vpagen.js: the optional interactive layer of the default theme.
 *
 * Every page works without it. It looks for the data attributes described in
 * themes/default/README.md ("Contract between templates and vpagen.js") and
 * enhances what it finds; on a page without them it does nothing. No network
 * requests, no framework, no build step: state lives in localStorage only.
 */
(function () {
  'use strict';

  // ------------------------------------------------------------------ strings

  // English fallbacks; the page's #vpagen-ui JSON (the [js] table of the
  // theme's i18n file) overrides each key.
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

  var UI = readJson(document.getElementById('vpagen-ui')) || {};
  var LANG = UI.lang || document.documentElement.lang || 'en';

  /** A UI string with its {placeholders} filled in. */
  function t(key, vars) {
    var s = typeof UI[key] === 'string' ? UI[key]
      : (LANG === 'de' && FORMAT_DE[key]) || DEFAULTS[key] || key;
    return s.replace(/\{(\w+)\}/g, function (m, name) {
      return vars && name in vars ? String(vars[name]) : m;
    });
  }

  // ------------------------------------------------------------------ helpers

  function readJson(el) {
    if (!el) return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  function $$(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }

  // localStorage can be missing or throw (private mode, disabled storage,
  // quota): the page must keep working, it just forgets.
  var store = {
    get: function (key) {
      try { return JSON.parse(window.localStorage.getItem(key) || 'null'); } catch (e) { return null; }
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* forget */ }
    },
    remove: function (key) {
      try { window.localStorage.removeItem(key); } catch (e) { /* nothing to do */ }
    },
    keys: function () {
      var out = [];
      try {
        for (var i = 0; i < window.localStorage.length; i++) out.push(window.localStorage.key(i));
      } catch (e) { /* none */ }
      return out;
    }
  };

  function reveal(el) { if (el) el.hidden = false; }

  /** Offers `text` as a file download (a blob: URL, no request leaves the page). */
  function download(filename, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type + ';charset=utf-8' }));
    var a = document.createElement('a');
    a.href = url;
    a.download = filename;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  /** Lower case without diacritics, so "buro" finds "Büro". */
  function fold(s) {
    return String(s).toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  }

  // ------------------------------------------------------------------ colour scheme

  var THEME_KEY = 'vpagen:theme';

  /** A stored choice applies on every page, with or without a toggle on it. */
  // Stored as the plain word, so that an inline script in <head> can read it
  // before the first paint without parsing JSON.
  function storedTheme() {
    try { return window.localStorage.getItem(THEME_KEY); } catch (e) { return null; }
  }

  function applyStoredTheme() {
    var stored = storedTheme();
    if (stored === 'dark' || stored === 'light') document.documentElement.setAttribute('data-theme', stored);
  }

  function initThemeToggle(buttons) {
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

  // ------------------------------------------------------------------ catalogue filter

  function initCatalogueFilter(box) {
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
      names.sort(function (a, b) { return a.localeCompare(b, LANG); }).forEach(function (n) {
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
      var words = fold(text ? text.value : '').split(/\s+/).filter(Boolean);
      var cat = category ? category.value : '';
      var lang = language ? language.value : '';
      var shown = 0;
      cards.forEach(function (card) {
        var hay = fold(card.getAttribute('data-search') || card.textContent);
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

  // ------------------------------------------------------------------ checklists

  function initChecklist(list) {
    var id = list.getAttribute('data-checklist');
    var version = Number(list.getAttribute('data-version')) || 1;
    var key = list.getAttribute('data-storage-key');
    var prefix = list.getAttribute('data-storage-prefix');
    var title = list.getAttribute('data-title') || document.title;
    var tools = list.querySelector('[data-checklist-tools]');
    var bar = list.querySelector('[data-progress]');
    var say = list.querySelector('[data-progress-text]');
    var notice = list.querySelector('[data-version-notice]');
    var items = $$(list, '[data-item]').map(function (li) {
      var label = li.querySelector('.item-text') || li.querySelector('label') || li;
      return {
        id: li.getAttribute('data-item'),
        box: li.querySelector('input[type="checkbox"]'),
        required: li.getAttribute('data-required') !== 'false',
        text: label.textContent.replace(/\s+/g, ' ').trim()
      };
    }).filter(function (it) { return it.box; });

    // A new version of a checklist may have other items: old ticks would lie.
    if (prefix) {
      var stale = store.keys().filter(function (k) {
        return k !== key && k.indexOf(prefix) === 0 && /^\d+$/.test(k.slice(prefix.length));
      });
      stale.forEach(store.remove);
      if (stale.length && notice) {
        notice.textContent = t('version_reset', { version: version });
        notice.hidden = false;
      }
    }

    var saved = (key && store.get(key)) || {};
    var checked = Array.isArray(saved.checked) ? saved.checked : [];
    items.forEach(function (it) { it.box.checked = checked.indexOf(it.id) !== -1; });

    function save() {
      if (!key) return;
      store.set(key, { checked: items.filter(function (it) { return it.box.checked; }).map(function (it) { return it.id; }) });
    }

    function progress(extra) {
      var req = items.filter(function (it) { return it.required; });
      var opt = items.filter(function (it) { return !it.required; });
      var done = req.filter(function (it) { return it.box.checked; }).length;
      if (bar) { bar.max = req.length || 1; bar.value = done; }
      var msg = t('progress_required', { done: done, total: req.length });
      if (opt.length) {
        msg += ' · ' + t('progress_optional', {
          done: opt.filter(function (it) { return it.box.checked; }).length, total: opt.length
        });
      }
      if (say) say.textContent = extra ? extra + ' ' + msg : msg;
    }

    function asJson() {
      var out = { checklist: id, version: version, items: {} };
      items.forEach(function (it) { out.items[it.id] = it.box.checked; });
      return JSON.stringify(out, null, 2) + '\n';
    }

    function asMarkdown() {
      var lines = ['# ' + title + ' (Version ' + version + ')', ''];
      items.forEach(function (it) { lines.push('- [' + (it.box.checked ? 'x' : ' ') + '] ' + it.text); });
      return lines.join('\n') + '\n';
    }

    /** Ticked ids from an exported JSON or Markdown file; null if neither. */
    function parseImport(raw) {
      var data = null;
      try { data = JSON.parse(raw); } catch (e) { /* maybe Markdown */ }
      if (data && typeof data === 'object') {
        if (data.checklist && data.checklist !== id) return null; // another checklist
        var src = data.items || {};
        if (Array.isArray(data.checked)) { // also accept the storage shape
          src = {};
          data.checked.forEach(function (x) { src[x] = true; });
        }
        return { ids: Object.keys(src).filter(function (k) { return src[k] === true; }) };
      }
      var byText = {};
      items.forEach(function (it) { byText[it.text] = it.id; });
      var ids = [];
      var seen = false;
      raw.split(/\r?\n/).forEach(function (line) {
        var m = /^\s*[-*+]\s+\[([ xX])\]\s+(.*?)\s*$/.exec(line);
        if (!m) return;
        seen = true;
        var itemId = byText[m[2].replace(/\s+/g, ' ')];
        if (itemId && m[1] !== ' ') ids.push(itemId);
      });
      return seen ? { ids: ids } : null;
    }

    list.addEventListener('change', function (e) {
      if (e.target.matches('[data-item] input[type="checkbox"]')) { save(); progress(); }
    });

    list.addEventListener('click', function (e) {
      var btn = e.target.closest('button[data-action]');
      if (!btn || !list.contains(btn)) return;
      var action = btn.getAttribute('data-action');
      if (action === 'reset') {
        // Ticks may be the work of an afternoon: ask first.
        if (typeof window.confirm === 'function' && !window.confirm(t('confirm_reset'))) return;
        items.forEach(function (it) { it.box.checked = false; });
        if (key) store.remove(key);
        progress();
      } else if (action === 'export-json') {
        download(id + '-v' + version + '.json', asJson(), 'application/json');
      } else if (action === 'export-md') {
        download(id + '-v' + version + '.md', asMarkdown(), 'text/markdown');
      }
    });

    var picker = list.querySelector('input[type="file"][data-action="import"]');
    if (picker) {
      picker.addEventListener('change', function () {
        var file = picker.files && picker.files[0];
        if (!file) return;
        file.text().then(function (raw) {
          var got = parseImport(raw);
          if (!got) { progress(t('import_failed')); return; }
          items.forEach(function (it) { it.box.checked = got.ids.indexOf(it.id) !== -1; });
          save();
          progress(t('import_done'));
        }, function () { progress(t('import_failed')); }).then(function () {
          picker.value = ''; // the same file may be chosen again
        });
      });
    }

    reveal(tools);
    progress();
  }

  // ------------------------------------------------------------------ rate calculator

  // Integer arithmetic as in src/pricing/mod.rs: BigInt, rounding half up.
  var B = function (x) { return BigInt(String(x == null ? 0 : x).trim() || '0'); };

  /** num / den rounded half up; den > 0, num >= 0. */
  function divRound(num, den) { return (2n * num + den) / (2n * den); }

  /** num / den rounded up; den > 0, num >= 0. */
  function divCeil(num, den) { return (num + den - 1n) / den; }
  function find(list, id) {
    return (list || []).filter(function (x) { return String(x.id) === String(id); })[0] || null;
  }
  function maxB(a, b) { return a > b ? a : b; }
  function minB(a, b) { return a < b ? a : b; }

  /** Net, VAT and gross of an amount in the table's prices (`Split::of`). */
  function split(rate, amount) {
    var vatRate = B(rate.vat_rate);
    if (rate.price_basis === 'net') {
      var vat = divRound(amount * vatRate, 10000n);
      return { net: amount, vat: vat, gross: amount + vat };
    }
    if (rate.price_basis === 'gross') {
      var inner = divRound(amount * vatRate, 10000n + vatRate);
      return { net: amount - inner, vat: inner, gross: amount };
    }
    return { net: amount, vat: null, gross: amount };
  }

  function billableMinutes(rate, minutes) {
    var inc = B(rate.billing_increment_min) > 0n ? B(rate.billing_increment_min) : 1n;
    var rounded = ((B(minutes) + inc - 1n) / inc) * inc;
    return maxB(rounded, B(rate.minimum_per_task_min));
  }

  /** The price of an hour beyond a package as [num, den] (`job::overage_rate`). */
  function overageRate(rate, p) {
    if (p.overage_hourly != null) return [B(p.overage_hourly), 1n];
    if (rate.base_hourly != null) return [B(rate.base_hourly), 1n];
    return [B(p.price), maxB(B(p.hours), 1n)];
  }

  /** A job billed by the hour: `pricing::job::quote`. */
  function priceJob(rate, req) {
    var area = find(rate.areas, req.area);
    var p = req.package != null ? find(rate.packages, req.package) : null;
    var ss = (req.surcharges || []).map(function (id) { return find(rate.surcharges, id); });
    if (!area || (req.package != null && !p) || ss.indexOf(null) >= 0) return null;
    var billable = billableMinutes(rate, req.minutes);
    var factor = B(area.factor);
    var bp = ss.reduce(function (sum, s) { return sum + B(s.percent); }, 0n);
    var q = {
      kind: 'job', billable_minutes: billable, hours_mh: divRound(billable * factor, 60n),
      price_per_hour: 0n, trial_minutes: 0n, trial_discount: 0n, package_mh: null,
      package_value: null, covered_mh: 0n, overage_mh: 0n, overage_hourly: null, top_ups: 0n,
      balance_after_mh: null
    };
    var amount = 0n;
    if (!p) {
      if (rate.base_hourly == null) return null;
      var base = B(rate.base_hourly);
      q.price_per_hour = base;
      var perMinute = factor * base * (10000n + bp);
      var den = 60n * 1000n * 10000n * 10000n;
      var trialMin = 0n, discountBp = 0n;
      if (req.trial && rate.trial) {
        trialMin = minB(billable, B(rate.trial.hours) * 60n);
        discountBp = B(rate.trial.discount);
      }
      q.trial_minutes = trialMin;
      var discount = trialMin * perMinute * discountBp;
      q.trial_discount = divRound(discount, den);
      amount = divRound(billable * perMinute * 10000n - discount, den);
    } else {
      var hours = maxB(B(p.hours), 1n);
      var price = B(p.price);
      var consumed = divRound(billable * factor * (10000n + bp), 600000n);
      q.price_per_hour = divRound(price, hours);
      q.package_mh = consumed;
      q.package_value = divRound(consumed * price, hours * 1000n);
      var balance = req.balance_mh != null ? B(req.balance_mh) : B(p.hours) * 1000n;
      if (balance < 0n) balance = 0n;
      q.covered_mh = minB(consumed, balance);
      var beyond = consumed - q.covered_mh;
      if (beyond === 0n) {
        q.balance_after_mh = balance - consumed;
      } else if (p.top_up) {
        var block = B(p.top_up.hours) * 1000n;
        var n = divCeil(beyond, block);
        q.top_ups = n;
        q.covered_mh = consumed;
        q.balance_after_mh = n * block - beyond;
        amount = n * B(p.top_up.price);
      } else {
        var r = overageRate(rate, p);
        q.overage_mh = beyond;
        q.balance_after_mh = 0n;
        q.overage_hourly = divRound(r[0], r[1]);
        amount = divRound(beyond * r[0], 1000n * r[1]);
      }
    }
    q.split = split(rate, amount);
    return q;
  }

  /** A job billed by the unit: `pricing::units::quote`. */
  function priceUnits(rate, req) {
    var u = find(rate.units, req.unit);
    if (!u) return null;
    var billed = maxB(B(req.count), B(u.minimum_units));
    return { kind: 'units', count: B(req.count), billed_units: billed, split: split(rate, billed * B(u.price)) };
  }

  /** A month of a monthly package: `pricing::month::bill`. */
  function priceMonth(rate, req) {
    var p = find(rate.packages, req.package);
    if (!p || p.period !== 'month') return null;
    var own = B(p.hours) * 1000n;
    var used = maxB(B(req.used_mh), 0n);
    var carried = maxB(B(req.carried_mh), 0n);
    var fromCarried = minB(used, carried);
    var fromPackage = minB(used - fromCarried, own);
    var beyond = used - fromCarried - fromPackage;
    var overage = 0n, topUps = 0n, extra = 0n, overageHourly = null;
    var unusedOwn = own - fromPackage;
    if (beyond > 0n) {
      if (p.top_up) {
        var block = B(p.top_up.hours) * 1000n;
        topUps = divCeil(beyond, block);
        extra = topUps * B(p.top_up.price);
        unusedOwn = topUps * block - beyond;
      } else {
        var r = overageRate(rate, p);
        overage = beyond;
        overageHourly = divRound(r[0], r[1]);
        extra = divRound(beyond * r[0], 1000n * r[1]);
      }
    }
    var unusedCarried = carried - fromCarried;
    var ro = p.rollover;
    var cap = !ro ? 0n : ro.max_hours != null ? B(ro.max_hours) * 1000n
      : ro.max_percent != null ? own * B(ro.max_percent) / 10000n : own;
    var keeps = !!ro && B(ro.expires_after_months == null ? 1 : ro.expires_after_months) > 1n;
    var carriedOut = minB(unusedOwn + (keeps ? unusedCarried : 0n), cap);
    return {
      kind: 'month', used_mh: used, from_carried_mh: fromCarried, from_package_mh: fromPackage,
      overage_mh: overage, overage_hourly: overageHourly, top_ups: topUps, extra: extra,
      carried_out_mh: carriedOut, lapsed_mh: unusedOwn + unusedCarried - carriedOut,
      split: split(rate, B(p.price) + extra)
    };
  }

  /**
   * Every price rule of `src/pricing`: `req` is a request as `rates.json` holds it
   * ({kind: 'job' | 'units' | 'month', …}); the answer has the fields of the Rust
   * answer, as BigInts; null when there is no price.
   */
  function price(rate, req) {
    if (req.kind === 'job') return priceJob(rate, req);
    if (req.kind === 'units') return priceUnits(rate, req);
    if (req.kind === 'month') return priceMonth(rate, req);
    return null;
  }

  /** The job rule for the form: null when there is no price. */
  function quote(rate, minutes, area, pkg, surcharges, balanceMh, trial) {
    var q = priceJob(rate, {
      minutes: minutes, area: area.id, package: pkg ? pkg.id : null,
      balance_mh: balanceMh == null ? null : balanceMh,
      surcharges: surcharges.map(function (s) { return s.id; }), trial: !!trial
    });
    if (!q) return null;
    return {
      q: q,
      billable: q.billable_minutes,
      centihours: divRound(q.hours_mh, 10n),
      perHour: q.price_per_hour,
      net: q.split.net,
      vat: q.split.vat,
      gross: q.split.gross
    };
  }

  /**
   * The quote of `quote` as the steps a reader can follow, for the calculator's
   * breakdown; null when `quote` gives no price. The amounts are the quote's own:
   * the lines only explain them. `amount` is what the table's prices give (net on
   * a net or § 19 table, gross on a gross one): `base` (billable hours × area
   * factor × price per hour) plus one amount per surcharge makes it exactly, with
   * the rounding left over given to the largest surcharge. `effective` is the net
   * price per billable hour. A package's share of the hours and an overage line can
   * be added as steps of their own without changing the existing ones.
   */
  function breakdown(rate, minutes, area, pkg, surcharges, balanceMh, trial) {
    var r = quote(rate, minutes, area, pkg, surcharges, balanceMh, trial);
    if (!r) return null;
    var q = r.q;
    var inc = B(rate.billing_increment_min) > 0n ? B(rate.billing_increment_min) : 1n;
    var mins = B(minutes);
    var rounded = ((mins + inc - 1n) / inc) * inc;
    var min = B(rate.minimum_per_task_min);
    var amount = rate.price_basis === 'gross' ? r.gross : r.net;
    var b = {
      minutes: mins,
      billable: r.billable,
      increment: inc,
      minimum: min,
      // which rule set the billable minutes: the minimum per task, rounding up to
      // the billing increment, or neither (the minutes fit the increment)
      rule: min > rounded ? 'minimum' : rounded > mins ? 'increment' : 'none',
      area: area,
      centihours: r.centihours,
      hoursMh: q.hours_mh,
      pkg: pkg || null,
      perHour: r.perHour,
      base: 0n,
      surcharges: [],
      trialDiscount: 0n,
      amount: amount,
      basis: rate.price_basis,
      vatRate: B(rate.vat_rate),
      net: r.net,
      vat: r.vat,
      gross: r.gross,
      q: q,
      effective: divRound(r.net * 60n, r.billable)
    };
    if (pkg) {
      b.surcharges = surcharges.map(function (s) { return { id: s.id, label: s.label, percent: B(s.percent), amount: 0n }; });
      return b;
    }
    // Without a package: base (billable hours × factor × rate) plus one amount per
    // surcharge, less the trial discount, makes the amount exactly; the rounding
    // left over goes to the largest surcharge, else to the trial line.
    var exact = r.billable * B(area.factor) * B(rate.base_hourly);
    var den = 60n * 1000n;
    b.base = divRound(exact, den);
    b.trialDiscount = q.trial_discount;
    var rest = amount - b.base + b.trialDiscount;
    b.surcharges = surcharges.map(function (s) {
      var cents = divRound(exact * B(s.percent), den * 10000n);
      rest -= cents;
      return { id: s.id, label: s.label, percent: B(s.percent), amount: cents };
    });
    if (b.surcharges.length) {
      var largest = b.surcharges.reduce(function (x, y) { return y.percent > x.percent ? y : x; });
      largest.amount += rest;
    } else {
      b.trialDiscount -= rest;
    }
    return b;
  }

  // For tests: the rule without the form (tests/calculator/compare.mjs runs it in
  // Node on generated cases and compares it with src/pricing).
  window.vpagenPricing = { price: price, quote: quote, breakdown: breakdown };

  function group(n, sep) { return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, sep); }

  /** Cents as "1.234,56 €" (de) or "€1,234.56", as the Rust side formats money. */
  function money(cents, lang) {
    var sign = cents < 0n ? '−' : '';
    var abs = cents < 0n ? -cents : cents;
    var frac = String(abs % 100n).padStart(2, '0');
    return lang === 'de'
      ? sign + group(abs / 100n, '.') + ',' + frac + ' €'
      : sign + '€' + group(abs / 100n, ',') + '.' + frac;
  }

  /** Thousandths of an hour as "3,375" or "1,00", as the Rust side writes them. */
  function hoursMh(mh, lang) {
    var p = lang === 'de' ? ',' : '.';
    var frac = mh % 1000n;
    return String(mh / 1000n) + p + (frac % 10n === 0n ? String(frac / 10n).padStart(2, '0') : String(frac).padStart(3, '0'));
  }

  /** "2,5" or "2.5" hours as thousandths; undefined when it is no number from 0. */
  function parseHoursMh(text) {
    var m = /^\s*(\d{1,5})(?:[.,](\d{1,3}))?\s*$/.exec(text);
    if (!m) return undefined;
    return BigInt(m[1]) * 1000n + BigInt((m[2] || '').padEnd(3, '0') || '0');
  }

  function hours(centihours, lang) {
    return String(centihours / 100n) + (lang === 'de' ? ',' : '.') + String(centihours % 100n).padStart(2, '0');
  }

  /**
   * A fixed-point number (`digits` decimals) without trailing zeros, as the Rust side
   * writes factors ("1,5", at least one decimal) and percentages ("19 %", "7,5 %").
   */
  function decimal(value, digits, lang) {
    var scale = 10n ** BigInt(digits);
    var frac = String(value % scale).padStart(digits, '0').replace(/0+$/, '');
    return String(value / scale) + (frac ? (lang === 'de' ? ',' : '.') + frac : '');
  }
  function factorText(thousandths, lang) {
    var s = decimal(thousandths, 3, lang);
    return /[.,]/.test(s) ? s : s + (lang === 'de' ? ',0' : '.0');
  }
  function percentText(hundredths, lang) {
    return decimal(hundredths, 2, lang) + (lang === 'de' ? ' %' : '%');
  }

  function initCalculator(form) {
    var rate = readJson(form.querySelector('script[data-rate]'));
    if (!rate || !Array.isArray(rate.areas) || !rate.areas.length) return;
    // The fields are hidden without JavaScript: the <noscript> note says why.
    form.hidden = false;
    $$(form, '[data-calc-inputs]').forEach(function (el) { el.hidden = false; });
    var lang = rate.lang || LANG;
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
    var lang = rate.lang || LANG;
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

  function initUnitCalculator(form) {
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

  function initMonthCalculator(form) {
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

  // ------------------------------------------------------------------ briefing forms

  // A password-manager entry name is words; a password is one long token
  // mixing character classes. A heuristic: it warns, it does not block.
  function looksLikePassword(v) {
    v = v.trim();
    if (/\b(passwor[td]|kennwort|pw|pwd)\s*[:=]/i.test(v)) return true;
    if (/\s/.test(v) || v.length < 8) return false;
    var classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter(function (r) { return r.test(v); }).length;
    return classes >= 3;
  }

  /** "Label:" for a list line, without a colon after a label that ends in punctuation. */
  function labelled(label) {
    return /[?!:.…]$/.test(label) ? label : label + ':';
  }

  /** A date or date-time input value ("2026-12-18", "2026-12-18T12:00") in the page's locale. */
  function localDate(v, withTime) {
    var m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(v);
    if (!m || typeof Intl === 'undefined') return v.replace('T', ' ');
    var d = new Date(+m[1], +m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0));
    var opts = withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' };
    try { return new Intl.DateTimeFormat(LANG === 'en' ? 'en-GB' : LANG, opts).format(d); } catch (e) { return v.replace('T', ' '); }
  }

  function initBriefing(form) {
    var id = form.getAttribute('data-briefing');
    var key = form.getAttribute('data-storage-key');
    var title = form.getAttribute('data-title') || document.title;
    var errors = form.querySelector('[data-briefing-errors]');
    var output = form.querySelector('[data-briefing-output]');
    var actions = form.querySelector('[data-briefing-actions]');
    var preview = form.querySelector('[data-briefing-preview]');
    var fields = $$(form, '[data-field]').map(function (el) {
      var name = el.getAttribute('data-field');
      var control = el.querySelector('[name="' + CSS.escape(name) + '"]');
      var fs = el.closest('fieldset');
      var legend = fs && fs.querySelector('legend');
      return {
        el: el,
        id: name,
        kind: el.getAttribute('data-kind') || 'text',
        label: el.getAttribute('data-label') || name,
        control: control,
        section: legend ? legend.textContent.replace(/\s+/g, ' ').trim() : '',
        required: !!control && (control.required || el.getAttribute('data-required') === 'true')
      };
    }).filter(function (f) { return f.control; });

    // Our own error list replaces the browser's bubbles, which vanish.
    form.noValidate = true;

    // Status messages (copied, cleared) need a polite live region; the
    // contract has only the alert for errors, so add one beside the buttons.
    var status = form.querySelector('[data-briefing-status]');
    if (!status && actions) {
      status = document.createElement('p');
      status.setAttribute('data-briefing-status', '');
      status.setAttribute('role', 'status');
      status.className = 'briefing-status';
      actions.parentNode.insertBefore(status, actions.nextSibling);
    }
    function announce(msg) { if (status) status.textContent = msg; }

    function value(f) {
      var c = f.control;
      if (c.type === 'checkbox') return c.checked;
      if (c.multiple) return $$(c, 'option').filter(function (o) { return o.selected; }).map(function (o) { return o.value; });
      return c.value;
    }
    function setValue(f, v) {
      var c = f.control;
      if (c.type === 'checkbox') c.checked = v === true;
      else if (c.multiple && Array.isArray(v)) $$(c, 'option').forEach(function (o) { o.selected = v.indexOf(o.value) !== -1; });
      else if (typeof v === 'string') c.value = v;
    }
    function isEmpty(f) {
      var v = value(f);
      return v === false || (Array.isArray(v) ? v.length === 0 : String(v).trim() === '');
    }

    function saveDraft() {
      if (!key) return;
      var values = {};
      fields.forEach(function (f) { values[f.id] = value(f); });
      store.set(key, { values: values });
    }

    // One warning element per access-ref field, created when first needed.
    function checkPassword(f) {
      if (f.kind !== 'access-ref') return;
      var warn = f.el.querySelector('[data-password-warning]');
      var bad = looksLikePassword(String(value(f)));
      if (bad && !warn) {
        warn = document.createElement('p');
        warn.className = 'warning';
        warn.id = 'pw-warning-' + f.id;
        warn.setAttribute('data-password-warning', '');
        warn.setAttribute('role', 'alert');
        warn.textContent = t('password_warning');
        f.el.appendChild(warn);
        var described = (f.control.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
        f.control.setAttribute('aria-describedby', described.concat(warn.id).join(' '));
      } else if (!bad && warn) {
        f.control.setAttribute('aria-describedby', (f.control.getAttribute('aria-describedby') || '')
          .split(/\s+/).filter(function (x) { return x && x !== warn.id; }).join(' '));
        warn.remove();
      }
    }

    /** The filled-in fields in form order: [{section, label, text}]. */
    function entries() {
      return fields.filter(function (f) { return f.kind === 'checkbox' || !isEmpty(f); }).map(function (f) {
        var v = value(f);
        var text;
        if (typeof v === 'boolean') text = v ? t('yes') : t('no');
        else if (Array.isArray(v)) text = v.join(', ');
        else if (f.kind === 'access-ref' && looksLikePassword(v)) text = t('password_removed');
        else if (f.control.type === 'datetime-local') text = localDate(v, true);
        else if (f.control.type === 'date') text = localDate(v, false);
        else text = v.trim();
        return { section: f.section, label: f.label, text: text };
      });
    }

    function markdown(list) {
      var lines = ['# ' + title];
      var section = null;
      list.forEach(function (e) {
        if (e.section !== section) {
          section = e.section;
          if (section) lines.push('', '## ' + section);
          lines.push('');
        }
        // Continuation lines are indented so that they stay in the list item.
        lines.push('- **' + labelled(e.label) + '** ' + e.text.replace(/\r?\n/g, '\n  '));
      });
      return lines.join('\n') + '\n';
    }

    /** The brief as the recipient will read it: headings and label–value pairs. */
    function showPreview(list) {
      if (!preview) return;
      preview.textContent = '';
      var h = document.createElement('h2');
      h.textContent = title;
      preview.appendChild(h);
      var section = null;
      var dl = null;
      list.forEach(function (e) {
        if (e.section !== section || !dl) {
          section = e.section;
          if (section) {
            var h3 = document.createElement('h3');
            h3.textContent = section;
            preview.appendChild(h3);
          }
          dl = document.createElement('dl');
          preview.appendChild(dl);
        }
        var dt = document.createElement('dt');
        dt.textContent = e.label;
        var dd = document.createElement('dd');
        dd.textContent = e.text;
        dl.append(dt, dd);
      });
      preview.hidden = false;
    }

    /** Marks a field missing (a message beside it) or not. */
    function markMissing(f, missing) {
      var msg = f.el.querySelector('[data-field-error]');
      var ids = (f.control.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
      if (missing) {
        f.control.setAttribute('aria-invalid', 'true');
        if (!msg) {
          msg = document.createElement('p');
          msg.className = 'field-error';
          msg.id = 'err-' + f.id;
          msg.setAttribute('data-field-error', '');
          msg.textContent = t('field_missing');
          f.control.insertAdjacentElement('afterend', msg);
          f.control.setAttribute('aria-describedby', ids.concat(msg.id).join(' '));
        }
      } else {
        f.control.removeAttribute('aria-invalid');
        if (msg) {
          f.control.setAttribute('aria-describedby', ids.filter(function (x) { return x !== msg.id; }).join(' '));
          msg.remove();
        }
      }
    }

    /** Lists missing required fields; returns true when there are none. */
    function validate() {
      var missing = fields.filter(function (f) { return f.required && isEmpty(f); });
      fields.forEach(function (f) { markMissing(f, missing.indexOf(f) !== -1); });
      if (errors) {
        errors.textContent = missing.length
          ? t('briefing_missing', { fields: missing.map(function (f) { return f.label; }).join(', ') })
          : '';
        errors.hidden = !missing.length;
      }
      if (missing.length) missing[0].control.focus();
      return !missing.length;
    }

    function generate() {
      if (!validate()) {
        if (preview) preview.hidden = true;
        return null;
      }
      var list = entries();
      var md = markdown(list);
      if (output) {
        output.value = md;
        output.hidden = false;
        if (output.closest('details')) output.closest('details').hidden = false;
      }
      showPreview(list);
      announce(t('briefing_ready'));
      return md;
    }

    function copy(md) {
      // Without the clipboard API (or permission), select the text so that
      // Ctrl+C is all that is left to do.
      var fallback = function () {
        if (!output) return;
        output.hidden = false;
        output.focus();
        output.select();
        var ok = false;
        try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
        if (ok) announce(t('copied'));
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(md).then(function () { announce(t('copied')); }, fallback);
      } else {
        fallback();
      }
    }

    // Restore the draft before listening, so restoring saves nothing.
    var draft = key && store.get(key);
    if (draft && draft.values) {
      fields.forEach(function (f) { if (f.id in draft.values) setValue(f, draft.values[f.id]); });
    }
    fields.forEach(checkPassword);

    function onEdit(e) {
      var f = fields.filter(function (x) { return x.control === e.target; })[0];
      if (!f) return;
      if (f.control.getAttribute('aria-invalid') === 'true' && !isEmpty(f)) markMissing(f, false);
      checkPassword(f);
      saveDraft();
    }
    form.addEventListener('input', onEdit);
    form.addEventListener('change', onEdit);
    form.addEventListener('submit', function (e) { e.preventDefault(); generate(); });

    form.addEventListener('click', function (e) {
      var el = e.target.closest('[data-action]');
      if (!el || !form.contains(el)) return;
      var action = el.getAttribute('data-action');
      if (action === 'markdown') {
        if (generate() && preview) { preview.setAttribute('tabindex', '-1'); preview.focus(); }
      } else if (action === 'copy') {
        var md = generate();
        if (md) copy(md);
      } else if (action === 'download') {
        var text = generate();
        if (text) download('briefing-' + id + '.md', text, 'text/markdown');
      } else if (action === 'mailto') {
        var body = generate();
        var to = form.getAttribute('data-mailto') || '';
        if (!body || !to) { e.preventDefault(); return; }
        // The link follows its href right after this handler: set it now.
        el.setAttribute('href', 'mailto:' + encodeURIComponent(to).replace(/%40/g, '@') +
          '?subject=' + encodeURIComponent(title) + '&body=' + encodeURIComponent(body));
      } else if (action === 'print') {
        generate();
        window.print();
      } else if (action === 'clear') {
        if (!window.confirm(t('confirm_clear_draft'))) return;
        form.reset(); // back to the template's defaults
        if (key) store.remove(key);
        fields.forEach(function (f) { markMissing(f, false); checkPassword(f); });
        if (errors) { errors.textContent = ''; errors.hidden = true; }
        if (output) {
          output.value = '';
          output.hidden = true;
          if (output.closest('details')) output.closest('details').hidden = true;
        }
        if (preview) { preview.textContent = ''; preview.hidden = true; }
        announce(t('draft_cleared'));
      }
    });

    reveal(actions);
  }

  // ------------------------------------------------------------------ onboarding guides

  function initGuide(guide) {
    var key = guide.getAttribute('data-storage-key');
    var box = guide.querySelector('[data-guide-progress]');
    var bar = box && box.querySelector('progress');
    var say = box && box.querySelector('[data-progress-text]');
    var state = (key && store.get(key)) || {};
    var doneSteps = Array.isArray(state.steps) ? state.steps : [];
    var answers = state.quizzes && typeof state.quizzes === 'object' ? state.quizzes : {};

    var steps = $$(guide, '[data-step]').map(function (li) {
      var req = li.getAttribute('data-checklist-required');
      return {
        el: li,
        id: li.getAttribute('data-step'),
        box: li.querySelector('[data-step-done]'),
        required: li.getAttribute('data-required') !== 'false',
        checklistKey: li.getAttribute('data-checklist-key'),
        checklistItems: req ? req.split(',').map(function (s) { return s.trim(); }).filter(Boolean) : []
      };
    });
    var quizzes = $$(guide, '[data-quiz]').map(function (fs) {
      return {
        el: fs,
        id: fs.getAttribute('data-quiz'),
        answer: Number(fs.getAttribute('data-answer')),
        radios: $$(fs, 'input[type="radio"]'),
        feedback: fs.querySelector('[data-quiz-feedback]')
      };
    });

    // A step tied to a checklist is done by ticking that checklist, not here.
    function byChecklist(s) {
      if (!s.checklistKey || !s.checklistItems.length) return null;
      var saved = store.get(s.checklistKey);
      var ticked = saved && Array.isArray(saved.checked) ? saved.checked : [];
      return s.checklistItems.every(function (i) { return ticked.indexOf(i) !== -1; });
    }
    function isDone(s) {
      var c = byChecklist(s);
      return c === null ? doneSteps.indexOf(s.id) !== -1 : c;
    }
    function chosen(q, radio) {
      var v = Number(radio.value);
      return Number.isInteger(v) && radio.value !== '' ? v : q.radios.indexOf(radio);
    }
    function passed(q) { return answers[q.id] === q.answer; }

    function save() {
      if (!key) return;
      store.set(key, {
        steps: steps.filter(function (s) { return byChecklist(s) === null && isDone(s); }).map(function (s) { return s.id; }),
        quizzes: answers
      });
    }

    function render() {
      steps.forEach(function (s) {
        var done = isDone(s);
        s.el.classList.toggle('is-done', done);
        if (!s.box) return;
        s.box.checked = done;
        s.box.disabled = byChecklist(s) !== null;
      });
      var req = steps.filter(function (s) { return s.required; });
      var total = req.length + quizzes.length;
      var done = req.filter(isDone).length + quizzes.filter(passed).length;
      var percent = total ? Math.round((100 * done) / total) : 0;
      if (bar) { bar.max = 100; bar.value = percent; }
      if (say) say.textContent = t('guide_progress', { percent: percent, done: done, total: total });
    }

    function feedback(q) {
      if (!q.feedback || !(q.id in answers)) return;
      q.feedback.textContent = passed(q) ? t('quiz_right') : t('quiz_wrong');
      q.el.classList.toggle('is-correct', passed(q));
      q.el.classList.toggle('is-wrong', !passed(q));
    }

    quizzes.forEach(function (q) {
      if (q.id in answers) {
        q.radios.forEach(function (r) { r.checked = chosen(q, r) === answers[q.id]; });
        feedback(q);
      }
    });

    guide.addEventListener('change', function (e) {
      var target = e.target;
      var step = steps.filter(function (s) { return s.box === target; })[0];
      if (step && byChecklist(step) === null) {
        doneSteps = doneSteps.filter(function (x) { return x !== step.id; });
        if (target.checked) doneSteps.push(step.id);
      }
      var quiz = quizzes.filter(function (q) { return q.radios.indexOf(target) !== -1; })[0];
      if (quiz) {
        answers[quiz.id] = chosen(quiz, target);
        feedback(quiz);
      }
      if (step || quiz) { save(); render(); }
    });

    // Checklists ticked in another tab, or the page restored from the
    // back/forward cache after ticking one, change the steps' state.
    window.addEventListener('storage', function (e) {
      if (e.key === key) {
        var fresh = store.get(key) || {};
        doneSteps = Array.isArray(fresh.steps) ? fresh.steps : [];
        answers = fresh.quizzes && typeof fresh.quizzes === 'object' ? fresh.quizzes : {};
      }
      render();
    });
    window.addEventListener('pageshow', function (e) { if (e.persisted) render(); });

    reveal(box);
    render();
  }

  // ------------------------------------------------------------------ start

  function each(sel, init) {
    $$(document, sel).forEach(function (el) {
      // One broken component must not take the others down.
      // console.error, so that the browser tests notice it.
      try { init(el); } catch (err) { if (window.console) console.error('vpagen:', sel, err); }
    });
  }

  function start() {
    applyStoredTheme();
    var toggles = $$(document, '[data-theme-toggle]');
    if (toggles.length) initThemeToggle(toggles);
    each('[data-catalogue-filter]', initCatalogueFilter);
    each('[data-checklist]', initChecklist);
    each('[data-calculator]', initCalculator);
    each('[data-calc-units]', initUnitCalculator);
    each('[data-calc-month]', initMonthCalculator);
    each('[data-briefing]', initBriefing);
    each('[data-guide]', initGuide);
    each('[data-print]', function (button) {
      button.addEventListener('click', function () { window.print(); });
      reveal(button);
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
