/* search.js: the site search of the default theme (client half of SEARCH.md).
 *
 * Loaded with `defer` on every page, it only wires up the search box. Nothing is
 * fetched until the box gets focus or `/` is pressed: then the manifest and the
 * stemmer of the page language load, and each query fetches only the term shards
 * it needs (gzip, decoded with DecompressionStream), the doc chunks of the shown
 * results and the excerpt bundles of the top 3. No other host, no innerHTML with data.
 *
 * Markup (base.html): <form class="site-search" role="search" action="<search page>">
 * with <input type="search" name="q"> and <div id="search-results" hidden>; strings in
 * data-t-* and type labels in data-type-* on the form. Full page (search.html): an
 * element [data-search-page] holding a form with an input[name=q] and
 * [data-search-page-results].
 */
(function () {
  'use strict';

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

  var UI = readJson(document.getElementById('vpagen-ui')) || {};
  var LANG = UI.lang || document.documentElement.lang || 'en';
  var CONF = UI.search && typeof UI.search === 'object' ? UI.search : null;
  var header = document.querySelector('form.site-search');
  var pageRoot = document.querySelector('[data-search-page]');
  var labelSource = header || pageRoot;
  var SCRIPT_URL = document.currentScript ? document.currentScript.src : '';

  function t(key, vars) {
    var ds = labelSource ? labelSource.getAttribute('data-t-' + key.replace(/_/g, '-')) : null;
    var s = ds || DEFAULTS[key] || key;
    return s.replace(/\{(\w+)\}/g, function (m, name) {
      return vars && name in vars ? String(vars[name]) : m;
    });
  }

  function typeLabel(type) {
    return (labelSource && labelSource.getAttribute('data-type-' + type)) || type;
  }

  function readJson(el) {
    if (!el) return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
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

  // ------------------------------------------------------------------ analysis (SEARCH.md)

  var WORD = /[\p{L}\p{N}\p{M}]+(?:[-\u2010\u2011][\p{L}\p{N}\p{M}]+)*/gu;
  var HYPHEN = /[-\u2010\u2011]/;
  var MARKS = /\p{M}/gu;
  var DIGIT = /^\p{N}$/u;

  function fold(s) { return s.replace(/ß/g, 'ss').normalize('NFKD').replace(MARKS, ''); }

  function keepWord(w) { return [...w].length > 1 || DIGIT.test(w); }

  /** Lower-case words of a text, hyphenated words as parts plus the joined form. */
  function words(text) {
    var out = [];
    var s = text.normalize('NFC').toLowerCase();
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(s))) {
      var w = m[0];
      if (HYPHEN.test(w)) {
        w.split(HYPHEN).forEach(function (p) { if (keepWord(p)) out.push(p); });
        w = w.split(HYPHEN).join('');
      }
      if (keepWord(w)) out.push(w);
    }
    return out;
  }

  // ------------------------------------------------------------------ index access

  /** Code-point order, which is the byte order of UTF-8 the shards are sorted in. */
  function cu(c) { return c >= 0xe000 ? c - 0x800 : c >= 0xd800 ? c + 0x2000 : c; }
  function cmp(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      var x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x !== y) return cu(x) - cu(y);
    }
    return a.length - b.length;
  }

  // Opened from the disk ([search] offline = true): every index file has a script twin
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

  // ------------------------------------------------------------------ one engine per language

  /** The manifest, fetched once for all languages. */
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

  /**
   * The search of one language: its index, stemmer, stopwords and caches. A page
   * searches its own language; the search page can search all of them at once.
   */
  function Engine(lang) {
    var LANG = lang;
    function stem(w) {
      var S = globalThis.vpagenStem && globalThis.vpagenStem[LANG];
      if (typeof S !== 'function') return w;
      try { return S(w); } catch (e) { return w; }
    }

    function term(word) { return fold(stem(word)); }

    var STOP = new Set();

    /** Query analysis: [{raw, term}], stopwords dropped unless nothing else is left. */
    function analyseQuery(text) {
      // A "word" of combining marks alone folds to nothing: it is no term (it would
      // prefix-match every term).
      var all = words(text).map(function (w) { return { raw: w, term: term(w) }; })
        .filter(function (x) { return x.term; });
      var kept = all.filter(function (x) { return !STOP.has(x.raw); });
      return kept.length ? kept : all;
    }

    var S = {
      manifest: null, L: null, base: null, loading: null, failed: false,
      shards: new Map(), resolved: new Map(), chunks: new Map(), chunkData: new Map(),
      excerpts: new Map(), synonyms: []
    };

    /** Loads manifest and stemmer once; resolves to true when search can run. */
    function load() {
      if (S.loading) return S.loading;
      if (!CONF || !CONF.manifest || typeof DecompressionStream !== 'function' || !(window.fetch || OFFLINE)) {
        S.failed = true;
        S.loading = Promise.resolve(false);
        return S.loading;
      }
      var stemUrl = CONF.stemmers && CONF.stemmers[LANG];
      S.loading = Promise.all([
        loadManifest(),
        stemUrl && !(globalThis.vpagenStem && globalThis.vpagenStem[LANG]) ? loadScript(new URL(stemUrl, location.href).href) : true
      ]).then(function (r) {
        var m = r[0].m;
        var L = m && m.languages && m.languages[LANG];
        if (!L || !Array.isArray(L.shards)) throw new Error('no index for language ' + LANG);
        S.manifest = m;
        S.L = L;
        S.base = r[0].base;
        (L.stopwords || []).forEach(function (w) { STOP.add(w); });
        S.synonyms = (m.synonyms || []).map(function (group) {
          return group.map(function (phrase) { return analyseQuery(phrase).map(function (x) { return x.term; }); })
            .filter(function (ts) { return ts.length; });
        });
        return true;
      }).catch(function () {
        S.failed = true;
        return false;
      });
      return S.loading;
    }

    function dataUrl(rel) { return new URL(rel, S.base).href; }

    function shardIndex(tm) {
      var sh = S.L.shards, lo = 0, hi = sh.length - 1, ans = 0;
      while (lo <= hi) {
        var mid = (lo + hi) >> 1;
        if (cmp(sh[mid][0], tm) <= 0) { ans = mid; lo = mid + 1; } else hi = mid - 1;
      }
      return ans;
    }

    function readVarint(b, at) {
      var v = 0, shift = 1, x, p = at;
      do { x = b[p++]; v += (x & 127) * shift; shift *= 128; } while (x & 128);
      return [v, p];
    }

    // Format VPS2 (SEARCH.md): count, terms with their doc ids, then every posting byte.
    function decodeShard(b) {
      if (b[0] !== 86 || b[1] !== 80 || b[2] !== 83 || b[3] !== 50) throw new Error('not a VPS2 shard');
      var dec = new TextDecoder();
      var terms = [], offs = [], dfs = [], foffs = [];
      var prev = new Uint8Array(0);
      var r = readVarint(b, 4), count = r[0], p = r[1], flagsAt = 0;
      for (var t = 0; t < count; t++) {
        var pre = b[p++], suf = b[p++];
        var cur = new Uint8Array(pre + suf);
        cur.set(prev.subarray(0, pre));
        cur.set(b.subarray(p, p + suf), pre);
        p += suf;
        r = readVarint(b, p);
        var df = r[0];
        p = r[1];
        terms.push(dec.decode(cur));
        dfs.push(df);
        offs.push(p);
        foffs.push(flagsAt);
        flagsAt += df;
        for (var k = 0; k < df; k++) { while (b[p++] & 128) { /* skip varint */ } }
        prev = cur;
      }
      return { bytes: b, terms: terms, offs: offs, dfs: dfs, foffs: foffs, tail: p, post: new Map() };
    }

    function getShard(i) {
      if (!S.shards.has(i)) {
        S.shards.set(i, fetchBytes(dataUrl(S.L.shards[i][1])).then(gunzip).then(decodeShard)
          .then(function (v) { S.resolved.set(i, v); return v; })
          .catch(function () { return null; }));
      }
      return S.shards.get(i);
    }

    function postings(shard, i) {
      var P = shard.post.get(i);
      if (P) return P;
      var b = shard.bytes, p = shard.offs[i], df = shard.dfs[i];
      var ids = new Uint32Array(df), id = 0;
      for (var k = 0; k < df; k++) {
        var v = 0, shift = 1, x;
        do { x = b[p++]; v += (x & 127) * shift; shift *= 128; } while (x & 128);
        id += v;
        ids[k] = id;
      }
      var f = shard.tail + shard.foffs[i];
      P = { ids: ids, flags: b.subarray(f, f + df), df: df };
      shard.post.set(i, P);
      return P;
    }

    function lowerBound(terms, tm) {
      var lo = 0, hi = terms.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (cmp(terms[mid], tm) < 0) lo = mid + 1; else hi = mid; }
      return lo;
    }

    /** Loads the shards of the given terms; for prefixes also the following shards of the range. */
    function ensureShards(list, prefixes) {
      var need = new Set();
      list.forEach(function (tm) { need.add(shardIndex(tm)); });
      (prefixes || []).forEach(function (p) {
        var i = shardIndex(p);
        need.add(i);
        for (var j = i + 1; j < S.L.shards.length && j <= i + 2 && S.L.shards[j][0].startsWith(p); j++) need.add(j);
      });
      return Promise.all(Array.from(need).map(getShard));
    }

    /** An index entry {shard, i, term, df} for an exact term, or null (shard must be loaded). */
    function lookup(tm) {
      var sh = S.resolved.get(shardIndex(tm));
      if (!sh) return null;
      var i = lowerBound(sh.terms, tm);
      return sh.terms[i] === tm ? { shard: sh, i: i, term: tm, df: sh.dfs[i] } : null;
    }

    function prefixEntries(p, except, limit) {
      var out = [];
      var first = shardIndex(p);
      for (var j = first; j < S.L.shards.length && j <= first + 2; j++) {
        var sh = S.resolved.get(j);
        if (!sh) break;
        for (var i = lowerBound(sh.terms, p); i < sh.terms.length && sh.terms[i].startsWith(p); i++) {
          if (!except.has(sh.terms[i])) out.push({ shard: sh, i: i, term: sh.terms[i], df: sh.dfs[i] });
        }
        if (j + 1 < S.L.shards.length && !S.L.shards[j + 1][0].startsWith(p)) break;
      }
      out.sort(function (a, b) { return b.df - a.df; });
      return out.slice(0, limit);
    }

    /** Damerau-Levenshtein (optimal string alignment) distance, or max+1 when larger. */
    function distance(a, b, max) {
      if (Math.abs(a.length - b.length) > max) return max + 1;
      var n = a.length, m = b.length, prev2 = null, prev = [], cur;
      for (var j = 0; j <= m; j++) prev.push(j);
      for (var i = 1; i <= n; i++) {
        cur = [i];
        var best = i;
        for (j = 1; j <= m; j++) {
          var c = a[i - 1] === b[j - 1] ? 0 : 1;
          var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + c);
          if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
          cur.push(v);
          if (v < best) best = v;
        }
        if (best > max) return max + 1;
        prev2 = prev;
        prev = cur;
      }
      return prev[m];
    }

    function typoEntries(tm) {
      var chars = [...tm];
      var max = chars.length >= 8 ? 2 : chars.length >= 4 ? 1 : 0;
      if (!max) return [];
      var sh = S.resolved.get(shardIndex(tm));
      if (!sh) return [];
      var out = [];
      for (var i = 0; i < sh.terms.length; i++) {
        var cand = sh.terms[i];
        if (cand === tm || Math.abs(cand.length - tm.length) > max) continue;
        var d = distance(chars, [...cand], max);
        if (d <= max) out.push({ shard: sh, i: i, term: cand, df: sh.dfs[i], d: d });
      }
      out.sort(function (a, b) { return a.d - b.d || b.df - a.df; });
      return out.slice(0, 5);
    }

    /** `<dir>/<n>.bin` of a numbered file set `{dir, count}` of the manifest. */
    function numbered(set, n) {
      return set && n < set.count ? set.dir + '/' + n + '.bin' : null;
    }

    function getChunk(n) {
      if (!S.chunks.has(n)) {
        var rel = numbered(S.L.chunks, n);
        S.chunks.set(n, rel ? fetchBytes(dataUrl(rel)).then(gunzip).then(function (b) {
          return JSON.parse(new TextDecoder().decode(b));
        }).then(function (v) { S.chunks.set(n, Promise.resolve(v)); S.chunkData.set(n, v); return v; })
          .catch(function () { return null; }) : Promise.resolve(null));
      }
      return S.chunks.get(n);
    }

    function docOf(id) {
      var size = S.L.chunk_size || 64;
      var c = S.chunkData.get(Math.floor(id / size));
      return c ? c[id % size] || null : null;
    }

    function ensureDocs(ids) {
      var size = S.L.chunk_size || 64;
      var need = new Set(ids.map(function (id) { return Math.floor(id / size); }));
      return Promise.all(Array.from(need).map(getChunk));
    }

    function getExcerpt(id) {
      var size = S.L.excerpt_size || 4;
      var n = Math.floor(id / size);
      var rel = numbered(S.L.excerpts, n);
      if (!rel) return Promise.resolve(null);
      if (!S.excerpts.has(n)) {
        S.excerpts.set(n, fetchBytes(dataUrl(rel)).then(gunzip).then(function (b) {
          return JSON.parse(new TextDecoder().decode(b));
        }).catch(function () { return null; }));
      }
      return S.excerpts.get(n).then(function (arr) { return arr ? arr[id % size] || null : null; });
    }

    /** The category facet of the loaded language: [{id, label, bits: Uint8Array}]. */
    function categories() {
      if (S.L.categories) return S.L.categories;
      var raw = (S.L.facets && S.L.facets.category) || [];
      S.L.categories = raw.map(function (v) {
        var bin = atob(v.bits || ''), bits = new Uint8Array(bin.length);
        for (var i = 0; i < bin.length; i++) bits[i] = bin.charCodeAt(i);
        return { id: v.id, label: v.label, bits: bits };
      });
      return S.L.categories;
    }

    function inCategory(c, id) {
      return (c.bits[id >> 3] & (1 << (id & 7))) !== 0;
    }

    function typeOf(id) {
      var r = S.L.type_ranges || {};
      for (var k in r) if (id >= r[k][0] && id < r[k][1]) return k;
      return null;
    }

    // ------------------------------------------------------------------ query

    var FACTOR = { exact: 1, synonym: 0.8, prefix: 0.6, typo: 0.4 };
    var UMLAUT = [['ae', 'ä'], ['oe', 'ö'], ['ue', 'ü']];

    /** Slots: one per query word (or per synonym phrase), each with alternative term sets. */
    function buildSlots(tokens, prefixLast) {
      var slots = [];
      for (var i = 0; i < tokens.length; i++) {
        var span = null;
        S.synonyms.forEach(function (group) {
          group.forEach(function (ph, pi) {
            if (span && span.len >= ph.length) return;
            if (i + ph.length > tokens.length) return;
            for (var k = 0; k < ph.length; k++) if (tokens[i + k].term !== ph[k]) return;
            span = { len: ph.length, group: group, pi: pi };
          });
        });
        if (span) {
          var raws = tokens.slice(i, i + span.len).map(function (x) { return x.raw; });
          // A last word that is a synonym is still a prefix, as any other last word.
          var lastWord = prefixLast && span.len === 1 && i === tokens.length - 1;
          slots.push({
            raw: raws.join(' '), terms: span.group[span.pi], syn: span.group.filter(function (_, gi) { return gi !== span.pi; }),
            prefix: lastWord ? prefixesOf(tokens[i]) : null
          });
          i += span.len - 1;
        } else {
          var tk = tokens[i];
          var last = prefixLast && i === tokens.length - 1;
          slots.push({ raw: tk.raw, terms: [tk.term], syn: [], prefix: last ? prefixesOf(tk) : null });
        }
      }
      return slots;
    }

    function prefixesOf(tk) {
      var p = new Set([tk.term, fold(tk.raw)]);
      return Array.from(p).filter(function (x) { return [...x].length >= 2; });
    }

    function umlautVariants(raw) {
      var out = [];
      var all = raw;
      UMLAUT.forEach(function (u) { all = all.split(u[0]).join(u[1]); });
      if (all !== raw) out.push(all);
      UMLAUT.forEach(function (u) {
        var idx = raw.indexOf(u[0]);
        while (idx >= 0) {
          var v = raw.slice(0, idx) + u[1] + raw.slice(idx + 2);
          if (out.indexOf(v) < 0) out.push(v);
          idx = raw.indexOf(u[0], idx + 1);
        }
      });
      return out.slice(0, 6);
    }

    /** A set of doc ids as a mask over all docs plus the list: cheap at 10,000 docs. */
    function DocSet() { this.mask = new Uint8Array(S.L.docs || 0); this.list = []; }
    DocSet.prototype.add = function (id) { if (!this.mask[id]) { this.mask[id] = 1; this.list.push(id); } };
    DocSet.prototype.has = function (id) { return this.mask[id] === 1; };
    DocSet.prototype.forEach = function (f) { this.list.forEach(f); };
    DocSet.prototype[Symbol.iterator] = function () { return this.list[Symbol.iterator](); };
    Object.defineProperty(DocSet.prototype, 'size', { get: function () { return this.list.length; } });

    function docsOfAlt(alt) {
      var set = null;
      alt.entries.forEach(function (e) {
        var ids = postings(e.shard, e.i).ids, next = new DocSet();
        for (var k = 0; k < ids.length; k++) if (!set || set.has(ids[k])) next.add(ids[k]);
        set = next;
      });
      return set || new DocSet();
    }

    /** Resolves a slot's alternatives against loaded shards; may load more shards. */
    function resolveSlot(slot, notes) {
      var alts = [];
      var exact = slot.terms.map(lookup);
      if (exact.every(Boolean)) alts.push({ entries: exact, factor: FACTOR.exact, kind: 'exact' });
      slot.syn.forEach(function (ph) {
        var es = ph.map(lookup);
        if (es.every(Boolean)) alts.push({ entries: es, factor: FACTOR.synonym, kind: 'synonym' });
      });
      if (slot.prefix) {
        var seen = new Set(slot.terms);
        slot.prefix.forEach(function (p) {
          prefixEntries(p, seen, 30).forEach(function (e) {
            seen.add(e.term);
            alts.push({ entries: [e], factor: FACTOR.prefix, kind: 'prefix' });
          });
        });
      }
      var docs = new DocSet();
      alts.forEach(function (a) { a.docs = docsOfAlt(a); a.docs.forEach(function (d) { docs.add(d); }); });
      var extra = Promise.resolve();
      if (!docs.size && /ae|oe|ue/.test(slot.raw) && slot.terms.length === 1) {
        // Umlaut retry: stundensaetze → stundensätze.
        var vars = umlautVariants(slot.raw).map(function (v) { return { raw: v, term: term(v) }; });
        extra = ensureShards(vars.map(function (v) { return v.term; }), slot.prefix ? vars.map(function (v) { return v.term; }) : [])
          .then(function () {
            vars.forEach(function (v) {
              var e = lookup(v.term);
              if (e) { var a = { entries: [e], factor: FACTOR.exact, kind: 'umlaut' }; a.docs = docsOfAlt(a); alts.push(a); }
              if (slot.prefix) {
                prefixEntries(v.term, new Set([v.term]), 10).forEach(function (pe) {
                  var a2 = { entries: [pe], factor: FACTOR.prefix, kind: 'prefix' };
                  a2.docs = docsOfAlt(a2);
                  alts.push(a2);
                });
              }
            });
            alts.forEach(function (a) { a.docs.forEach(function (d) { docs.add(d); }); });
          });
      }
      return extra.then(function () {
        if (docs.size < 3 && slot.terms.length === 1) {
          var hadExact = docs.size > 0;
          var typos = typoEntries(slot.terms[0]);
          typos.forEach(function (e) {
            var a = { entries: [e], factor: FACTOR.typo, kind: 'typo' };
            a.docs = docsOfAlt(a);
            alts.push(a);
            a.docs.forEach(function (d) { docs.add(d); });
          });
          if (!hadExact && typos.length) notes.typos.push({ raw: slot.raw, term: typos[0].term });
        }
        slot.alts = alts;
        slot.docs = docs;
        return slot;
      });
    }


    /**
     * Per-doc score of a slot, by doc id: the best match of its alternatives; only docs
     * with `only[id]` set count.
     */
    function slotScores(slot, lenOf, only) {
      var L = S.L, m = S.manifest, W = m.weights || {};
      var k1 = m.k1 == null ? 1.2 : m.k1, b = m.b == null ? 0.75 : m.b;
      var N = L.docs || 1, avgdl = L.avgdl || 1;
      var wTitle = W.title || 5, wMeta = W.meta || 3, wBody = W.body || 1;
      var best = new Float64Array(L.docs || 0);
      slot.alts.forEach(function (alt) {
        // A phrase (several terms) counts only in docs that hold all of them.
        var check = alt.entries.length > 1 ? alt.docs : null;
        alt.entries.forEach(function (e) {
          var P = postings(e.shard, e.i);
          var idf = Math.log(1 + (N - P.df + 0.5) / (P.df + 0.5));
          var ids = P.ids, flags = P.flags;
          for (var k = 0; k < P.df; k++) {
            var id = ids[k];
            if (!only[id] || (check && !check.has(id))) continue;
            var f = flags[k];
            var tf = Math.max(1, f >> 4), fields = f & 7;
            var w = Math.max(fields & 1 ? wTitle : 0, fields & 2 ? wMeta : 0, fields & 4 ? wBody : 0) || wBody;
            var dl = lenOf(id);
            // BM25 saturation of tf, times the field weight (SEARCH.md); the best match
            // per document counts.
            var s = idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl)) * w * alt.factor * (f & 8 ? 0.5 : 1);
            if (s > best[id]) best[id] = s;
          }
        });
      });
      return best;
    }

    /** Scores of `ids`: the sum over the slots; {get, set} by doc id. */
    function combine(slots, ids, lenOf) {
      var n = S.L.docs || 0, only = new Uint8Array(n), total = new Float64Array(n);
      ids.forEach(function (id) { only[id] = 1; });
      slots.forEach(function (slot) {
        var best = slotScores(slot, lenOf, only);
        for (var i = 0; i < ids.length; i++) total[ids[i]] += best[ids[i]];
      });
      return { get: function (id) { return total[id]; }, set: function (id, v) { total[id] = v; } };
    }

    /**
     * Runs a query: resolves to {ids (ranked, filtered), counts by type, total, or, typos,
     * terms (matched index terms, for highlighting)} or null when nothing to search.
     */
    /**
     * `filter` is a type name, or {type, category} (either may be empty).
     */
    function search(q, filter, keep) {
      var want = typeof filter === 'string' ? { type: filter } : (filter || {});
      var tokens = analyseQuery(q);
      if (!tokens.length) return Promise.resolve(null);
      var prefixLast = !/[\s\p{P}]$/u.test(q);
      var slots = buildSlots(tokens, prefixLast);
      var terms = [], prefixes = [];
      slots.forEach(function (s) {
        s.terms.forEach(function (x) { terms.push(x); });
        s.syn.forEach(function (ph) { ph.forEach(function (x) { terms.push(x); }); });
        if (s.prefix) s.prefix.forEach(function (p) { prefixes.push(p); });
      });
      var notes = { typos: [] };
      return ensureShards(terms, prefixes).then(function () {
        return Promise.all(slots.map(function (s) { return resolveSlot(s, notes); }));
      }).then(function () {
        var sets = slots.map(function (s) { return s.docs; });
        var cand = Array.from(sets[0]).filter(function (id) { return sets.every(function (s) { return s.has(id); }); });
        var or = false;
        if (!cand.length && slots.length > 1) {
          var u = new Set();
          sets.forEach(function (s) { s.forEach(function (id) { u.add(id); }); });
          cand = Array.from(u);
          or = cand.length > 0;
        }
        var counts = {};
        cand.forEach(function (id) { var ty = typeOf(id); if (ty) counts[ty] = (counts[ty] || 0) + 1; });
        var total = cand.length;
        if (want.type) {
          var r = (S.L.type_ranges || {})[want.type];
          cand = r ? cand.filter(function (id) { return id >= r[0] && id < r[1]; }) : cand;
        }
        // Category counts among the results of the chosen type, then the category filter.
        var byCategory = {};
        categories().forEach(function (c) {
          var n = 0;
          cand.forEach(function (id) { if (inCategory(c, id)) n++; });
          if (n) byCategory[c.id] = n;
        });
        if (want.category) {
          var chosen = categories().filter(function (c) { return c.id === want.category; })[0];
          cand = chosen ? cand.filter(function (id) { return inCategory(chosen, id); }) : cand;
        }
        var avg = function () { return S.L.avgdl || 1; };
        var approx = combine(slots, cand, avg);
        cand.sort(function (a, b) { return approx.get(b) - approx.get(a) || a - b; });
        var top = cand.slice(0, Math.max(keep, 20));
        return ensureDocs(top).then(function () {
          var lenOf = function (id) { var d = docOf(id); return d && d.len > 0 ? d.len : S.L.avgdl || 1; };
          var exact = combine(slots, top, lenOf);
          // A title that has a word starting with every query word names the query,
          // score × 2; when it has no other words it is the query, × 1.5 more.
          var qw = words(q).map(fold);
          top.forEach(function (id) {
            var d = docOf(id);
            var tw = d ? words(d.title || '').map(fold) : [];
            var starts = function (t) { return function (x) { return t.startsWith(x); }; };
            if (qw.length && qw.every(function (x) { return tw.some(function (y) { return y.startsWith(x); }); })) {
              var whole = tw.every(function (y) { return qw.some(starts(y)); });
              exact.set(id, exact.get(id) * (whole ? 3 : 2));
            }
          });
          top.sort(function (a, b) { return exact.get(b) - exact.get(a) || a - b; });
          var matched = new Set(), pre = [];
          slots.forEach(function (s) {
            s.alts.forEach(function (a) { a.entries.forEach(function (e) { matched.add(e.term); }); });
            if (s.prefix) s.prefix.forEach(function (p) { pre.push(p); });
          });
          var ids = top.concat(cand.slice(top.length));
          return {
            ids: ids, counts: counts, total: total, shown: cand.length,
            scores: ids.map(function (id, i) { return i < top.length ? exact.get(id) : approx.get(id); }),
            categories: byCategory,
            or: or, typos: notes.typos, terms: matched, prefixes: pre
          };
        });
      });
    }

    // ------------------------------------------------------------------ excerpts

    /** Builds <p class="search-excerpt"> with <mark>ed hits: the 30-word window with most hits. */
    function excerptNode(text, res) {
      var s = text, hits = [], all = [], m;
      var re = new RegExp(WORD.source, 'gu');
      while ((m = re.exec(s))) {
        var w = m[0];
        all.push({ start: m.index, end: m.index + w.length, hit: isHit(w, res) });
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

    function isHit(w, res) {
      var forms = words(w);
      for (var i = 0; i < forms.length; i++) {
        var tm = term(forms[i]);
        if (res.terms.has(tm)) return true;
        var f = fold(forms[i]);
        for (var j = 0; j < res.prefixes.length; j++) if (f.startsWith(res.prefixes[j]) || tm.startsWith(res.prefixes[j])) return true;
        var found = false;
        res.terms.forEach(function (x) { if (!found && [...x].length >= 4 && f.indexOf(x) > 0) found = true; }); // compound part
        if (found) return true;
      }
      return false;
    }

    /** A word of the shown titles/descriptions whose term is `tm`, for "Did you mean". */
    function surfaceOf(tm, ids) {
      for (var i = 0; i < ids.length && i < 20; i++) {
        var d = docOf(ids[i]);
        if (!d) continue;
        var src = ((d.title || '') + ' ' + (d.description || '')).normalize('NFC');
        var m, re = new RegExp(WORD.source, 'gu');
        while ((m = re.exec(src))) if (words(m[0]).some(function (w) { return term(w) === tm; })) return m[0];
      }
      return tm;
    }

    return {
      lang: lang, state: S, load: load, search: search, analyse: analyseQuery, decodeShard: decodeShard,
      docOf: docOf, getExcerpt: getExcerpt, categories: categories, excerptNode: excerptNode,
      surfaceOf: surfaceOf
    };
  }

  // ------------------------------------------------------------------ all languages at once

  var engines = {};
  function engine(lang) { return engines[lang] || (engines[lang] = Engine(lang)); }

  /** Site languages from the page's JSON ({code, name}); the page language leads. */
  var LANGUAGES = ((CONF && CONF.languages) || []).filter(function (l) { return l && l.code; });
  var ALL = [LANG].concat(LANGUAGES.map(function (l) { return l.code; }).filter(function (c) { return c !== LANG; }));
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

  /** 0: every word found, 1: found after a typo fix, 2: only some words (OR). */
  function quality(res) { return res.or ? 2 : res.typos.length ? 1 : 0; }

  /**
   * Runs a query in every language of `langs` and merges the answers: hits [{e, id, res}]
   * by score (ties: the page language first), counts summed. Only the languages whose
   * answer is best (all words, then typo fixed, then some words) are kept, so a word
   * that exists in English does not bring German near-misses along.
   */
  function searchLangs(langs, q, filter, keep) {
    return loadLangs(langs).then(function (es) {
      return Promise.all(es.map(function (e) {
        return e.search(q, filter, keep).then(function (res) { return res && { e: e, res: res }; });
      }));
    }).then(function (parts) {
      parts = parts.filter(Boolean);
      if (!parts.length) return null;
      var found = parts.filter(function (p) { return p.res.total; });
      if (found.length) {
        var best = Math.min.apply(null, found.map(function (p) { return quality(p.res); }));
        parts = found.filter(function (p) { return quality(p.res) === best; });
      }
      var out = {
        hits: [], counts: {}, categories: {}, categoryList: [], total: 0,
        or: parts.every(function (p) { return p.res.or; }), typos: [],
        types: parts[0].e.state.manifest.types, languages: parts.length
      };
      var seen = new Set();
      parts.forEach(function (p, rank) {
        var r = p.res;
        r.ids.forEach(function (id, i) { out.hits.push({ e: p.e, id: id, res: r, score: r.scores[i], rank: rank }); });
        Object.keys(r.counts).forEach(function (k) { out.counts[k] = (out.counts[k] || 0) + r.counts[k]; });
        Object.keys(r.categories).forEach(function (k) { out.categories[k] = (out.categories[k] || 0) + r.categories[k]; });
        p.e.categories().forEach(function (c) {
          if (!seen.has(c.id)) { seen.add(c.id); out.categoryList.push(c); }
        });
        out.total += r.total;
        if (!out.typos.length) {
          out.typos = r.typos.map(function (ty) { return { raw: ty.raw, word: p.e.surfaceOf(ty.term, r.ids) }; });
        }
      });
      if (parts.length > 1) out.hits.sort(function (a, b) { return b.score - a.score || a.rank - b.rank; });
      return out;
    });
  }

  // ------------------------------------------------------------------ UI shared by the box and the page

  var uid = 0;

  /**
   * A search view: input + results container. `popup` = the header combobox (options
   * in a listbox, arrow keys via aria-activedescendant); otherwise the full page list.
   */
  function View(input, box, popup) {
    var self = this;
    this.input = input;
    this.box = box;
    this.popup = popup;
    this.limit = popup ? 8 : 50;
    this.filter = '';
    this.category = '';
    this.gen = 0;
    this.timer = 0;
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
    var self = this;
    this.setActive(-1);
    this.list.replaceChildren();
    this.chips.replaceChildren();
    this.chips.hidden = true;
    this.cats.replaceChildren();
    this.cats.hidden = true;
    this.note.replaceChildren();
    this.note.hidden = true;
    if (this.more) this.more.hidden = true;
    if (!res) { this.say(q.trim() && !this.unavailable ? t('empty', { query: q.trim() }) : ''); this.show(); return; }
    if (!res.total) this.say(t('empty', { query: q.trim() }));
    else this.say(res.total === 1 ? t('count_one') : t('count', { count: res.total }));
    // Did you mean / OR fallback
    if (res.typos.length) {
      var fixed = q;
      var shown = [];
      res.typos.forEach(function (ty) {
        var word = ty.word;
        shown.push(word);
        fixed = fixed.replace(new RegExp(ty.raw.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'), word);
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
    // Filter chips
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
    // Category chips, when the results span more than one category
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
    // Results
    res.hits.slice(0, this.limit).forEach(function (h, i) {
      var d = h.e.docOf(h.id);
      if (!d) return;
      // A hit in another language says so, and is read out in its own language.
      var foreign = h.e.lang !== LANG ? h.e.lang : null;
      var a = el('a', { href: pageUrl(d.url), hreflang: foreign, tabindex: self.popup ? '-1' : null }, [d.title]);
      var head = el('span', { class: 'search-hit-head' }, [a, ' ', el('span', { class: 'badge search-badge', 'data-type': d.type, lang: foreign ? LANG : null }, [typeLabel(d.type)])]);
      if (foreign) head.append(' ', el('span', { class: 'badge search-lang', lang: foreign }, [languageName(foreign)]));
      var li = self.popup ? el('div', { role: 'row', class: 'search-hit', lang: foreign })
        : el('li', { class: 'search-hit', lang: foreign });
      var cell = self.popup ? el('div', { role: 'gridcell', id: self.id + '-opt-' + i, 'aria-selected': 'false' }) : li;
      if (cell !== li) li.appendChild(cell);
      cell.appendChild(head);
      if (d.breadcrumb) cell.appendChild(el('span', { class: 'search-crumb' }, [Array.isArray(d.breadcrumb) ? d.breadcrumb.join(' › ') : String(d.breadcrumb)]));
      if (d.description) cell.appendChild(el('p', { class: 'search-excerpt' }, [d.description]));
      li.setAttribute('data-doc', h.e.lang + ':' + h.id);
      if (self.popup) li.addEventListener('mousemove', function () { if (self.active !== i) self.setActive(i); });
      self.list.appendChild(li);
    });
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
    this.show();
  };

  View.prototype.fillExcerpts = function (res, gen) {
    var self = this;
    var top = res.hits.slice(0, 3);
    return Promise.all(top.map(function (h) {
      return h.e.getExcerpt(h.id).then(function (x) {
        if (gen !== self.gen || !x || !x.text) return;
        var li = self.list.querySelector('[data-doc="' + h.e.lang + ':' + h.id + '"]');
        if (!li) return;
        if (li.firstChild && li.firstChild.getAttribute('role') === 'gridcell') li = li.firstChild;
        var p = h.e.excerptNode(x.text, h.res);
        if (!p) return;
        var old = li.querySelector('.search-excerpt');
        if (old) old.replaceWith(p); else li.appendChild(p);
        if (!self.popup && Array.isArray(x.sections)) {
          var d = h.e.docOf(h.id);
          var start = res ? excerptStart(x.text, p) : 0;
          var anchor = null;
          var title = null;
          x.sections.forEach(function (sec) { if (sec[0] <= start) { anchor = sec[1]; title = sec[2]; } });
          if (d && anchor && title) li.appendChild(el('a', { class: 'search-section', href: pageUrl(d.url + '#' + anchor) }, ['§ ' + title]));
        }
      });
    }));
  };

  function excerptStart(text, p) {
    var first = (p.textContent || '').replace(/^… /, '').slice(0, 40);
    var i = text.indexOf(first);
    return i < 0 ? 0 : i;
  }

  // ------------------------------------------------------------------ wiring

  var views = [];
  if (header) {
    var hinput = header.querySelector('input[name="q"]');
    var hbox = header.querySelector('#search-results');
    if (hinput && hbox) views.push(new View(hinput, hbox, true));
  }
  var pageView = null;
  if (pageRoot) {
    var pinput = pageRoot.querySelector('input[name="q"]');
    var pbox = pageRoot.querySelector('[data-search-page-results]');
    if (pinput && pbox) {
      pageView = new View(pinput, pbox, false);
      views.push(pageView);
      var params = new URL(location.href).searchParams;
      var q0 = params.get('q') || '';
      if (pageView.allBox) {
        if (params.get('all') === '1') pageView.allBox.checked = true;
        else if (params.get('all') === '0') pageView.allBox.checked = false;
        pageView.allBox.addEventListener('change', function () { if (pageView.input.value.trim()) pageView.run(); });
      }
      if (q0.trim()) { pinput.value = q0; pageView.run(); }
    }
  }

  document.addEventListener('keydown', function (e) {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var a = document.activeElement;
    if (a && (a.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName))) return;
    var v = pageView || views[0];
    if (!v) return;
    e.preventDefault();
    v.input.focus();
  });

  // For tests and the benchmark: the engine without the UI, and the script's own URL.
  var own = engine(LANG);
  window.vpagenSearch = {
    load: own.load, search: own.search, analyse: own.analyse, decodeShard: own.decodeShard,
    searchAll: function (q, filter, keep) { return searchLangs(ALL, q, filter, keep); },
    script: SCRIPT_URL
  };
})();
