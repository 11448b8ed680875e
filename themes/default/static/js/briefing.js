/* briefing.js: briefing forms that make a brief to send (README "Briefing forms"). */
import { lang, t } from './util.js';
import { $$, download, reveal, store } from './dom.js';
import { date } from './locale.js';

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

export function initBriefing(form) {
  var actions = form.querySelector('[data-briefing-actions]');
  // The form's context: what the functions below read and fill.
  var b = {
    form: form,
    id: form.getAttribute('data-briefing'),
    key: form.getAttribute('data-storage-key'),
    title: form.getAttribute('data-title') || document.title,
    errors: form.querySelector('[data-briefing-errors]'),
    output: form.querySelector('[data-briefing-output]'),
    actions: actions,
    preview: form.querySelector('[data-briefing-preview]'),
    fields: fieldsOf(form)
  };

  // Our own error list replaces the browser's bubbles, which vanish.
  form.noValidate = true;
  b.status = statusRegion(form, actions);

  // Restore the draft before listening, so restoring saves nothing.
  var draft = b.key && store.get(b.key);
  if (draft && draft.values) {
    b.fields.forEach(function (f) { if (f.id in draft.values) setValue(f, draft.values[f.id]); });
  }
  b.fields.forEach(checkPassword);

  function onEdit(e) {
    var f = b.fields.filter(function (x) { return x.control === e.target; })[0];
    if (!f) return;
    if (f.control.getAttribute('aria-invalid') === 'true' && !isEmpty(f)) markMissing(f, false);
    checkPassword(f);
    saveDraft(b);
  }
  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);
  form.addEventListener('submit', function (e) { e.preventDefault(); generate(b); });
  form.addEventListener('click', function (e) { onAction(b, e); });

  reveal(actions);
}

/** The form's fields with a control: [{el, id, kind, label, control, section, required}]. */
function fieldsOf(form) {
  return $$(form, '[data-field]').map(function (el) {
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
}

/**
 * Status messages (copied, cleared) need a polite live region; the contract has only
 * the alert for errors, so add one beside the buttons.
 */
function statusRegion(form, actions) {
  var status = form.querySelector('[data-briefing-status]');
  if (!status && actions) {
    status = document.createElement('p');
    status.setAttribute('data-briefing-status', '');
    status.setAttribute('role', 'status');
    status.className = 'briefing-status';
    actions.parentNode.insertBefore(status, actions.nextSibling);
  }
  return status;
}

function announce(b, msg) { if (b.status) b.status.textContent = msg; }

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

function saveDraft(b) {
  if (!b.key) return;
  var values = {};
  b.fields.forEach(function (f) { values[f.id] = value(f); });
  store.set(b.key, { values: values });
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
function entries(fields) {
  return fields.filter(function (f) { return f.kind === 'checkbox' || !isEmpty(f); }).map(function (f) {
    var v = value(f);
    var text;
    if (typeof v === 'boolean') text = v ? t('yes') : t('no');
    else if (Array.isArray(v)) text = v.join(', ');
    else if (f.kind === 'access-ref' && looksLikePassword(v)) text = t('password_removed');
    else if (f.control.type === 'datetime-local' || f.control.type === 'date') text = date(v, lang());
    else text = v.trim();
    return { section: f.section, label: f.label, text: text };
  });
}

function markdown(title, list) {
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
function showPreview(b, list) {
  var preview = b.preview;
  if (!preview) return;
  preview.textContent = '';
  var h = document.createElement('h2');
  h.textContent = b.title;
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
function validate(b) {
  var missing = b.fields.filter(function (f) { return f.required && isEmpty(f); });
  b.fields.forEach(function (f) { markMissing(f, missing.indexOf(f) !== -1); });
  if (b.errors) {
    b.errors.textContent = missing.length
      ? t('briefing_missing', { fields: missing.map(function (f) { return f.label; }).join(', ') })
      : '';
    b.errors.hidden = !missing.length;
  }
  if (missing.length) missing[0].control.focus();
  return !missing.length;
}

/** The brief as Markdown, shown in the output and the preview; null when fields are missing. */
function generate(b) {
  if (!validate(b)) {
    if (b.preview) b.preview.hidden = true;
    return null;
  }
  var list = entries(b.fields);
  var md = markdown(b.title, list);
  var output = b.output;
  if (output) {
    output.value = md;
    output.hidden = false;
    if (output.closest('details')) output.closest('details').hidden = false;
  }
  showPreview(b, list);
  announce(b, t('briefing_ready'));
  return md;
}

function copy(b, md) {
  // Without the clipboard API (or permission), select the text so that
  // Ctrl+C is all that is left to do.
  var fallback = function () {
    var output = b.output;
    if (!output) return;
    output.hidden = false;
    output.focus();
    output.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    if (ok) announce(b, t('copied'));
  };
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(md).then(function () { announce(b, t('copied')); }, fallback);
  } else {
    fallback();
  }
}

/** A click on one of the form's `[data-action]` buttons or links. */
function onAction(b, e) {
  var form = b.form;
  var el = e.target.closest('[data-action]');
  if (!el || !form.contains(el)) return;
  var action = el.getAttribute('data-action');
  if (action === 'markdown') {
    if (generate(b) && b.preview) { b.preview.setAttribute('tabindex', '-1'); b.preview.focus(); }
  } else if (action === 'copy') {
    var md = generate(b);
    if (md) copy(b, md);
  } else if (action === 'download') {
    var text = generate(b);
    if (text) download('briefing-' + b.id + '.md', text, 'text/markdown');
  } else if (action === 'mailto') {
    var body = generate(b);
    var to = form.getAttribute('data-mailto') || '';
    if (!body || !to) { e.preventDefault(); return; }
    // The link follows its href right after this handler: set it now.
    el.setAttribute('href', 'mailto:' + encodeURIComponent(to).replace(/%40/g, '@') +
      '?subject=' + encodeURIComponent(b.title) + '&body=' + encodeURIComponent(body));
  } else if (action === 'print') {
    generate(b);
    window.print();
  } else if (action === 'clear') {
    if (!window.confirm(t('confirm_clear_draft'))) return;
    clearDraft(b);
  }
}

/** Back to the template's defaults: no draft, no errors, no output. */
function clearDraft(b) {
  b.form.reset();
  if (b.key) store.remove(b.key);
  b.fields.forEach(function (f) { markMissing(f, false); checkPassword(f); });
  if (b.errors) { b.errors.textContent = ''; b.errors.hidden = true; }
  var output = b.output;
  if (output) {
    output.value = '';
    output.hidden = true;
    if (output.closest('details')) output.closest('details').hidden = true;
  }
  if (b.preview) { b.preview.textContent = ''; b.preview.hidden = true; }
  announce(b, t('draft_cleared'));
}
