// The parts of the editor that need no page: reading numbers as people type them, and
// the ordered list of changes a form sends (see the edit endpoints of `vpagen serve`).

/** How many digits `s` (a stored quoted decimal such as "45.00") has after its point. */
export function decimalsOf(s) {
  const m = /\.(\d+)$/.exec(String(s ?? '').trim());
  return m ? m[1].length : 0;
}

/**
 * Reads an amount or decimal as typed, German or English: "45,50", "1.234,50",
 * "45.50", "1,234.50", "45", "-0,5", with an optional € and spaces. Returns the
 * decimal with a point and at least `minDecimals` digits after it ("46.50"), or null
 * when the text is not a number.
 */
export function parseDecimal(text, minDecimals = 0) {
  let s = String(text ?? '').replace(/[\s\u00a0\u202f€]/g, '');
  if (s === '') return null;
  let sign = '';
  if (/^[-+]/.test(s)) { sign = s[0] === '-' ? '-' : ''; s = s.slice(1); }
  if (!/^[\d.,']+$/.test(s) || !/\d/.test(s)) return null;
  s = s.replace(/'/g, '');
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let intPart;
  let frac;
  if (lastDot >= 0 && lastComma >= 0) {
    const dec = lastDot > lastComma ? '.' : ',';
    const thousands = dec === '.' ? ',' : '.';
    const [a, b, ...rest] = s.split(dec);
    if (rest.length || b === undefined) return null;
    if (!groupedOk(a, thousands)) return null;
    intPart = a.split(thousands).join('');
    frac = b;
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const parts = s.split(sep);
    if (parts.length > 2) {
      if (!groupedOk(s, sep)) return null;
      intPart = parts.join('');
      frac = '';
    } else {
      [intPart, frac] = parts;
    }
  } else {
    intPart = s;
    frac = '';
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(frac) || (intPart === '' && frac === '')) return null;
  intPart = intPart.replace(/^0+(?=\d)/, '') || '0';
  while (frac.length < minDecimals) frac += '0';
  const out = frac ? `${intPart}.${frac}` : intPart;
  return sign && /[1-9]/.test(out) ? `-${out}` : out;
}

/** Whether `s` is digits in groups of three after the first, split by `sep`. */
function groupedOk(s, sep) {
  const groups = s.split(sep);
  return groups.length === 1
    || (/^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g)));
}

/** Reads a whole number as typed; null when it is none. */
export function parseInteger(text) {
  const s = String(text ?? '').trim();
  if (!/^[-+]?\d+$/.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
}

const STRUCTURAL = new Set(['append', 'remove-entry', 'move']);

function samePath(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function equalValue(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The value at `path` in `root`, or undefined. */
export function valueAt(root, path) {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = v[seg];
  }
  return v;
}

/**
 * The changes of one form, in order. Field edits replace an earlier edit of the
 * same field as long as no entry was added, removed or moved since; an edit back to
 * the value the file had leaves no change. `current` follows every change, so that
 * later paths and "does this key exist" questions see the form as it is now.
 */
export class ChangeList {
  constructor(values, body) {
    this.base = structuredClone(values ?? {});
    this.current = structuredClone(values ?? {});
    this.baseBody = body ?? '';
    this.bodyText = this.baseBody;
    this.list = [];
  }

  /** The changes to send: the field changes in order, then the body if it changed. */
  changes() {
    const out = this.list.map(({ kind, ...c }) => c);
    if (this.bodyText !== this.baseBody) out.push({ op: 'body', text: this.bodyText });
    return out;
  }

  get dirty() {
    return this.changes().length > 0;
  }

  body(text) {
    this.bodyText = text;
  }

  /** Drops earlier edits of `path` made since the last structural change. */
  #dropSince(path) {
    for (let i = this.list.length - 1; i >= 0; i -= 1) {
      const c = this.list[i];
      if (STRUCTURAL.has(c.kind)) return false;
      if (samePath(c.path, path)) this.list.splice(i, 1);
    }
    return true;
  }

  #place(path, v) {
    const parent = valueAt(this.current, path.slice(0, -1));
    if (parent === null || typeof parent !== 'object') return;
    const key = path[path.length - 1];
    if (v === undefined) delete parent[key];
    else parent[key] = structuredClone(v);
  }

  /**
   * Sets the field at `path` to `value` (a FieldValue: {type, value}); `fallback` is
   * what the field means when the key is missing (its default), as a plain value.
   */
  set(path, value, fallback) {
    const untouched = this.#dropSince(path);
    const before = valueAt(this.base, path);
    const plain = value.value;
    this.#place(path, plain);
    if (untouched && (equalValue(before, plain) || (before === undefined && fallback !== undefined && equalValue(fallback, plain)))) {
      if (before === undefined) this.#place(path, undefined);
      return;
    }
    this.list.push({ kind: 'set', op: 'set', path: [...path], value });
  }

  /** Empties an optional field: removes its key when the form has it now. */
  clear(path) {
    const untouched = this.#dropSince(path);
    const before = valueAt(this.base, path);
    if (untouched && before === undefined) {
      this.#place(path, undefined);
      return;
    }
    if (valueAt(this.current, path) === undefined) return;
    this.#place(path, undefined);
    this.list.push({ kind: 'set', op: 'remove', path: [...path] });
  }

  /** Appends an empty entry to the array of tables at `path`. */
  append(path) {
    const arr = valueAt(this.current, path);
    if (Array.isArray(arr)) arr.push({});
    else this.#place(path, [{}]);
    this.list.push({ kind: 'append', op: 'append', path: [...path] });
  }

  /** Removes entry `index` of the array at `path`. */
  removeEntry(path, index) {
    const arr = valueAt(this.current, path);
    if (!Array.isArray(arr) || index < 0 || index >= arr.length) return;
    arr.splice(index, 1);
    this.list.push({ kind: 'remove-entry', op: 'remove', path: [...path, index] });
  }

  /** Moves entry `from` of the array at `path` to `to`. */
  move(path, from, to) {
    const arr = valueAt(this.current, path);
    if (!Array.isArray(arr) || from === to || to < 0 || to >= arr.length) return;
    const [entry] = arr.splice(from, 1);
    arr.splice(to, 0, entry);
    this.list.push({ kind: 'move', op: 'move', path: [...path], from, to });
  }
}

/** A path's dotted form without entry indexes, as labels.json names fields: `steps.body`. */
export function labelPath(path) {
  return path.filter((s) => typeof s === 'string').join('.');
}

/**
 * What the form shows for the field `f` at `path` of a `kind` in the interface
 * language `lang`, from labels.json (`labels`): its label, hint, condition and
 * default. Falls back to the key and what the form endpoint says; `labelled` tells
 * whether labels.json knows the field.
 */
export function fieldWords(labels, kind, path, f, lang) {
  const entry = labels?.[kind]?.[labelPath(path)]?.[lang] ?? {};
  const has = (s) => typeof s === 'string' && s.trim() !== '';
  const dflt = f.default === null || f.default === undefined || f.default === '' ? null : String(f.default);
  return {
    label: has(entry.label) ? entry.label : f.key,
    hint: has(entry.hint) ? entry.hint : f.description ?? '',
    when: f.condition ? (has(entry.when) ? entry.when : null) : null,
    condition: f.condition ?? null,
    default: dflt === null ? null : has(entry.default) ? entry.default : dflt,
    labelled: has(entry.label),
  };
}

/**
 * The options of a select as they are shown: the value's label from labels.json in
 * `lang`, else the value with the form endpoint's description.
 */
export function optionTexts(labels, kind, path, options, lang) {
  const named = labels?.values?.[`${kind}.${labelPath(path)}`] ?? {};
  return (options ?? []).map((o) => {
    const l = named[o.value]?.[lang];
    return { value: o.value, text: l || (o.label ? `${o.value} – ${o.label}` : o.value) };
  });
}
