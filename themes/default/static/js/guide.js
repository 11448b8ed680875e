/* guide.js: onboarding guides with steps, checklists and quizzes (README "Onboarding
 * guides"). */
import { t } from './util.js';
import { $$, reveal, store } from './dom.js';

export function initGuide(guide) {
  var key = guide.getAttribute('data-storage-key');
  var box = guide.querySelector('[data-guide-progress]');
  var bar = box && box.querySelector('progress');
  var say = box && box.querySelector('[data-progress-text]');
  var state = (key && store.get(key)) || {};
  var doneSteps = Array.isArray(state.steps) ? state.steps : [];
  var answers = state.quizzes && typeof state.quizzes === 'object' ? state.quizzes : {};

  var steps = $$(guide, '[data-step]').map(function (li) {
    var req = li.getAttribute('data-checklist-required');
    return {
      el: li,
      id: li.getAttribute('data-step'),
      box: li.querySelector('[data-step-done]'),
      required: li.getAttribute('data-required') !== 'false',
      checklistKey: li.getAttribute('data-checklist-key'),
      checklistItems: req ? req.split(',').map(function (s) { return s.trim(); }).filter(Boolean) : []
    };
  });
  var quizzes = $$(guide, '[data-quiz]').map(function (fs) {
    return {
      el: fs,
      id: fs.getAttribute('data-quiz'),
      answer: Number(fs.getAttribute('data-answer')),
      radios: $$(fs, 'input[type="radio"]'),
      feedback: fs.querySelector('[data-quiz-feedback]')
    };
  });

  // A step tied to a checklist is done by ticking that checklist, not here.
  function byChecklist(s) {
    if (!s.checklistKey || !s.checklistItems.length) return null;
    var saved = store.get(s.checklistKey);
    var ticked = saved && Array.isArray(saved.checked) ? saved.checked : [];
    return s.checklistItems.every(function (i) { return ticked.indexOf(i) !== -1; });
  }
  function isDone(s) {
    var c = byChecklist(s);
    return c === null ? doneSteps.indexOf(s.id) !== -1 : c;
  }
  function chosen(q, radio) {
    var v = Number(radio.value);
    return Number.isInteger(v) && radio.value !== '' ? v : q.radios.indexOf(radio);
  }
  function passed(q) { return answers[q.id] === q.answer; }

  function save() {
    if (!key) return;
    store.set(key, {
      steps: steps.filter(function (s) { return byChecklist(s) === null && isDone(s); }).map(function (s) { return s.id; }),
      quizzes: answers
    });
  }

  function render() {
    steps.forEach(function (s) {
      var done = isDone(s);
      s.el.classList.toggle('is-done', done);
      if (!s.box) return;
      s.box.checked = done;
      s.box.disabled = byChecklist(s) !== null;
    });
    var req = steps.filter(function (s) { return s.required; });
    var total = req.length + quizzes.length;
    var done = req.filter(isDone).length + quizzes.filter(passed).length;
    var percent = total ? Math.round((100 * done) / total) : 0;
    if (bar) { bar.max = 100; bar.value = percent; }
    if (say) say.textContent = t('guide_progress', { percent: percent, done: done, total: total });
  }

  function feedback(q) {
    if (!q.feedback || !(q.id in answers)) return;
    q.feedback.textContent = passed(q) ? t('quiz_right') : t('quiz_wrong');
    q.el.classList.toggle('is-correct', passed(q));
    q.el.classList.toggle('is-wrong', !passed(q));
  }

  quizzes.forEach(function (q) {
    if (q.id in answers) {
      q.radios.forEach(function (r) { r.checked = chosen(q, r) === answers[q.id]; });
      feedback(q);
    }
  });

  guide.addEventListener('change', function (e) {
    var target = e.target;
    var step = steps.filter(function (s) { return s.box === target; })[0];
    if (step && byChecklist(step) === null) {
      doneSteps = doneSteps.filter(function (x) { return x !== step.id; });
      if (target.checked) doneSteps.push(step.id);
    }
    var quiz = quizzes.filter(function (q) { return q.radios.indexOf(target) !== -1; })[0];
    if (quiz) {
      answers[quiz.id] = chosen(quiz, target);
      feedback(quiz);
    }
    if (step || quiz) { save(); render(); }
  });

  // Checklists ticked in another tab, or the page restored from the
  // back/forward cache after ticking one, change the steps' state.
  window.addEventListener('storage', function (e) {
    if (e.key === key) {
      var fresh = store.get(key) || {};
      doneSteps = Array.isArray(fresh.steps) ? fresh.steps : [];
      answers = fresh.quizzes && typeof fresh.quizzes === 'object' ? fresh.quizzes : {};
    }
    render();
  });
  window.addEventListener('pageshow', function (e) { if (e.persisted) render(); });

  reveal(box);
  render();
}
