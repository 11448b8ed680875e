/* search-core.js: the search engine of the default theme (client half of SEARCH.md),
 * without a page: the query analysis, the index access and the scoring. The one scorer
 * of vpagen: the search box (search-ui.js) runs it in the browser, and `cargo test`
 * runs the golden queries through it under Node (tests/search/js-search.mjs).
 *
 * An engine searches one language. What it needs from its surroundings comes in `io`:
 *   manifest(): a promise of {m: the manifest, base: its URL (a URL object)};
 *   bytes(url): a promise of the file's bytes (an ArrayBuffer);
 *   stemmer(lang): a promise of the language's stem function, or null (then exact
 *     folded words and prefixes still work).
 */
import { fold } from './util.js';

// ------------------------------------------------------------------ analysis (SEARCH.md)

export const WORD = /[\p{L}\p{N}\p{M}]+(?:[-\u2010\u2011][\p{L}\p{N}\p{M}]+)*/gu;
var HYPHEN = /[-\u2010\u2011]/;
var DIGIT = /^\p{N}$/u;

function keepWord(w) { return [...w].length > 1 || DIGIT.test(w); }

/** Lower-case words of a text, hyphenated words as parts plus the joined form. */
export function words(text) {
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

/** gunzip; bytes that are not gzip (a server decoded them already) pass through. */
function gunzip(buf) {
  var u = new Uint8Array(buf);
  if (u[0] !== 0x1f || u[1] !== 0x8b) return Promise.resolve(u);
  var stream = new Blob([u]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
}

// ------------------------------------------------------------------ one engine per language

/**
 * The search of one language: its index, stemmer, stopwords and caches. A page
 * searches its own language; the search page can search all of them at once. `io`
 * (see above) may be null: then the engine cannot load.
 *
 * The functions below take the engine's context `E`: `lang`, `io`, the stopwords
 * `stop` and the state `S` (manifest, caches), which the engine shows as `state`.
 * Those that need neither `io` nor the stopwords take `S` alone.
 */
export function Engine(lang, io) {
  var S = {
    manifest: null, L: null, base: null, loading: null, failed: false,
    shards: new Map(), resolved: new Map(), chunks: new Map(), chunkData: new Map(),
    excerpts: new Map(), words: new Map(), synonyms: [], stem: null
  };
  var E = { lang: lang, io: io, stop: new Set(), S: S };
  return {
    lang: lang, state: S,
    load: function () { return load(E); },
    search: function (q, filter, keep) { return search(E, q, filter, keep); },
    analyse: function (text) { return analyseQuery(E, text); },
    decodeShard: decodeShard,
    docOf: function (id) { return docOf(S, id); },
    getExcerpt: function (id) { return getExcerpt(E, id); },
    categories: function () { return categories(S); },
    isHit: function (w, res) { return isHit(S, w, res); },
    surfaceOf: function (tm, ids) { return surfaceOf(S, tm, ids); }
  };
}

function stem(S, w) {
  if (typeof S.stem !== 'function') return w;
  try { return S.stem(w); } catch (e) { return w; }
}

function term(S, word) { return fold(stem(S, word)); }

/** Query analysis: [{raw, term}], stopwords dropped unless nothing else is left. */
function analyseQuery(E, text) {
  // A "word" of combining marks alone folds to nothing: it is no term (it would
  // prefix-match every term).
  var all = words(text).map(function (w) { return { raw: w, term: term(E.S, w) }; })
    .filter(function (x) { return x.term; });
  var kept = all.filter(function (x) { return !E.stop.has(x.raw); });
  return kept.length ? kept : all;
}

/** Loads manifest and stemmer once; resolves to true when search can run. */
function load(E) {
  var S = E.S, io = E.io;
  if (S.loading) return S.loading;
  if (!io || typeof DecompressionStream !== 'function') {
    S.failed = true;
    S.loading = Promise.resolve(false);
    return S.loading;
  }
  S.loading = Promise.all([io.manifest(), io.stemmer(E.lang)]).then(function (r) {
    var m = r[0].m;
    var L = m && m.languages && m.languages[E.lang];
    if (!L || !Array.isArray(L.shards)) throw new Error('no index for language ' + E.lang);
    S.stem = r[1];
    S.manifest = m;
    S.L = L;
    S.base = r[0].base;
    (L.stopwords || []).forEach(function (w) { E.stop.add(w); });
    S.synonyms = (m.synonyms || []).map(function (group) {
      return group.map(function (phrase) { return analyseQuery(E, phrase).map(function (x) { return x.term; }); })
        .filter(function (ts) { return ts.length; });
    });
    return true;
  }).catch(function () {
    S.failed = true;
    return false;
  });
  return S.loading;
}

// ------------------------------------------------------------------ shards

function dataUrl(S, rel) { return new URL(rel, S.base).href; }

function shardIndex(S, tm) {
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

function getShard(E, i) {
  var S = E.S;
  if (!S.shards.has(i)) {
    S.shards.set(i, E.io.bytes(dataUrl(S, S.L.shards[i][1])).then(gunzip).then(decodeShard)
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
function ensureShards(E, list, prefixes) {
  var S = E.S;
  var need = new Set();
  list.forEach(function (tm) { need.add(shardIndex(S, tm)); });
  (prefixes || []).forEach(function (p) {
    var i = shardIndex(S, p);
    need.add(i);
    for (var j = i + 1; j < S.L.shards.length && j <= i + 2 && S.L.shards[j][0].startsWith(p); j++) need.add(j);
  });
  return Promise.all(Array.from(need).map(function (i) { return getShard(E, i); }));
}

/** An index entry {shard, i, term, df} for an exact term, or null (shard must be loaded). */
function lookup(S, tm) {
  var sh = S.resolved.get(shardIndex(S, tm));
  if (!sh) return null;
  var i = lowerBound(sh.terms, tm);
  return sh.terms[i] === tm ? { shard: sh, i: i, term: tm, df: sh.dfs[i] } : null;
}

function prefixEntries(S, p, except, limit) {
  var out = [];
  var first = shardIndex(S, p);
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

function typoEntries(S, tm) {
  var chars = [...tm];
  var max = chars.length >= 8 ? 2 : chars.length >= 4 ? 1 : 0;
  if (!max) return [];
  var sh = S.resolved.get(shardIndex(S, tm));
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

// ------------------------------------------------------------------ docs and excerpts

/** `<dir>/<n>.bin` of a numbered file set `{dir, count}` of the manifest. */
function numbered(set, n) {
  return set && n < set.count ? set.dir + '/' + n + '.bin' : null;
}

function getChunk(E, n) {
  var S = E.S;
  if (!S.chunks.has(n)) {
    var rel = numbered(S.L.chunks, n);
    S.chunks.set(n, rel ? E.io.bytes(dataUrl(S, rel)).then(gunzip).then(function (b) {
      return JSON.parse(new TextDecoder().decode(b));
    }).then(function (v) { S.chunks.set(n, Promise.resolve(v)); S.chunkData.set(n, v); return v; })
      .catch(function () { return null; }) : Promise.resolve(null));
  }
  return S.chunks.get(n);
}

function docOf(S, id) {
  var size = S.L.chunk_size || 64;
  var c = S.chunkData.get(Math.floor(id / size));
  return c ? c[id % size] || null : null;
}

function ensureDocs(E, ids) {
  var size = E.S.L.chunk_size || 64;
  var need = new Set(ids.map(function (id) { return Math.floor(id / size); }));
  return Promise.all(Array.from(need).map(function (n) { return getChunk(E, n); }));
}

function getExcerpt(E, id) {
  var S = E.S;
  var size = S.L.excerpt_size || 4;
  var n = Math.floor(id / size);
  var rel = numbered(S.L.excerpts, n);
  if (!rel) return Promise.resolve(null);
  if (!S.excerpts.has(n)) {
    S.excerpts.set(n, E.io.bytes(dataUrl(S, rel)).then(gunzip).then(function (b) {
      return JSON.parse(new TextDecoder().decode(b));
    }).catch(function () { return null; }));
  }
  return S.excerpts.get(n).then(function (arr) { return arr ? arr[id % size] || null : null; });
}

/**
 * The word of an index term (the `words` file of its shard, SEARCH.md): a word of the
 * site's text, not a stem; null without one (an older index, or the file failed).
 */
function wordOf(E, tm) {
  var S = E.S;
  var n = shardIndex(S, tm), sh = S.resolved.get(n);
  var rel = numbered(S.L.words, n);
  if (!rel || !sh) return Promise.resolve(null);
  if (!S.words.has(n)) {
    S.words.set(n, E.io.bytes(dataUrl(S, rel)).then(gunzip).then(function (b) {
      return new TextDecoder().decode(b).split('\n');
    }).catch(function () { return null; }));
  }
  return S.words.get(n).then(function (lines) {
    var i = lowerBound(sh.terms, tm);
    return lines && sh.terms[i] === tm ? lines[i] || tm : null;
  });
}

/** The category facet of the loaded language: [{id, label, bits: Uint8Array}]. */
function categories(S) {
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

function typeOf(S, id) {
  var r = S.L.type_ranges || {};
  for (var k in r) if (id >= r[k][0] && id < r[k][1]) return k;
  return null;
}

// ------------------------------------------------------------------ query

var FACTOR = { exact: 1, synonym: 0.8, prefix: 0.6, typo: 0.4 };
var UMLAUT = [['ae', 'ä'], ['oe', 'ö'], ['ue', 'ü']];

/** Slots: one per query word (or per synonym phrase), each with alternative term sets. */
function buildSlots(S, tokens, prefixLast) {
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

/** A set of doc ids among `n` docs as a mask plus the list: cheap at 10,000 docs. */
function DocSet(n) { this.mask = new Uint8Array(n || 0); this.list = []; }
DocSet.prototype.add = function (id) { if (!this.mask[id]) { this.mask[id] = 1; this.list.push(id); } };
DocSet.prototype.has = function (id) { return this.mask[id] === 1; };
DocSet.prototype.forEach = function (f) { this.list.forEach(f); };
DocSet.prototype[Symbol.iterator] = function () { return this.list[Symbol.iterator](); };
Object.defineProperty(DocSet.prototype, 'size', { get: function () { return this.list.length; } });

function docsOfAlt(S, alt) {
  var set = null;
  alt.entries.forEach(function (e) {
    var ids = postings(e.shard, e.i).ids, next = new DocSet(S.L.docs);
    for (var k = 0; k < ids.length; k++) if (!set || set.has(ids[k])) next.add(ids[k]);
    set = next;
  });
  return set || new DocSet(S.L.docs);
}

/** Resolves a slot's alternatives against loaded shards; may load more shards. */
function resolveSlot(E, slot, notes) {
  var S = E.S;
  var alts = [];
  var exact = slot.terms.map(function (tm) { return lookup(S, tm); });
  if (exact.every(Boolean)) alts.push({ entries: exact, factor: FACTOR.exact, kind: 'exact' });
  slot.syn.forEach(function (ph) {
    var es = ph.map(function (tm) { return lookup(S, tm); });
    if (es.every(Boolean)) alts.push({ entries: es, factor: FACTOR.synonym, kind: 'synonym' });
  });
  if (slot.prefix) {
    var seen = new Set(slot.terms);
    slot.prefix.forEach(function (p) {
      prefixEntries(S, p, seen, 30).forEach(function (e) {
        seen.add(e.term);
        alts.push({ entries: [e], factor: FACTOR.prefix, kind: 'prefix' });
      });
    });
  }
  var docs = new DocSet(S.L.docs);
  alts.forEach(function (a) { a.docs = docsOfAlt(S, a); a.docs.forEach(function (d) { docs.add(d); }); });
  var extra = Promise.resolve();
  if (!docs.size && /ae|oe|ue/.test(slot.raw) && slot.terms.length === 1) {
    extra = umlautRetry(E, slot, alts, docs);
  }
  return extra.then(function () {
    if (docs.size < 3 && slot.terms.length === 1) {
      var hadExact = docs.size > 0;
      var typos = typoEntries(S, slot.terms[0]);
      typos.forEach(function (e) {
        var a = { entries: [e], factor: FACTOR.typo, kind: 'typo' };
        a.docs = docsOfAlt(S, a);
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
 * Umlaut retry of a slot that found nothing (stundensaetze → stundensätze): adds the
 * alternatives of the variants to `alts` and their docs to `docs`.
 */
function umlautRetry(E, slot, alts, docs) {
  var S = E.S;
  var vars = umlautVariants(slot.raw).map(function (v) { return { raw: v, term: term(S, v) }; });
  return ensureShards(E, vars.map(function (v) { return v.term; }), slot.prefix ? vars.map(function (v) { return v.term; }) : [])
    .then(function () {
      vars.forEach(function (v) {
        var e = lookup(S, v.term);
        if (e) { var a = { entries: [e], factor: FACTOR.exact, kind: 'umlaut' }; a.docs = docsOfAlt(S, a); alts.push(a); }
        if (slot.prefix) {
          prefixEntries(S, v.term, new Set([v.term]), 10).forEach(function (pe) {
            var a2 = { entries: [pe], factor: FACTOR.prefix, kind: 'prefix' };
            a2.docs = docsOfAlt(S, a2);
            alts.push(a2);
          });
        }
      });
      alts.forEach(function (a) { a.docs.forEach(function (d) { docs.add(d); }); });
    });
}

/**
 * Per-doc score of a slot, by doc id: the best match of its alternatives; only docs
 * with `only[id]` set count.
 */
function slotScores(S, slot, lenOf, only) {
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
function combine(S, slots, ids, lenOf) {
  var n = S.L.docs || 0, only = new Uint8Array(n), total = new Float64Array(n);
  ids.forEach(function (id) { only[id] = 1; });
  slots.forEach(function (slot) {
    var best = slotScores(S, slot, lenOf, only);
    for (var i = 0; i < ids.length; i++) total[ids[i]] += best[ids[i]];
  });
  return { get: function (id) { return total[id]; }, set: function (id, v) { total[id] = v; } };
}

/**
 * Runs a query: resolves to {ids (ranked, filtered), counts by type, total, or, typos
 * ([{raw, term, word}], word: the term's word from the index), terms (matched index
 * terms, for highlighting)} or null when nothing to search.
 * `filter` is a type name, or {type, category} (either may be empty).
 */
function search(E, q, filter, keep) {
  var S = E.S;
  var want = typeof filter === 'string' ? { type: filter } : (filter || {});
  var tokens = analyseQuery(E, q);
  if (!tokens.length) return Promise.resolve(null);
  var prefixLast = !/[\s\p{P}]$/u.test(q);
  var slots = buildSlots(S, tokens, prefixLast);
  var terms = [], prefixes = [];
  slots.forEach(function (s) {
    s.terms.forEach(function (x) { terms.push(x); });
    s.syn.forEach(function (ph) { ph.forEach(function (x) { terms.push(x); }); });
    if (s.prefix) s.prefix.forEach(function (p) { prefixes.push(p); });
  });
  var notes = { typos: [] };
  return ensureShards(E, terms, prefixes).then(function () {
    return Promise.all(slots.map(function (s) { return resolveSlot(E, s, notes); }));
  }).then(function () {
    var found = candidates(slots);
    var picked = filtered(S, found.cand, want);
    var cand = picked.cand;
    var avg = function () { return S.L.avgdl || 1; };
    var approx = combine(S, slots, cand, avg);
    cand.sort(function (a, b) { return approx.get(b) - approx.get(a) || a - b; });
    var top = cand.slice(0, Math.max(keep, 20));
    var named = notes.typos.map(function (ty) { return wordOf(E, ty.term).then(function (w) { ty.word = w; }); });
    return Promise.all([ensureDocs(E, top)].concat(named)).then(function () {
      var exact = combine(S, slots, top, function (id) { var d = docOf(S, id); return d && d.len > 0 ? d.len : S.L.avgdl || 1; });
      boostTitles(S, q, top, exact);
      top.sort(function (a, b) { return exact.get(b) - exact.get(a) || a - b; });
      var matched = new Set(), pre = [];
      slots.forEach(function (s) {
        s.alts.forEach(function (a) { a.entries.forEach(function (e) { matched.add(e.term); }); });
        if (s.prefix) s.prefix.forEach(function (p) { pre.push(p); });
      });
      var ids = top.concat(cand.slice(top.length));
      return {
        ids: ids, counts: picked.counts, total: picked.total, shown: cand.length,
        scores: ids.map(function (id, i) { return i < top.length ? exact.get(id) : approx.get(id); }),
        categories: picked.categories,
        or: found.or, typos: notes.typos, terms: matched, prefixes: pre
      };
    });
  });
}

/** The docs every slot matched; if there are none, those any slot matched (`or`). */
function candidates(slots) {
  var sets = slots.map(function (s) { return s.docs; });
  var cand = Array.from(sets[0]).filter(function (id) { return sets.every(function (s) { return s.has(id); }); });
  var or = false;
  if (!cand.length && slots.length > 1) {
    var u = new Set();
    sets.forEach(function (s) { s.forEach(function (id) { u.add(id); }); });
    cand = Array.from(u);
    or = cand.length > 0;
  }
  return { cand: cand, or: or };
}

/**
 * The candidates of the wanted type and category: {cand, counts (by type, before the
 * type filter), total (before it), categories (counts among the chosen type)}.
 */
function filtered(S, cand, want) {
  var counts = {};
  cand.forEach(function (id) { var ty = typeOf(S, id); if (ty) counts[ty] = (counts[ty] || 0) + 1; });
  var total = cand.length;
  if (want.type) {
    var r = (S.L.type_ranges || {})[want.type];
    cand = r ? cand.filter(function (id) { return id >= r[0] && id < r[1]; }) : cand;
  }
  // Category counts among the results of the chosen type, then the category filter.
  var byCategory = {};
  categories(S).forEach(function (c) {
    var n = 0;
    cand.forEach(function (id) { if (inCategory(c, id)) n++; });
    if (n) byCategory[c.id] = n;
  });
  if (want.category) {
    var chosen = categories(S).filter(function (c) { return c.id === want.category; })[0];
    cand = chosen ? cand.filter(function (id) { return inCategory(chosen, id); }) : cand;
  }
  return { cand: cand, counts: counts, total: total, categories: byCategory };
}

/**
 * A title that has a word starting with every query word names the query: score × 2;
 * when it has no other words it is the query, × 1.5 more. Scores `top` in `exact`.
 */
function boostTitles(S, q, top, exact) {
  var qw = words(q).map(fold);
  top.forEach(function (id) {
    var d = docOf(S, id);
    var tw = d ? words(d.title || '').map(fold) : [];
    var starts = function (t) { return function (x) { return t.startsWith(x); }; };
    if (qw.length && qw.every(function (x) { return tw.some(function (y) { return y.startsWith(x); }); })) {
      var whole = tw.every(function (y) { return qw.some(starts(y)); });
      exact.set(id, exact.get(id) * (whole ? 3 : 2));
    }
  });
}

// ------------------------------------------------------------------ excerpts

/** Whether a word of an excerpt is a hit of the result `res` (for <mark>). */
function isHit(S, w, res) {
  var forms = words(w);
  for (var i = 0; i < forms.length; i++) {
    var tm = term(S, forms[i]);
    if (res.terms.has(tm)) return true;
    var f = fold(forms[i]);
    for (var j = 0; j < res.prefixes.length; j++) if (f.startsWith(res.prefixes[j]) || tm.startsWith(res.prefixes[j])) return true;
    var found = false;
    res.terms.forEach(function (x) { if (!found && [...x].length >= 4 && f.indexOf(x) > 0) found = true; }); // compound part
    if (found) return true;
  }
  return false;
}

/** A word of the shown titles/descriptions whose term is `tm`, for "Did you mean" when
 * the index has no words files. */
function surfaceOf(S, tm, ids) {
  for (var i = 0; i < ids.length && i < 20; i++) {
    var d = docOf(S, ids[i]);
    if (!d) continue;
    var src = ((d.title || '') + ' ' + (d.description || '')).normalize('NFC');
    var m, re = new RegExp(WORD.source, 'gu');
    while ((m = re.exec(src))) if (words(m[0]).some(function (w) { return term(S, w) === tm; })) return m[0];
  }
  return tm;
}

/** 0: every word found, 1: found after a typo fix, 2: only some words (OR). */
function quality(res) { return res.or ? 2 : res.typos.length ? 1 : 0; }

/**
 * Runs a query with every engine of `es` (loaded, the page language's first) and
 * merges the answers: hits [{e, id, res}] by score (ties: the page language first),
 * counts summed. Only the languages whose answer is best (all words, then typo fixed,
 * then some words) are kept, so a word that exists in English does not bring German
 * near-misses along.
 */
export function searchEngines(es, q, filter, keep) {
  return Promise.all(es.map(function (e) {
    return e.search(q, filter, keep).then(function (res) { return res && { e: e, res: res }; });
  })).then(function (parts) {
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
        out.typos = r.typos.map(function (ty) { return { raw: ty.raw, word: ty.word || p.e.surfaceOf(ty.term, r.ids) }; });
      }
    });
    if (parts.length > 1) out.hits.sort(function (a, b) { return b.score - a.score || a.rank - b.rank; });
    return out;
  });
}
