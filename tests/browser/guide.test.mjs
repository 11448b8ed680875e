// Onboarding guide: a quiz answer gives feedback and raises the progress; a step
// tied to a checklist follows that checklist's stored ticks.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, visit, revealed, text, closeBrowser } from './_lib.mjs';

const PAGE = '/einarbeitung/neue-assistenz/';
after(closeBrowser);

const percent = (page) => page.locator('[data-guide] [data-guide-progress] progress').first().evaluate((p) => p.value);

test('a quiz answer gives feedback and raises the progress percentage', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, PAGE);
    await revealed(page, '[data-guide-progress]', 'guide progress');
    const quiz = page.locator('[data-guide] [data-quiz]').first();
    assert.equal(await quiz.count(), 1, 'no [data-quiz] in the guide');
    const answer = Number(await quiz.getAttribute('data-answer'));
    const radios = quiz.locator('input[type="radio"]');
    assert.ok(await radios.count() >= 2, 'quiz has fewer than two radio buttons');
    const feedback = quiz.locator('[data-quiz-feedback]');
    const start = await percent(page);
    const startText = await text(page.locator('[data-guide-progress] [data-progress-text]'));

    await radios.nth(answer === 0 ? 1 : 0).check(); // a wrong answer first
    const wrong = await text(feedback);
    assert.notEqual(wrong, '', 'no feedback after a wrong answer');
    assert.equal(await percent(page), start, 'a wrong answer changed the progress');

    await radios.nth(answer).check();
    const right = await text(feedback);
    assert.notEqual(right, '', 'no feedback after the right answer');
    assert.notEqual(right, wrong, 'the same feedback for a right and a wrong answer');
    assert.ok(await percent(page) > start, `progress did not rise from ${start}`);
    assert.notEqual(await text(page.locator('[data-guide-progress] [data-progress-text]')), startText);

    await page.reload({ waitUntil: 'load' });
    assert.ok(await percent(page) > start, 'progress lost after reload');
    assert.ok(await page.locator('[data-guide] [data-quiz]').first().locator('input[type="radio"]').nth(answer).isChecked());
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});

test('a manual step check-off and a checklist-backed step count', async () => {
  const { context, page, problems } = await openPage();
  try {
    await visit(page, PAGE);
    await revealed(page, '[data-guide-progress]', 'guide progress');
    const start = await percent(page);
    const manual = page.locator('[data-step]:not([data-checklist-key]) [data-step-done]').first();
    await manual.check();
    const afterManual = await percent(page);
    assert.ok(afterManual >= start, 'checking a step lowered the progress');

    const step = page.locator('[data-step][data-checklist-key]').first();
    assert.equal(await step.count(), 1, 'no step with data-checklist-key');
    const key = await step.getAttribute('data-checklist-key');
    const items = (await step.getAttribute('data-checklist-required')).split(',');
    assert.ok(await step.locator('[data-step-done]').isDisabled(), 'a checklist-backed step checkbox is not disabled');
    await page.evaluate(([k, v]) => localStorage.setItem(k, JSON.stringify({ checked: v })), [key, items]);
    await page.reload({ waitUntil: 'load' });
    const box = page.locator('[data-step][data-checklist-key]').first().locator('[data-step-done]');
    assert.ok(await box.isChecked(), 'step not done although all required checklist items are ticked');
    assert.ok(await percent(page) > afterManual, 'the checklist-backed step did not raise the progress');
    assert.deepEqual(problems, []);
  } finally { await context.close(); }
});
