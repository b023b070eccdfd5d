/**
 * The pages of the trainer site, each built from the rule catalogue, the fixtures and the
 * worked cases as the library itself reads and decides them.
 */
import {
  assess,
  DUTY_STATUSES,
  type Assessment,
  type CaseInput,
  type DutyCatalogueEntry,
  type DutyId,
  type DutyResult,
  type DutyStatus,
  type Verification,
} from '../../src/index.js';
import { dutyOf, type FixtureRun } from './data.js';
import { heading, html, join, raw, slug, type Html } from './html.js';
import type { Page } from './layout.js';
import { andList, peopleGroups, reasonsTable, renderAssessment, renderGuidance, type RenderOptions } from './render-assessment.js';
import { caseFragment } from './share.js';
import { glossaryBody } from './glossary.js';
import { caseForm } from './try-form.js';
import {
  badge,
  caseWords,
  currentVersion,
  dayBefore,
  formatDate,
  labelled,
  labelledReading,
  reasonLine,
  sentenceCase,
  shortNameOf,
  statusBadge,
  statusWords,
  VERIFICATION,
} from './words.js';
import { relabel, type WorkedRun } from './worked.js';

/** Everything the pages are built from. */
export interface SiteData {
  readonly rulesetVersion: string;
  readonly duties: readonly DutyCatalogueEntry[];
  readonly ruleFiles: ReadonlyMap<string, string>;
  readonly fixtures: readonly FixtureRun[];
  readonly worked: readonly WorkedRun[];
  readonly example: CaseInput;
  readonly changelog: string | null;
  /** Extra Markdown pages (interpretation, CLI) that exist: nav label and file. */
  readonly mdPages: readonly { readonly file: string; readonly href: string; readonly title: string }[];
}

const lowerFirst = (t: string): string => t.charAt(0).toLowerCase() + t.slice(1);

function inForceWords(inForce: {
  readonly from: string | null;
  readonly to: string | null;
  readonly inForceBy?: string | undefined;
}): string {
  const { from, to, inForceBy } = inForce;
  if (from === null && to === null && inForceBy !== undefined)
    return `Commencement date not verified: certainly in force from ${formatDate(inForceBy)}, and before then the duty stays open`;
  if (from === null && to === null) return 'Commencement date not verified: treated as in force on every date';
  if (from === null) return `In force until ${formatDate(to as string)} (commencement not verified)`;
  if (to === null) return `In force from ${formatDate(from)}, and still in force`;
  return `In force from ${formatDate(from)} to ${formatDate(to)}`;
}

function modalityWords(e: DutyCatalogueEntry): string {
  const ms = new Set(currentVersion(e).limbs.map((l) => l.modality));
  if (ms.size === 2) return 'A duty (must) in some circumstances, a permission (may) in others';
  return ms.has('must') ? 'A duty: you must report' : 'A permission: you may report';
}

const STATUS_ORDER: readonly DutyStatus[] = DUTY_STATUSES;
const STATUS_HEADINGS: Record<DutyStatus, string> = {
  applies: 'Where it applies',
  may_apply: 'Where it may apply (a fact is missing)',
  does_not_apply: 'Where it does not apply',
};

/** Examples of one duty from the fixtures: each scenario that is about it, with the library's answer. */
function dutyExamples(e: DutyCatalogueEntry, fixtures: readonly FixtureRun[], root: string): Html {
  type Ex = {
    run: FixtureRun;
    status: DutyStatus;
    modality: 'must' | 'may';
    persons: string[];
    results: DutyResult[];
    expected: DutyStatus[];
  };
  const byKey = new Map<string, Ex>();
  for (const run of fixtures) {
    if (!run.assessment) continue;
    for (const exp of run.expectedDuties) {
      if (exp.duty !== e.id) continue;
      const got = dutyOf(run.assessment, e.id, exp.person);
      if (!got) continue;
      const key = `${run.anchor}|${got.status}`;
      const ex = byKey.get(key) ?? { run, status: got.status, modality: got.modality, persons: [], results: [], expected: [] };
      ex.persons.push(exp.person);
      ex.results.push(got);
      ex.expected.push(exp.status);
      byKey.set(key, ex);
    }
  }
  const all = [...byKey.values()];
  if (all.length === 0) return html`<p>No test scenario is about this duty yet.</p>`;
  return join(
    STATUS_ORDER.map((s) => {
      const mine = all.filter((x) => x.status === s);
      if (mine.length === 0) return '';
      // A handful for teaching; the full boundary list folded away.
      const item = (x: (typeof mine)[number]) => {
        const first = x.results[0] as DutyResult;
        // Why not, or what is missing; where it applies, the scenario's sentence says why.
        const deciding =
          first.status === 'applies'
            ? []
            : first.reasons.filter((r) => r.result === (first.status === 'does_not_apply' ? false : 'unknown'));
        const mismatch = x.expected.some((st) => st !== x.status);
        return html`<li class="example" data-scenario="${x.run.anchor}" data-status="${x.status}">
<p><a href="${root}scenarios/library.html#${x.run.anchor}">${x.run.name}</a></p>
<p>${statusBadge(x.status, x.modality, true)} <span class="muted">for ${x.persons.join(', ')}</span>${mismatch ? html` <strong class="warn">The scenario expects ${x.expected.join(', ')}: under review.</strong>` : ''}</p>
<p class="reasoning">${x.run.description}</p>
${
  deciding.length > 0
    ? html`<p class="deciding"><span class="muted">${first.status === 'does_not_apply' ? 'Not met' : 'Not known'}:</span> ${join(
        deciding.map((r) => reasonLine(r)),
        '; ',
      )}</p>`
    : ''
}
</li>`;
      };
      const shown = mine.slice(0, 3);
      const rest = mine.slice(3);
      return html`<section aria-labelledby="ex-${s}">${heading(3, `${STATUS_HEADINGS[s]} (${mine.length})`, html` id="ex-${s}"`)}
<ul class="examples">${shown.map(item)}</ul>
${rest.length > 0 ? html`<details class="more-examples"><summary>${rest.length} more ${rest.length === 1 ? 'scenario' : 'scenarios'}, at the boundaries</summary><ul class="examples">${rest.map(item)}</ul></details>` : ''}
</section>`;
    }),
  );
}

/** Where the worked scenarios meet a duty: the library's answer for each person, as the trainer names them. */
function workedExamples(e: DutyCatalogueEntry, d: SiteData, root: string): Html {
  const items = d.worked.flatMap((r) => {
    const mine = r.assessment.duties.filter((x) => x.duty === e.id);
    if (mine.length === 0) return [];
    const name = (id: string) => r.worked.labels[id] ?? id;
    const byStatus = STATUS_ORDER.map((st) => ({ st, people: mine.filter((x) => x.status === st) })).filter((g) => g.people.length > 0);
    const either = e.id.startsWith('dva-')
      ? r.assessment.overlaps.filter((ov) => ov.id === 'dva-report' && ov.status === 'applies').map((ov) => name(ov.person))
      : [];
    return [
      html`<li><a href="${root}scenarios/${r.worked.id}.html">${r.worked.title}</a>: ${join(
        byStatus.map(
          (g) => html`${statusBadge(g.st, g.people[0]?.modality ?? 'must')} for ${andList(g.people.map((x) => name(x.person)))}`,
        ),
        '; ',
      )}${either.length > 0 ? html`. A Domestic Violence Act report is required either way for ${andList(either)}` : ''}.</li>`,
    ];
  });
  return items.length === 0
    ? html``
    : html`${heading(3, 'In the worked scenarios', html` id="ex-worked"`)}<ul class="worked-examples">${items}</ul>`;
}

function noteList(notes: readonly { id: string; text: string; verification: string }[]): Html {
  return html`<ul class="notes">${notes.map(
    (n) => html`<li id="note-${n.id}">${labelledReading(n.text, n.verification as Verification)}</li>`,
  )}</ul>`;
}

/** One page per duty. */
export function dutyPage(e: DutyCatalogueEntry, d: SiteData): Page {
  const root = '../';
  const v = currentVersion(e);
  const vl = v.verification;
  const offence = e.offence
    ? html`${e.offence.provision}: ${labelled(e.offence.text, e.offence.verification)}<br>${
        e.offence.penalty.text
          ? html`Penalty: ${labelled(e.offence.penalty.text, e.offence.penalty.verification)}`
          : html`<span class="stmt stmt-unverified"><strong>No penalty figure shown:</strong> ${e.offence.penalty.note}</span> ${badge(e.offence.penalty.verification)}`
      }`
    : html`No offence for failing it is encoded${currentVersion(e).limbs.every((l) => l.modality === 'may') ? ' (it is a permission)' : ''}. See the interpretation notes.`;
  const form = e.form
    ? html`${labelled(e.form.name, e.form.verification)}<br><span class="muted">${e.form.note}</span>`
    : html`No prescribed form.`;
  const versionNotes = e.versions.flatMap((ver) => ver.notes.map((n) => ({ ...n, provision: ver.provision, inForce: ver.inForce })));
  const body = html`
<h1>${e.title}</h1>
<p class="lede">${e.act} ${v.provision} · ${modalityWords(e)} ${badge(vl)}</p>

<section aria-labelledby="plain">
<h2 id="plain">In plain language, beside the statute</h2>
<div class="beside">
<div>
<p>${labelled(e.summary, vl)}</p>
<p class="muted">The summary follows the current text of the provision, whose label is shown beside it. Labels on the other statements below are their own.</p>
</div>
<figure class="current-text">
<figcaption>The current text: ${v.provision}, ${lowerFirst(inForceWords(v.inForce))} ${badge(v.verification)}</figcaption>
<blockquote class="statute" cite="${v.source}"><p>${v.text}</p></blockquote>
${v.textNote ? html`<p class="text-note"><strong>About this text:</strong> ${v.textNote}</p>` : ''}
</figure>
</div>
</section>

<section aria-labelledby="glance">
<h2 id="glance">At a glance</h2>
<dl class="facts wide">
<dt>Who</dt><dd>${labelled(e.who, vl)}</dd>
<dt>About whom</dt><dd>${labelled(e.aboutWhom, vl)}</dd>
<dt>What triggers it</dt><dd>${labelled(e.trigger, vl)}<br><span class="muted">Standard of knowledge: ${v.knowledgeStandard}</span></dd>
<dt>To whom</dt><dd>${labelled(e.recipientsText, vl)}</dd>
<dt>How fast</dt><dd>${labelled(e.timing.phrase, e.timing.verification)}${e.timing.deadlineHours !== null ? html`<br>Deadline: ${e.timing.deadlineHours} hours` : ''}</dd>
<dt>Which form</dt><dd>${form}</dd>
${e.contents.length > 0 ? html`<dt>What the report must do</dt><dd><ul>${e.contents.map((c) => html`<li>${c.provision}: ${labelled(c.text, c.verification)}</li>`)}</ul></dd>` : ''}
<dt>If you do not report</dt><dd>${offence}</dd>
<dt>Protection for the reporter</dt><dd>${
    e.protections.length > 0
      ? html`<ul>${e.protections.map((p) => html`<li>${p.provision}: ${labelled(p.text, p.verification)}</li>`)}</ul>`
      : html`None stated in this provision as encoded.`
  }</dd>
</dl>
</section>

<section aria-labelledby="statute">
<h2 id="statute">The statute</h2>
<table class="versions">
<caption>Versions of ${e.act} ${v.provision} and when each was in force</caption>
<thead><tr><th scope="col">Version</th><th scope="col">In force</th><th scope="col">Made by</th><th scope="col">Text</th></tr></thead>
<tbody>${e.versions.map(
    (ver, i) =>
      html`<tr><th scope="row"><a href="#version-${i + 1}">${e.versions.length > 1 ? `Version ${i + 1}: ${ver.provision}` : ver.provision}</a></th><td>${inForceWords(ver.inForce)}</td><td>${ver.amendedBy ?? html`<span class="muted">the original Act</span>`}</td><td>${badge(ver.verification)}</td></tr>`,
  )}</tbody>
</table>
${e.versions.map(
  (ver, i) => html`<section class="version" aria-labelledby="version-${i + 1}">
${heading(3, `${ver.provision}: ${lowerFirst(inForceWords(ver.inForce))}`, html` id="version-${i + 1}"`)}
<blockquote class="statute" cite="${ver.source}"><p>${ver.text}</p></blockquote>
<p>${badge(ver.verification)} <span class="muted">${VERIFICATION[ver.verification].long}</span></p>
${ver.textNote ? html`<p class="text-note"><strong>About this text:</strong> ${ver.textNote}</p>` : ''}
${ver.amendedBy ? html`<p><strong>Made by:</strong> ${ver.amendedBy}</p>` : ''}
<p><strong>Standard of knowledge:</strong> ${ver.knowledgeStandard}. <strong>Limbs:</strong> ${join(
    ver.limbs.map((l) => `${l.provision} (${l.modality})`),
    ', ',
  )}.</p>
<p><strong>Source:</strong> <a href="${ver.source}" rel="external noreferrer">${ver.source}</a></p>
</section>`,
)}
</section>

<section aria-labelledby="notes">
<h2 id="notes">Interpretation notes</h2>
<p>Where the law is unsettled or unverified, the library encodes one cautious reading and says so. Each note appears in an assessment when it is relevant to the case. See also <a href="${root}interpretation.html">how the law is encoded</a>.</p>
${e.notes.length > 0 ? noteList(e.notes) : html`<p>No notes for the duty as a whole.</p>`}
${versionNotes.length > 0 ? html`${heading(3, 'Notes on particular versions')}<ul class="notes">${versionNotes.map((n) => html`<li id="note-${n.id}">${n.provision}, ${lowerFirst(inForceWords(n.inForce))}: ${labelledReading(n.text, n.verification as Verification)}</li>`)}</ul>` : ''}
</section>

<section aria-labelledby="examples">
<h2 id="examples">Examples from the test scenarios</h2>
<p>Each example is a scenario from the library's tests. The status shown is the library's own answer, computed when this page was built; the sentence under it is the scenario's reasoning.</p>
${workedExamples(e, d, root)}
${dutyExamples(e, d.fixtures, root)}
</section>

<p class="muted">The rule data of this duty was last verified on ${formatDate(e.lastVerifiedOn)}.</p>
`;
  return {
    path: `duties/${e.id}.html`,
    title: `${e.actShort} ${v.provision}: ${e.title}`,
    description: e.summary,
    body,
    section: 'duties',
  };
}

/** The list of duties. */
export function dutiesIndexPage(d: SiteData): Page {
  const acts = [...new Set(d.duties.map((e) => e.act))];
  const body = html`<h1>The duties</h1>
<p>Eleven provisions of six Acts: who must (or may) report, about whom, to whom, how fast and on which form. Each page sets the plain-language summary beside the statute's text, with a label saying how well each statement is verified.</p>
${acts.map(
  (act) => html`<section aria-labelledby="act-${slug(act)}">${heading(2, act, html` id="act-${slug(act)}"`)}
<ul class="duty-list">${d.duties
    .filter((e) => e.act === act)
    .map(
      (e) =>
        html`<li><a href="${e.id}.html">${e.actShort} ${currentVersion(e).provision}</a>: ${e.title}. <span class="muted">${modalityWords(e)}.</span> ${badge(currentVersion(e).verification)}</li>`,
    )}</ul></section>`,
)}`;
  return {
    path: 'duties/index.html',
    title: 'The duties',
    description: 'Every reporting duty the library decides.',
    body,
    section: 'duties',
  };
}

/** Every duty side by side. */
export function comparePage(d: SiteData): Page {
  const row = (e: DutyCatalogueEntry) => {
    const v = currentVersion(e);
    const form = e.form
      ? html`${e.form.number !== null ? `Form ${e.form.number}` : e.form.name} ${badge(e.form.verification)}`
      : html`none prescribed`;
    const off = e.offence
      ? html`${e.offence.provision} ${badge(e.offence.verification)}<br>${
          e.offence.penalty.text
            ? html`${e.offence.penalty.text} ${badge(e.offence.penalty.verification)}`
            : html`<span class="stmt-unverified">no penalty figure verified</span>`
        }`
      : currentVersion(e).limbs.every((l) => l.modality === 'may')
        ? html`none: a permission`
        : html`none in the text as encoded`;
    return html`<tr>
<th scope="row"><a href="duties/${e.id}.html">${e.actShort} ${v.provision}</a><br><span class="muted">${modalityWords(e)}</span></th>
<td>${e.who}</td>
<td>${e.aboutWhom}</td>
<td>${v.knowledgeStandard} ${badge(v.verification)}</td>
<td>${e.recipientsText}</td>
<td>${e.timing.phrase} ${badge(e.timing.verification)}</td>
<td>${form}</td>
<td>${off}</td>
</tr>`;
  };
  const body = html`<h1>Every duty side by side</h1>
<p class="meta">As at ${formatDate(
    d.duties
      .map((e) => e.lastVerifiedOn)
      .sort()
      .at(-1) ?? '',
  )}, the latest date on which the rule data was verified · rules ${d.rulesetVersion}</p>
<p>The table trainers ask for most. Read across for one duty; read down to compare who is bound, the standard of knowledge, where the report goes and how fast. The label beside an entry says how well it is verified; follow a duty's link for the statute text and the notes.</p>
<div class="table-wrap wide-table">
<table class="compare">
<caption>Reporting duties compared (current versions)</caption>
<thead><tr><th scope="col">Duty</th><th scope="col">Who</th><th scope="col">About whom</th><th scope="col">Trigger standard</th><th scope="col">To whom</th><th scope="col">How fast</th><th scope="col">Form</th><th scope="col">Offence if not reported</th></tr></thead>
<tbody>${d.duties.map(row)}</tbody>
</table>
</div>
<h2>Reading the table</h2>
<ul>
<li>"Knows", "believes on reasonable grounds", "suspects on reasonable grounds" and "concludes" are different thresholds: a suspicion is enough for the Domestic Violence Act, not for Children's Act s110(1).</li>
<li>Only a police official can receive a report under the Sexual Offences Act, the Trafficking Act and the Films and Publications Act; one report to SAPS can meet several duties if it carries what each Act requires.</li>
<li>DVA s2A and s2B are alternatives: a functionary who learns of it at work reports under s2A, anyone else who is an adult under s2B.</li>
</ul>`;
  return {
    path: 'compare.html',
    title: 'Every duty side by side',
    description: 'A comparison table of every reporting duty.',
    body,
    section: 'compare',
    wide: true,
  };
}

/** The law's timeline and the library's changelog. */
export function changesPage(d: SiteData, changelogHtml: string | null): Page {
  type Ev = { date: string | null; duty: DutyCatalogueEntry; provision: string; what: string; by: string | null; v: Verification };
  const evs: Ev[] = [];
  for (const e of d.duties) {
    e.versions.forEach((ver, i) => {
      const nth = e.versions.length > 1 ? ` (version ${i + 1} of ${e.versions.length})` : '';
      if (ver.inForce.from === null) {
        evs.push({
          date: null,
          duty: e,
          provision: ver.provision,
          what: `In force${nth}; its commencement date is not verified, so the library treats it as in force on every date.`,
          by: ver.amendedBy ?? null,
          v: 'unverified',
        });
      } else {
        evs.push({
          date: ver.inForce.from,
          duty: e,
          provision: ver.provision,
          what: i === 0 ? `Takes effect${nth}.` : `The amended text takes effect${nth}.`,
          by: ver.amendedBy ?? null,
          v: ver.verification,
        });
      }
      if (ver.inForce.to !== null) {
        evs.push({
          date: ver.inForce.to,
          duty: e,
          provision: ver.provision,
          what: `Last day of version ${i + 1}.`,
          by: null,
          v: ver.verification,
        });
      }
    });
  }
  evs.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  const changed = d.duties.filter((e) => e.versions.length > 1);
  // The story in a few sentences: the latest dates first, then what has no verified date.
  const starts = evs.filter((ev) => ev.date !== null && !ev.what.startsWith('Last day'));
  const dates = [...new Set(starts.map((ev) => ev.date as string))].sort().reverse().slice(0, 3);
  const undated = evs.filter((ev) => ev.date === null);
  const story = dates.map((date) => {
    const here = starts.filter((ev) => ev.date === date);
    const amended = here.every((ev) => ev.what.startsWith('The amended'));
    return html`<li><strong>${formatDate(date)}:</strong> ${join(
      here.map((ev) => html`<a href="duties/${ev.duty.id}.html">${ev.duty.actShort} ${ev.provision}</a> (${lowerFirst(ev.duty.title)})`),
      here.length > 1 ? ', ' : '',
    )} ${amended ? (here.length > 1 ? 'were amended' : 'was amended') : 'took effect'}.${here.some((ev) => ev.by) ? html` <span class="muted">${[...new Set(here.flatMap((ev) => (ev.by ? [ev.by] : [])))].join('; ')}</span>` : ''}</li>`;
  });
  const body = html`<h1>What changed</h1>
<p>The law that applies is the law in force on the day the reporter came to know, believe or suspect (the knowledge date), so a case from 2022 can get a different answer from one today.</p>
<section aria-labelledby="in-short">
<h2 id="in-short">In short</h2>
<ul class="story">${story}${
    undated.length > 0
      ? html`<li>${join(
          undated.map((ev) => html`<a href="duties/${ev.duty.id}.html">${ev.duty.actShort} ${ev.provision}</a>`),
          ', ',
        )}: the commencement date is not verified, so the library treats ${undated.length > 1 ? 'them' : 'it'} as in force on every date.</li>`
      : ''
  }</ul>
<p>The table below has every date; the library's own changelog follows it.</p>
</section>
<section aria-labelledby="timeline">
<h2 id="timeline">The law's timeline</h2>
<table class="timeline">
<caption>Commencements and amendments of the reporting duties</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Provision</th><th scope="col">What happened</th><th scope="col">Made or amended by</th><th scope="col">Label</th></tr></thead>
<tbody>${evs.map(
    (ev) =>
      html`<tr><th scope="row">${ev.date ? formatDate(ev.date) : html`<span class="stmt-unverified">date not verified</span>`}</th><td><a href="duties/${ev.duty.id}.html">${ev.duty.actShort} ${ev.provision}</a></td><td>${ev.what}</td><td>${ev.by ?? ''}</td><td>${badge(ev.v)}</td></tr>`,
  )}</tbody>
</table>
${
  changed.length > 0
    ? html`<p>Where a provision changed, the library keeps every version with its dates and decides a case by the version in force on its knowledge date; the tests check both sides of each change: ${join(
        changed.map(
          (e) =>
            html`<a href="duties/${e.id}.html#statute">${e.actShort} ${currentVersion(e).provision}</a> (${join(
              e.versions
                .slice(1)
                .map((ver) => `${formatDate(dayBefore(ver.inForce.from as string))} and ${formatDate(ver.inForce.from as string)}`),
              '; ',
            )})`,
        ),
        ', ',
      )}.</p>`
    : ''
}
</section>
<section aria-labelledby="changelog">
<h2 id="changelog">The library's changelog</h2>
<p>Rules version <code>${d.rulesetVersion}</code>: the part after <code>+rules.</code> changes whenever any rule file changes. Every rule file records when it was last verified:</p>
<ul class="columns">${d.duties.map((e) => html`<li><a href="duties/${e.id}.html">${e.actShort} ${currentVersion(e).provision}</a>: ${formatDate(e.lastVerifiedOn)}</li>`)}</ul>
${changelogHtml !== null ? html`<div class="changelog">${raw(changelogHtml)}</div>` : html`<p>No changelog has been published yet (<code>CHANGELOG.md</code> at the repository root).</p>`}
</section>`;
  return {
    path: 'changes.html',
    title: 'What changed',
    description: "The law's timeline and the library's changelog.",
    body,
    section: 'changes',
  };
}

function caseBlock(input: CaseInput, level: number): Html {
  const w = caseWords(input);
  return html`<div class="case">
${heading(level, 'The case as the library reads it')}
<dl class="facts">
<dt>Reporter</dt><dd>${w.reporter}</dd>
<dt>People</dt><dd><ul>${w.people.map((p) => html`<li>${p}</li>`)}</ul></dd>
<dt>Concerns</dt><dd><ul>${w.concerns.map((c) => html`<li>${c}</li>`)}</ul></dd>
</dl>
</div>`;
}

function paras(ps: readonly string[]): Html {
  return join(ps.map((p) => html`<p>${p}</p>`));
}

function variantStatuses(a: Assessment, base: Assessment, short: (id: DutyId) => string): Html {
  const changed = a.duties.filter((dd) => {
    const before = dutyOf(base, dd.duty, dd.person);
    return !before || before.status !== dd.status;
  });
  if (changed.length === 0) return html`<p class="muted">No duty changes status; the guidance changes.</p>`;
  return html`<ul class="changed">${changed.map((dd) => {
    const before = dutyOf(base, dd.duty, dd.person);
    return html`<li data-duty="${dd.duty}" data-person="${dd.person}" data-status="${dd.status}">${short(dd.duty)} for ${dd.person}: ${before ? html`${statusWords(before.status, before.modality).short} → ` : ''}${statusBadge(dd.status, dd.modality, true)}</li>`;
  })}</ul>`;
}

/** Links that open a case in the interview, the try-it page and the report. */
function openLinks(input: CaseInput, root: string, what: string): Html {
  const frag = caseFragment(input);
  return html`<p class="next-actions"><a href="${root}interview.html${frag}">${what} in the guided interview</a> <a href="${root}try.html${frag}">Open it in Try a case</a> <a href="${root}report.html${frag}">Print the short report</a></p>`;
}

const WHAT_IF_LOWER = new Set(['She', 'He', 'Her', 'His', 'The', 'It', 'Someone', 'They']);
function whatIf(title: string): string {
  const first = title.split(' ')[0] ?? '';
  return WHAT_IF_LOWER.has(first) ? `What if ${lowerFirst(title)}?` : `What if: ${title}`;
}

/** One worked scenario, shaped for a workshop: the story and the question first, the answer behind a reveal. */
export function workedPage(r: WorkedRun, d: SiteData): Page {
  const root = '../';
  const short = shortNameOf(d.duties);
  const w = r.worked;
  const name = (id: string) => w.labels[id] ?? id;
  // The people as the trainer names them: the case and its assessment, relabelled for display.
  const shownInput = relabel(r.input, w.labels);
  const a = assess(shownInput);
  const o: RenderOptions = { root, level: 4, shortName: short, groupPeople: true };
  const question = w.question ?? 'Which reports are mandatory here, about whom, to whom and how fast? Which are not, and why?';
  // Duties shown as "not mandatory", once for everyone with the same status.
  const notShown = new Map<DutyId, string[]>();
  for (const s of w.showNotMandatory) notShown.set(s.duty, [...(notShown.get(s.duty) ?? []), name(s.person)]);
  const body = html`<h1>${w.title}</h1>
<section aria-labelledby="story"><h2 id="story">The case</h2>
${paras(w.story)}
${caseBlock(shownInput, 3)}
</section>
<section aria-labelledby="question" class="question-box"><h2 id="question">The question</h2>
<p class="lede">${question}</p>
<p class="muted">Discuss it before you open the answer.</p>
${openLinks(shownInput, root, 'Work through it')}
</section>
<details class="reveal" id="answer-reveal"><summary>Show the answer</summary>
<section aria-labelledby="mandatory"><h3 id="mandatory">What is mandatory</h3>
<p><strong>In short:</strong> ${w.summary}</p>
${paras(w.mandatory)}
${peopleGroups(a).map((group) => {
  const ov = a.overlaps.filter((x) => x.person === group[0] && x.status !== 'does_not_apply');
  return ov.map((x) => html`<p class="overlap-note"><strong>${andList(group)}:</strong> ${statusBadge(x.status, 'must')} ${x.text}</p>`);
})}
</section>
<section aria-labelledby="not-mandatory"><h3 id="not-mandatory">What is not mandatory</h3>
${paras(w.notMandatory)}
${[...notShown].map(([duty, people]) => {
  const dd = dutyOf(a, duty, people[0] as string);
  if (!dd) return '';
  return html`<div class="why-not" data-duty="${dd.duty}" data-person="${dd.person}" data-status="${dd.status}">
${heading(4, `${short(dd.duty)} for ${andList(people)}`)}
<p>${statusBadge(dd.status, dd.modality, true)} · <a href="${root}duties/${dd.duty}.html">${dd.title}</a></p>
${reasonsTable(dd.reasons, `Why ${short(dd.duty)} ${dd.status === 'does_not_apply' ? 'does not apply' : 'has this status'}${people.length > 1 ? ` (shown for ${dd.person})` : ''}`)}
${dd.notes.length > 0 ? html`<ul class="notes">${dd.notes.map((n) => html`<li>${labelled(n.text, n.verification)}</li>`)}</ul>` : ''}
</div>`;
})}
</section>
<section aria-labelledby="full"><h3 id="full">The library's assessment</h3>
<p>Everything the library returns for this case, once for the case: people for whom every duty has the same status are shown together.</p>
${renderAssessment(a, o)}
</section>
</details>
${
  w.discussion.length > 0
    ? html`<section aria-labelledby="discussion"><h2 id="discussion">For discussion</h2><ol class="discussion">${w.discussion.map((q) => html`<li>${q}</li>`)}</ol></section>`
    : ''
}
${
  r.variants.length > 0
    ? html`<section aria-labelledby="variants"><h2 id="variants">What would change the answer</h2>
<p>Change one fact at a time. For each, decide first what changes and why; then open the answer.</p>
${r.variants.map((v, i) => {
  const vin = relabel(v.input, w.labels);
  const va = assess(vin);
  return html`<section class="variant" aria-labelledby="variant-${i + 1}">${heading(3, whatIf(v.variant.title), html` id="variant-${i + 1}"`)}
<details class="reveal"><summary>Show what changes</summary>
<p>${v.variant.text}</p>
${variantStatuses(va, a, short)}
${openLinks(vin, root, 'Work through this version')}
</details>
</section>`;
})}</section>`
    : ''
}
<section aria-labelledby="way-through"><h2 id="way-through">The survivor-centred way through</h2>
<details class="reveal"><summary>Show the way through</summary>
${paras(w.wayThrough)}
${renderGuidance(a.guidance.items, 3, ['emergency', 'option', 'tension'])}
</details>
</section>
<p class="muted">The site's build and its tests check that the library's answer still matches what the text above says.</p>`;
  return { path: `scenarios/${w.id}.html`, title: w.title, description: w.summary, body, section: 'scenarios' };
}

/** The list of worked scenarios. */
export function workedIndexPage(d: SiteData): Page {
  const body = html`<h1>Worked scenarios</h1>
<p>Five cases trainers use to teach the duties: what is mandatory, what is not, and how to act in a way that keeps survivors and children safe and engaged. Each is run through the library when the site is built.</p>
<ul class="cards">${d.worked.map(
    (r) => html`<li><h2><a href="${r.worked.id}.html">${r.worked.title}</a></h2><p>${r.worked.summary}</p></li>`,
  )}</ul>
<p>More: the <a href="library.html">scenario library</a> holds every test scenario of the library, with the library's answer for each.</p>`;
  return {
    path: 'scenarios/index.html',
    title: 'Worked scenarios',
    description: 'Worked scenarios for trainers.',
    body,
    section: 'scenarios',
  };
}

const FILE_TITLES: Record<string, string> = {
  'households.json': 'Households: several people, several duties',
  'dva.json': 'Domestic Violence Act',
  'childrens-act.json': "Children's Act",
  'sorma.json': 'Sexual Offences Act',
  'older-persons.json': 'Older Persons Act',
  'trafficking.json': 'Trafficking Act',
  'films-publications.json': 'Films and Publications Act',
  'guidance.json': 'Guidance: what the library advises, beside the duties',
  'boundaries.json': 'Boundaries: dates and ages on both sides',
  'bad-input.json': 'Input the library rejects',
};

function guidanceAnswers(a: Assessment, e: FixtureRun['expectedGuidance']): Html | '' {
  if (e.includes.length === 0 && e.excludes.length === 0) return '';
  const given = new Map(a.guidance.items.map((g) => [g.id, g.title]));
  const item = (id: string, want: boolean) => {
    const has = given.has(id);
    return html`<li data-guidance="${id}" data-given="${String(has)}">${has ? html`<span aria-hidden="true">✓ </span>given: ${given.get(id) ?? id}` : html`<span aria-hidden="true">— </span>not given: <code>${id}</code>`}${has !== want ? html` <strong class="warn">(the scenario expects otherwise: under review)</strong>` : ''}</li>`;
  };
  return html`<p>Guidance the scenario is about:</p><ul class="answers">${e.includes.map((id) => item(id, true))}${e.excludes.map((id) => item(id, false))}</ul>`;
}

/** Every fixture scenario, with the case in words and the library's answer. */
export function libraryPage(d: SiteData): Page {
  const short = shortNameOf(d.duties);
  const order = Object.keys(FILE_TITLES);
  const rank = (f: string) => (order.includes(f) ? order.indexOf(f) : f === 'bad-input.json' ? 1000 : 500);
  const files = [...new Set(d.fixtures.map((f) => f.file))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const title = (f: string) => FILE_TITLES[f] ?? sentenceCase(f.replace(/\.json$/, '').replace(/-/g, ' '));
  const body = html`<h1>Scenario library</h1>
<p>Every legal scenario the library is tested against (${d.fixtures.length} in all), run through the library when the site was built. For each: the case in words, the reasoning, and the library's answer for the duties the scenario is about.</p>
<nav aria-label="Scenario groups"><ul>${files.map((f) => html`<li><a href="#${slug(f)}">${title(f)}</a></li>`)}</ul></nav>
${files.map(
  (f) => html`<section aria-labelledby="${slug(f)}">${heading(2, title(f), html` id="${slug(f)}"`)}
${d.fixtures
  .filter((x) => x.file === f)
  .map((x) => {
    const words = x.assessment ? caseWords(x.case as CaseInput) : null;
    return html`<article class="scenario" id="${x.anchor}">
${heading(3, x.name)}
<p class="reasoning">${x.description}</p>
${words ? html`<p class="case-words"><strong>Reporter:</strong> ${words.reporter}. <strong>People:</strong> ${words.people.join('; ')}. <strong>Concerns:</strong> ${words.concerns.join('; ')}.</p>` : ''}
${
  x.assessment
    ? html`<ul class="answers">${x.expectedDuties.map((exp) => {
        const got = dutyOf(x.assessment as Assessment, exp.duty, exp.person);
        if (!got) return html`<li>${short(exp.duty)} for ${exp.person}: <strong class="warn">not in the library's answer</strong></li>`;
        return html`<li data-duty="${exp.duty}" data-person="${exp.person}" data-status="${got.status}"><a href="${'../'}duties/${exp.duty}.html">${short(exp.duty)}</a> for ${exp.person}: ${statusBadge(got.status, got.modality, true)}${got.status !== exp.status ? html` <strong class="warn">(the scenario expects ${exp.status}: under review)</strong>` : ''}</li>`;
      })}</ul>`
    : html`<p><strong>Rejected:</strong> ${x.error ?? ''}</p>`
}
${x.assessment ? guidanceAnswers(x.assessment, x.expectedGuidance) : ''}
<p class="muted">Rests on: ${x.provisions.join('; ')}</p>
</article>`;
  })}
</section>`,
)}`;
  return {
    path: 'scenarios/library.html',
    title: 'Scenario library',
    description: 'Every test scenario with the library’s answer.',
    body,
    section: 'scenarios',
  };
}

/** The home page. */
export function homePage(d: SiteData): Page {
  const body = html`<h1>South African reporting duties: a guide for trainers</h1>
<p class="lede">When a social worker, teacher, nurse, police official or neighbour learns of violence in a household, which reports does South African law require of them, about whom, to whom, how fast and on which form? And how can they make those reports in a way that keeps the survivor and her children safe and engaged?</p>
<p>This site is built from the same rule files and test scenarios as the <code>za-reporting-duties</code> library, so what it says is what the library decides. It is not legal advice.</p>

<section aria-labelledby="start"><h2 id="start">Where to start</h2>
<ul class="cards">
<li><h3><a href="scenarios/mitchells-plain.html">The Mitchell's Plain case</a></h3><p>A mother abused, her two young children exposed: what is mandatory, what is not, and the survivor-centred way through.</p></li>
<li><h3><a href="compare.html">Every duty side by side</a></h3><p>Who, about whom, trigger, recipient, timing, form and offence, in one table.</p></li>
<li><h3><a href="interview.html">Guided interview</a></h3><p>Not sure which facts matter? Answer one question at a time, with "I don't know" always possible, and get a short report to print.</p></li>
<li><h3><a href="try.html">Try a case</a></h3><p>Enter a case in a form and see the duties, reasons, questions and guidance. Runs in your browser; nothing leaves the page.</p></li>
<li><h3><a href="scenarios/index.html">Worked scenarios</a></h3><p>A sexual offence against a child, an adolescent relationship, an older person, a child who knows.</p></li>
</ul>
</section>

<section aria-labelledby="duties"><h2 id="duties">The duties</h2>
<ul class="duty-list">${d.duties.map(
    (e) => html`<li><a href="duties/${e.id}.html">${e.actShort} ${currentVersion(e).provision}</a>: ${e.title}.</li>`,
  )}</ul>
</section>

<section aria-labelledby="statuses"><h2 id="statuses">Applies, may apply, does not apply</h2>
<p>Case records are incomplete. A fact nobody has given is unknown, not "no", except for a few ordinary presumptions (an undated act is recent, no disability unless one is recorded, …), each listed beside every duty whose status rests on it; strict mode makes none. So each duty comes back in one of three states:</p>
<dl class="facts">
<dt>${statusBadge('applies', 'must')}</dt><dd>It applies however the unknown facts turn out (apart from any presumption it lists).</dd>
<dt>${statusBadge('may_apply', 'must')}</dt><dd>It depends on facts not yet known; the assessment lists the questions that would settle it. If in doubt, report.</dd>
<dt>${statusBadge('does_not_apply', 'must')}</dt><dd>It does not apply however the unknown facts turn out (apart from any presumption it lists), and the assessment says why.</dd>
</dl>
</section>

<section aria-labelledby="verification"><h2 id="verification">What the labels mean</h2>
<p>Every statement about the law carries a label saying how well it has been checked. An unverified statement is never presented as settled.</p>
<dl class="facts">${(Object.keys(VERIFICATION) as Verification[]).map((k) => html`<dt>${badge(k)}</dt><dd>${VERIFICATION[k].long}</dd>`)}</dl>
</section>

<section aria-labelledby="more"><h2 id="more">More</h2>
<ul>
<li><a href="glossary.html">Glossary</a>: the words of the Acts in plain language.</li>
<li><a href="changes.html">What changed</a>: commencements and amendments, and the library's changelog.</li>
<li><a href="scenarios/library.html">Scenario library</a>: every test scenario with the library's answer.</li>
${d.mdPages.filter((m) => m.href !== 'cli.html').map((m) => html`<li><a href="${m.href}">${m.title}</a></li>`)}
<li><a href="developers.html">For developers</a>: the library, the command line and the API reference.</li>
</ul>
</section>`;
  return { path: 'index.html', title: 'Home', description: 'South African reporting duties, for trainers.', body, section: 'home' };
}

/** A page rendered from a Markdown document of the repository. */
export function markdownPage(
  path: string,
  title: string,
  contentHtml: string,
  section: string,
  area: 'trainer' | 'developer' = 'trainer',
): Page {
  return { path, title, description: title, body: raw(contentHtml), section, area };
}

/** The glossary. */
export function glossaryPage(): Page {
  return {
    path: 'glossary.html',
    title: 'Glossary',
    description: 'The words of the Acts and of practice, in plain language.',
    body: glossaryBody(),
    section: 'glossary',
  };
}

/** The developer reference's front page: the library, the command line, the API reference. */
export function developersPage(d: SiteData, hasApi: boolean): Page {
  const body = html`<h1>Developer reference</h1>
<p class="lede">The <code>za-reporting-duties</code> library and its command-line tool, for case-management systems, audits and scripts. Rules version <code>${d.rulesetVersion}</code>.</p>
<section aria-labelledby="dev-library"><h2 id="dev-library">The library</h2>
<pre><code>import { assess, nextQuestions, applyAnswer } from 'za-reporting-duties';

const a = assess(caseRecord);      // every duty for every person at risk, with reasons
a.questions;                       // the facts still missing, most decisive first

let draft = {};                    // or run the guided interview in your own interface:
const step = nextQuestions(draft); // the next question, its input path and answer options
draft = applyAnswer(draft, step.questions[0].input, 'social_worker');</code></pre>
<p>Input and output are validated with zod schemas, exported with the library and shipped as JSON Schemas. A field left out is unknown, never false. Nothing is logged and nothing is sent.</p>
</section>
<section aria-labelledby="dev-more"><h2 id="dev-more">Reference</h2>
<ul>
${d.mdPages.filter((m) => m.href === 'cli.html').map((m) => html`<li><a href="${m.href}">${m.title}</a>: <code>za-duties assess</code>, <code>batch</code>, <code>check</code>, <code>schema</code>, <code>rules</code>, <code>serve</code>.</li>`)}
${hasApi ? html`<li><a href="api/index.html">API reference</a>: every export, with examples (generated by TypeDoc).</li>` : ''}
<li><a href="index.html">The trainer site</a>: the duties in plain language, worked scenarios, the guided interview.</li>
</ul>
</section>`;
  return {
    path: 'developers.html',
    title: 'Developer reference',
    description: 'The library and command-line tool, for developers.',
    body,
    section: 'developers',
    area: 'developer',
  };
}

/** The try-it page: the form, an example to load, and where the results appear. */
export function tryPage(d: SiteData): Page {
  const body = html`<h1>Try a case</h1>
<p class="lede">Describe what you know: who you are, the people involved (labels, not names), and each concern. The library runs here, in your browser.</p>
<p class="privacy"><strong>Nothing you enter leaves this page.</strong> The page makes no network requests, stores nothing and sends nothing; closing the tab forgets it. Use labels such as <code>mother</code> or <code>child-a</code>, never names.</p>
<noscript><p class="warn">This page needs JavaScript to run the library. Every other page of this site works without it.</p></noscript>
<p><button type="button" id="load-example">Load the Mitchell's Plain example</button> <button type="button" id="clear-form">Start again</button></p>
${caseForm()}
<section id="results" aria-labelledby="results-heading" aria-live="polite" tabindex="-1">
<h2 id="results-heading">Results</h2>
<p class="muted">Fill in the form and choose "Assess the case". Fields left blank are unknown, not "no"; where an ordinary presumption fills one, the result says so.</p>
</section>
<script type="application/json" id="example-mitchells-plain">${raw(JSON.stringify(d.example).replace(/</g, '\\u003c'))}</script>`;
  return {
    path: 'try.html',
    title: 'Try a case',
    description: 'Run the library on a case in your browser.',
    body,
    section: 'try',
    scripts: ['assets/za-duties.js', 'assets/try-it.js'],
  };
}

/** The guided interview: one question at a time, from almost nothing to the result. */
export function interviewPage(): Page {
  const body = html`<h1>Guided interview</h1>
<p class="lede">Not sure which facts matter? Answer one question at a time, starting from who you are and who is at risk. The most decisive question comes first, and "I don't know" is always an answer: the library keeps it unknown, not "no" (or, where an ordinary presumption fills it, says so).</p>
<p class="privacy"><strong>Nothing you enter leaves this page.</strong> The library runs here, in your browser; the page makes no network requests and stores nothing. Use labels such as <code>mother</code> or <code>Lerato, 5</code>, never names.</p>
<noscript><p class="warn">The interview needs JavaScript to run the library. <a href="scenarios/index.html">The worked scenarios</a> work without it.</p></noscript>
<div id="interview" aria-live="polite"><p class="muted">Loading the interview…</p></div>`;
  return {
    path: 'interview.html',
    title: 'Guided interview',
    description: 'Which reporting duties apply: answer one question at a time.',
    body,
    section: 'interview',
    scripts: ['assets/za-duties.js', 'assets/interview.js'],
  };
}

/** The short report of a case in the link, to print on one or two A4 pages. */
export function reportPage(): Page {
  const body = html`<h1>Short report</h1>
<p class="no-print muted">A summary of one case, for printing on one or two A4 pages or handing over. It is made here, in your browser, from the case in this page's link; nothing is sent anywhere.</p>
<noscript><p class="warn">The report needs JavaScript to run the library.</p></noscript>
<div id="report-box"><p class="muted">Loading the report…</p></div>`;
  return {
    path: 'report.html',
    title: 'Short report',
    description: 'A one- or two-page report of a case, to print.',
    body,
    section: 'try',
    bodyClass: 'page-report',
    scripts: ['assets/za-duties.js', 'assets/report.js'],
  };
}
