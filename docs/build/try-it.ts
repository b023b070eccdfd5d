/**
 * The try-it page's script. It reads the form into a case, runs the library (bundled into
 * assets/za-duties.js and exposed as the global `ZaDuties`) and shows the assessment. It makes
 * no network request and stores nothing: the page's Content Security Policy forbids
 * connections, and the form has no action.
 */
import { dutyCatalogue, safeAssess, type CaseInput, type ValidationIssue } from '../../src/index.js';
import { html, join } from './html.js';
import { renderAssessment } from './render-assessment.js';
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

const tri = (v: string): boolean | undefined => (v === 'true' ? true : v === 'false' ? false : undefined);
const num = (v: string): number | string | undefined => (v === '' ? undefined : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);

/** Drops the fields left blank: a blank field is unknown, never false. */
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
}

/** The case the form describes. */
export function readCase(): CaseInput {
  const f = form();
  const rep = must('.reporter');
  const reporter = compact({
    role: value(rep, 'role') || undefined,
    ageYears: num(value(rep, 'ageYears')),
    inCourseOfDuties: tri(value(rep, 'inCourseOfDuties')),
    dvaFunctionary: tri(value(rep, 'dvaFunctionary')),
    knowledgeDate: value(rep, 'knowledgeDate') || undefined,
  });
  const people = rows('person').map((r) => {
    const cares = value(r, 'caregiverOf')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    return compact({
      id: value(r, 'id'),
      dateOfBirth: value(r, 'dateOfBirth') || undefined,
      ageYears: num(value(r, 'ageYears')),
      sex: value(r, 'sex') || undefined,
      disability: value(r, 'disability') || undefined,
      mentalDisabilityAffectingConsent: tri(value(r, 'mentalDisabilityAffectingConsent')),
      opposesReport: tri(value(r, 'opposesReport')),
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
      physicalInjury: tri(value(r, 'physicalInjury')),
      consensual: tri(value(r, 'consensual')),
      deliberate: tri(value(r, 'deliberate')),
      immediateDanger: tri(value(r, 'immediateDanger')),
      sharesResidence: tri(value(r, 'sharesResidence')),
      expectationOfTrust: tri(value(r, 'expectationOfTrust')),
      domesticRelationship: tri(value(r, 'domesticRelationship')),
      receivedAsReport: tri(value(r, 'receivedAsReport')),
      privilegedCommunication: tri(value(r, 'privilegedCommunication')),
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
  else if (Array.isArray(v)) el.value = v.join(', ');
  else el.value = String(v);
}

/** Clears the form to one empty person and one empty concern. */
function resetForm(): void {
  form().reset();
  rows('person').slice(1).forEach((r) => r.remove());
  rows('concern').slice(1).forEach((r) => r.remove());
  refreshPeopleChoices();
  renumber();
}

/** Fills the form with a case. */
export function fillCase(c: CaseInput): void {
  resetForm();
  const loose = c as { assessmentDate?: string; reporter?: Record<string, unknown>; people: readonly Record<string, unknown>[]; concerns: readonly Record<string, unknown>[] };
  const f = form();
  set(f, 'assessmentDate', loose.assessmentDate);
  const rep = must('.reporter');
  for (const k of ['role', 'ageYears', 'inCourseOfDuties', 'dvaFunctionary', 'knowledgeDate']) set(rep, k, loose.reporter?.[k]);
  loose.people.forEach((p, i) => {
    const r = i === 0 ? (rows('person')[0] as Row) : addPerson();
    for (const k of ['id', 'dateOfBirth', 'ageYears', 'sex', 'disability', 'mentalDisabilityAffectingConsent', 'opposesReport', 'caregiverOf']) set(r, k, p[k]);
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

function showErrors(issues: readonly ValidationIssue[]): void {
  document.querySelectorAll('[aria-invalid="true"]').forEach((el) => el.removeAttribute('aria-invalid'));
  const items = issues.map((iss) => {
    const el = controlFor(iss.path);
    el?.setAttribute('aria-invalid', 'true');
    return html`<li>${el?.id ? html`<a href="#${el.id}">${iss.message}</a>` : iss.message}</li>`;
  });
  results().innerHTML = html`<h2 id="results-heading">Results</h2>
<div class="error-summary" role="alert">
<h3>The case needs correcting</h3>
<p>The library could not read the case. Each problem names where it is, what was expected and what came in:</p>
<ul>${items}</ul>
</div>`.value;
}

function run(): void {
  const input = readCase();
  const r = safeAssess(input, { detail: 'full' });
  if (!r.success) {
    showErrors(r.error.issues);
  } else {
    document.querySelectorAll('[aria-invalid="true"]').forEach((el) => el.removeAttribute('aria-invalid'));
    results().innerHTML = html`<h2 id="results-heading">Results</h2>
${renderAssessment(r.data, { root: '', level: 3, shortName, idPrefix: 'res-' })}
<details class="case-json"><summary>The case as JSON (for the command-line tool or a case system)</summary><pre><code>${JSON.stringify(input, null, 2)}</code></pre></details>
<p><button type="button" id="print-results">Print</button></p>`.value;
  }
  results().focus();
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
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
