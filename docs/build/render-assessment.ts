/**
 * Renders an {@link Assessment} as HTML: at a glance, then per person at risk the duties that
 * apply, may apply and do not apply (with reasons in words), the questions still open, the
 * guidance and the helplines. The worked scenarios (built in Node) and the try-it page (in the
 * browser) both use it, so a case reads the same in both places.
 */
import type { Assessment, DutyId, DutyResult, GuidanceItem, Helpline, Overlap, Reason } from '../../src/index.js';
import { heading, html, join, slug, type Html } from './html.js';
import { badge, factValueWords, formatDate, labelled, reasonLine, resultWords, statusBadge } from './words.js';

/** How to render: where the site root is, the first heading level, and short duty names. */
export interface RenderOptions {
  /** Relative path from the page to the site root, e.g. `''` or `'../'`. */
  readonly root: string;
  /** The level of the top headings of the rendered block. */
  readonly level: number;
  /** Short names of the duties, e.g. `DVA s2A(2)`. */
  readonly shortName: (id: DutyId) => string;
  /** Prefix for element ids, so two rendered assessments on one page do not clash. */
  readonly idPrefix?: string;
  /** Show people whose duties all have the same status once, together (for teaching pages). */
  readonly groupPeople?: boolean;
}

/** People at risk grouped by the same status for every duty and overlap, in the order of {@link personsOf}. */
export function peopleGroups(a: Assessment): string[][] {
  const sig = (p: string) =>
    [
      ...a.duties.filter((d) => d.person === p).map((d) => `${d.duty}:${d.status}`),
      ...a.overlaps.filter((ov) => ov.person === p).map((ov) => `${ov.id}:${ov.status}`),
    ]
      .sort()
      .join('|');
  const groups = new Map<string, string[]>();
  for (const p of personsOf(a)) {
    const k = sig(p);
    const g = groups.get(k) ?? [];
    g.push(p);
    groups.set(k, g);
  }
  return [...groups.values()];
}

/** Names joined for a sentence: `a`, `a and b`, `a, b and c`. */
export function andList(xs: readonly string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1] as string}`;
}

const KIND_TITLES: Record<GuidanceItem['kind'], string> = {
  emergency: 'Act now for safety',
  form: 'Making the report',
  option: 'Survivor-centred options',
  tension: 'Tensions to handle with care',
  record: 'Records and information sharing',
};
const KIND_ORDER: readonly GuidanceItem['kind'][] = ['emergency', 'form', 'option', 'tension', 'record'];

/** The element id of a duty card. */
export function dutyCardId(o: RenderOptions, person: string, duty: string): string {
  return `${o.idPrefix ?? ''}d-${slug(person)}-${duty}`;
}

/** The people at risk of an assessment: those with a duty that applies or may apply first, then the rest, each in case order. */
export function personsOf(a: Assessment): string[] {
  const all = [...new Set(a.duties.map((d) => d.person))];
  const open = new Set(a.duties.filter((d) => d.status !== 'does_not_apply').map((d) => d.person));
  return [...all.filter((p) => open.has(p)), ...all.filter((p) => !open.has(p))];
}

function dutyLink(o: RenderOptions, d: DutyResult): Html {
  return html`<a href="${o.root}duties/${d.duty}.html">${d.citation.act} ${d.citation.provision}</a>`;
}

/** The conditions behind a status, as a table. */
export function reasonsTable(reasons: readonly Reason[], caption: string): Html {
  if (reasons.length === 0) return html`<p>No conditions recorded.</p>`;
  return html`<table class="reasons">
<caption>${caption}</caption>
<thead><tr><th scope="col">Condition</th><th scope="col">In this case</th><th scope="col">Result</th></tr></thead>
<tbody>${reasons.map(
    (r) =>
      html`<tr class="r-${String(r.result)}"><th scope="row">${r.label ?? `${r.fact} ${r.test}`}</th><td>${factValueWords(r.fact, r.value)}${r.concern ? html` <span class="muted">(concern ${r.concern})</span>` : ''}</td><td><span aria-hidden="true">${r.result === true ? '✓ ' : r.result === false ? '✗ ' : '? '}</span>${resultWords(r.result)}</td></tr>`,
  )}</tbody>
</table>`;
}

function overlapBox(ov: Overlap, o: RenderOptions): Html {
  const title = ov.id === 'dva-report' ? 'Domestic Violence Act report (s2A or s2B)' : 'One report to the police';
  return html`<div class="overlap status-${ov.status}" data-overlap="${ov.id}" data-person="${ov.person}" data-status="${ov.status}">
<p><strong>${title}:</strong> ${statusBadge(ov.status, 'must', true)}</p>
<p>${ov.text}</p>
<p class="muted">Duties: ${join(
    ov.duties.map((d) => html`<a href="#${dutyCardId(o, ov.person, d)}">${o.shortName(d)}</a>`),
    ', ',
  )}</p>
</div>`;
}

function dutyCard(d: DutyResult, o: RenderOptions, level: number): Html {
  const id = dutyCardId(o, d.person, d.duty);
  const facts: Html[] = [];
  facts.push(html`<dt>To whom</dt><dd>${labelled(d.recipientsText, d.citation.verification)}</dd>`);
  const deadline = d.deadline
    ? html`<br><strong>Deadline:</strong> ${d.deadline.hours} hours from ${formatDate(d.deadline.from)} (at the latest ${formatDate(d.deadline.latestDate)})${d.deadline.passed ? html` — <strong>this deadline has passed</strong>` : ''}`
    : '';
  facts.push(html`<dt>How fast</dt><dd>${labelled(d.timing.phrase, d.timing.verification)}${deadline}</dd>`);
  facts.push(
    d.form
      ? html`<dt>Form</dt><dd>${labelled(d.form.name, d.form.verification)}<br><span class="muted">${d.form.note}</span></dd>`
      : html`<dt>Form</dt><dd>No prescribed form.</dd>`,
  );
  if (d.contents.length > 0) {
    facts.push(
      html`<dt>The report must</dt><dd><ul>${d.contents.map((c) => html`<li>${c.provision}: ${labelled(c.text, c.verification)}</li>`)}</ul></dd>`,
    );
  }
  if (d.offence && d.modality === 'must') {
    const pen = d.offence.penalty.text
      ? html`Penalty: ${labelled(d.offence.penalty.text, d.offence.penalty.verification)}`
      : html`<span class="stmt stmt-unverified"><strong>No penalty shown:</strong> ${d.offence.penalty.note}</span> ${badge(d.offence.penalty.verification)}`;
    facts.push(
      html`<dt>If you do not report</dt><dd>${d.offence.provision}: ${labelled(d.offence.text, d.offence.verification)}<br>${pen}</dd>`,
    );
  }
  if (d.protections.length > 0) {
    facts.push(
      html`<dt>Your protection</dt><dd><ul>${d.protections.map((p) => html`<li>${p.provision}: ${labelled(p.text, p.verification)}</li>`)}</ul></dd>`,
    );
  }
  return html`<article class="duty-card status-${d.status}" id="${id}" data-duty="${d.duty}" data-person="${d.person}" data-status="${d.status}">
${heading(level, d.title)}
<p>${statusBadge(d.status, d.modality, true)} · ${dutyLink(o, d)} ${badge(d.citation.verification)}</p>
<dl class="facts">${facts}</dl>
${heading(level + 1, 'Why')}
${reasonsTable(d.reasons, `Conditions of ${o.shortName(d.duty)} for ${d.person}`)}
${
  d.missing.length > 0
    ? html`${heading(level + 1, 'To settle it, ask')}<ul class="questions">${d.missing.map((m) => html`<li>${m.question}</li>`)}</ul>`
    : ''
}
${d.notes.length > 0 ? html`${heading(level + 1, 'Interpretation notes')}<ul class="notes">${d.notes.map((n) => html`<li id="${id}-${n.id}">${labelled(n.text, n.verification)}</li>`)}</ul>` : ''}
</article>`;
}

function notApplyingTable(ds: readonly DutyResult[], o: RenderOptions, person: string): Html {
  return html`<table class="not-applying">
<caption>Duties that do not apply for ${person}, and why</caption>
<thead><tr><th scope="col">Duty</th><th scope="col">Why not</th><th scope="col">Notes</th></tr></thead>
<tbody>${ds.map((d) => {
    const deciding = d.reasons.filter((r) => r.result === false);
    const shown = deciding.length > 0 ? deciding : d.reasons;
    return html`<tr id="${dutyCardId(o, d.person, d.duty)}" data-duty="${d.duty}" data-person="${d.person}" data-status="${d.status}">
<th scope="row">${statusBadge(d.status, d.modality)} <a href="${o.root}duties/${d.duty}.html">${o.shortName(d.duty)}</a><br><span class="muted">${d.title}</span></th>
<td><ul class="reason-lines">${shown.map((r) => html`<li>${reasonLine(r)}</li>`)}</ul></td>
<td>${d.notes.length > 0 ? html`<ul class="notes">${d.notes.map((n) => html`<li>${labelled(n.text, n.verification)}</li>`)}</ul>` : ''}</td>
</tr>`;
  })}</tbody>
</table>`;
}

function glanceTable(a: Assessment, o: RenderOptions, shownAs: ReadonlyMap<string, string>): Html {
  const rows = personsOf(a).map((p) => {
    const mine = a.duties.filter((d) => d.person === p);
    // A person shown together with others links to the cards shown for the group.
    const link = (d: DutyResult) => html`<a href="#${dutyCardId(o, shownAs.get(p) ?? p, d.duty)}">${o.shortName(d.duty)}</a>`;
    const list = (ds: readonly DutyResult[]) => (ds.length === 0 ? html`<span class="muted">none</span>` : join(ds.map(link), ', '));
    const must = mine.filter((d) => d.status === 'applies' && d.modality === 'must');
    const may = mine.filter((d) => d.status === 'may_apply');
    const permission = mine.filter((d) => d.status === 'applies' && d.modality === 'may');
    const dva = a.overlaps.find((ov) => ov.person === p && ov.id === 'dva-report');
    const dvaEither = dva !== undefined && dva.status === 'applies' && !must.some((d) => d.duty.startsWith('dva-'));
    return html`<tr><th scope="row">${p}</th>
<td>${dvaEither ? (must.length > 0 ? html`${list(must)}; <strong>a DVA report, under s2A or s2B</strong>` : html`<strong>a DVA report, under s2A or s2B</strong>`) : list(must)}</td>
<td>${list(may)}</td><td>${list(permission)}</td></tr>`;
  });
  return html`<table class="glance">
<caption>The duties for each person at risk</caption>
<thead><tr><th scope="col">Person at risk</th><th scope="col">Must report</th><th scope="col">May apply (settle the questions)</th><th scope="col">May report (a permission)</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
}

function guidanceItem(g: GuidanceItem, level: number): Html {
  return html`<article class="guidance guidance-${g.kind}" data-guidance="${g.id}">
${heading(level, g.title)}
<p>${g.text}</p>
${g.steps.length > 0 ? html`<ol>${g.steps.map((s) => html`<li>${s}</li>`)}</ol>` : ''}
<p class="muted">For: ${g.persons.join(', ')}${g.forDuties.length > 0 ? html` · with duties ${g.forDuties.join(', ')}` : ''}</p>
${
  g.sources.length > 0
    ? html`<p class="sources">Rests on: ${join(
        g.sources.map(
          (s) => html`${s.url ? html`<a href="${s.url}" rel="external noreferrer">${s.cite}</a>` : s.cite} ${badge(s.verification)}`,
        ),
        '; ',
      )}</p>`
    : ''
}
</article>`;
}

/** Survivor-centred guidance grouped by kind (emergency, form, option, tension, record). */
export function renderGuidance(items: readonly GuidanceItem[], level: number, kinds: readonly GuidanceItem['kind'][] = KIND_ORDER): Html {
  return join(
    kinds.map((k) => {
      const mine = items.filter((i) => i.kind === k);
      if (mine.length === 0) return '';
      return html`<section class="guidance-kind" aria-label="${KIND_TITLES[k]}">${heading(level, KIND_TITLES[k])}${mine.map((g) => guidanceItem(g, level + 1))}</section>`;
    }),
  );
}

function helplineRow(h: Helpline): Html {
  return html`<tr>
<th scope="row">${h.name}</th>
<td>${h.number ?? html`<span class="muted">no central number</span>`}</td>
<td><ul>${h.channels.map((c) => html`<li>${c.kind}: ${c.value}${c.note ? html` <span class="muted">(${c.note})</span>` : ''}</li>`)}</ul></td>
<td>${h.description}${h.caveat ? html`<br><strong>Caveat:</strong> ${h.caveat}` : ''}</td>
<td>${formatDate(h.lastChecked)}<br>${h.verification === 'verified' ? badge('exact') : badge('secondary')}</td>
</tr>`;
}

/** Helplines as a table. */
export function renderHelplines(hs: readonly Helpline[]): Html {
  return html`<table class="helplines">
<caption>Helplines and services (check numbers before you rely on them)</caption>
<thead><tr><th scope="col">Service</th><th scope="col">Number</th><th scope="col">Channels</th><th scope="col">About</th><th scope="col">Last checked</th></tr></thead>
<tbody>${hs.map(helplineRow)}</tbody>
</table>`;
}

/** The whole assessment. */
export function renderAssessment(a: Assessment, o: RenderOptions): Html {
  const l = o.level;
  const persons = personsOf(a);
  const groups = o.groupPeople === true ? peopleGroups(a) : persons.map((p) => [p]);
  const shownAs = new Map(groups.flatMap((g) => g.map((p) => [p, g[0] as string] as const)));
  const perPerson = groups.map((group) => {
    const p = group[0] as string;
    const mine = a.duties.filter((d) => d.person === p);
    const applies = mine.filter((d) => d.status === 'applies');
    const may = mine.filter((d) => d.status === 'may_apply');
    const not = mine.filter((d) => d.status === 'does_not_apply');
    const ovs = a.overlaps.filter((ov) => ov.person === p);
    const who = andList(group);
    return html`<section class="person" data-person="${p}"${group.length > 1 ? html` data-people="${group.join('|')}"` : ''} aria-labelledby="${o.idPrefix ?? ''}person-${slug(p)}">
${heading(l, `For ${who}`, html` id="${o.idPrefix ?? ''}person-${slug(p)}"`)}
${group.length > 1 ? html`<p class="muted">Every duty has the same status for ${who}; the reasons below are shown for ${p}.</p>` : ''}
${ovs.map((ov) => overlapBox(ov, o))}
${applies.length > 0 ? html`${heading(l + 1, 'Applies')}${applies.map((d) => dutyCard(d, o, l + 2))}` : ''}
${may.length > 0 ? html`${heading(l + 1, 'May apply: settle the questions')}${may.map((d) => dutyCard(d, o, l + 2))}` : ''}
${not.length > 0 ? html`${heading(l + 1, 'Does not apply')}${notApplyingTable(not, o, p)}` : ''}
${applies.length === 0 && may.length === 0 ? html`<p class="none-apply"><strong>No reporting duty applies for ${who}</strong> on these facts.</p>` : ''}
</section>`;
  });
  return html`<div class="assessment">
<p class="meta">Law as at ${formatDate(a.lawAsAt)} (the date the reporter came to know) · assessed on ${formatDate(a.assessmentDate)} · rules ${a.rulesetVersion}</p>
${heading(l, 'At a glance')}
${glanceTable(a, o, shownAs)}
${perPerson}
${heading(l, 'Questions that would settle what is still open')}
${
  a.questions.length === 0
    ? html`<p>None: every duty is settled on these facts.</p>`
    : html`<ol class="questions">${a.questions.map(
        (q) =>
          html`<li>${q.question} <span class="muted">(about ${q.about}; settles ${join(
            q.settles.map((s) => `${o.shortName(s.duty)} for ${s.person}`),
            ', ',
          )})</span></li>`,
      )}</ol>`
}
${heading(l, 'How to act: guidance')}
<p>Guidance is kept apart from the duties: it never softens a duty, and a duty never hides it.</p>
${a.guidance.items.length > 0 ? renderGuidance(a.guidance.items, l + 1) : html`<p>No guidance items for this case.</p>`}
${heading(l, 'Helplines')}
${renderHelplines(a.guidance.helplines)}
<p class="disclaimer"><strong>Not legal advice.</strong> ${a.disclaimer}</p>
</div>`;
}
