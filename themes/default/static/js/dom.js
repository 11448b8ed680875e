/* dom.js: small helpers of the page features: element lists, localStorage that may
 * fail, showing what the template hides, downloads. */

export function $$(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }

// localStorage can be missing or throw (private mode, disabled storage,
// quota): the page must keep working, it just forgets.
export const store = {
  get: function (key) {
    try { return JSON.parse(window.localStorage.getItem(key) || 'null'); } catch (e) { return null; }
  },
  set: function (key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* forget */ }
  },
  remove: function (key) {
    try { window.localStorage.removeItem(key); } catch (e) { /* nothing to do */ }
  },
  keys: function () {
    var out = [];
    try {
      for (var i = 0; i < window.localStorage.length; i++) out.push(window.localStorage.key(i));
    } catch (e) { /* none */ }
    return out;
  }
};

export function reveal(el) { if (el) el.hidden = false; }

/** Offers `text` as a file download (a blob: URL, no request leaves the page). */
export function download(filename, text, type) {
  var url = URL.createObjectURL(new Blob([text], { type: type + ';charset=utf-8' }));
  var a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
}
