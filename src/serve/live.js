// Live reload for `vpagen serve` (injected into pages only by the dev server).
// Events: "reload" {goto}, "css", "problems" {text}, "bye" (too many open pages: this
// one stops listening instead of reconnecting). The overlay shows the diagnostics of a
// failed rebuild over the last good page; the next good rebuild reloads the page.
(function () {
  'use strict';
  var OVERLAY_ID = 'vpagen-live-overlay';

  function overlay(text) {
    var box = document.getElementById(OVERLAY_ID);
    if (!box) {
      box = document.createElement('div');
      box.id = OVERLAY_ID;
      box.setAttribute('role', 'alertdialog');
      box.setAttribute('aria-modal', 'false');
      box.setAttribute('aria-labelledby', OVERLAY_ID + '-title');
      box.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;' +
        'background:rgba(20,20,24,.94);color:#f3f3f3;padding:2rem;font:14px/1.5 ui-monospace,monospace';
      var h = document.createElement('h2');
      h.id = OVERLAY_ID + '-title';
      h.textContent = 'vpagen: the site has errors';
      h.style.cssText = 'margin:0 0 1rem;font:bold 1.2rem system-ui,sans-serif;color:#ff8a80';
      var note = document.createElement('p');
      note.textContent = 'The last good version stays served. Fix the file and save: this message goes away.';
      note.style.cssText = 'margin:0 0 1rem;font:1rem system-ui,sans-serif';
      var close = document.createElement('button');
      close.type = 'button';
      close.textContent = 'Close';
      close.style.cssText = 'position:absolute;top:1rem;right:1rem;font:1rem system-ui,sans-serif';
      close.addEventListener('click', function () { box.remove(); });
      var pre = document.createElement('pre');
      pre.style.cssText = 'white-space:pre-wrap;margin:0';
      box.append(h, note, close, pre);
      document.body.appendChild(box);
    }
    box.querySelector('pre').textContent = text;
  }

  function swapCss() {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin) return;
      url.searchParams.set('vpagen-live', String(Date.now()));
      var fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.addEventListener('load', function () { link.remove(); });
      link.after(fresh);
    });
  }

  function connect() {
    var source = new EventSource('/__vpagen/events');
    source.addEventListener('reload', function (e) {
      var goto = null;
      try { goto = JSON.parse(e.data).goto; } catch (err) { /* reload in place */ }
      if (goto && goto !== location.pathname) location.assign(goto);
      else location.reload();
    });
    source.addEventListener('css', swapCss);
    source.addEventListener('bye', function () { source.close(); });
    source.addEventListener('problems', function (e) {
      try { overlay(JSON.parse(e.data).text); } catch (err) { /* ignore a torn message */ }
    });
    window.addEventListener('pagehide', function () { source.close(); });
  }

  connect();
})();
