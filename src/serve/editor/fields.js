// The form's fields, one renderer per input kind of the form endpoint. Each renderer
// reports edits to the editor (`ed`) and registers its controls under the field's
// path, so that the check's diagnostics can be shown where they belong.
import { el, uid, pathKey } from './dom.js';
import { parseDecimal, parseInteger, decimalsOf, fieldWords, optionTexts } from './logic.js';

/** Whether a field has something to show in a translation. */
export function translatable(f) {
  return f.translatable === true || (f.fields ?? []).some(translatable);
}

/** A value as it is shown beside a translated field. */
function shown(v, T) {
  if (v === undefined || v === null || v === '') return T.emptyOriginal;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join('\n');
  if (typeof v === 'object') return JSON.stringify(v, null, 2);
  return String(v);
}

/** A decimal as the interface language writes it. */
function localDecimal(v, lang) {
  if (v === undefined || v === null) return '';
  return lang === 'de' ? String(v).replace('.', ',') : String(v);
}

/** The words of a field in the interface language: label, hint, condition, default. */
export const wordsOf = (ed, f, path) => fieldWords(ed.labels, ed.form.kind, path, f, ed.lang);

/** The key as the file writes it, small, after a field's label. */
const keyTag = (w, f) => (w.labelled ? el('code', { class: 'key', text: f.key }) : null);

/** The badges of a field: required, needed when, what applies without it. */
function badges(ed, f, w) {
  const { T } = ed;
  const notes = [];
  if (f.required) notes.push(el('span', { class: 'badge badge-req', text: T.required }));
  if (w.condition) notes.push(el('span', { class: 'badge badge-when', text: w.when ?? `${T.when}: ${w.condition}` }));
  const plainBool = f.input === 'bool' && (f.default === 'true' || f.default === 'false');
  if (w.default !== null && !plainBool) notes.push(el('span', { class: 'badge', text: `${T.defaultIs}: ${w.default}` }));
  return notes.length ? el('span', { class: 'badges' }, notes) : null;
}

/** The legend of a fieldset field: label, key and badges, and its hint. */
function legendOf(ed, f, path, hintId) {
  const w = wordsOf(ed, f, path);
  return [el('legend', {}, el('span', { class: 'label-text', text: w.label }), w.labelled ? el('code', { class: 'key', 'aria-hidden': 'true', text: f.key }) : null, badges(ed, f, w)),
    w.hint ? el('p', { class: 'hint', id: hintId, text: w.hint }) : null];
}

/**
 * The frame of one field: label, hints, the control, the original's value and the
 * place for messages. Returns the wrapper and the ids that describe the control.
 */
function frame(ed, f, path, control, { orig, labelFor = true, extra = [] } = {}) {
  const { T } = ed;
  const id = control.id;
  const hintId = uid('hint');
  const errId = uid('err');
  const w = wordsOf(ed, f, path);
  const label = labelFor
    ? el('label', { for: id, class: 'field-label' }, w.label)
    : el('span', { class: 'field-label', id: `${id}-label` }, w.label);
  const hint = w.hint ? el('p', { class: 'hint', id: hintId, text: w.hint }) : null;
  const err = el('div', { class: 'field-error', id: errId });
  const describedBy = [hint ? hintId : null, errId].filter(Boolean).join(' ');
  control.setAttribute('aria-describedby', describedBy);
  if (f.required) control.setAttribute('aria-required', 'true');
  const long = f.input === 'markdown';
  const original = orig === undefined ? null : el('div', { class: long ? 'original original-long' : 'original', tabindex: long ? '0' : null },
    el('span', { class: 'original-label', text: `${T.originalValue}: ` }),
    el('span', { class: 'original-value', text: shown(orig.value, T) }));
  const wrap = el('div', { class: `field field-${f.input}`, 'data-field': pathKey(path) },
    el('div', { class: 'field-head' }, label, keyTag(w, f), badges(ed, f, w)),
    hint, ...extra, control.wrapper ?? control, original, err);
  ed.register(path, { wrap, err, controls: [control] });
  return wrap;
}

/** A text-like input and how it reads back into a change. */
function scalar(ed, f, path, value, orig) {
  const { T, lang } = ed;
  const id = `f-${pathKey(path).replace(/[^\w-]/g, '_')}`;
  const common = { id, name: pathKey(path), 'data-path': pathKey(path) };
  let control;
  let read;
  switch (f.input) {
    case 'textarea':
      control = el('textarea', { ...common, rows: rowsFor(value, 3), value: value ?? '' });
      read = () => text(control.value);
      break;
    case 'integer':
      control = el('input', { ...common, type: 'number', step: '1', inputmode: 'numeric', value: value ?? '' });
      read = () => {
        if (control.value.trim() === '') return control.validity.badInput ? bad(T.notInteger) : { empty: true };
        const n = parseInteger(control.value);
        return n === null ? bad(T.notInteger) : { value: { type: 'integer', value: n } };
      };
      break;
    case 'money':
    case 'decimal': {
      control = el('input', { ...common, type: 'text', inputmode: 'decimal', autocomplete: 'off', value: localDecimal(value, lang) });
      const min = decimalsOf(value ?? f.default ?? '');
      read = () => {
        if (control.value.trim() === '') return { empty: true };
        const d = parseDecimal(control.value, f.input === 'money' ? Math.max(min, 2) : min);
        if (d === null) {
          return { ...bad(f.input === 'money' ? T.notAmount : T.notDecimal), value: { type: 'string', value: control.value.trim() } };
        }
        return { value: { type: 'string', value: d } };
      };
      break;
    }
    case 'date':
      control = el('input', { ...common, type: 'date', value: value ?? '' });
      read = () => (control.value ? { value: { type: 'date', value: control.value } } : { empty: true });
      break;
    case 'select': {
      const auds = f.key === 'visible_to' ? ed.form.audiences ?? [] : [];
      const opts = (f.options ?? []).map((o) => ({ ...o, label: o.label || auds.find((a) => a.id === o.value)?.label || '' }));
      if (value !== undefined && value !== null && !opts.some((o) => o.value === value)) opts.push({ value: String(value), label: '' });
      control = el('select', common,
        f.required && value !== undefined ? null : el('option', { value: '', text: T.noChoice }),
        optionTexts(ed.labels, ed.form.kind, path, opts, lang).map((o) => el('option', { value: o.value, text: o.text })));
      control.value = value ?? '';
      read = () => (control.value === '' ? { empty: true } : { value: { type: 'string', value: control.value } });
      break;
    }
    case 'ref': {
      const list = datalist(ed, f);
      control = el('input', { ...common, type: 'text', list: list.id, autocomplete: 'off', value: refText(f, value) });
      control.wrapper = el('div', { class: 'ref' }, control, list);
      read = () => {
        const id2 = refId(f, control.value);
        return id2 === '' ? { empty: true } : { value: { type: 'string', value: id2 } };
      };
      break;
    }
    default:
      control = el('input', { ...common, type: 'text', value: value ?? '' });
      read = () => text(control.value);
  }
  const fallback = f.input === 'bool' ? undefined : undefined;
  const update = () => {
    const r = read();
    ed.localError(path, r.error ?? null);
    if (r.empty) ed.changes.clear(path);
    else if (r.value) ed.changes.set(path, r.value, fallback);
    ed.edited();
  };
  control.addEventListener(f.input === 'select' ? 'change' : 'input', update);
  if (f.input === 'date') control.addEventListener('change', update);
  const wrap = frame(ed, f, path, control, { orig });
  if (f.key === 'visible_to' && ed.form.audiences?.length) wrap.append(audienceNote(ed));
  return wrap;
}

const bad = (error) => ({ error });
const text = (v) => (v === '' ? { empty: true } : { value: { type: 'string', value: v } });
const rowsFor = (v, min) => Math.min(18, Math.max(min, String(v ?? '').split('\n').length + 1, Math.ceil(String(v ?? '').length / 70) + 1));

function datalist(ed, f) {
  const id = uid('opts');
  return el('datalist', { id }, (f.options ?? []).map((o) => el('option', { value: o.label ? `${o.label} (${o.value})` : o.value })));
}

function refText(f, v) {
  if (v === undefined || v === null || v === '') return '';
  const o = (f.options ?? []).find((x) => x.value === v);
  return o?.label ? `${o.label} (${o.value})` : String(v);
}

/** The id in what a reference box holds: "Title (id)", or the text itself. */
export function refId(f, typed) {
  const s = typed.trim();
  const m = /\(([^()]+)\)$/.exec(s);
  if (m && (f.options ?? []).some((o) => o.value === m[1])) return m[1];
  const byLabel = (f.options ?? []).find((o) => o.label && o.label === s);
  return byLabel ? byLabel.value : s;
}

/** What `visible_to` means, with the audiences widest first. */
function audienceNote(ed) {
  const { T } = ed;
  const auds = [...ed.form.audiences].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  return el('div', { class: 'explain' },
    el('p', { text: T.visibleIntro }),
    el('p', { text: T.audiencesWidest }),
    el('ol', {}, auds.map((a) => el('li', {}, el('strong', { text: a.label || a.id }), ` (${a.id})`))));
}

function checkbox(ed, f, path, value, orig) {
  const id = `f-${pathKey(path).replace(/[^\w-]/g, '_')}`;
  const fallback = f.default === 'true' ? true : f.default === 'false' ? false : undefined;
  const control = el('input', { id, type: 'checkbox', name: pathKey(path), 'data-path': pathKey(path), checked: value ?? fallback ?? false });
  control.addEventListener('change', () => {
    ed.changes.set(path, { type: 'bool', value: control.checked }, fallback ?? false);
    ed.edited();
  });
  const wrap = frame(ed, f, path, control, { orig });
  wrap.classList.add('field-check');
  wrap.querySelector('.field-head').prepend(control);
  return wrap;
}

function readOnly(ed, f, path, value) {
  const id = uid('ro');
  const control = el('pre', { id, class: 'readonly', tabindex: '0', text: value === undefined ? '' : JSON.stringify(value, null, 2) });
  return frame(ed, f, path, control, { labelFor: false, extra: [el('p', { class: 'note' }, `${ed.T.readOnly} `, el('code', { text: ed.form.path }))] });
}

/** A Markdown field: a text area with a preview on demand (the body: shown at once). */
export function markdown(ed, f, path, value, orig, { open = false, extra = [] } = {}) {
  const { T } = ed;
  const id = path.length ? `f-${pathKey(path).replace(/[^\w-]/g, '_')}` : 'f-body';
  const control = el('textarea', { id, name: path.length ? pathKey(path) : 'body', 'data-path': path.length ? pathKey(path) : '(body)', class: 'markdown', rows: path.length ? rowsFor(value, 3) : 16, value: value ?? '', spellcheck: 'true' });
  const frameId = uid('preview');
  const iframe = el('iframe', { id: frameId, sandbox: 'allow-same-origin', title: T.previewTitle(path.length ? wordsOf(ed, f, path).label : T.body), class: 'preview' });
  const box = el('div', { class: 'preview-box', hidden: !open }, el('p', { class: 'preview-label', 'aria-hidden': 'true', text: T.preview }), iframe);
  const toggle = el('button', { type: 'button', class: 'quiet', 'aria-expanded': String(open), 'aria-controls': frameId, text: open ? T.hidePreview : T.showPreview });
  let timer;
  const refresh = () => { if (!box.hidden) ed.preview(control.value, iframe); };
  toggle.addEventListener('click', () => {
    box.hidden = !box.hidden;
    toggle.setAttribute('aria-expanded', String(!box.hidden));
    toggle.textContent = box.hidden ? T.showPreview : T.hidePreview;
    refresh();
  });
  control.addEventListener('input', () => {
    if (path.length) {
      if (control.value === '') ed.changes.clear(path);
      else ed.changes.set(path, { type: 'string', value: control.value });
    } else {
      ed.changes.body(control.value);
    }
    ed.edited();
    clearTimeout(timer);
    timer = setTimeout(refresh, 500);
  });
  control.wrapper = el('div', { class: 'md' }, control, el('div', { class: 'md-tools' }, toggle), box);
  const wrap = frame(ed, path.length ? f : { key: T.body, description: T.bodyHint, input: 'markdown' }, path.length ? path : ['(body)'], control, { orig, extra });
  if (open) queueMicrotask(refresh);
  return wrap;
}

/** Buttons that move or remove entry `i` of `n`, named with the entry for screen readers. */
function entryButtons(ed, name, i, n, act) {
  const { T } = ed;
  const b = (cls, label, what, disabled) => el('button', { type: 'button', class: `small ${cls}`, disabled, 'data-act': what, 'aria-label': `${label}: ${name}`, on: { click: () => act(what, i) } }, label);
  return el('div', { class: 'entry-tools' },
    b('up', T.up, 'up', i === 0), b('down', T.down, 'down', i === n - 1), b('danger', T.remove, 'remove', false));
}

/** A list of strings or references: one box per entry, sent as a whole list. */
function stringList(ed, f, path, value, orig) {
  const { T } = ed;
  const items = Array.isArray(value) ? value.map(String) : [];
  const legendId = uid('legend');
  const hintId = uid('hint');
  const errId = uid('err');
  const fs = el('fieldset', { class: `field field-${f.input} list`, 'data-field': pathKey(path), 'aria-describedby': `${wordsOf(ed, f, path).hint ? hintId : ''} ${errId}`.trim() });
  const list = el('ol', { class: 'items' });
  const err = el('div', { class: 'field-error', id: errId });
  const isRef = f.input === 'refs';
  const opts = isRef ? datalist(ed, f) : null;
  const send = () => {
    const clean = items.map((s) => (isRef ? refId(f, s) : s.trim())).filter((s) => s !== '');
    if (clean.length === 0 && !f.required) ed.changes.clear(path);
    else ed.changes.set(path, { type: 'string_list', value: clean });
    ed.edited();
  };
  const draw = (focus) => {
    list.replaceChildren();
    ed.unregister(path, true);
    items.forEach((v, i) => {
      const id = `f-${pathKey(path).replace(/[^\w-]/g, '_')}-${i}`;
      const input = el('input', { id, type: 'text', 'data-path': pathKey([...path, i]), value: isRef ? refText(f, v) : v, list: opts?.id, autocomplete: isRef ? 'off' : null });
      input.addEventListener('input', () => { items[i] = input.value; send(); });
      const name = `${wordsOf(ed, f, path).label} ${i + 1}`;
      const li = el('li', {}, el('label', { for: id, class: 'vh', text: name }), input,
        ed.translation ? null : entryButtons(ed, name, i, items.length, (what, at) => {
          if (what === 'remove') items.splice(at, 1);
          else { const to = what === 'up' ? at - 1 : at + 1; [items[at], items[to]] = [items[to], items[at]]; }
          send();
          draw(what === 'remove' ? null : [what, what === 'up' ? at - 1 : at + 1]);
        }));
      list.append(li);
      ed.register([...path, i], { wrap: li, err, controls: [input] });
      if (focus && focus[1] === i) li.querySelector(`[data-act="${focus[0]}"]`)?.focus();
    });
    if (focus === 'last') list.lastElementChild?.querySelector('input')?.focus();
    if (focus === null) add.focus();
  };
  const add = el('button', { type: 'button', class: 'small', 'aria-label': `${T.addItem}: ${wordsOf(ed, f, path).label}`, on: { click: () => { items.push(''); draw('last'); } } }, T.addItem);
  const [legend, hint] = legendOf(ed, f, path, hintId);
  legend.id = legendId;
  fs.append(...[legend, hint,
    list, ed.translation ? null : add, opts,
    orig === undefined ? null : el('div', { class: 'original' }, el('span', { class: 'original-label', text: `${T.originalValue}: ` }), el('span', { class: 'original-value', text: shown(orig.value, T) })),
    err].filter(Boolean));
  draw();
  ed.register(path, { wrap: fs, err, controls: [] });
  return fs;
}

/** One table: a fieldset of its fields. */
function table(ed, f, path, value, orig) {
  const { T } = ed;
  const hintId = uid('hint');
  const fs = el('fieldset', { class: 'field table', 'data-field': pathKey(path), 'aria-describedby': wordsOf(ed, f, path).hint ? hintId : null },
    legendOf(ed, f, path, hintId));
  const missing = value === undefined || value === null || typeof value !== 'object';
  if (missing) {
    fs.append(el('p', { class: 'note' }, `${T.missingTable} `, el('code', { text: ed.form.path })));
  } else {
    for (const sub of f.fields ?? []) {
      const node = renderField(ed, sub, [...path, sub.key], value[sub.key], orig === undefined ? undefined : { value: orig.value?.[sub.key] });
      if (node) fs.append(node);
    }
  }
  const err = el('div', { class: 'field-error' });
  fs.append(err);
  ed.register(path, { wrap: fs, err, controls: [] });
  return fs;
}

/** A short name for an entry: its title, label or id, else the start of its text. */
function entryName(v) {
  if (!v || typeof v !== 'object') return '';
  const s = v.title ?? v.label ?? v.name ?? v.id ?? v.text ?? '';
  const t = String(s).replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `${t.slice(0, 57)} …` : t;
}

/** An array of tables: one fieldset per entry, with add, remove and move. */
function entries(ed, f, path, value, orig) {
  const { T } = ed;
  const hintId = uid('hint');
  const w = wordsOf(ed, f, path);
  const outer = el('fieldset', { class: 'field entries', 'data-field': pathKey(path), 'aria-describedby': w.hint ? hintId : null });
  const list = el('div', { class: 'entry-list' });
  const err = el('div', { class: 'field-error' });
  const draw = (focus) => {
    ed.unregister(path, true);
    list.replaceChildren();
    const arr = ed.changes.current && Array.isArray(valueAt(ed.changes.current, path)) ? valueAt(ed.changes.current, path) : [];
    arr.forEach((entry, i) => {
      const name = `${w.label} ${i + 1}`;
      const short = entryName(entry);
      const fs = el('fieldset', { class: 'entry', 'data-entry': pathKey([...path, i]) },
        el('legend', {}, el('span', { class: 'entry-no', text: `${T.entry} ${T.entryOf(i + 1, arr.length)}` }), short ? el('span', { class: 'entry-name', text: ` · ${short}` }) : null));
      for (const sub of f.fields ?? []) {
        const o = orig === undefined ? undefined : { value: orig.value?.[i]?.[sub.key] };
        const node = renderField(ed, sub, [...path, i, sub.key], entry?.[sub.key], o);
        if (node) fs.append(node);
      }
      if (!ed.translation) {
        fs.append(entryButtons(ed, `${name}${short ? ` (${short})` : ''}`, i, arr.length, (what, at) => {
          if (what === 'remove') ed.changes.removeEntry(path, at);
          else ed.changes.move(path, at, what === 'up' ? at - 1 : at + 1);
          ed.edited();
          draw(what === 'remove' ? ['add'] : [what, what === 'up' ? at - 1 : at + 1]);
        }));
      }
      list.append(fs);
    });
    if (!focus) return;
    if (focus[0] === 'add') add.focus();
    else if (focus[0] === 'new') list.lastElementChild?.querySelector('input, textarea, select')?.focus();
    else list.children[focus[1]]?.querySelector(`[data-act="${focus[0]}"]:not([disabled])`)?.focus()
      ?? list.children[focus[1]]?.querySelector('[data-act="remove"]')?.focus();
  };
  const add = el('button', { type: 'button', class: 'small', 'aria-label': `${T.addEntry}: ${w.label}`, on: { click: () => { ed.changes.append(path); ed.edited(); draw(['new']); } } }, T.addEntry);
  outer.append(...[...legendOf(ed, f, path, hintId),
    list, ed.translation ? null : add, err].filter(Boolean));
  draw();
  ed.register(path, { wrap: outer, err, controls: [] });
  return outer;
}

function valueAt(root, path) {
  let v = root;
  for (const s of path) { if (v === null || typeof v !== 'object') return undefined; v = v[s]; }
  return v;
}

/** The element of one field, or null when it is not shown. */
export function renderField(ed, f, path, value, orig) {
  if (ed.translation && !translatable(f)) return null;
  if (f.key === 'source_hash' && path.length === 1) return null;
  const o = ed.translation ? orig : undefined;
  switch (f.input) {
    case 'bool': return checkbox(ed, f, path, value, o);
    case 'markdown': return markdown(ed, f, path, value, o);
    case 'strings':
    case 'refs': return stringList(ed, f, path, value, o);
    case 'table': return table(ed, f, path, value, o);
    case 'entries': return entries(ed, f, path, value, o);
    case 'other': return readOnly(ed, f, path, value);
    default: return scalar(ed, f, path, value, o);
  }
}
