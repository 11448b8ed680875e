/* search-ui.js: the search box of every page and the search page (client half of
 * SEARCH.md, the part with a page): wires engines of search-core.js to the page, shows
 * their results, and loads the index files over HTTP or, on a page opened from the
 * disk, through their script twins. Nothing is fetched until a search starts; no
 * other host, no innerHTML with data.
 *
 * Markup (base.html): <form class="site-search" role="search" action="<search page>">
 * with <input type="search" name="q"> and <div id="search-results" hidden>; strings in
 * data-t-* and type labels in data-type-* on the form. Full page (search.html): an
 * element [data-search-page] holding a form with an input[name=q] and
 * [data-search-page-results].
 */
import { lang as pageLang, strings, ui } from './util.js';
import { Engine, WORD, searchEngines } from './search-core.js';

// ------------------------------------------------------------------ strings

var DEFAULTS = {
  loading: 'Loading the search…',
  unavailable: 'Search is not available on this site.',
  empty: 'No results for “{query}”.',
  or: 'No page contains all of the words; these pages contain some of them.',
  dym: 'Did you mean {suggestion}?',
  count: '{count} results',
  count_one: '1 result',
  all: 'All',
  more: 'Show all results',
  filter: 'Filter by type',
  filter_category: 'Filter by area',
  results: 'Search results',
  query: 'Results for “{query}”'
};

export const LANG = pageLang();
export const CONF = ui().search && typeof ui().search === 'object' ? ui().search : null;
export const header = document.querySelector('form.site-search');
export const pageRoot = document.querySelector('[data-search-page]');
var labelSource = header || pageRoot;

var t = strings([
  function (key) { return (labelSource && labelSource.getAttribute('data-t-' + key.replace(/_/g, '-'))) || null; },
  function (key) { return DEFAULTS[key] || null; }
]);

function typeLabel(type) {
  return (labelSource && labelSource.getAttribute('data-type-' + type)) || type;
}

function el(tag, attrs, children) {
  var e = document.createElement(tag);
  if (attrs) {
    Object.keys(attrs).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) e.setAttribute(k, attrs[k]);
    });
  }
  (children || []).forEach(function (c) {
    if (c !== null && c !== undefined) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  });
  return e;
}

// ------------------------------------------------------------------ index files

// `<file>.js` that calls vpagenSearchData(its own URL, base64 bytes).
var OFFLINE = !!(CONF && CONF.offline) && location.protocol === 'file:';
var pendingData = new Map();
window.vpagenSearchData = function (src, b64) {
  var done = pendingData.get(src);
  if (!done) return;
  pendingData.delete(src);
  var bin = atob(b64), bytes = new Uint8Array(bin.length);
  for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  done.resolve(bytes.buffer);
};

function loadData(url) {
  var src = url + '.js';
  return new Promise(function (resolve, reject) {
    pendingData.set(new URL(src, location.href).href, { resolve: resolve });
    var s = document.createElement('script');
    s.src = src;
    s.onerror = function () { reject(new Error('cannot load ' + src)); };
    s.onload = function () { s.remove(); };
    document.head.appendChild(s);
  });
}

/** A result's URL; on the disk, the file of the page relative to the site root. */
function pageUrl(url) {
  if (!OFFLINE) return url;
  var base = CONF.base_path || '';
  var rest = url.indexOf(base + '/') === 0 ? url.slice(base.length + 1) : url.replace(/^\//, '');
  var cut = rest.search(/[#?]/);
  var path = cut < 0 ? rest : rest.slice(0, cut), suffix = cut < 0 ? '' : rest.slice(cut);
  if (path === '' || path.slice(-1) === '/') path += 'index.html';
  return new URL((CONF.root || './') + path + suffix, location.href).href;
}

function fetchBytes(url) {
  if (OFFLINE) return loadData(url);
  return fetch(url, { credentials: 'same-origin' }).then(function (res) {
    if (!res.ok) throw new Error('HTTP ' + res.status + ' for ' + url);
    return res.arrayBuffer();
  });
}

/** gunzip; bytes that are not gzip (a server decoded them already) pass through. */
function gunzip(buf) {
  var u = new Uint8Array(buf);
  if (u[0] !== 0x1f || u[1] !== 0x8b) return Promise.resolve(u);
  var stream = new Blob([u]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
}

function loadScript(src) {
  return new Promise(function (resolve) {
    var s = document.createElement('script');
    s.src = src;
    s.async = true;
    s.onload = function () { resolve(true); };
    s.onerror = function () { resolve(false); }; // no stemmer: exact folded words and prefixes still work
    document.head.appendChild(s);
  });
}

var manifestLoad = null;
function loadManifest() {
  if (!manifestLoad) {
    var murl = new URL(CONF.manifest, location.href);
    manifestLoad = fetchBytes(murl.href).then(function (b) {
      return { m: JSON.parse(new TextDecoder().decode(b)), base: murl };
    });
  }
  return manifestLoad;
}

/** What an engine needs from the page (search-core.js `io`); null without an index. */
function pageIo() {
  if (!CONF || !CONF.manifest || !(window.fetch || OFFLINE)) return null;
  return {
    manifest: loadManifest,
    bytes: fetchBytes,
    stemmer: function (lang) {
      var have = function () { return (globalThis.vpagenStem && globalThis.vpagenStem[lang]) || null; };
      var url = CONF.stemmers && CONF.stemmers[lang];
      if (have() || !url) return Promise.resolve(have());
      return loadScript(new URL(url, location.href).href).then(have);
    }
  };
}

// ------------------------------------------------------------------ all languages at once

var engines = {};
export function engine(lang) { return engines[lang] || (engines[lang] = Engine(lang, pageIo())); }

/** Site languages from the page's JSON ({code, name}); the page language leads. */
var LANGUAGES = ((CONF && CONF.languages) || []).filter(function (l) { return l && l.code; });
export const ALL = [LANG].concat(LANGUAGES.map(function (l) { return l.code; }).filter(function (c) { return c !== LANG; }));
function languageName(code) {
  var l = LANGUAGES.filter(function (x) { return x.code === code; })[0];
  return l ? l.name : code;
}

/** Loads the engines of `langs`; resolves to those that can search. */
function loadLangs(langs) {
  return Promise.all(langs.map(function (l) {
    var e = engine(l);
    return e.load().then(function (ok) { return ok ? e : null; });
  })).then(function (es) { return es.filter(Boolean); });
}

/** Runs a query in every language of `langs` (search-core.js `searchEngines`). */
export function searchLangs(langs, q, filter, keep) {
  return loadLangs(langs).then(function (es) { return searchEngines(es, q, filter, keep); });
}

// ------------------------------------------------------------------ excerpts

/** Builds <p class="search-excerpt"> with <mark>ed hits: the 30-word window with most hits. */
function excerptNode(e, text, res) {
  var s = text, hits = [], all = [], m;
  var re = new RegExp(WORD.source, 'gu');
  while ((m = re.exec(s))) {
    var w = m[0];
    all.push({ start: m.index, end: m.index + w.length, hit: e.isHit(w, res) });
  }
  if (!all.length) return null;
  var WIN = 30, best = 0, bestN = 0;
  for (var i = 0; i < all.length; i++) if (all[i].hit) hits.push(i);
  // The window starting at a hit that holds the most hits; it opens 3 words earlier.
  for (var h = 0; h < hits.length; h++) {
    var n = 0;
    for (var k = h; k < hits.length && hits[k] < hits[h] + WIN - 3; k++) n++;
    if (n > bestN) { bestN = n; best = hits[h]; }
  }
  var from = Math.max(0, best - 3);
  var to = Math.min(all.length, from + WIN);
  var p = el('p', { class: 'search-excerpt' });
  var pos = all[from].start;
  if (from > 0) p.appendChild(document.createTextNode('… '));
  for (i = from; i < to; i++) {
    var wd = all[i];
    if (wd.start > pos) p.appendChild(document.createTextNode(s.slice(pos, wd.start)));
    var txt = s.slice(wd.start, wd.end);
    p.appendChild(wd.hit ? el('mark', null, [txt]) : document.createTextNode(txt));
    pos = wd.end;
  }
  if (to < all.length) p.appendChild(document.createTextNode(' …'));
  return p;
}

// ------------------------------------------------------------------ UI shared by the box and the page

var uid = 0;

/**
 * A search view: input + results container. `popup` = the header combobox (options
 * in a listbox, arrow keys via aria-activedescendant); otherwise the full page list.
 */
export function View(input, box, popup) {
  var self = this;
  this.input = input;
  this.box = box;
  this.popup = popup;
  this.limit = popup ? 8 : 50;
  this.filter = '';
  this.category = '';
  this.gen = 0;
  this.timer = 0;
  this.watch = null; // the IntersectionObserver of the rows still without an excerpt
  this.active = -1;
  this.id = 'search-' + (++uid);
  this.unavailable = false;
  // The search page's "all languages" box; the header box follows the site default.
  this.allBox = popup ? null : box.closest('[data-search-page]') && box.closest('[data-search-page]').querySelector('input[name="all"]');
  this.status = el('p', { class: 'search-status', role: 'status' });
  this.chips = el('div', { class: 'search-chips', role: 'group', 'aria-label': t('filter'), hidden: '' });
  this.cats = el('div', { class: 'search-chips search-chips-category', role: 'group', 'aria-label': t('filter_category'), hidden: '' });
  this.note = el('p', { class: 'search-note', hidden: '' });
  if (popup) {
    // ARIA 1.2 combobox with a grid popup: a gridcell may hold the result link
    // (a listbox option may not, its children being presentational).
    this.list = el('div', { class: 'search-list', id: this.id + '-list', role: 'grid', 'aria-label': t('results') });
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-haspopup', 'grid');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', this.list.id);
    // An href from the start (the search page; render() adds the query): a link
    // without one is not a link to crawlers, even while hidden.
    this.more = el('a', { class: 'search-more', href: box.closest('form').getAttribute('action'), hidden: '' }, [t('more')]);
  } else {
    this.list = el('ol', { class: 'search-list search-page-list' });
    this.more = null;
  }
  box.replaceChildren(this.status, this.note, this.chips, this.cats, this.list);
  if (this.more) box.appendChild(this.more);
  input.setAttribute('autocomplete', 'off');
  input.addEventListener('focus', function () { self.start(); });
  input.addEventListener('input', function () {
    self.filter = '';
    self.category = '';
    clearTimeout(self.timer);
    self.timer = setTimeout(function () { self.run(); }, 80);
  });
  input.addEventListener('keydown', function (e) { self.key(e); });
  if (popup) {
    box.closest('form').addEventListener('focusout', function (e) {
      if (!e.relatedTarget || !box.closest('form').contains(e.relatedTarget)) setTimeout(function () {
        if (!box.closest('form').contains(document.activeElement)) self.close();
      }, 0);
    });
    document.addEventListener('click', function (e) { if (!box.closest('form').contains(e.target)) self.close(); });
  }
}

/** The languages this view searches: the page's, or all of them. */
View.prototype.langs = function () {
  var all = this.allBox ? this.allBox.checked : !!(CONF && CONF.all_languages);
  return all ? ALL : [LANG];
};

View.prototype.start = function () {
  var self = this;
  if (!CONF) { this.show(); this.say(t('unavailable')); this.unavailable = true; return Promise.resolve(false); }
  var langs = this.langs();
  var fresh = langs.some(function (l) { return !engine(l).state.loading; });
  if (fresh) this.say(t('loading'));
  return loadLangs(langs).then(function (es) {
    var ok = es.length > 0;
    self.unavailable = !ok;
    if (!ok) { self.show(); self.say(t('unavailable')); }
    else if (fresh && !self.input.value.trim()) self.say('');
    return ok;
  });
};

View.prototype.say = function (msg) {
  this.status.textContent = msg;
  this.status.hidden = !msg;
};

View.prototype.show = function () {
  this.box.hidden = false;
  if (this.popup) this.input.setAttribute('aria-expanded', this.list.children.length ? 'true' : 'false');
};

View.prototype.close = function () {
  if (!this.popup) return;
  // A search still under way must not open the popup again when its results come.
  clearTimeout(this.timer);
  this.gen++;
  this.box.hidden = true;
  this.input.setAttribute('aria-expanded', 'false');
  this.setActive(-1);
};

View.prototype.setActive = function (i) {
  var opts = this.list.children;
  if (this.active >= 0 && opts[this.active]) {
    opts[this.active].firstChild.setAttribute('aria-selected', 'false');
    opts[this.active].classList.remove('is-active');
  }
  this.active = i;
  if (i >= 0 && opts[i]) {
    opts[i].firstChild.setAttribute('aria-selected', 'true');
    opts[i].classList.add('is-active');
    this.input.setAttribute('aria-activedescendant', opts[i].firstChild.id);
    opts[i].scrollIntoView({ block: 'nearest' });
  } else {
    this.input.removeAttribute('aria-activedescendant');
  }
};

View.prototype.key = function (e) {
  if (e.isComposing) return;
  var n = this.list.children.length;
  if (this.popup) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (this.box.hidden && this.input.value.trim()) { this.show(); if (!n) this.run(); }
      if (!n) return;
      var d = e.key === 'ArrowDown' ? 1 : -1;
      this.setActive(this.active < 0 ? (d > 0 ? 0 : n - 1) : (this.active + d + n) % n);
    } else if (e.key === 'Enter') {
      var opt = this.active >= 0 && this.list.children[this.active];
      var a = opt && opt.querySelector('a');
      if (a && !this.box.hidden) { e.preventDefault(); location.href = a.href; }
      else if (!this.box.closest('form').getAttribute('action')) { e.preventDefault(); clearTimeout(this.timer); this.run(); }
    } else if (e.key === 'Escape') {
      if (!this.box.hidden) { e.preventDefault(); this.close(); }
      else if (this.input.value) { e.preventDefault(); this.input.value = ''; }
    }
  } else if (e.key === 'ArrowDown' && n) {
    var first = this.list.querySelector('a');
    if (first) { e.preventDefault(); first.focus(); }
  } else if (e.key === 'Enter') {
    e.preventDefault();
    clearTimeout(this.timer);
    this.run();
  }
};

View.prototype.run = function () {
  var self = this;
  var q = this.input.value;
  var gen = ++this.gen;
  if (!this.popup) {
    var u = new URL(location.href);
    if (q.trim()) u.searchParams.set('q', q); else u.searchParams.delete('q');
    if (this.allBox) {
      if (this.allBox.checked) u.searchParams.set('all', '1');
      else if (CONF && CONF.all_languages) u.searchParams.set('all', '0');
      else u.searchParams.delete('all');
    }
    history.replaceState(null, '', u.href);
    var echo = pageRoot && pageRoot.querySelector('[data-search-echo]');
    if (echo) { echo.textContent = q.trim() ? t('query', { query: q.trim() }) : ''; echo.hidden = !q.trim(); }
  }
  if (!q.trim()) {
    this.render(null, q);
    if (this.popup) this.close();
    return Promise.resolve();
  }
  this.show();
  return this.start().then(function (ok) {
    if (!ok || gen !== self.gen) return null;
    return searchLangs(self.langs(), q, { type: self.filter, category: self.category }, self.limit).then(function (res) {
      if (gen !== self.gen) return;
      self.render(res, q);
      if (res && res.hits.length) return self.fillExcerpts(res, gen);
    });
  }).catch(function () {
    if (gen === self.gen) self.say(t('unavailable'));
  });
};

View.prototype.render = function (res, q) {
  this.clearResults();
  if (!res) { this.say(q.trim() && !this.unavailable ? t('empty', { query: q.trim() }) : ''); this.show(); return; }
  if (!res.total) this.say(t('empty', { query: q.trim() }));
  else this.say(res.total === 1 ? t('count_one') : t('count', { count: res.total }));
  this.renderNote(res, q);
  this.renderTypeChips(res);
  this.renderCategoryChips(res);
  var self = this;
  res.hits.slice(0, this.limit).forEach(function (h, i) {
    var li = self.hitRow(h, i);
    if (li) self.list.appendChild(li);
  });
  this.renderMore(res, q);
  this.show();
};

/** Empties the results, chips and note of the last query. */
View.prototype.clearResults = function () {
  if (this.watch) { this.watch.disconnect(); this.watch = null; }
  this.setActive(-1);
  this.list.replaceChildren();
  this.chips.replaceChildren();
  this.chips.hidden = true;
  this.cats.replaceChildren();
  this.cats.hidden = true;
  this.note.replaceChildren();
  this.note.hidden = true;
  if (this.more) this.more.hidden = true;
};

/** "Did you mean" for the typos fixed, and the note that only some words were found. */
View.prototype.renderNote = function (res, q) {
  var self = this;
  if (res.typos.length) {
    var fixed = q;
    res.typos.forEach(function (ty) {
      fixed = fixed.replace(new RegExp(ty.raw.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'), function (typed) {
        return likeCase(typed, ty.word);
      });
    });
    var btn = el('button', { type: 'button', class: 'search-dym' }, [fixed]);
    btn.addEventListener('click', function () { self.input.value = fixed; self.input.focus(); self.run(); });
    var parts = t('dym').split('{suggestion}');
    this.note.append(parts[0], btn, parts[1] || '');
    this.note.hidden = false;
  }
  if (res.or) {
    var p = el('span', { class: 'search-or' }, [t('or')]);
    if (!this.note.hidden) this.note.append(' ');
    this.note.append(p);
    this.note.hidden = false;
  }
};

/** `word` with a capital first letter when `typed` has one ("Scheinselbstständigkeit"). */
function likeCase(typed, word) {
  var c = typed.charAt(0);
  return c !== c.toLowerCase() ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}

/** The type filter chips, when the results have more than one type (or one is chosen). */
View.prototype.renderTypeChips = function (res) {
  var self = this;
  var types = (res.types || Object.keys(res.counts)).filter(function (ty) { return res.counts[ty]; });
  if (types.length > 1 || this.filter) {
    var chip = function (ty, label, n) {
      var b = el('button', { type: 'button', class: 'search-chip', 'aria-pressed': String(self.filter === ty), 'data-type': ty || null },
        [label + ' ', el('span', { class: 'search-chip-count' }, ['(' + n + ')'])]);
      b.addEventListener('click', function () { self.filter = ty; self.category = ''; self.run(); });
      return b;
    };
    this.chips.appendChild(chip('', t('all'), res.total));
    types.forEach(function (ty) { self.chips.appendChild(chip(ty, typeLabel(ty), res.counts[ty])); });
    this.chips.hidden = false;
  }
};

/** Category chips, when the results span more than one category (or one is chosen). */
View.prototype.renderCategoryChips = function (res) {
  var self = this;
  var cats = res.categoryList.filter(function (c) { return res.categories[c.id]; });
  if (cats.length > 1 || this.category) {
    var group = this.cats;
    cats.forEach(function (c) {
      var on = self.category === c.id;
      var b = el('button', { type: 'button', class: 'search-chip', 'aria-pressed': String(on), 'data-category': c.id },
        [c.label + ' ', el('span', { class: 'search-chip-count' }, ['(' + res.categories[c.id] + ')'])]);
      b.addEventListener('click', function () { self.category = on ? '' : c.id; self.run(); });
      group.appendChild(b);
    });
    group.hidden = false;
  }
};

/** The list entry of hit `h`, the `i`th shown, or null when its doc is not loaded. */
View.prototype.hitRow = function (h, i) {
  var self = this;
  var d = h.e.docOf(h.id);
  if (!d) return null;
  // A hit in another language says so, and is read out in its own language.
  var foreign = h.e.lang !== LANG ? h.e.lang : null;
  var a = el('a', { href: pageUrl(d.url), hreflang: foreign, tabindex: this.popup ? '-1' : null }, [d.title]);
  var head = el('span', { class: 'search-hit-head' }, [a, ' ', el('span', { class: 'badge search-badge', 'data-type': d.type, lang: foreign ? LANG : null }, [typeLabel(d.type)])]);
  if (foreign) head.append(' ', el('span', { class: 'badge search-lang', lang: foreign }, [languageName(foreign)]));
  var li = this.popup ? el('div', { role: 'row', class: 'search-hit', lang: foreign })
    : el('li', { class: 'search-hit', lang: foreign });
  var cell = this.popup ? el('div', { role: 'gridcell', id: this.id + '-opt-' + i, 'aria-selected': 'false' }) : li;
  if (cell !== li) li.appendChild(cell);
  cell.appendChild(head);
  if (d.breadcrumb) cell.appendChild(el('span', { class: 'search-crumb' }, [Array.isArray(d.breadcrumb) ? d.breadcrumb.join(' › ') : String(d.breadcrumb)]));
  if (d.description) cell.appendChild(el('p', { class: 'search-excerpt' }, [d.description]));
  li.setAttribute('data-doc', h.e.lang + ':' + h.id);
  if (this.popup) li.addEventListener('mousemove', function () { if (self.active !== i) self.setActive(i); });
  return li;
};

/** The popup's link to the search page with the query, when there are results. */
View.prototype.renderMore = function (res, q) {
  if (this.more && res.total) {
    var action = this.box.closest('form').getAttribute('action');
    if (action) {
      var u = new URL(action, location.href);
      u.searchParams.set('q', q.trim());
      if (this.langs().length > 1) u.searchParams.set('all', '1');
      this.more.href = u.href;
      this.more.hidden = false;
    }
  }
};

/**
 * Excerpts for every listed result: the first 3 at once; once they are in, each other
 * row's as it comes into view (all at once without IntersectionObserver). Rows show
 * the page's description until then.
 */
View.prototype.fillExcerpts = function (res, gen) {
  var self = this;
  var hits = new Map();
  res.hits.slice(0, this.limit).forEach(function (h) { hits.set(h.e.lang + ':' + h.id, h); });
  var fill = function (li) {
    var h = hits.get(li.getAttribute('data-doc'));
    return h ? self.fillExcerpt(h, li, gen) : Promise.resolve();
  };
  var rows = Array.prototype.slice.call(this.list.children);
  return Promise.all(rows.slice(0, 3).map(fill)).then(function () {
    var rest = rows.slice(3);
    if (gen !== self.gen || !rest.length) return null;
    if (typeof IntersectionObserver !== 'function') return Promise.all(rest.map(fill));
    self.watch = new IntersectionObserver(function (seen, watch) {
      seen.forEach(function (en) {
        if (!en.isIntersecting) return;
        watch.unobserve(en.target);
        fill(en.target);
      });
    }, { rootMargin: '50px' });
    rest.forEach(function (li) { self.watch.observe(li); });
    return null;
  });
};

/** Puts the excerpt of hit `h` into its row `li` (and, on the page, the link to its section). */
View.prototype.fillExcerpt = function (h, li, gen) {
  var self = this;
  return h.e.getExcerpt(h.id).then(function (x) {
    if (gen !== self.gen || !li.isConnected) return;
    var p = x && x.text ? excerptNode(h.e, x.text, h.res) : null;
    li.setAttribute('data-excerpt', p ? 'text' : 'none'); // none: the page has no text
    if (!p) return;
    if (li.firstChild && li.firstChild.getAttribute('role') === 'gridcell') li = li.firstChild;
    var old = li.querySelector('.search-excerpt');
    if (old) old.replaceWith(p); else li.appendChild(p);
    if (!self.popup && Array.isArray(x.sections)) {
      var d = h.e.docOf(h.id);
      var start = excerptStart(x.text, p);
      var anchor = null;
      var title = null;
      x.sections.forEach(function (sec) { if (sec[0] <= start) { anchor = sec[1]; title = sec[2]; } });
      if (d && anchor && title) li.appendChild(el('a', { class: 'search-section', href: pageUrl(d.url + '#' + anchor) }, ['§ ' + title]));
    }
  });
};

function excerptStart(text, p) {
  var first = (p.textContent || '').replace(/^… /, '').slice(0, 40);
  var i = text.indexOf(first);
  return i < 0 ? 0 : i;
}
