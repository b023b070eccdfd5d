/**
 * A short report of an assessment, for printing on one or two A4 pages or handing over: the case
 * in words, what you must do (for whom, to whom, by when, on which form), what you may do, what is
 * still open, the survivor-centred next steps, the emergency numbers, the date, the rules version
 * and the disclaimer. Rendered in the browser by the report page, from a case in the link.
 */
import type { Assessment, CaseInput, DutyId, DutyResult, GuidanceItem } from '../../src/index.js';
import { html, join, type Html } from './html.js';
import { caseWords, formatDate, labelled } from './words.js';

/** How to render the report. */
export interface ReportOptions {
  /** Short names of the duties, e.g. `DVA s2A(2)`. */
  readonly shortName: (id: DutyId) => string;
}

interface Row {
  readonly what: Html;
  readonly persons: string[];
  readonly to: Html;
  readonly when: Html;
  readonly form: Html;
}

function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(text);
  return m ? (m[1] as string) : text;
}

function formOf(d: DutyResult): Html {
  if (!d.form) return html`No prescribed form`;
  return labelled(d.form.number !== null ? `${d.form.name} (Form ${d.form.number})` : d.form.name, d.form.verification);
}

function whenOf(d: DutyResult): Html {
  const deadline = d.deadline
    ? html`<br>Within ${d.deadline.hours} hours of ${formatDate(d.deadline.from)} (by ${formatDate(d.deadline.latestDate)} at the latest)${d.deadline.passed ? html` — <strong>passed</strong>` : ''}`
    : '';
  return html`${labelled(d.timing.phrase, d.timing.verification)}${deadline}`;
}

/** Rows of duties, one per duty, with the people they are for. */
function rowsOf(ds: readonly DutyResult[], o: ReportOptions): Row[] {
  const by = new Map<DutyId, { d: DutyResult; persons: string[] }>();
  for (const d of ds) {
    const e = by.get(d.duty) ?? { d, persons: [] };
    e.persons.push(d.person);
    by.set(d.duty, e);
  }
  return [...by.values()].map(({ d, persons }) => ({
    what: html`${d.title} <span class="muted">(${o.shortName(d.duty)})</span>`,
    persons,
    to: html`${d.recipientsText}`,
    when: whenOf(d),
    form: formOf(d),
  }));
}

function table(rows: readonly Row[], caption: string): Html {
  return html`<table class="report-table">
<caption>${caption}</caption>
<thead><tr><th scope="col">What</th><th scope="col">For whom</th><th scope="col">To whom</th><th scope="col">By when</th><th scope="col">Form</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><th scope="row">${r.what}</th><td>${r.persons.join(', ')}</td><td>${r.to}</td><td>${r.when}</td><td>${r.form}</td></tr>`)}</tbody>
</table>`;
}

/** The report of one assessment, as a section with an h2 title. */
export function renderReport(a: Assessment, input: CaseInput, o: ReportOptions): Html {
  const w = caseWords(input);
  // A DVA report required either way (s2A or s2B) is a "must", though each section alone may apply.
  const dvaEither = new Set(a.overlaps.filter((ov) => ov.id === 'dva-report' && ov.status === 'applies').map((ov) => ov.person));
  const isDva = (d: DutyResult) => d.duty === 'dva-s2A' || d.duty === 'dva-s2B';
  const must = a.duties.filter((d) => d.status === 'applies' && d.modality === 'must' && !(isDva(d) && dvaEither.has(d.person)));
  const may = a.duties.filter((d) => d.status === 'applies' && d.modality === 'may');
  const open = a.duties.filter((d) => d.status === 'may_apply' && !(isDva(d) && dvaEither.has(d.person)));
  const dvaRows: Row[] = [];
  if (dvaEither.size > 0) {
    const s2B = a.duties.find((d) => d.duty === 'dva-s2B' && dvaEither.has(d.person));
    const s2A = a.duties.find((d) => d.duty === 'dva-s2A' && dvaEither.has(d.person));
    const ref = s2B ?? s2A;
    if (ref) {
      dvaRows.push({
        what: html`A Domestic Violence Act report <span class="muted">(under s2A if you are a functionary who learned it at work, otherwise s2B: one report meets either)</span>`,
        persons: [...dvaEither],
        to: html`${ref.recipientsText}`,
        when: html`${s2A ? html`${s2A.timing.phrase} (s2A)` : ''}${s2A && s2B ? '; ' : ''}${s2B ? html`${s2B.timing.phrase} (s2B)` : ''}`,
        form: formOf(ref),
      });
    }
  }
  const mustRows = [...dvaRows, ...rowsOf(must, o)];
  const steps: GuidanceItem[] = a.guidance.items.filter((g) => g.kind === 'emergency' || g.kind === 'option' || g.kind === 'tension');
  const phones = a.guidance.helplines.filter((h) => h.number !== null);
  return html`<section class="report" aria-labelledby="report-title">
<h2 id="report-title">Reporting duties: a summary</h2>
<p class="meta">Prepared on ${formatDate(a.assessmentDate)} · law as at ${formatDate(a.lawAsAt)} (when you came to know) · rules ${a.rulesetVersion}</p>
<h3>The case</h3>
<p><strong>You:</strong> ${w.reporter}.</p>
<p><strong>People:</strong> ${w.people.join('; ')}.</p>
<p><strong>What you learned:</strong> ${w.concerns.join('; ')}.</p>
<h3>What you must do</h3>
${mustRows.length > 0 ? table(mustRows, 'Reports you must make') : html`<p>No reporting duty applies on these facts.</p>`}
${may.length > 0 ? html`<h3>What you may do</h3>${table(rowsOf(may, o), 'Reports you may make (a permission, not a duty)')}` : ''}
<h3>Still open</h3>
${
  open.length === 0 && a.questions.length === 0
    ? html`<p>Nothing: every duty is settled on these facts.</p>`
    : html`${
        open.length > 0
          ? html`<p>These may apply, depending on facts not yet known (if in doubt, report): ${join(
              rowsOf(open, o).map((r) => html`${r.what} for ${r.persons.join(', ')}`),
              '; ',
            )}.</p>`
          : ''
      }${a.questions.length > 0 ? html`<p>Questions that would settle it:</p><ul class="compact">${a.questions.slice(0, 5).map((q) => html`<li>${q.question}</li>`)}</ul>` : ''}`
}
${
  steps.length > 0
    ? html`<h3>Next steps, with the survivor</h3><ul class="compact">${steps.map((g) => html`<li><strong>${g.title}.</strong> ${firstSentence(g.text)}</li>`)}</ul>`
    : ''
}
<h3>Emergency and help</h3>
<p>${join(
    phones.map((h) => html`<span class="phone"><strong>${h.number}</strong> ${h.name}</span>`),
    ' · ',
  )}</p>
<p class="disclaimer"><strong>Not legal advice.</strong> ${a.disclaimer}</p>
</section>`;
}
