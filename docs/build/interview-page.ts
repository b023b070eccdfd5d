/**
 * The guided interview's script: asks one question at a time, most decisive first, from the
 * library's `nextQuestions()` (bundled into assets/za-duties.js), with "I don't know" always
 * possible, until every duty is settled or only questions that could not be answered remain;
 * then shows the result. Nothing is sent or stored: the page's Content Security Policy forbids
 * connections, and the case lives only in this tab (and in the link, if you open the report).
 */
import {
  applyAnswer,
  dutyCatalogue,
  nextQuestions,
  type AnswerSpec,
  type CaseDraft,
  type CaseInput,
  type InterviewQuestion,
  type InterviewStep,
} from '../../src/index.js';
import { html, join, type Html } from './html.js';
import { plainIssue } from './plain-errors.js';
import { renderAssessment } from './render-assessment.js';
import { caseFragment, caseFromHash } from './share.js';
import { caseWords, shortNameOf } from './words.js';

const shortName = shortNameOf(dutyCatalogue().duties);

interface State {
  readonly draft: CaseDraft;
  readonly unanswerable: readonly string[];
}

let state: State = { draft: {}, unanswerable: [] };
const history: State[] = [];
let current: InterviewQuestion | null = null;

function box(): HTMLElement {
  const el = document.getElementById('interview');
  if (!el) throw new Error('interview: #interview is missing from the page');
  return el;
}

/** The concern a question is about, in words, for context. */
function contextOf(q: InterviewQuestion, draft: CaseDraft): string | null {
  const k = (draft.concerns ?? []).find((c) => c.id === q.about);
  if (!k || q.fact === 'victim' || q.fact === 'anotherVictim') return null;
  const words = caseWords({ people: draft.people ?? [], concerns: [k] } as unknown as CaseInput).concerns[0];
  return words ?? null;
}

function questionText(q: InterviewQuestion): string {
  // The library prefixes questions about one concern with its id; the context line says which.
  return q.question.replace(/^Concern [^:]+:\s*/, '');
}

const fieldLabel = (input: string, a: AnswerSpec): string => {
  if (/\.ageYears$/.test(input)) return 'Age in whole years';
  if (/\.dateOfBirth$/.test(input)) return 'Or the date of birth';
  if (/\.incidentDate$/.test(input)) return 'Or the date it happened';
  if (a.kind === 'date') return 'Date';
  if (a.kind === 'number') return 'Number';
  return 'Your answer';
};

function control(input: string, a: AnswerSpec, n: number): Html {
  const id = `answer-${n}`;
  const data = html` data-input="${input}" data-kind="${a.kind}"`;
  switch (a.kind) {
    case 'choice':
      if (a.options.length <= 8) {
        return html`<div class="choices" role="radiogroup" aria-labelledby="q-text"${data}>${a.options.map(
          (o, i) =>
            html`<label class="choice"><input type="radio" name="${id}" value="${i}" data-value="${JSON.stringify(o.value)}"> ${o.label}</label>`,
        )}</div>`;
      }
      return html`<div class="field"><label for="${id}">Choose one</label><select id="${id}"${data}><option value="">Choose…</option>${a.options.map(
        (o, i) => html`<option value="${i}" data-value="${JSON.stringify(o.value)}">${o.label}</option>`,
      )}</select></div>`;
    case 'person':
      return html`<div class="choices" role="radiogroup" aria-labelledby="q-text"${data}>${a.options.map(
        (o, i) =>
          html`<label class="choice"><input type="radio" name="${id}" value="${i}" data-value="${JSON.stringify(o.value)}"> ${o.label}</label>`,
      )}
<div class="field new-person">${a.options.length > 0 ? html`<label class="choice"><input type="radio" name="${id}" value="new" id="${id}-new-choice"> Someone else</label>` : ''}
<label for="${id}-new">${a.options.length > 0 ? 'Label for someone else' : 'A label for them'}</label><span class="hint" id="${id}-hint">No name needed: "mother", "partner", "Lerato, 5".</span>
<input id="${id}-new" type="text" autocomplete="off" spellcheck="false" aria-describedby="${id}-hint"></div></div>`;
    case 'date':
      return html`<div class="field"><label for="${id}">${fieldLabel(input, a)}</label><input id="${id}" type="date"${data}></div>`;
    case 'number':
      return html`<div class="field"><label for="${id}">${fieldLabel(input, a)}</label><input id="${id}" type="number" min="${a.min}" max="${a.max}" step="1" inputmode="numeric"${data}></div>`;
    default:
      return html`<div class="field"><label for="${id}">${fieldLabel(input, a)}</label><input id="${id}" type="text" autocomplete="off"${data}></div>`;
  }
}

type Read =
  | { readonly ok: true; readonly input: string; readonly value: string | number | boolean }
  | { readonly ok: false; readonly error: string | null };

/** Reads one answer control: a value, nothing (null error), or a problem in plain words. */
function readControl(input: string, a: AnswerSpec, n: number): Read {
  const id = `answer-${n}`;
  if (a.kind === 'choice' || a.kind === 'person') {
    const checked = document.querySelector<HTMLInputElement>(`input[name="${id}"]:checked`);
    const sel = document.getElementById(id) as HTMLSelectElement | null;
    const picked = checked?.value ?? sel?.value ?? '';
    if (a.kind === 'person') {
      const typed = (document.getElementById(`${id}-new`) as HTMLInputElement | null)?.value.trim() ?? '';
      if ((picked === 'new' || picked === '' || a.options.length === 0) && typed !== '') return { ok: true, input, value: typed };
      if (picked === 'new') return { ok: false, error: 'Give a label for the new person, such as "child-a".' };
    }
    const o = picked === '' ? undefined : a.options[Number(picked)];
    return o ? { ok: true, input, value: o.value } : { ok: false, error: null };
  }
  const el = document.getElementById(id) as HTMLInputElement | null;
  const v = el?.value.trim() ?? '';
  if (v === '') return { ok: false, error: el?.validity.badInput ? 'Give a real date, or choose "I don\'t know".' : null };
  if (a.kind === 'number') {
    const num = Number(v);
    if (!Number.isInteger(num) || num < a.min || num > a.max) return { ok: false, error: `Give a whole number from ${a.min} to ${a.max}.` };
    return { ok: true, input, value: num };
  }
  if (a.kind === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(v)) return { ok: false, error: 'Give a real date.' };
  return { ok: true, input, value: v };
}

function soFar(draft: CaseDraft): Html {
  const w = caseWords(draft as unknown as CaseInput);
  if ((draft.people ?? []).length === 0 && !draft.reporter?.role) return html``;
  return html`<section class="so-far" aria-labelledby="so-far-heading"><h2 id="so-far-heading">What you have said so far</h2>
<ul><li>You: ${w.reporter}</li>${w.people.length > 0 ? html`<li>People: ${w.people.join('; ')}</li>` : ''}${w.concerns.length > 0 ? html`<li>What happened: ${w.concerns.join('; ')}</li>` : ''}</ul></section>`;
}

/** Where the duties stand so far, in one line. */
function progress(step: InterviewStep): Html | '' {
  const a = step.assessment;
  if (!a) return '';
  const n = (st: string) => a.duties.filter((d) => d.status === st).length;
  const must = new Set(a.duties.filter((d) => d.status === 'applies' && d.modality === 'must').map((d) => d.person));
  for (const ov of a.overlaps) if (ov.id === 'dva-report' && ov.status === 'applies') must.add(ov.person);
  return html`<p class="progress" id="q-progress">So far, on what you have said: ${must.size === 0 ? 'no report is yet certain to be required' : `a report is required about ${must.size === 1 ? 'one person' : `${must.size} people`}`}; ${n('may_apply')} ${n('may_apply') === 1 ? 'duty still depends' : 'duties still depend'} on the answers.</p>`;
}

function renderQuestion(step: InterviewStep, q: InterviewQuestion): void {
  const context = contextOf(q, state.draft);
  const alts = q.alternatives.filter((a) => a.answer.kind !== 'choice' && a.answer.kind !== 'person');
  const settles =
    q.settles.length > 0
      ? join(
          q.settles.map((s) => `${shortName(s.duty)} for ${s.person}`),
          ', ',
        )
      : null;
  box().innerHTML =
    html`<form id="q-form" novalidate data-fact="${q.fact}" data-about="${q.about}" data-input="${q.input}" data-stage="${step.stage}">
<h2 id="q-heading">Question ${history.length + 1}</h2>
${context ? html`<p class="q-context">About: ${context}</p>` : ''}
<fieldset aria-describedby="q-error">
<legend id="q-text">${questionText(q)}</legend>
${control(q.input, q.answer, 0)}
${alts.map((a, i) => control(a.input, a.answer, i + 1))}
<p class="field-error" id="q-error" role="alert"></p>
</fieldset>
<p class="q-buttons"><button type="submit" class="primary" id="q-next">Next</button> <button type="button" id="q-skip">${q.skip}</button> ${history.length > 0 ? html`<button type="button" id="q-back">Back</button>` : ''}</p>
${settles ? html`<p class="muted">Why this is asked: it helps settle ${settles}.</p>` : html`<p class="muted">First, the outline: who you are, who is at risk, what happened.</p>`}
${progress(step)}
</form>
${soFar(state.draft)}`.value;
  const first = box().querySelector<HTMLElement>('#q-form input, #q-form select');
  first?.focus();
}

function renderDone(step: InterviewStep): void {
  const a = step.assessment;
  if (!a) {
    box().innerHTML = html`<h2 id="result-heading">No result yet</h2>
<p>The library needs at least one person who was harmed or is at risk, and what happened to them. ${step.issues.length > 0 ? html`<ul>${step.issues.map((i) => html`<li>${plainIssue(i)}</li>`)}</ul>` : ''}</p>
<p><button type="button" id="q-restart">Start again</button>${history.length > 0 ? html` <button type="button" id="q-back">Back</button>` : ''}</p>`.value;
    return;
  }
  const frag = caseFragment(state.draft);
  const settled = step.unanswered.length === 0;
  box().innerHTML = html`<section id="result" aria-labelledby="result-heading" tabindex="-1">
<h2 id="result-heading">The result</h2>
<p class="lede">${settled ? 'Every duty is settled on what you have said.' : `Only questions you could not answer remain (${step.unanswered.length}); the duties they affect show as "may apply". If in doubt, report.`}</p>
<p class="next-actions"><a class="button-link" href="report.html${frag}" id="open-report">Open the short report to print</a> <a href="try.html${frag}" id="open-try">Open the case in Try a case</a> <button type="button" id="q-back">Back</button> <button type="button" id="q-restart">Start again</button></p>
${soFar(state.draft)}
${renderAssessment(a, { root: '', level: 3, shortName, idPrefix: 'res-' })}
</section>`.value;
  document.getElementById('result')?.focus();
}

function step(): void {
  const s = nextQuestions(state.draft, { unanswerable: state.unanswerable });
  const q = s.stage === 'done' ? undefined : s.questions[0];
  current = q ?? null;
  if (q) renderQuestion(s, q);
  else renderDone(s);
}

function answer(): void {
  const q = current;
  if (!q) return;
  const err = document.getElementById('q-error');
  const alts = q.alternatives.filter((a) => a.answer.kind !== 'choice' && a.answer.kind !== 'person');
  const reads = [readControl(q.input, q.answer, 0), ...alts.map((a, i) => readControl(a.input, a.answer, i + 1))];
  const got = reads.find((r): r is Extract<Read, { ok: true }> => r.ok);
  const problem = reads.find((r) => !r.ok && r.error !== null) as { error: string } | undefined;
  if (!got || problem) {
    if (err) err.textContent = problem?.error ?? `Choose an answer, or "${q.skip}".`;
    box().querySelector('fieldset')?.setAttribute('aria-invalid', 'true');
    return;
  }
  history.push(state);
  state = { draft: applyAnswer(state.draft, got.input, got.value), unanswerable: state.unanswerable };
  step();
}

function skip(): void {
  const q = current;
  if (!q) return;
  history.push(state);
  state = { draft: state.draft, unanswerable: [...state.unanswerable, q.input, ...q.alternatives.map((a) => a.input)] };
  step();
}

function start(): void {
  history.length = 0;
  const c = caseFromHash(location.hash);
  state = { draft: c !== null && typeof c === 'object' && !Array.isArray(c) ? (c as CaseDraft) : {}, unanswerable: [] };
  step();
}

function init(): void {
  box().addEventListener('submit', (ev) => {
    ev.preventDefault();
    answer();
  });
  box().addEventListener('click', (ev) => {
    const t = ev.target as HTMLElement;
    if (t.id === 'q-skip') skip();
    else if (t.id === 'q-back') {
      const prev = history.pop();
      if (prev) {
        state = prev;
        step();
      }
    } else if (t.id === 'q-restart') {
      state = { draft: {}, unanswerable: [] };
      history.length = 0;
      step();
    }
  });
  // Typing a new person's label chooses "Someone else".
  box().addEventListener('input', (ev) => {
    const t = ev.target as HTMLInputElement;
    if (t.id.endsWith('-new')) {
      const r = document.getElementById(`${t.id}-choice`) as HTMLInputElement | null;
      if (r) r.checked = true;
    }
  });
  window.addEventListener('hashchange', start);
  start();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
