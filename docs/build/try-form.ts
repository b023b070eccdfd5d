/**
 * The try-it form's markup: the reporter, one fieldset per person and one per concern. Built
 * into the static page at build time and, for added rows, by the page's script in the
 * browser, from the same functions and the library's own vocabularies.
 */
import { BASES, DISABILITIES, HARMS, RELATIONSHIPS, REPORTER_ROLES, SEXES } from '../../src/index.js';
import { html, type Child, type Html } from './html.js';
import { sentenceCase, vocab } from './words.js';

const BASIS_LABELS: Record<string, string> = {
  knowledge: 'Knowledge: you know it',
  reasonable_belief: 'Belief on reasonable grounds',
  reasonable_suspicion: 'Suspicion on reasonable grounds',
  rumour: 'Only a rumour',
};

type Option = readonly [value: string, label: string];

function options(values: readonly string[], label: (v: string) => string = (v) => sentenceCase(vocab(v)), sort = false): Option[] {
  const out = values.map((v) => [v, label(v)] as const);
  return sort ? [...out].sort((a, b) => a[1].localeCompare(b[1])) : out;
}

/** The vocabularies of the form, as [value, label] pairs. */
export const VOCAB = {
  role: options(REPORTER_ROLES, undefined, true),
  sex: options(SEXES),
  disability: options(DISABILITIES, (v) => (v === 'none' ? 'No disability' : sentenceCase(v))),
  harm: options(HARMS),
  relationship: options(RELATIONSHIPS),
  basis: options(BASES, (v) => BASIS_LABELS[v] ?? v),
} as const;

const TRI: readonly Option[] = [
  ['true', 'Yes'],
  ['false', 'No'],
];

function select(id: string, name: string, label: string, opts: readonly Option[], hint?: string, blank = 'Not known'): Html {
  return html`<div class="field"><label for="${id}">${label}</label>${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : ''}
<select id="${id}" name="${name}" data-field="${name}"${hint ? html` aria-describedby="${id}-hint"` : ''}><option value="">${blank}</option>${opts.map(([v, l]) => html`<option value="${v}">${l}</option>`)}</select></div>`;
}

function input(id: string, name: string, label: string, type: 'text' | 'date' | 'number', hint?: string, extra: Child = ''): Html {
  return html`<div class="field"><label for="${id}">${label}</label>${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : ''}
<input id="${id}" name="${name}" data-field="${name}" type="${type}"${type === 'number' ? html` min="0" max="130" step="1" inputmode="numeric"` : ''}${hint ? html` aria-describedby="${id}-hint"` : ''}${extra}></div>`;
}

/** The fields of one person; `key` makes the ids unique. */
export function personRow(key: number): Html {
  const id = (f: string) => `p${key}-${f}`;
  return html`<fieldset class="row person-row" data-row="person" data-key="${key}">
<legend>Person <span class="row-number"></span></legend>
<div class="grid">
${input(id('id'), 'id', 'Label', 'text', 'A label, not a name, e.g. mother or child-a.', html` required autocomplete="off" spellcheck="false"`)}
${input(id('dateOfBirth'), 'dateOfBirth', 'Date of birth', 'date')}
${input(id('ageYears'), 'ageYears', 'Or age in years', 'number', 'Age today, if the date of birth is not known.')}
${select(id('sex'), 'sex', 'Sex', VOCAB.sex)}
${select(id('disability'), 'disability', 'Disability', VOCAB.disability)}
${select(id('mentalDisabilityAffectingConsent'), 'mentalDisabilityAffectingConsent', 'Mental disability affecting consent', TRI, 'Sexual Offences Act: unable to understand or consent at the time.')}
${select(id('opposesReport'), 'opposesReport', 'Does not want a report', TRI)}
${input(id('caregiverOf'), 'caregiverOf', 'Cares for', 'text', 'Labels of the children this person cares for, separated by semicolons.', html` autocomplete="off" spellcheck="false"`)}
</div>
<p><button type="button" class="remove-row">Remove this person</button></p>
</fieldset>`;
}

function peopleOptions(ids: readonly string[]): Option[] {
  return ids.filter((i) => i !== '').map((i) => [i, i] as const);
}

/** The fields of one concern; the victim and alleged perpetrator choose from the people's labels. */
export function concernRow(key: number, personIds: readonly string[]): Html {
  const id = (f: string) => `c${key}-${f}`;
  const people = peopleOptions(personIds);
  return html`<fieldset class="row concern-row" data-row="concern" data-key="${key}">
<legend>Concern <span class="row-number"></span></legend>
<div class="grid">
${input(id('id'), 'id', 'Label', 'text', 'e.g. c1', html` required autocomplete="off" spellcheck="false"`)}
${select(id('victim'), 'victim', 'Who was harmed', people, undefined, 'Choose a person')}
${select(id('harm'), 'harm', 'Harm', VOCAB.harm, undefined, 'Choose a harm')}
${select(id('allegedBy'), 'allegedBy', 'Alleged by', people)}
${select(id('relationship'), 'relationship', 'Their relationship to the person harmed', VOCAB.relationship)}
${select(id('basis'), 'basis', 'What it rests on', VOCAB.basis)}
${input(id('incidentDate'), 'incidentDate', 'When it happened', 'date')}
${select(id('physicalInjury'), 'physicalInjury', 'Physical injury', TRI)}
${select(id('consensual'), 'consensual', 'Sexual acts: consented in fact', TRI)}
${select(id('deliberate'), 'deliberate', 'Neglect: deliberate', TRI)}
${select(id('immediateDanger'), 'immediateDanger', 'Someone in immediate danger now', TRI)}
</div>
<details class="more">
<summary>Less common questions</summary>
<div class="grid">
${select(id('sharesResidence'), 'sharesResidence', 'They share or shared a home', TRI)}
${select(id('expectationOfTrust'), 'expectationOfTrust', 'A relationship of trust (older person)', TRI)}
${select(id('domesticRelationship'), 'domesticRelationship', 'A domestic relationship (override)', TRI)}
${select(id('receivedAsReport'), 'receivedAsReport', 'Received as a report (police)', TRI)}
${select(id('privilegedCommunication'), 'privilegedCommunication', 'Learned in privileged legal communication', TRI)}
</div>
</details>
<p><button type="button" class="remove-row">Remove this concern</button></p>
</fieldset>`;
}

/** The whole form, with one empty person and one empty concern. */
export function caseForm(): Html {
  return html`<form id="case-form" autocomplete="off" novalidate>
<fieldset class="reporter">
<legend>You, the reporter</legend>
<div class="grid">
${select('r-role', 'role', 'Your role', VOCAB.role)}
${input('r-ageYears', 'ageYears', 'Your age', 'number')}
${select('r-inCourseOfDuties', 'inCourseOfDuties', 'Learned it while working in that role', TRI)}
${select('r-dvaFunctionary', 'dvaFunctionary', 'A "functionary" under the Domestic Violence Act', TRI, 'Your employer can tell you; the definition is not verified.')}
${input('r-knowledgeDate', 'knowledgeDate', 'Date you came to know or suspect', 'date', 'Selects the law in force. Blank: the assessment date.')}
${input('case-assessmentDate', 'assessmentDate', 'Date of this assessment', 'date', 'Blank: today.')}
</div>
</fieldset>
<section class="rows" aria-labelledby="people-heading">
<h2 id="people-heading">People</h2>
<div id="people">${personRow(0)}</div>
<p><button type="button" id="add-person">Add a person</button></p>
</section>
<section class="rows" aria-labelledby="concerns-heading">
<h2 id="concerns-heading">Concerns</h2>
<p class="hint">One concern for each harm to each person. For children who saw or heard violence against a parent, add a concern of exposure to domestic violence for each child.</p>
<div id="concerns">${concernRow(0, [])}</div>
<p><button type="button" id="add-concern">Add a concern</button></p>
</section>
<p><button type="submit" id="assess" class="primary">Assess the case</button></p>
</form>`;
}
