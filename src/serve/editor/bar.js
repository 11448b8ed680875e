// The edit bar of `vpagen serve`: a small toolbar at the bottom right of every served
// page, with "Bearbeiten" (the editor for the page's own file, when it has one) and
// "Neu" (a menu of the types). It lives in a shadow root, so that the site's styles
// and the bar's do not meet.
import { KINDS, KIND_ORDER, words } from './i18n.js';

const EDITOR = '/__vpagen/editor/';

function pageFile() {
  const tag = document.getElementById('vpagen-edit-page');
  if (!tag) return null;
  try { return JSON.parse(tag.textContent); } catch { return null; }
}

function make(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function start() {
  if (!document.getElementById('vpagen-edit-token') || document.getElementById('vpagen-edit-bar')) return;
  const pageLang = (document.documentElement.lang || '').toLowerCase().split('-')[0];
  const ui = pageLang === 'en' || pageLang === 'de' ? pageLang : 'de';
  const T = words(ui);
  const file = pageFile();
  const link = (q) => `${EDITOR}?${new URLSearchParams({ ...q, ui })}`;

  const host = make('div', { id: 'vpagen-edit-bar' });
  const root = host.attachShadow({ mode: 'open' });
  root.append(make('link', { rel: 'stylesheet', href: `${EDITOR}bar.css` }));
  const bar = make('div', { class: 'bar', role: 'group', 'aria-label': T.bar, lang: ui });
  if (file?.path) {
    const edit = make('a', { class: 'btn', href: link({ path: file.path }), id: 'edit' }, T.edit);
    if (file.title) edit.setAttribute('title', `${T.edit}: ${file.title}`);
    bar.append(edit);
  }
  const toggle = make('button', { type: 'button', class: 'btn', 'aria-expanded': 'false', 'aria-controls': 'menu', id: 'new' }, T.new);
  const menu = make('ul', { id: 'menu', class: 'menu', 'aria-label': T.newMenu });
  menu.hidden = true;
  for (const kind of KIND_ORDER) {
    const li = make('li');
    li.append(make('a', { href: link({ new: kind }) }, KINDS[ui][kind]));
    menu.append(li);
  }
  const set = (open) => {
    menu.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
  };
  toggle.addEventListener('click', () => {
    const open = menu.hidden;
    set(open);
    if (open) menu.querySelector('a')?.focus();
  });
  bar.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !menu.hidden) { set(false); toggle.focus(); }
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !menu.hidden) {
      const links = [...menu.querySelectorAll('a')];
      const at = links.indexOf(root.activeElement);
      if (at < 0) return;
      e.preventDefault();
      links[(at + (e.key === 'ArrowDown' ? 1 : links.length - 1)) % links.length].focus();
    }
  });
  bar.addEventListener('focusout', (e) => { if (!bar.contains(e.relatedTarget)) set(false); });
  document.addEventListener('click', (e) => { if (!e.composedPath().includes(host)) set(false); });
  const wrap = make('div', { class: 'new' });
  wrap.append(menu, toggle);
  bar.append(wrap);
  root.append(bar);

  // The theme's own choice of scheme, when it sets one on <html>.
  const scheme = () => {
    const t = document.documentElement.getAttribute('data-theme');
    if (t === 'dark' || t === 'light') host.setAttribute('data-scheme', t); else host.removeAttribute('data-scheme');
  };
  scheme();
  new MutationObserver(scheme).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  // Room below the page's last line, so that the bar never hides it for good.
  const room = make('div', { 'aria-hidden': 'true', 'data-vpagen-edit-room': '' });
  room.style.height = '3.75rem';
  document.body.append(room, host);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
