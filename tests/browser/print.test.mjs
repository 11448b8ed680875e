// Print: the onboarding guide's bundle, printed to PDF by headless Chromium, holds
// every step and every item of the checklists its steps name, on a sensible number of
// pages, with the links' addresses as notes; the skill matrix prints every row on
// landscape pages with its header on each; a checklist prints every item. Every PDF
// keeps page margins of at least 12 mm and starts with content on its first page; in
// print the tick boxes have a fixed size, never overlap and no text wraps under them.
// The text is read back from the PDF with pdftotext (Debian's poppler-utils).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, closeBrowser, openPage, visit } from './_lib.mjs';

after(closeBrowser);

const GUIDE = '/einarbeitung/neue-assistenz/';

/** Runs a poppler tool, failing with how to install it when it is missing. */
function poppler(tool, args) {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' });
  } catch (e) {
    if (e.code === 'ENOENT') {
      throw new Error(`${tool} not found: install Debian's poppler-utils (apt-get install poppler-utils); .ci/browser does this`);
    }
    throw e;
  }
}

/** Text as compared: ligatures and spacing undone, one space between words. */
const flat = (s) => s.normalize('NFKC').replace(/[\u00ad]/g, '').replace(/\s+/g, ' ').trim();

/** The PDF's text, flattened; a line that ends in a hyphen or dash goes on without a space. */
const pdfText = (pdfPath, args = []) =>
  flat(poppler('pdftotext', [...args, pdfPath, '-']).replace(/([-–])\n\s*/g, '$1'));

const pageCount = (pdfPath) => Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [pdfPath]))?.[1]);

/** Prints the page to a PDF under ARTIFACTS (the print media, A4 as the CSS may turn it). */
async function printPdf(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const pdfPath = path.join(ARTIFACTS, name);
  writeFileSync(pdfPath, await page.pdf({ format: 'A4', printBackground: true }));
  return pdfPath;
}

const MM = 72 / 25.4; // PDF points per millimetre

/** Every word on every page keeps at least `mm` from each edge of the page. */
function assertMargins(pdfPath, mm = 12) {
  const html = poppler('pdftotext', ['-bbox', pdfPath, '-']);
  const pages = html.split('<page ').slice(1);
  assert.ok(pages.length > 0, `no pages in ${pdfPath}`);
  pages.forEach((p, i) => {
    const [w, h] = [/width="([\d.]+)"/, /height="([\d.]+)"/].map((re) => Number(re.exec(p)[1]));
    for (const m of p.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)/g)) {
      const [x0, y0, x1, y1] = m.slice(1, 5).map(Number);
      const gap = Math.min(x0, y0, w - x1, h - y1) / MM;
      assert.ok(gap >= mm, `${path.basename(pdfPath)} page ${i + 1}: "${m[5]}" lies ${gap.toFixed(1)} mm from the edge`);
    }
  });
}

/** The first page holds the page's title and `first`, not just the site's name. */
function assertFirstPage(pdfPath, ...texts) {
  const first = pdfText(pdfPath, ['-f', '1', '-l', '1']);
  for (const t of texts) assert.ok(first.includes(flat(t)), `page 1 of ${path.basename(pdfPath)} lacks "${t}": ${first.slice(0, 200)}`);
}

/**
 * In print emulation: the tick boxes (`selector`) are at most `max` px square, no two
 * overlap, and the text beside each starts right of it on every line.
 */
async function assertTickBoxes(page, selector, max = 28) {
  await page.emulateMedia({ media: 'print' });
  try {
    const boxes = await page.locator(selector).evaluateAll((els) => els.map((el) => {
      const r = el.getBoundingClientRect();
      const range = document.createRange();
      const holder = el.closest('label, li, h3');
      range.selectNodeContents(holder);
      range.setStartAfter(el);
      const text = [...range.getClientRects()].filter((q) => q.width > 0 && q.height > 0);
      return {
        text: holder.textContent.trim().slice(0, 60), x: r.left, y: r.top, w: r.width, h: r.height,
        textLeft: Math.min(...text.map((q) => q.left)),
      };
    }));
    assert.ok(boxes.length > 0, `no ${selector}`);
    for (const b of boxes) {
      assert.ok(b.w > 0 && b.w <= max && b.h > 0 && b.h <= max, `box of "${b.text}" is ${b.w}×${b.h} px`);
      assert.ok(b.textLeft >= b.x + b.w - 0.5, `the text of "${b.text}" wraps under its box (${b.textLeft} < ${b.x + b.w})`);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        const overlap = a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5;
        assert.ok(!overlap, `the boxes of "${a.text}" and "${b.text}" overlap`);
      }
    }
  } finally { await page.emulateMedia({ media: null }); }
}

test('the print bundle of the onboarding guide prints with all steps and checklist items', async () => {
  const { context, page, problems } = await openPage();
  try {
    // What the bundle must hold, read from the guide's and the checklists' own pages.
    await visit(page, GUIDE);
    const steps = await page.locator('li.step h3').allTextContents();
    assert.ok(steps.length >= 8, `the guide has ${steps.length} steps`);
    const checklistUrls = await page.locator('.step-links a[href*="/checklisten/"]').evaluateAll(
      (as) => [...new Set(as.map((a) => new URL(a.href).pathname))]);
    assert.ok(checklistUrls.length >= 2, `the guide links ${checklistUrls.length} checklists`);
    const items = [];
    for (const url of checklistUrls) {
      await visit(page, url);
      items.push(...await page.locator('.checklist-items .item-text').allInnerTexts());
    }
    assert.ok(items.length >= 10, `${items.length} checklist items`);
    const printLink = page.locator('a', { hasText: 'Druckfassung' });
    await visit(page, GUIDE);
    await printLink.first().click();
    await page.waitForURL(/\/druck\/$/);

    // On screen: a table of contents naming every step, boxes, a print button.
    const toc = await page.locator('.print-toc').innerText();
    for (const s of steps) assert.ok(flat(toc).includes(flat(s)), `the contents lack "${s}"`);
    assert.ok(await page.locator('button[data-print]').isVisible(), 'the print button is shown');
    const notes = await page.locator('.print-links li').allTextContents();
    assert.ok(notes.length > 0 && notes.every((n) => /^(https?:|mailto:)/.test(n)), `link notes: ${notes}`);
    assert.ok(await page.locator('.print-ref').count() >= notes.length, 'every note is referenced');

    await assertTickBoxes(page, '.print-bundle .tick');
    const pdfPath = await printPdf(page, 'print-neue-assistenz.pdf');
    const pages = pageCount(pdfPath);
    assert.ok(pages >= 4 && pages <= 30, `the bundle prints on ${pages} pages`);
    // A line that ends in a hyphen goes on without a space ("PDF-\nProgramm").
    const text = pdfText(pdfPath, ['-layout']);
    const missing = [...steps, ...items].map(flat).filter((s) => !text.includes(s));
    assert.deepEqual(missing, [], 'steps or checklist items missing from the PDF');
    assert.ok(text.includes('☐'), 'the PDF has empty boxes');
    assert.ok(text.includes(flat(notes[0])), 'the link addresses are printed');
    for (const hidden of ['Zum Inhalt springen', 'Drucken oder als PDF speichern']) {
      assert.ok(!text.includes(hidden), `"${hidden}" is printed`);
    }
    assertFirstPage(pdfPath, await page.locator('h1').innerText());
    assertMargins(pdfPath);
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('on screen the print bundle hides the note markers and shows a styled print button', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, `${GUIDE}druck/`);
    assert.ok(await page.locator('.print-ref').count() > 0, 'the bundle has note markers');
    assert.equal(await page.locator('.prose .print-ref').first().isVisible(), false, 'a note marker shows on screen');
    const button = page.locator('button[data-print]');
    assert.ok(await button.isVisible(), 'the print button is shown');
    const style = await button.evaluate((b) => {
      const s = getComputedStyle(b);
      return { border: s.borderTopWidth, radius: s.borderTopLeftRadius, font: s.fontFamily, body: getComputedStyle(document.body).fontFamily };
    });
    assert.equal(style.border, '1px', `the print button's border: ${JSON.stringify(style)}`);
    assert.equal(style.radius, '4px', `the print button's corners: ${JSON.stringify(style)}`);
    assert.equal(style.font, style.body, 'the print button uses the page font');
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.locator('.prose .print-ref').first().isVisible(), 'a note marker is printed');
    assert.equal(await button.isVisible(), false, 'the print button is printed');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('the skill matrix prints every row on landscape pages, its header on each', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, '/kompetenzen/matrix/');
    const rows = await page.locator('table.matrix tbody th[scope="row"]').allInnerTexts();
    assert.ok(rows.length >= 10, `the matrix has ${rows.length} rows`);
    const header = (await page.locator('table.matrix thead tr:last-child th').first().innerText()).trim();
    const pdfPath = await printPdf(page, 'print-matrix.pdf');
    const info = poppler('pdfinfo', [pdfPath]);
    const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info).slice(1).map(Number);
    assert.ok(w > h, `the matrix prints landscape (${w} × ${h} pt)`);
    // In the content's order (-raw), cell by cell; a hyphen may be one of hyphenation.
    const dehyphen = (t) => t.replace(/-/g, '');
    const text = dehyphen(pdfText(pdfPath, ['-raw']));
    const missing = rows.map(flat).filter((r) => !text.includes(dehyphen(r)));
    assert.deepEqual(missing, [], 'matrix rows missing from the PDF');
    assertFirstPage(pdfPath, await page.locator('h1').innerText(), rows[0]);
    const pages = pageCount(pdfPath);
    for (let i = 1; i <= pages; i++) {
      const t = pdfText(pdfPath, ['-f', String(i), '-l', String(i)]);
      assert.ok(t.includes(header), `page ${i} of ${pages} lacks the header row ("${header}")`);
    }
    assertMargins(pdfPath);
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('a checklist prints every item with fixed tick boxes and page margins', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, '/checklisten/it-sicherheit/');
    const items = await page.locator('.checklist-items .item-text').allInnerTexts();
    assert.ok(items.length >= 8, `${items.length} checklist items`);
    await assertTickBoxes(page, '.checklist-items input[type=checkbox]');
    const pdfPath = await printPdf(page, 'print-it-sicherheit.pdf');
    const text = pdfText(pdfPath, ['-layout']);
    const missing = items.map(flat).filter((s) => !text.includes(s));
    assert.deepEqual(missing, [], 'checklist items missing from the PDF');
    for (const hidden of ['Zurücksetzen', 'Als JSON exportieren']) {
      assert.ok(!text.includes(hidden), `"${hidden}" is printed`);
    }
    assertFirstPage(pdfPath, await page.locator('h1').innerText());
    assertMargins(pdfPath);
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});
