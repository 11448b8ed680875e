/* guide.js: onboarding guides with steps, checklists and quizzes (README "Onboarding
 * guides"). */
import { t } from './util.js';
import { $$, reveal, store } from './dom.js';

export function initGuide(guide) {
  var key = guide.getAttribute('data-storage-key');
  var box = guide.querySelector('[data-guide-progress]');
  var state = (key && store.get(key)) || {};
  // The guide's context: what the functions below read and fill.
  var g = {
    key: key,
    bar: box && box.querySelector('progress'),
    say: box && box.querySelector('[data-progress-text]'),
    doneSteps: Array.isArray(state.steps) ? state.steps : [],
    answers: state.quizzes && typeof state.quizzes === 'object' ? state.quizzes : {},
    steps: stepsOf(guide),
    quizzes: quizzesOf(guide)
  };

  g.quizzes.forEach(function (q) {
    if (q.id in g.answers) {
      q.radios.forEach(function (r) { r.checked = chosen(q, r) === g.answers[q.id]; });
      feedback(g, q);
    }
  });

  guide.addEventListener('change', function (e) { onChange(g, e.target); });
  // Checklists ticked in another tab, or the page restored from the
  // back/forward cache after ticking one, change the steps' state.
  window.addEventListener('storage', function (e) {
    if (e.key === key) {
      var fresh = store.get(key) || {};
      g.doneSteps = Array.isArray(fresh.steps) ? fresh.steps : [];
      g.answers = fresh.quizzes && typeof fresh.quizzes === 'object' ? fresh.quizzes : {};
    }
    render(g);
  });
  window.addEventListener('pageshow', function (e) { if (e.persisted) render(g); });

  reveal(box);
  render(g);
}

function stepsOf(guide) {
  return $$(guide, '[data-step]').map(function (li) {
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
}

function quizzesOf(guide) {
  return $$(guide, '[data-quiz]').map(function (fs) {
    return {
      el: fs,
      id: fs.getAttribute('data-quiz'),
      answer: Number(fs.getAttribute('data-answer')),
      radios: $$(fs, 'input[type="radio"]'),
      feedback: fs.querySelector('[data-quiz-feedback]')
    };
  });
}

// A step tied to a checklist is done by ticking that checklist, not here.
function byChecklist(s) {
  if (!s.checklistKey || !s.checklistItems.length) return null;
  var saved = store.get(s.checklistKey);
  var ticked = saved && Array.isArray(saved.checked) ? saved.checked : [];
  return s.checklistItems.every(function (i) { return ticked.indexOf(i) !== -1; });
}

function isDone(g, s) {
  var c = byChecklist(s);
  return c === null ? g.doneSteps.indexOf(s.id) !== -1 : c;
}

function chosen(q, radio) {
  var v = Number(radio.value);
  return Number.isInteger(v) && radio.value !== '' ? v : q.radios.indexOf(radio);
}

function passed(g, q) { return g.answers[q.id] === q.answer; }

function save(g) {
  if (!g.key) return;
  store.set(g.key, {
    steps: g.steps.filter(function (s) { return byChecklist(s) === null && isDone(g, s); }).map(function (s) { return s.id; }),
    quizzes: g.answers
  });
}

function render(g) {
  g.steps.forEach(function (s) {
    var done = isDone(g, s);
    s.el.classList.toggle('is-done', done);
    if (!s.box) return;
    s.box.checked = done;
    s.box.disabled = byChecklist(s) !== null;
  });
  var req = g.steps.filter(function (s) { return s.required; });
  var total = req.length + g.quizzes.length;
  var done = req.filter(function (s) { return isDone(g, s); }).length
    + g.quizzes.filter(function (q) { return passed(g, q); }).length;
  var percent = total ? Math.round((100 * done) / total) : 0;
  if (g.bar) { g.bar.max = 100; g.bar.value = percent; }
  if (g.say) g.say.textContent = t('guide_progress', { percent: percent, done: done, total: total });
}

function feedback(g, q) {
  if (!q.feedback || !(q.id in g.answers)) return;
  q.feedback.textContent = passed(g, q) ? t('quiz_right') : t('quiz_wrong');
  q.el.classList.toggle('is-correct', passed(g, q));
  q.el.classList.toggle('is-wrong', !passed(g, q));
}

/** A step ticked or a quiz answered: saves and shows the new state. */
function onChange(g, target) {
  var step = g.steps.filter(function (s) { return s.box === target; })[0];
  if (step && byChecklist(step) === null) {
    g.doneSteps = g.doneSteps.filter(function (x) { return x !== step.id; });
    if (target.checked) g.doneSteps.push(step.id);
  }
  var quiz = g.quizzes.filter(function (q) { return q.radios.indexOf(target) !== -1; })[0];
  if (quiz) {
    g.answers[quiz.id] = chosen(quiz, target);
    feedback(g, quiz);
  }
  if (step || quiz) { save(g); render(g); }
}
