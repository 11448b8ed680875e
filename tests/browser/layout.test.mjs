// The layout on every screen: one page of each type at 320, 390, 768, 1024, 1280 and
// 1920 px, in the light and in the dark colour scheme. Fails on
//   - a document wider than the viewport (the page scrolls sideways);
//   - a visible element that leaves the viewport horizontally outside a scrolling
//     (or clipping) container;
//   - a header (.site-header) taller than 80 px up to 768 px, menu closed;
//   - an interactive target smaller than 24 × 24 px (WCAG 2.2 SC 2.5.8) unless it
//     is inline in a sentence (the SC's inline exception);
//   - text clipped by its box (scrollWidth > clientWidth where overflow hides it);
//   - an axe-core violation of WCAG 2.2 A/AA (target size included).
// Screenshots at 390 and 1280 px in both schemes go to $VPAGEN_ARTIFACTS/layout/
// with an index.html contact sheet.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openPage, visit, closeBrowser, axeViolations, ARTIFACTS } from './_lib.mjs';

const PAGES = [
  '/', '/leistungen/', '/leistungen/telefonservice/', '/kompetenzen/englisch/', '/kompetenzen/matrix/',
  '/checklisten/it-sicherheit/', '/preise/stundenpakete-2026/', '/preise/stundenpakete-2025/',
  '/preise/einzelleistungen-2025/', '/briefings/allgemein/',
  '/einarbeitung/neue-assistenz/', '/einarbeitung/neue-assistenz/druck/', '/suche/?q=Rechnung',
  '/impressum/', '/404.html', '/einarbeitung/rolle/assistenz-buero/',
  // The English tree: translations, and stand-ins of untranslated originals
  // (korrektorat, englisch) with the English interface around German content.
  '/en/', '/en/services/', '/en/services/telefonservice/', '/en/services/korrektorat/',
  '/en/skills/englisch/', '/en/skills/matrix/', '/en/checklists/it-sicherheit/',
  '/en/rates/stundenpakete-2026/', '/en/briefings/allgemein/', '/en/onboarding/neue-assistenz/',
  '/en/onboarding/neue-assistenz/print/', '/en/search/?q=invoice', '/en/impressum/',
];
const WIDTHS = [320, 390, 768, 1024, 1280, 1920];
const SHOT_WIDTHS = new Set([390, 1280]);
const SCHEMES = ['light', 'dark'];
const HEIGHT = 800;
const OUT = path.join(ARTIFACTS, 'layout');
after(closeBrowser);

const slug = (p) => p.replace(/\?.*$/, '').replace(/\.html$/, '').replace(/^\/|\/$/g, '').replace(/\//g, '_') || 'home';
const shots = []; // { page, width, scheme, file }

/**
 * Runs in the page: every layout problem at the current viewport, as strings.
 * `maxHeader` is the allowed header height (0: no limit at this width).
 */
function findProblems(maxHeader) {
  const vw = document.documentElement.clientWidth;
  const out = [];
  const describe = (el) => {
    const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const id = el.id ? `#${el.id}` : '';
    const t = (el.innerText || el.value || el.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return `<${el.tagName.toLowerCase()}${id}${cls}>${t ? ` "${t}"` : ''}`;
  };
  const box = (r) => `${Math.round(r.width)}×${Math.round(r.height)} at x=${Math.round(r.left)}`;

  if (document.documentElement.scrollWidth > vw) {
    out.push(`the document is ${document.documentElement.scrollWidth} px wide (viewport ${vw} px)`);
  }

  // Visible: rendered, not visibility:hidden, not the 1 px boxes of visually
  // hidden text, not inside a closed <details> or a [hidden] subtree.
  const isVisible = (el, r) => {
    if (r.width <= 1 || r.height <= 1) return false;
    const cs = getComputedStyle(el);
    if (cs.visibility !== 'visible' || Number(cs.opacity) === 0) return false;
    return el.checkVisibility ? el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) : true;
  };
  // An ancestor that scrolls or clips horizontally contains what leaves it.
  const contained = (el) => {
    for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
      const ox = getComputedStyle(a).overflowX;
      if (ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') return true;
    }
    return false;
  };
  // The skip link waits off-screen until it gets focus: by design.
  const offscreenByDesign = (el) => el.closest('.skip-link, .visually-hidden');

  const all = [...document.body.querySelectorAll('*')];
  const reported = new Set();
  for (const el of all) {
    if (offscreenByDesign(el)) continue;
    const r = el.getBoundingClientRect();
    if (!isVisible(el, r)) continue;
    if ((r.left < -1 || r.right > vw + 1) && !contained(el)) {
      // Report the outermost offender only, not each of its descendants.
      let p = el.parentElement;
      while (p && !reported.has(p)) p = p.parentElement;
      if (!p) out.push(`${describe(el)} leaves the viewport: ${box(r)}, right edge ${Math.round(r.right)} > ${vw}`);
      reported.add(el);
    }
  }

  if (maxHeader) {
    const h = document.querySelector('.site-header');
    if (h) {
      const hh = h.getBoundingClientRect().height;
      if (hh > maxHeader) out.push(`<header.site-header> is ${Math.round(hh)} px tall (at most ${maxHeader})`);
    }
  }

  // Targets. A target that is inline in running text (its block holds text that is
  // not part of any target) is exempt; so is one whose box is not its hit area
  // (a check box or radio inside its label: the label is measured instead).
  const TARGETS = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label';
  const targets = [...document.body.querySelectorAll(TARGETS)];
  const inSentence = (el) => {
    if (getComputedStyle(el).display !== 'inline') return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
    if (!block) return false;
    const clone = block.cloneNode(true);
    clone.querySelectorAll(TARGETS).forEach((t) => t.remove());
    clone.querySelectorAll('.visually-hidden, [hidden], [aria-hidden=true]').forEach((t) => t.remove());
    return clone.textContent.replace(/[\s·,;:|–—()[\]]/g, '').length >= 3;
  };
  for (const el of targets) {
    if (offscreenByDesign(el) && el !== document.activeElement) continue;
    if (el.disabled) continue;
    const tag = el.tagName.toLowerCase();
    if (tag === 'label') {
      // Only labels that are the hit area of their control (a wrapped or
      // referenced check box, radio or file input) count as targets.
      const c = el.control;
      if (!c || !/^(checkbox|radio|file)$/.test(c.type)) continue;
    }
    if (tag === 'input' && /^(checkbox|radio|file)$/.test(el.type) && el.labels && el.labels.length) continue;
    const r = el.getBoundingClientRect();
    if (!isVisible(el, r)) continue;
    if (r.width >= 23.5 && r.height >= 23.5) continue;
    if (inSentence(el)) continue;
    out.push(`target ${describe(el)} is ${Math.round(r.width)}×${Math.round(r.height)} px (< 24×24)`);
  }

  // Text that sticks out of its own box (a long compound in a card or heading).
  for (const el of document.body.querySelectorAll('h1, h2, h3, h4, p, li, dt, dd, legend, .card')) {
    if (offscreenByDesign(el) || el.closest('.table-wrap, .matrix-wrap, pre, table')) continue;
    if (!/visible/.test(getComputedStyle(el).overflowX) || el.clientWidth <= 1) continue;
    if (el.scrollWidth > el.clientWidth + 1 && isVisible(el, el.getBoundingClientRect())) {
      out.push(`${describe(el)} overflows its box: ${el.scrollWidth} px in ${el.clientWidth} px`);
    }
  }

  // Clipped text.
  for (const el of all) {
    const cs = getComputedStyle(el);
    if (!/hidden|clip/.test(cs.overflowX) && cs.textOverflow !== 'ellipsis') continue;
    if (offscreenByDesign(el) || el.clientWidth <= 1) continue;
    if (el.scrollWidth > el.clientWidth + 1 && isVisible(el, el.getBoundingClientRect())) {
      out.push(`${describe(el)} clips its content: ${el.scrollWidth} px in ${el.clientWidth} px`);
    }
  }
  return out;
}

for (const p of PAGES) {
  test(`${p}: fits ${WIDTHS.join(', ')} px in light and dark`, async () => {
    mkdirSync(OUT, { recursive: true });
    const failures = [];
    for (const colorScheme of SCHEMES) {
      const { context, page, problems } = await openPage({ colorScheme, viewport: { width: WIDTHS[0], height: HEIGHT } });
      try {
        await visit(page, p);
        if (p.includes('?q=')) await page.locator('[data-search-page-results] a[href]').first().waitFor({ timeout: 5_000 });
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: HEIGHT });
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          const found = await page.evaluate(findProblems, width <= 768 ? 80 : 0);
          failures.push(...found.map((f) => `${p} @ ${width} px ${colorScheme}: ${f}`));
          // axe at every width: target sizes and reflow differ between them.
          const violations = await axeViolations(page);
          failures.push(...violations.map((v) => `${p} @ ${width} px ${colorScheme}: axe ${v}`));
          if (SHOT_WIDTHS.has(width)) {
            const file = `${slug(p)}-${width}-${colorScheme}.png`;
            await page.screenshot({ path: path.join(OUT, file), fullPage: true });
            shots.push({ page: p, width, scheme: colorScheme, file });
          }
        }
        failures.push(...problems.map((x) => `${p} ${colorScheme}: ${x}`));
      } finally { await context.close(); }
    }
    assert.deepEqual(failures, [], `${failures.length} layout problems:\n${failures.join('\n')}`);
  });
}

test('the header search lists its results inside the viewport at every width', async () => {
  const failures = [];
  const { context, page, problems } = await openPage({ viewport: { width: WIDTHS[0], height: HEIGHT } });
  try {
    await visit(page, '/leistungen/');
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: HEIGHT });
      const input = page.locator('#site-search-q');
      // On narrow screens the field opens from its label (the search icon).
      if (!(await input.isVisible())) await page.locator('label[for="site-search-q"]').click();
      await input.fill('Rechnung');
      const list = page.locator('#search-results');
      await list.locator('a[href]').first().waitFor({ timeout: 5_000 });
      const [r, vw] = await Promise.all([list.boundingBox(), page.evaluate(() => document.documentElement.clientWidth)]);
      if (!r || r.x < 0 || r.x + r.width > vw + 1) {
        failures.push(`@ ${width} px: the results list is at x=${Math.round(r?.x)}…${Math.round((r?.x ?? 0) + (r?.width ?? 0))} (viewport ${vw})`);
      }
      const ir = await input.boundingBox();
      if (!ir || ir.x < 0 || ir.x + ir.width > vw + 1) failures.push(`@ ${width} px: the search field leaves the viewport`);
      await input.fill('');
      await page.keyboard.press('Escape');
      await page.evaluate(() => document.activeElement?.blur());
    }
    failures.push(...problems);
  } finally { await context.close(); }
  assert.deepEqual(failures, [], failures.join('\n'));
});

test('the menu button opens the main navigation on narrow screens, without JavaScript too', async () => {
  for (const javaScriptEnabled of [true, false]) {
    const { context, page, problems } = await openPage({ javaScriptEnabled, viewport: { width: 390, height: HEIGHT } });
    try {
      await visit(page, '/');
      const nav = page.locator('.main-nav');
      assert.equal(await nav.isVisible(), false, 'the main navigation shows on a phone before the menu is opened');
      const button = page.locator('.menu-button');
      assert.ok(await button.isVisible(), 'no visible .menu-button at 390 px');
      await button.click();
      assert.ok(await nav.isVisible(), `the menu button does not open the navigation (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`);
      const links = nav.locator('a[href]');
      assert.ok(await links.count() >= 3, 'the open menu holds fewer than 3 links');
      const last = await links.last().boundingBox();
      assert.ok(last && last.y + last.height <= HEIGHT, 'the open menu runs below the first screen');
      await button.click();
      assert.equal(await nav.isVisible(), false, 'the menu button does not close the navigation again');
      await page.setViewportSize({ width: 1280, height: HEIGHT });
      assert.ok(await nav.isVisible(), 'the main navigation is hidden at 1280 px');
      assert.equal(await button.isVisible(), false, 'the menu button shows at 1280 px');
      assert.deepEqual(problems, []);
    } finally { await context.close(); }
  }
});

test('the logo wordmark keeps its contrast in the dark scheme', async () => {
  // The brand's <img> is an SVG: compare the brightness of its darkest text pixels
  // with the header background in both schemes.
  for (const [colorScheme, theme] of [['dark', ''], ['dark', 'light'], ['light', 'dark'], ['light', '']]) {
  const { context, page } = await openPage({ colorScheme, viewport: { width: 1280, height: HEIGHT } });
  try {
    {
      await visit(page, '/');
      if (theme) await page.evaluate((t) => { document.documentElement.dataset.theme = t; }, theme);
      await page.waitForTimeout(50);
      const img = page.locator('.brand img');
      const shot = await img.screenshot();
      const stats = await page.evaluate(async (b64) => {
        const bmp = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
        const c = new OffscreenCanvas(bmp.width, bmp.height);
        const g = c.getContext('2d');
        g.drawImage(bmp, 0, 0);
        const d = g.getImageData(0, 0, bmp.width, bmp.height).data;
        let bg = 'rgb(255, 255, 255)';
        for (let e = document.querySelector('.brand'); e; e = e.parentElement) {
          const c = getComputedStyle(e).backgroundColor;
          if (c && !/rgba\(.*, 0\)$/.test(c) && c !== 'transparent') { bg = c; break; }
        }
        const [br, bgc, bb] = bg.match(/\d+/g).map(Number);
        const lum = (r, g2, b) => 0.2126 * r + 0.7152 * g2 + 0.0722 * b;
        const bgL = lum(br, bgc, bb);
        // The right part of the image holds the wordmark: its furthest pixel from
        // the background.
        let far = 0;
        for (let y = 0; y < bmp.height; y++) {
          for (let x = Math.floor(bmp.width * 0.3); x < bmp.width; x++) {
            const i = (y * bmp.width + x) * 4;
            far = Math.max(far, Math.abs(lum(d[i], d[i + 1], d[i + 2]) - bgL));
          }
        }
        return { far, bg };
      }, shot.toString('base64'));
      assert.ok(stats.far > 100, `system ${colorScheme}, toggle ${theme || 'untouched'}: the logo's wordmark barely differs from the header background ${stats.bg} (max difference ${Math.round(stats.far)})`);
    }
  } finally { await context.close(); }
  }
});

after(() => {
  if (!shots.length) return;
  const order = (s) => `${PAGES.indexOf(s.page).toString().padStart(2, '0')}-${s.width}-${s.scheme}`;
  shots.sort((a, b) => order(a).localeCompare(order(b)));
  const rows = PAGES.filter((p) => shots.some((s) => s.page === p)).map((p) => {
    const cells = shots.filter((s) => s.page === p).map((s) => `<figure><a href="${s.file}"><img src="${s.file}" alt="" loading="lazy" width="${s.width === 390 ? 195 : 320}"></a><figcaption>${s.width} px, ${s.scheme}</figcaption></figure>`);
    return `<section><h2>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</h2><div class="row">${cells.join('')}</div></section>`;
  });
  writeFileSync(path.join(OUT, 'index.html'), `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>vpagen layout: contact sheet</title>
<style>body{font-family:system-ui,sans-serif;margin:1rem}.row{display:flex;gap:1rem;align-items:flex-start;flex-wrap:wrap}
figure{margin:0}img{border:1px solid #ccc;height:auto;max-height:480px;object-fit:cover;object-position:top}figcaption{font-size:.85rem}</style></head>
<body><h1>Layout at 390 and 1280 px, light and dark</h1>
${rows.join('\n')}
</body></html>
`);
});
