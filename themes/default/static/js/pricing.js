/* pricing.js: every price rule of src/pricing in the browser, for the rate
 * calculator: integer arithmetic (BigInt) rounding half up, as src/pricing/mod.rs.
 * tests/calculator/compare.mjs imports it in Node and compares it with the Rust side
 * on generated cases. Pure: no page. */

/** A number of the rate JSON (or a form) as a BigInt; missing is 0. */
export function B(x) { return BigInt(String(x == null ? 0 : x).trim() || '0'); }

/** num / den rounded half up; den > 0, num >= 0. */
function divRound(num, den) { return (2n * num + den) / (2n * den); }

/** num / den rounded up; den > 0, num >= 0. */
function divCeil(num, den) { return (num + den - 1n) / den; }

/** The entry of `list` with the id `id`, or null. */
export function find(list, id) {
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
export function price(rate, req) {
  if (req.kind === 'job') return priceJob(rate, req);
  if (req.kind === 'units') return priceUnits(rate, req);
  if (req.kind === 'month') return priceMonth(rate, req);
  return null;
}

/** The job rule for the form: null when there is no price. */
export function quote(rate, minutes, area, pkg, surcharges, balanceMh, trial) {
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
export function breakdown(rate, minutes, area, pkg, surcharges, balanceMh, trial) {
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
