/* checklist.js: checklists to tick off, kept in localStorage (README "Checklists"). */
import { t } from './util.js';
import { $$, download, reveal, store } from './dom.js';

export function initChecklist(list) {
  // The checklist's context: what the functions below read and fill.
  var c = {
    list: list,
    id: list.getAttribute('data-checklist'),
    version: Number(list.getAttribute('data-version')) || 1,
    key: list.getAttribute('data-storage-key'),
    title: list.getAttribute('data-title') || document.title,
    bar: list.querySelector('[data-progress]'),
    say: list.querySelector('[data-progress-text]'),
    items: itemsOf(list)
  };
  var tools = list.querySelector('[data-checklist-tools]');
  dropOtherVersions(c, list.getAttribute('data-storage-prefix'), list.querySelector('[data-version-notice]'));

  var saved = (c.key && store.get(c.key)) || {};
  var checked = Array.isArray(saved.checked) ? saved.checked : [];
  c.items.forEach(function (it) { it.box.checked = checked.indexOf(it.id) !== -1; });

  list.addEventListener('change', function (e) {
    if (e.target.matches('[data-item] input[type="checkbox"]')) { save(c); progress(c); }
  });
  list.addEventListener('click', function (e) { onAction(c, e); });
  var picker = list.querySelector('input[type="file"][data-action="import"]');
  if (picker) picker.addEventListener('change', function () { importFile(c, picker); });

  reveal(tools);
  progress(c);
}

/** The items with a check box: [{id, box, required, text}]. */
function itemsOf(list) {
  return $$(list, '[data-item]').map(function (li) {
    var label = li.querySelector('.item-text') || li.querySelector('label') || li;
    return {
      id: li.getAttribute('data-item'),
      box: li.querySelector('input[type="checkbox"]'),
      required: li.getAttribute('data-required') !== 'false',
      text: label.textContent.replace(/\s+/g, ' ').trim()
    };
  }).filter(function (it) { return it.box; });
}

// A new version of a checklist may have other items: old ticks would lie.
function dropOtherVersions(c, prefix, notice) {
  if (!prefix) return;
  var stale = store.keys().filter(function (k) {
    return k !== c.key && k.indexOf(prefix) === 0 && /^\d+$/.test(k.slice(prefix.length));
  });
  stale.forEach(store.remove);
  if (stale.length && notice) {
    notice.textContent = t('version_reset', { version: c.version });
    notice.hidden = false;
  }
}

function save(c) {
  if (!c.key) return;
  store.set(c.key, { checked: c.items.filter(function (it) { return it.box.checked; }).map(function (it) { return it.id; }) });
}

function progress(c, extra) {
  var req = c.items.filter(function (it) { return it.required; });
  var opt = c.items.filter(function (it) { return !it.required; });
  var done = req.filter(function (it) { return it.box.checked; }).length;
  if (c.bar) { c.bar.max = req.length || 1; c.bar.value = done; }
  var msg = t('progress_required', { done: done, total: req.length });
  if (opt.length) {
    msg += ' · ' + t('progress_optional', {
      done: opt.filter(function (it) { return it.box.checked; }).length, total: opt.length
    });
  }
  if (c.say) c.say.textContent = extra ? extra + ' ' + msg : msg;
}

function asJson(c) {
  var out = { checklist: c.id, version: c.version, items: {} };
  c.items.forEach(function (it) { out.items[it.id] = it.box.checked; });
  return JSON.stringify(out, null, 2) + '\n';
}

function asMarkdown(c) {
  var lines = ['# ' + c.title + ' (Version ' + c.version + ')', ''];
  c.items.forEach(function (it) { lines.push('- [' + (it.box.checked ? 'x' : ' ') + '] ' + it.text); });
  return lines.join('\n') + '\n';
}

/** Ticked ids from an exported JSON or Markdown file; null if neither. */
function parseImport(c, raw) {
  var data = null;
  try { data = JSON.parse(raw); } catch (e) { /* maybe Markdown */ }
  if (data && typeof data === 'object') {
    if (data.checklist && data.checklist !== c.id) return null; // another checklist
    var src = data.items || {};
    if (Array.isArray(data.checked)) { // also accept the storage shape
      src = {};
      data.checked.forEach(function (x) { src[x] = true; });
    }
    return { ids: Object.keys(src).filter(function (k) { return src[k] === true; }) };
  }
  var byText = {};
  c.items.forEach(function (it) { byText[it.text] = it.id; });
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

/** A click on one of the checklist's buttons: reset, export as JSON or Markdown. */
function onAction(c, e) {
  var btn = e.target.closest('button[data-action]');
  if (!btn || !c.list.contains(btn)) return;
  var action = btn.getAttribute('data-action');
  if (action === 'reset') {
    // Ticks may be the work of an afternoon: ask first.
    if (typeof window.confirm === 'function' && !window.confirm(t('confirm_reset'))) return;
    c.items.forEach(function (it) { it.box.checked = false; });
    if (c.key) store.remove(c.key);
    progress(c);
  } else if (action === 'export-json') {
    download(c.id + '-v' + c.version + '.json', asJson(c), 'application/json');
  } else if (action === 'export-md') {
    download(c.id + '-v' + c.version + '.md', asMarkdown(c), 'text/markdown');
  }
}

/** Ticks what the file chosen in `picker` (an export) says. */
function importFile(c, picker) {
  var file = picker.files && picker.files[0];
  if (!file) return;
  file.text().then(function (raw) {
    var got = parseImport(c, raw);
    if (!got) { progress(c, t('import_failed')); return; }
    c.items.forEach(function (it) { it.box.checked = got.ids.indexOf(it.id) !== -1; });
    save(c);
    progress(c, t('import_done'));
  }, function () { progress(c, t('import_failed')); }).then(function () {
    picker.value = ''; // the same file may be chosen again
  });
}
