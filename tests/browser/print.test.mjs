// Print bundles: the onboarding guide's bundle, printed to PDF by headless Chromium,
// holds every step and every item of the checklists its steps name, on a sensible
// number of pages, with the links' addresses as notes. The text is read back from the
// PDF with pdftotext (Debian's poppler-utils).
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

    mkdirSync(ARTIFACTS, { recursive: true });
    const pdfPath = path.join(ARTIFACTS, 'print-neue-assistenz.pdf');
    writeFileSync(pdfPath, await page.pdf({ format: 'A4', printBackground: true }));
    const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [pdfPath]))?.[1]);
    assert.ok(pages >= 4 && pages <= 30, `the bundle prints on ${pages} pages`);
    // A line that ends in a hyphen goes on without a space ("PDF-\nProgramm").
    const text = flat(poppler('pdftotext', ['-layout', pdfPath, '-']).replace(/-\n\s*/g, '-'));
    const missing = [...steps, ...items].map(flat).filter((s) => !text.includes(s));
    assert.deepEqual(missing, [], 'steps or checklist items missing from the PDF');
    assert.ok(text.includes('☐'), 'the PDF has empty boxes');
    assert.ok(text.includes(flat(notes[0])), 'the link addresses are printed');
    for (const hidden of ['Zum Inhalt springen', 'Drucken oder als PDF speichern']) {
      assert.ok(!text.includes(hidden), `"${hidden}" is printed`);
    }
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});
