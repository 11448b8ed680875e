/* checklist.js: checklists to tick off, kept in localStorage (README "Checklists"). */
import { t } from './util.js';
import { $$, download, reveal, store } from './dom.js';

export function initChecklist(list) {
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
