// The browser editor of `vpagen serve`: a form for one content file, built from what
// GET /__vpagen/edit/form describes, checked as the author types and saved as a list
// of changes, so that the file keeps its layout and a one-field edit is a one-line
// change. `?new=<kind>` asks for the id of a new item instead.
import { ChangeList } from './logic.js';
import { KINDS, KIND_ORDER, LANGUAGE_NAMES, uiLanguage, words } from './i18n.js';
import { el, pathKey } from './dom.js';
import { renderField, markdown, wordsOf } from './fields.js';

const API = '/__vpagen/edit/';
const HERE = '/__vpagen/editor/';
const CHECK_DELAY = 400;

/** Keys most authors never change: shown in a collapsed group after the text. */
const MORE = new Set(['type', 'draft', 'order', 'tags', 'owner', 'updated', 'review_by', 'extra', 'slug']);

/** The fields' labels and hints (labels.json); without them the form shows the keys. */
const labelsLoaded = fetch(`${HERE}labels.json`, { credentials: 'same-origin' })
  .then((r) => (r.ok ? r.json() : {}))
  .catch(() => ({}));

const lang = uiLanguage();
const T = words(lang);
document.documentElement.lang = lang;
applyTheme();

const main = document.getElementById('ed-main');
const status = document.getElementById('ed-status');
const token = readToken();
const home = document.getElementById('ed-home');
if (home) home.textContent = T.toSite;

function applyTheme() {
  try {
    const t = localStorage.getItem('vpagen:theme');
    if (t === 'dark' || t === 'light') document.documentElement.setAttribute('data-theme', t);
  } catch { /* no storage: the browser's scheme */ }
}

function readToken() {
  const tag = document.getElementById('vpagen-edit-token');
  if (!tag) return null;
  try { return JSON.parse(tag.textContent); } catch { return null; }
}

/** Calls an edit endpoint; the answer's status, JSON (when it is JSON) and text. */
async function api(name, body, query = '') {
  const headers = { 'X-Vpagen-Token': token };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${API}${name}${query}`, {
    method: body === undefined ? 'GET' : 'POST', headers, credentials: 'same-origin', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  return { status: res.status, json, text };
}

function say(text) {
  status.textContent = '';
  status.textContent = text;
}

function fail(message, detail) {
  main.replaceChildren(el('h1', { text: T.editorTitle }),
    el('div', { class: 'alert', role: 'alert' }, el('p', { text: message }), detail ? el('pre', { text: detail }) : null),
    el('p', {}, el('a', { href: '/', text: T.toSite })));
}

const editorUrl = (q) => `${HERE}?${new URLSearchParams({ ...q, ui: lang })}`;

/** One open form: the server's description, the changes and the fields' places. */
class Editor {
  constructor(form, labels) {
    this.form = form;
    this.labels = labels;
    this.T = T;
    this.lang = lang;
    this.translation = form.translation === true;
    this.changes = new ChangeList(form.values, form.body);
    this.revision = form.revision;
    this.fields = new Map();
    this.local = new Map();
    this.diagnostics = [];
    this.checkSeq = 0;
    this.checkTimer = null;
    this.checking = null;
    this.saving = false;
  }

  register(path, entry) { this.fields.set(pathKey(path), entry); }

  /** Forgets the fields under `path` (and `path` itself unless `below`). */
  unregister(path, below) {
    const k = pathKey(path);
    for (const key of [...this.fields.keys()]) {
      if (key.startsWith(`${k}.`) || (!below && key === k)) this.fields.delete(key);
    }
    for (const key of [...this.local.keys()]) if (key.startsWith(`${k}.`)) this.local.delete(key);
  }

  localError(path, message) {
    const k = pathKey(path);
    if (message) this.local.set(k, message); else this.local.delete(k);
  }

  /** Called after every edit: updates the save bar and plans a check. */
  edited() {
    this.updateActions();
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => this.check(), CHECK_DELAY);
  }

  get blocked() {
    return this.local.size > 0 || this.diagnostics.some((d) => d.severity === 'error' && d.new);
  }

  updateActions() {
    const n = this.changes.changes().length;
    const save = document.getElementById('ed-save');
    const note = document.getElementById('ed-changes');
    if (!save) return;
    save.disabled = this.saving || n === 0 || this.blocked;
    note.textContent = this.blocked ? T.saveBlocked : n === 0 ? T.noChanges : T.changesCount(n);
    note.classList.toggle('blocked', this.blocked);
  }

  body() {
    return { path: this.form.path, revision: this.revision, changes: this.changes.changes() };
  }

  async check() {
    clearTimeout(this.checkTimer);
    this.checkTimer = null;
    const seq = ++this.checkSeq;
    const run = (async () => {
      let r;
      try { r = await api('check', this.body()); } catch (e) { r = { status: 0, text: String(e) }; }
      if (seq !== this.checkSeq) return;
      if (r.status === 200 && r.json) {
        this.diagnostics = r.json.diagnostics ?? [];
        this.show(r.json.stale);
        say(r.json.errors || r.json.warnings ? T.checkResult(r.json.errors ?? 0, r.json.warnings ?? 0) : T.checkOk);
      } else {
        this.diagnostics = [];
        this.show(false, `${T.checkFailed} ${r.text.trim()}`);
        say(`${T.checkFailed} ${r.text.trim()}`);
      }
      this.updateActions();
    })();
    this.checking = run;
    return run;
  }

  /** Puts each diagnostic at its field, the others into the summary. */
  show(stale, problem) {
    for (const f of this.fields.values()) {
      f.err.replaceChildren();
      f.wrap.classList.remove('invalid');
      for (const c of f.controls) c.removeAttribute('aria-invalid');
    }
    const place = (key, node, isError) => {
      let k = key;
      while (k !== null) {
        const f = this.fields.get(k);
        if (f) {
          f.err.append(node);
          const group = f.wrap.closest('details');
          if (group) group.open = true;
          if (isError) {
            f.wrap.classList.add('invalid');
            for (const c of f.controls) c.setAttribute('aria-invalid', 'true');
          }
          return true;
        }
        k = k.includes('.') ? k.slice(0, k.lastIndexOf('.')) : null;
      }
      return false;
    };
    const rest = [];
    for (const d of this.diagnostics) {
      if (!d.here && !d.new) continue;
      const at = d.here && Array.isArray(d.field) ? pathKey(d.field) : null;
      if (at === null || !place(at, message(d, false), d.severity === 'error')) rest.push(d);
    }
    for (const [k, text] of this.local) {
      if (this.fields.get(k)?.err.childElementCount) continue;
      place(k, el('div', { class: 'msg msg-error' }, el('p', {}, el('strong', { text: `${T.error}: ` }), text)), true);
    }
    const summary = document.getElementById('ed-summary');
    const list = summary.querySelector('ul');
    list.replaceChildren(...rest.map((d) => el('li', {}, message(d, true))));
    const notes = summary.querySelector('.notes');
    notes.replaceChildren(...[stale ? el('p', { class: 'msg msg-warning', text: T.stale }) : null, problem ? el('p', { class: 'msg msg-error', text: problem }) : null].filter(Boolean));
    summary.hidden = rest.length === 0 && !stale && !problem;
  }
}

/** One diagnostic as text: severity, message, place, help, and its full text on demand. */
function message(d, withPlace) {
  const error = d.severity === 'error';
  const where = withPlace && d.file ? ` (${T.inFile} ${d.file}${d.line ? `:${d.line}` : ''})` : '';
  return el('div', { class: `msg ${error ? 'msg-error' : 'msg-warning'}` },
    el('p', {}, el('strong', { text: `${error ? T.error : T.warning}: ` }), d.message, where),
    d.help ? el('p', { class: 'msg-help' }, el('strong', { text: `${T.help}: ` }), d.help) : null,
    d.text ? el('details', {}, el('summary', { text: T.details }), el('pre', { text: d.text })) : null);
}

/**
 * For an original: one button per site language it has no translation in yet, which
 * creates the translation (every text copied and marked to translate) and opens it.
 */
function translateButtons(ed) {
  const { form } = ed;
  if (form.translation) return null;
  const have = new Set([form.lang, ...(form.translations ?? []).map((t) => t.lang)]);
  const missing = (form.languages ?? []).filter((l) => !have.has(l));
  if (!missing.length) return null;
  const status = el('p', { class: 'meta', role: 'status' });
  const add = async (code, button) => {
    button.disabled = true;
    let r;
    try { r = await api('new', { kind: form.kind, id: form.id, lang: code }); } catch (e) { r = { status: 0, text: String(e) }; }
    if (r.status === 201 && r.json?.path) { location.assign(editorUrl({ path: r.json.path })); return; }
    button.disabled = false;
    status.textContent = `${T.translateFailed}: ${(r.text ?? '').trim()}`;
  };
  return el('div', { class: 'translate' },
    missing.map((code) => {
      const name = LANGUAGE_NAMES[lang]?.[code] ?? code;
      const button = el('button', { type: 'button', class: 'small', 'data-translate': code }, `${T.addTranslation}: ${name}`);
      button.addEventListener('click', () => add(code, button));
      return button;
    }),
    status);
}

async function open(path) {
  main.replaceChildren(el('p', { text: T.loading }));
  let r;
  try { r = await api('form', undefined, `?${new URLSearchParams({ path })}`); } catch (e) { r = { status: 0, text: String(e) }; }
  if (r.status !== 200 || !r.json) { fail(T.loadFailed, r.text.trim()); return; }
  render(new Editor(r.json, await labelsLoaded));
}

function render(ed) {
  const { form } = ed;
  const title = form.values?.title || form.id || form.path;
  document.title = `${T.editorTitle}: ${title}`;
  const kindName = KINDS[lang][form.kind] ?? form.kind;
  const links = [];
  if (form.url) links.push(el('a', { href: form.url, text: T.viewPage }));
  const others = [];
  if (form.original) others.push({ lang: form.languages?.[0] ?? '', path: form.original.path });
  for (const t of form.translations ?? []) others.push(t);
  const head = el('div', { class: 'doc-head' },
    el('p', { class: 'kicker' }, kindName, form.lang ? ` · ${T.language}: ${form.lang}` : ''),
    el('h1', { id: 'ed-h1', text: title }),
    el('p', { class: 'meta' }, `${T.file}: `, el('code', { text: form.path })),
    form.original ? el('p', { class: 'meta' }, `${T.translationOf} `, el('a', { href: editorUrl({ path: form.original.path }) }, el('code', { text: form.original.path }))) : null,
    others.length && !form.original ? el('p', { class: 'meta' }, `${T.otherLanguages}: `, ...others.flatMap((o, i) => [i ? ', ' : '', el('a', { href: editorUrl({ path: o.path }), hreflang: o.lang, text: o.lang })])) : null,
    links.length ? el('p', { class: 'meta' }, links) : null,
    translateButtons(ed));

  const summary = el('section', { id: 'ed-summary', class: 'summary', 'aria-labelledby': 'ed-summary-h', hidden: true },
    el('h2', { id: 'ed-summary-h', text: T.problems }), el('div', { class: 'notes' }), el('ul', {}));
  const conflict = el('section', { id: 'ed-conflict', class: 'conflict', 'aria-labelledby': 'ed-conflict-h', hidden: true });
  const formEl = el('form', { id: 'ed-form', novalidate: true, on: { submit: (e) => { e.preventDefault(); } } });
  if (ed.translation) formEl.append(upToDate(ed));
  const more = [];
  for (const f of form.fields ?? []) {
    const node = renderField(ed, f, [f.key], form.values?.[f.key], { value: form.original?.values?.[f.key] });
    if (!node) continue;
    if (MORE.has(f.key) && !f.required) more.push([node, wordsOf(ed, f, [f.key]).label]);
    else formEl.append(node);
  }
  formEl.append(markdown(ed, null, [], form.body, ed.translation ? { value: form.original?.body } : undefined, { open: true, extra: markerNote() }));
  if (more.length) {
    formEl.append(el('details', { class: 'more', id: 'ed-more' },
      el('summary', {}, el('span', { class: 'more-title', text: T.moreSettings }), el('span', { class: 'more-hint', text: more.map(([, l]) => l).join(', ') })),
      el('div', { class: 'more-body' }, more.map(([n]) => n))));
  }
  const actions = el('div', { class: 'actions', role: 'group', 'aria-label': T.save },
    el('p', { id: 'ed-changes', class: 'changes' }),
    el('div', { class: 'buttons' },
      el('a', { href: form.url || '/', class: 'button quiet', text: form.url ? T.cancel : T.toSite }),
      el('button', { type: 'button', id: 'ed-save', class: 'primary', on: { click: () => save(ed) } }, T.save)));
  const danger = el('section', { class: 'danger', 'aria-labelledby': 'ed-del-h' },
    el('h2', { id: 'ed-del-h', text: T.deleteTitle }), el('p', { class: 'hint', text: T.deleteHint }),
    el('button', { type: 'button', id: 'ed-delete', class: 'danger', on: { click: () => remove(ed) } }, T.delete),
    el('div', { id: 'ed-delete-result' }));
  main.replaceChildren(head, summary, conflict, formEl, actions, danger);

  function markerNote() {
    const auds = form.audiences ?? [];
    if (auds.length < 2) return [];
    const id = String(auds[auds.length - 1].id).toUpperCase();
    return [el('div', { class: 'explain' }, el('p', { text: T.markersIntro(id) }), el('pre', { text: T.markersExample(id) }))];
  }

  ed.preview = (text, iframe) => preview(ed, text, iframe);
  ed.updateActions();
  ed.check();
  window.addEventListener('beforeunload', (e) => {
    if (!ed.saving && ed.changes.dirty) { e.preventDefault(); e.returnValue = T.leave; }
  });
}

/** "The translation follows the current original": sets source_hash to the original's. */
function upToDate(ed) {
  const want = ed.form.original?.source_hash;
  const have = ed.form.values?.source_hash;
  const box = el('input', { type: 'checkbox', id: 'f-source_hash', 'data-path': 'source_hash', checked: have !== undefined && have === want, 'aria-describedby': 'f-source_hash-hint' });
  const current = have !== undefined && have === want;
  box.disabled = current || !want;
  box.addEventListener('change', () => {
    if (box.checked) ed.changes.set(['source_hash'], { type: 'string', value: want });
    else if (have === undefined) ed.changes.clear(['source_hash']);
    else ed.changes.set(['source_hash'], { type: 'string', value: have });
    ed.edited();
  });
  const err = el('div', { class: 'field-error' });
  const wrap = el('div', { class: 'field field-check uptodate', 'data-field': 'source_hash' },
    el('div', { class: 'field-head' }, box, el('label', { for: 'f-source_hash', class: 'field-label', text: T.followsOriginal })),
    el('p', { class: 'hint', id: 'f-source_hash-hint', text: current ? T.upToDate : T.followsOriginalHint }), err);
  ed.register(['source_hash'], { wrap, err, controls: [box] });
  return wrap;
}

async function preview(ed, text, iframe) {
  let r;
  try { r = await api('preview', { path: ed.form.path, markdown: text }); } catch (e) { r = { status: 0, text: String(e) }; }
  const doc = (inner) => `<!doctype html><html lang="${ed.form.lang || lang}"><head><meta charset="utf-8"><link rel="stylesheet" href="${HERE}preview.css"></head><body>${inner}</body></html>`;
  if (r.status === 200 && r.json && typeof r.json.html === 'string') iframe.srcdoc = doc(r.json.html);
  else iframe.srcdoc = doc(`<p class="failed">${T.previewFailed}</p>`);
}

/**
 * Listens to serve's live-reload events; `done` settles at the next rebuild (or after
 * `wait` ms), so that the page is opened once it shows the saved change.
 */
function nextRebuild(wait = 4000) {
  let source;
  let timer;
  const ready = new Promise((resolve) => {
    try {
      source = new EventSource('/__vpagen/events');
      source.addEventListener('open', resolve, { once: true });
      source.addEventListener('error', resolve, { once: true });
    } catch { resolve(); }
    setTimeout(resolve, 1500);
  });
  const done = new Promise((resolve) => {
    timer = setTimeout(resolve, wait);
    for (const name of ['reload', 'problems', 'css']) source?.addEventListener(name, resolve, { once: true });
  }).finally(() => { clearTimeout(timer); source?.close(); });
  return { ready, done, close: () => { clearTimeout(timer); source?.close(); } };
}

async function save(ed) {
  if (ed.checkTimer) await ed.check();
  else if (ed.checking) await ed.checking;
  if (ed.blocked) { ed.updateActions(); say(T.saveBlocked); focusFirstProblem(); return; }
  ed.saving = true;
  ed.updateActions();
  say(T.saving);
  const rebuilt = ed.form.url ? nextRebuild() : null;
  if (rebuilt) await rebuilt.ready;
  let r;
  try { r = await api('save', ed.body()); } catch (e) { r = { status: 0, text: String(e) }; }
  if (r.status === 200 && r.json) {
    ed.revision = r.json.revision ?? ed.revision;
    say(T.saved);
    if (ed.form.url) {
      await rebuilt.done;
      window.location.assign(ed.form.url);
      return;
    }
    ed.saving = false;
    await open(ed.form.path);
    say(T.saved);
    return;
  }
  rebuilt?.close();
  ed.saving = false;
  if (r.status === 409 && r.json?.conflict) { conflictView(ed, r.json); return; }
  if (r.status === 422 && r.json?.diagnostics) {
    ed.diagnostics = r.json.diagnostics;
    ed.show(false);
    ed.updateActions();
    say(T.saveBlocked);
    focusFirstProblem();
    return;
  }
  ed.show(false, `${T.failed} ${r.text.trim()}`);
  document.getElementById('ed-summary').hidden = false;
  say(`${T.failed} ${r.text.trim()}`);
  ed.updateActions();
}

function focusFirstProblem() {
  const bad = document.querySelector('[aria-invalid="true"]');
  if (bad) bad.focus();
  else document.getElementById('ed-summary-h')?.focus();
}

/** Both versions side by side, and the choice: reload from disk or keep editing. */
function conflictView(ed, answer) {
  const box = document.getElementById('ed-conflict');
  const formEl = document.getElementById('ed-form');
  const yours = answer.yours ?? JSON.stringify(ed.changes.changes(), null, 2);
  box.replaceChildren(
    el('h2', { id: 'ed-conflict-h', tabindex: '-1', text: T.conflictTitle }),
    el('p', { text: T.conflictIntro }),
    el('div', { class: 'compare' },
      el('figure', { class: 'theirs' }, el('figcaption', { text: T.theirs }), el('pre', { tabindex: '0', 'aria-label': T.theirs, text: answer.theirs ?? '' })),
      el('figure', { class: 'yours' }, el('figcaption', { text: answer.yours ? T.yours : T.yoursChanges }), el('pre', { tabindex: '0', 'aria-label': T.yours, text: yours }))),
    el('div', { class: 'buttons' },
      el('button', { type: 'button', class: 'primary', id: 'ed-reload', on: { click: () => { ed.saving = true; open(ed.form.path); } } }, T.reloadFromDisk),
      el('button', { type: 'button', id: 'ed-keep', on: { click: () => {
        ed.revision = answer.revision ?? ed.revision;
        box.hidden = true;
        formEl.hidden = false;
        document.querySelector('.actions').hidden = false;
        say(T.keepEditingHint);
        ed.check();
      } } }, T.keepEditing)),
    el('p', { class: 'hint', text: T.keepEditingHint }));
  box.hidden = false;
  formEl.hidden = true;
  document.querySelector('.actions').hidden = true;
  say(T.conflictTitle);
  box.querySelector('h2').focus();
}

async function remove(ed) {
  const out = document.getElementById('ed-delete-result');
  if (!window.confirm(T.deleteConfirm(ed.form.path))) return;
  let r;
  try { r = await api('delete', { path: ed.form.path, revision: ed.revision }); } catch (e) { r = { status: 0, text: String(e) }; }
  if (r.status === 200 && r.json) {
    ed.saving = true;
    main.replaceChildren(el('h1', { tabindex: '-1', id: 'ed-h1', text: T.deleteTitle }),
      el('div', { class: 'msg msg-ok', role: 'status' }, el('p', { text: T.deleted }), el('p', {}, el('code', { text: r.json.trash ?? '' }))),
      el('p', {}, el('a', { href: '/', text: T.home })));
    main.querySelector('h1').focus();
    return;
  }
  if (r.status === 409 && Array.isArray(r.json?.referrers)) {
    out.replaceChildren(el('div', { class: 'msg msg-error', role: 'alert' },
      el('p', { text: T.referrers }),
      el('ul', { class: 'referrers' }, r.json.referrers.map((x) => el('li', {},
        el('a', { href: editorUrl({ path: x.path }) }, x.title || x.id || x.path),
        ' ', el('span', { class: 'meta' }, '(', el('code', { text: x.path }), x.key ? `, ${T.referrerKey} ${x.key}` : '', ')'))))));
    return;
  }
  if (r.status === 409 && r.json?.conflict) { conflictView(ed, r.json); return; }
  out.replaceChildren(el('div', { class: 'msg msg-error', role: 'alert' }, el('p', { text: `${T.failed} ${r.text.trim()}` })));
}

/** `?new=<kind>`: asks for the id, creates the file and opens it. */
function newItem(kind) {
  if (!KIND_ORDER.includes(kind)) { fail(T.unknownKind, kind); return; }
  const name = KINDS[lang][kind];
  document.title = T.newTitle(name);
  const err = el('div', { class: 'field-error', id: 'new-id-err', role: 'status' });
  const input = el('input', { id: 'new-id', name: 'id', type: 'text', required: true, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', pattern: '[a-z0-9][a-z0-9\\-]*', 'aria-describedby': 'new-id-hint new-id-err' });
  const form = el('form', { id: 'ed-new', novalidate: true },
    el('div', { class: 'field' },
      el('div', { class: 'field-head' }, el('label', { for: 'new-id', class: 'field-label', text: T.newId }), el('span', { class: 'badge badge-req', text: T.required })),
      el('p', { class: 'hint', id: 'new-id-hint', text: T.newIdHint }), input, err),
    el('div', { class: 'buttons' }, el('a', { href: '/', class: 'button quiet', text: T.toSite }), el('button', { type: 'submit', class: 'primary', text: T.create })));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const id = input.value.trim();
    const bad = (text) => { err.replaceChildren(el('p', { class: 'msg msg-error', text })); input.setAttribute('aria-invalid', 'true'); input.focus(); };
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) { bad(T.badId); return; }
    let r;
    try { r = await api('new', { kind, id }); } catch (x) { r = { status: 0, text: String(x) }; }
    if ((r.status === 201 || r.status === 200) && r.json?.path) { window.location.assign(editorUrl({ path: r.json.path })); return; }
    bad(r.text.trim() || `HTTP ${r.status}`);
  });
  main.replaceChildren(el('div', { class: 'doc-head' }, el('p', { class: 'kicker', text: T.new }), el('h1', { text: T.newTitle(name) })), form);
  input.focus();
}

const params = new URLSearchParams(window.location.search);
if (!token) fail(T.noToken);
else if (params.get('new')) newItem(params.get('new'));
else if (params.get('path')) open(params.get('path'));
else fail(T.noPath);

