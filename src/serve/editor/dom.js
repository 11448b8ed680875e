// Small helpers for building the editor's elements without HTML strings.

/**
 * A new element: `attrs` are attributes (false/null/undefined ones left out; `text`
 * sets the text, `on` an object of event listeners), `children` nodes or strings.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else if (k === 'value') node.value = v;
    else if (k === 'checked') node.checked = Boolean(v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return node;
}

/** Text for screen readers only. */
export function hidden(text) {
  return el('span', { class: 'vh', text });
}

let counter = 0;
/** A new id, unique on the page. */
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** A path as an attribute value and map key: `items.0.text`. */
export const pathKey = (path) => path.join('.');
