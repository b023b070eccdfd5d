/**
 * The try-it page's script. It reads the form into a case, runs the library (bundled into
 * assets/za-duties.js and exposed as the global `ZaDuties`) and shows the assessment. It makes
 * no network request and stores nothing: the page's Content Security Policy forbids
 * connections, and the form has no action.
 */
import { dutyCatalogue, safeAssess, type CaseInput, type ValidationIssue } from '../../src/index.js';
import { html, join, verbatim } from './html.js';
import { renderAssessment } from './render-assessment.js';
import { plainFix, plainIssue } from './plain-errors.js';
import { caseFragment, caseFromHash } from './share.js';
import { concernRow, personRow } from './try-form.js';
import { shortNameOf } from './words.js';

type Row = HTMLFieldSetElement;

let nextKey = 1;
const shortName = shortNameOf(dutyCatalogue().duties);

function must<T extends Element>(sel: string): T {
  const el = document.querySelector<T>(sel);
  if (!el) throw new Error(`try-it: ${sel} is missing from the page`);
  return el;
}

const form = () => must<HTMLFormElement>('#case-form');
const peopleBox = () => must<HTMLDivElement>('#people');
const concernsBox = () => must<HTMLDivElement>('#concerns');
const results = () => must<HTMLElement>('#results');

function rows(kind: 'person' | 'concern'): Row[] {
  return [...document.querySelectorAll<Row>(`fieldset[data-row="${kind}"]`)];
}

function field(row: ParentNode, name: string): HTMLInputElement | HTMLSelectElement | null {
  return row.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-field="${name}"]`);
}

function value(row: ParentNode, name: string): string {
  return (field(row, name)?.value ?? '').trim();
}

function personIds(): string[] {
  return rows('person').map((r) => value(r, 'id'));
}

function renumber(): void {
  for (const kind of ['person', 'concern'] as const) {
    const rs = rows(kind);
    rs.forEach((r, i) => {
      const n = r.querySelector('.row-number');
      if (n) n.textContent = String(i + 1);
      const rm = r.querySelector<HTMLButtonElement>('.remove-row');
      if (rm) rm.disabled = rs.length === 1;
    });
  }
}

/** Rebuilds the people choices of every concern, keeping what was chosen. */
function refreshPeopleChoices(): void {
  const ids = personIds().filter((i) => i !== '');
  for (const r of rows('concern')) {
    for (const name of ['victim', 'allegedBy']) {
      const sel = field(r, name) as HTMLSelectElement | null;
      if (!sel) continue;
      const keep = sel.value;
      const first = sel.options[0]?.textContent ?? '';
      sel.innerHTML = html`<option value="">${first}</option>${ids.map((i) => html`<option value="${i}">${i}</option>`)}`.value;
      if (ids.includes(keep)) sel.value = keep;
    }
  }
}

function addPerson(): Row {
  peopleBox().insertAdjacentHTML('beforeend', personRow(nextKey++).value);
  renumber();
  return rows('person').at(-1) as Row;
}

function addConcern(): Row {
  concernsBox().insertAdjacentHTML('beforeend', concernRow(nextKey++, personIds()).value);
  renumber();
  return rows('concern').at(-1) as Row;
}

/** A yes/no select: "true", "false", or blank (unknown). */
const yesNoOrUnknown = (v: string): boolean | undefined => (v === 'true' ? true : v === 'false' ? false : undefined);
const numberOrText = (v: string): number | string | undefined => (v === '' ? undefined : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);

/** Drops the fields left blank: a blank field is unknown, never false. */
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
}

/**
 * The labels in a "cares for" field: separated by semicolons or commas, where a known label that
 * itself has a comma ("Lerato, 5") is read whole.
 */
export function splitLabels(text: string, known: readonly string[]): string[] {
  const out: string[] = [];
  const byLength = [...known].filter((k) => k !== '').sort((a, b) => b.length - a.length);
  let rest = text.trim();
  while (rest !== '') {
    const whole = byLength.find((k) => rest.startsWith(k) && /^\s*([,;]|$)/.test(rest.slice(k.length)));
    const cut = whole !== undefined ? whole.length : rest.search(/[,;]/) === -1 ? rest.length : rest.search(/[,;]/);
    const item = rest.slice(0, cut).trim();
    if (item !== '') out.push(item);
    rest = rest.slice(cut).replace(/^\s*[,;]\s*/, '');
  }
  return out;
}

/** The case the form describes. */
export function readCase(): CaseInput {
  const f = form();
  const rep = must('.reporter');
  const reporter = compact({
    role: value(rep, 'role') || undefined,
    ageYears: numberOrText(value(rep, 'ageYears')),
    inCourseOfDuties: yesNoOrUnknown(value(rep, 'inCourseOfDuties')),
    dvaFunctionary: yesNoOrUnknown(value(rep, 'dvaFunctionary')),
    knowledgeDate: value(rep, 'knowledgeDate') || undefined,
  });
  const people = rows('person').map((r) => {
    const cares = splitLabels(value(r, 'caregiverOf'), personIds());
    return compact({
      id: value(r, 'id'),
      dateOfBirth: value(r, 'dateOfBirth') || undefined,
      ageYears: numberOrText(value(r, 'ageYears')),
      sex: value(r, 'sex') || undefined,
      disability: value(r, 'disability') || undefined,
      mentalDisabilityAffectingConsent: yesNoOrUnknown(value(r, 'mentalDisabilityAffectingConsent')),
      opposesReport: yesNoOrUnknown(value(r, 'opposesReport')),
      caregiverOf: cares.length > 0 ? cares : undefined,
    });
  });
  const concerns = rows('concern').map((r) =>
    compact({
      id: value(r, 'id'),
      victim: value(r, 'victim'),
      harm: value(r, 'harm') || undefined,
      allegedBy: value(r, 'allegedBy') || undefined,
      relationship: value(r, 'relationship') || undefined,
      basis: value(r, 'basis') || undefined,
      incidentDate: value(r, 'incidentDate') || undefined,
      physicalInjury: yesNoOrUnknown(value(r, 'physicalInjury')),
      consensual: yesNoOrUnknown(value(r, 'consensual')),
      deliberate: yesNoOrUnknown(value(r, 'deliberate')),
      immediateDanger: yesNoOrUnknown(value(r, 'immediateDanger')),
      sharesResidence: yesNoOrUnknown(value(r, 'sharesResidence')),
      expectationOfTrust: yesNoOrUnknown(value(r, 'expectationOfTrust')),
      domesticRelationship: yesNoOrUnknown(value(r, 'domesticRelationship')),
      receivedAsReport: yesNoOrUnknown(value(r, 'receivedAsReport')),
      privilegedCommunication: yesNoOrUnknown(value(r, 'privilegedCommunication')),
    }),
  );
  return compact({
    assessmentDate: value(f, 'assessmentDate') || undefined,
    reporter,
    people,
    concerns,
  }) as unknown as CaseInput;
}

function set(row: ParentNode, name: string, v: unknown): void {
  const el = field(row, name);
  if (!el) return;
  if (v === undefined || v === null) el.value = '';
  else if (Array.isArray(v)) el.value = v.join('; ');
  else el.value = String(v);
}

/** Clears the form to one empty person and one empty concern. */
function resetForm(): void {
  form().reset();
  rows('person')
    .slice(1)
    .forEach((r) => r.remove());
  rows('concern')
    .slice(1)
    .forEach((r) => r.remove());
  refreshPeopleChoices();
  renumber();
}

/** Fills the form with a case. */
export function fillCase(c: CaseInput): void {
  resetForm();
  const loose = c as {
    assessmentDate?: string;
    reporter?: Record<string, unknown>;
    people: readonly Record<string, unknown>[];
    concerns: readonly Record<string, unknown>[];
  };
  const f = form();
  set(f, 'assessmentDate', loose.assessmentDate);
  const rep = must('.reporter');
  for (const k of ['role', 'ageYears', 'inCourseOfDuties', 'dvaFunctionary', 'knowledgeDate']) set(rep, k, loose.reporter?.[k]);
  loose.people.forEach((p, i) => {
    const r = i === 0 ? (rows('person')[0] as Row) : addPerson();
    for (const k of [
      'id',
      'dateOfBirth',
      'ageYears',
      'sex',
      'disability',
      'mentalDisabilityAffectingConsent',
      'opposesReport',
      'caregiverOf',
    ])
      set(r, k, p[k]);
  });
  refreshPeopleChoices();
  loose.concerns.forEach((k, i) => {
    const r = i === 0 ? (rows('concern')[0] as Row) : addConcern();
    for (const name of [
      'id',
      'victim',
      'harm',
      'allegedBy',
      'relationship',
      'basis',
      'incidentDate',
      'physicalInjury',
      'consensual',
      'deliberate',
      'immediateDanger',
      'sharesResidence',
      'expectationOfTrust',
      'domesticRelationship',
      'receivedAsReport',
      'privilegedCommunication',
    ]) {
      set(r, name, k[name]);
    }
  });
}

/** The form control an issue's path points at, if there is one. */
function controlFor(path: readonly (string | number)[]): HTMLElement | null {
  const [head, i, name] = path;
  if (head === 'assessmentDate') return document.getElementById('case-assessmentDate');
  if (head === 'reporter' && typeof i === 'string') return document.getElementById(`r-${i}`);
  if ((head === 'people' || head === 'concerns') && typeof i === 'number') {
    const r = rows(head === 'people' ? 'person' : 'concern')[i];
    if (!r) return null;
    return (typeof name === 'string' ? field(r, name) : null) ?? r.querySelector('input, select');
  }
  return null;
}

function clearErrors(): void {
  document.querySelectorAll('[aria-invalid="true"]').forEach((el) => el.removeAttribute('aria-invalid'));
  document.querySelectorAll('.field-error').forEach((el) => {
    const control = el.parentElement?.querySelector('[aria-describedby]');
    if (control) control.setAttribute('aria-describedby', (control.getAttribute('aria-describedby') ?? '').replace(el.id, '').trim());
    el.remove();
  });
}

function showErrors(issues: readonly ValidationIssue[]): void {
  clearErrors();
  const items = issues.map((iss, n) => {
    const el = controlFor(iss.path);
    if (el) {
      el.setAttribute('aria-invalid', 'true');
      // The problem in plain words beside the field, and read out with it.
      const errId = `${el.id || 'field'}-error-${n}`;
      el.insertAdjacentHTML('afterend', html`<span class="field-error" id="${errId}">${plainFix(iss)}</span>`.value);
      el.setAttribute('aria-describedby', `${el.getAttribute('aria-describedby') ?? ''} ${errId}`.trim());
    }
    return html`<li>${el?.id ? html`<a href="#${el.id}">${plainIssue(iss)}</a>` : plainIssue(iss)}</li>`;
  });
  results().innerHTML = html`<h2 id="results-heading">Results</h2>
<div class="error-summary" role="alert">
<h3>Some answers need correcting</h3>
<ul>${items}</ul>
</div>`.value;
}

function run(): void {
  const input = readCase();
  const r = safeAssess(input, { detail: 'full' });
  if (!r.success) {
    showErrors(r.error.issues);
  } else {
    clearErrors();
    const frag = caseFragment(input);
    const link = new URL(`try.html${frag}`, location.href).href;
    results().innerHTML = html`<h2 id="results-heading">Results</h2>
<p class="next-actions"><a class="button-link" href="report.html${frag}" id="open-report">Open the short report to print</a> <a href="interview.html${frag}">Continue in the guided interview</a></p>
${renderAssessment(r.data, { root: '', level: 3, shortName, idPrefix: 'res-' })}
<div class="share"><label for="share-link">A link to this case, to share or keep</label>
<span class="hint" id="share-link-hint">The case is in the link after the #, which your browser never sends anywhere. Anyone who opens the link sees the case: share it only as you would share the case.</span>
<input id="share-link" type="text" readonly value="${link}" aria-describedby="share-link-hint" spellcheck="false"></div>
<details class="case-json"><summary>The case as JSON (for the command-line tool or a case system)</summary><pre><code>${verbatim(JSON.stringify(input, null, 2))}</code></pre></details>
<p><button type="button" id="print-results">Print everything</button></p>`.value;
  }
  results().focus();
}

/** Opens a case from the link's fragment (`#case=…`), if there is one, and assesses it. */
function openFromHash(): void {
  const c = caseFromHash(location.hash);
  if (c === null) return;
  const loose = c as { people?: unknown; concerns?: unknown };
  if (typeof c !== 'object' || !Array.isArray(loose.people) || !Array.isArray(loose.concerns)) {
    results().innerHTML =
      html`<h2 id="results-heading">Results</h2><p class="warn">The link carries a case this page cannot read.</p>`.value;
    return;
  }
  fillCase(c as CaseInput);
  run();
}

function init(): void {
  form().addEventListener('submit', (ev) => {
    ev.preventDefault();
    run();
  });
  must('#add-person').addEventListener('click', () => {
    const r = addPerson();
    (field(r, 'id') as HTMLInputElement).focus();
  });
  must('#add-concern').addEventListener('click', () => {
    const r = addConcern();
    (field(r, 'id') as HTMLInputElement).focus();
  });
  document.addEventListener('click', (ev) => {
    const t = ev.target as HTMLElement;
    if (t.classList.contains('remove-row')) {
      const row = t.closest('fieldset.row');
      if (row && rows(row.getAttribute('data-row') as 'person' | 'concern').length > 1) {
        row.remove();
        refreshPeopleChoices();
        renumber();
      }
    } else if (t.id === 'print-results') {
      window.print();
    }
  });
  peopleBox().addEventListener('input', (ev) => {
    if ((ev.target as HTMLElement).getAttribute('data-field') === 'id') refreshPeopleChoices();
  });
  must('#load-example').addEventListener('click', () => {
    const data = JSON.parse(must('#example-mitchells-plain').textContent ?? '{}') as CaseInput;
    fillCase(data);
    results().innerHTML = html`<h2 id="results-heading">Results</h2><p>The Mitchell's Plain example is loaded: ${join(
      [`a social worker`, `a mother and her partner`, `two children aged 5 and 3`],
      ', ',
    )}. Choose "Assess the case".</p>`.value;
  });
  must('#clear-form').addEventListener('click', () => {
    resetForm();
    results().innerHTML = html`<h2 id="results-heading">Results</h2><p class="muted">The form is empty.</p>`.value;
  });
  // Printing shows everything: open any collapsed parts first.
  window.addEventListener('beforeprint', () => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  renumber();
  openFromHash();
  window.addEventListener('hashchange', openFromHash);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
