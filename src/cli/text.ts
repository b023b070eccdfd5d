import type { Assessment, DutyResult, InterpretationNote, Overlap, Reason } from '../index.js';

/*
 * The readable summary of `za-duties assess --format text`, for a person: an emergency line if
 * anyone is in danger, then the duties that apply (citation, recipient, timing, form), what is
 * uncertain and the questions that settle it, then the guidance. `--full` adds the reasons,
 * the duties that do not apply and why, guidance steps and sources.
 */

const WIDTH = 92;

function wrap(text: string, indent: string, width = WIDTH): string {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur.length > 0 && indent.length + cur.length + 1 + w.length > width) {
      lines.push(indent + cur);
      cur = w;
    } else cur = cur.length > 0 ? `${cur} ${w}` : w;
  }
  if (cur.length > 0) lines.push(indent + cur);
  return lines.join('\n');
}

function heading(title: string): string {
  return `\n${title.toUpperCase()}\n${'-'.repeat(Math.min(title.length, WIDTH))}`;
}

function reasonLine(r: Reason): string {
  const v = r.value;
  const value =
    v === null ? 'not known' : typeof v !== 'object' ? String(v).replaceAll('_', ' ') : 'min' in v ? `${v.min} to ${v.max}` : v.join(', ');
  const mark = r.result === true ? 'yes' : r.result === false ? 'no ' : ' ? ';
  // Words for people: the test's label and the value, no internal fact names.
  return `[${mark}] ${r.label ?? 'a condition of the provision'}: ${value}${r.concern ? ` (concern ${r.concern})` : ''}`;
}

/** How the offence reads, by how well it is verified: an unverified offence is never stated as settled. */
function offenceLine(d: DutyResult): string | undefined {
  const o = d.offence;
  if (!o || d.modality !== 'must') return undefined;
  const penalty = o.penalty.text ? ` Penalty: ${o.penalty.text}.` : ' The penalty is not verified, so none is shown.';
  if (o.verification === 'unverified') return `Whether failing to report is an offence is not verified (${o.provision}).`;
  if (o.verification === 'secondary')
    return `Failing to report is an offence according to a secondary source, not the statute's verified text (${o.provision}).${penalty}`;
  return `Failing to report is an offence (${o.provision}).${penalty}`;
}

/** Notes that change or soften a status, or say a reading is not verified: shown by default. */
function keyNotes(d: DutyResult): readonly InterpretationNote[] {
  return d.notes.filter((n) => n.verification !== 'exact' || d.status !== 'applies');
}

/** Duties grouped by what they say (same duty, status, modality, provision), with their persons. */
function grouped(duties: readonly DutyResult[]): { d: DutyResult; persons: string[]; all: DutyResult[] }[] {
  const out = new Map<string, { d: DutyResult; persons: string[]; all: DutyResult[] }>();
  for (const d of duties) {
    const key = `${d.duty}|${d.status}|${d.modality}|${d.citation.provision}`;
    const g = out.get(key);
    if (g) {
      g.persons.push(d.person);
      g.all.push(d);
    } else out.set(key, { d, persons: [d.person], all: [d] });
  }
  return [...out.values()];
}

function dutyBlock(g: { d: DutyResult; persons: string[]; all: DutyResult[] }, full: boolean): string {
  const { d } = g;
  const lines: string[] = [];
  lines.push(wrap(`* ${d.duty} — ${d.title}`, '  ').replace(/^ {2}/, ''));
  lines.push(wrap(`For: ${g.persons.join(', ')}`, '    '));
  lines.push(wrap(`Law: ${d.citation.act} ${d.citation.provision} (text ${d.citation.verification})`, '    '));
  if (d.status !== 'does_not_apply') {
    lines.push(wrap(`Report to: ${d.recipientsText}`, '    '));
    const deadline = d.deadline
      ? ` — ${d.deadline.hours} hours from ${d.deadline.from}: by ${d.deadline.latestDate} at the latest${d.deadline.passed ? ' (PASSED)' : ''}`
      : '';
    lines.push(wrap(`Timing: ${d.timing.phrase}${deadline}`, '    '));
    if (d.form)
      lines.push(
        wrap(
          `Form: ${d.form.name}${d.form.number ? ` (${d.form.number})` : ''}${d.form.verification !== 'exact' ? ` [form ${d.form.verification}]` : ''}`,
          '    ',
        ),
      );
    const offence = offenceLine(d);
    if (offence) lines.push(wrap(offence, '    '));
    if (
      d.status === 'applies' &&
      d.modality === 'must' &&
      (d.citation.verification === 'secondary' || d.citation.verification === 'unverified')
    ) {
      lines.push(
        wrap(
          `This MUST rests on a ${d.citation.verification} reading: the wording of ${d.citation.provision} in force is not verified against the statute.`,
          '    ',
        ),
      );
    }
  }
  const presumed = [...new Map(g.all.flatMap((x) => x.presumed ?? []).map((p) => [p.id, p] as const)).values()];
  for (const p of presumed) lines.push(wrap(`On a presumption (${p.id}): ${p.text}`, '    '));
  if (full || d.status === 'does_not_apply') {
    const reasons = g.all.flatMap((x) => x.reasons.map((r) => `${g.persons.length > 1 ? `${x.person}: ` : ''}${reasonLine(r)}`));
    const shown = full ? reasons : reasons.slice(0, 3);
    for (const r of shown) lines.push(wrap(r, '      '));
    if (shown.length < reasons.length) lines.push(`      … ${reasons.length - shown.length} more (use --full)`);
  }
  const notes = full ? d.notes : keyNotes(d);
  for (const n of notes) lines.push(wrap(`Note (${n.verification}): ${n.text}`, '    '));
  return lines.join('\n');
}

/**
 * What is certain, for whom, when no duty applies for certain: never "no duty applies" while
 * anything may apply, rests on a presumption, or carries a note that says to report if in doubt.
 */
function certainty(a: Assessment): string {
  const persons = [...new Set(a.duties.map((d) => d.person))];
  const parts: string[] = [];
  const settled: string[] = [];
  for (const p of persons) {
    const mine = a.duties.filter((d) => d.person === p);
    const open = mine.filter((d) => d.status === 'may_apply' || a.overlaps.some((o) => o.person === p && o.status === 'may_apply'));
    const presumed = mine.filter((d) => d.presumed !== undefined && d.status === 'does_not_apply');
    const doubt = mine.some((d) => d.status === 'does_not_apply' && d.notes.some((n) => /if in doubt/i.test(n.text)));
    if (open.length > 0) parts.push(`for ${p}, a duty may apply (see "may apply" below)`);
    else if (presumed.length > 0) parts.push(`for ${p}, none applies on the presumptions shown below`);
    else if (doubt) parts.push(`for ${p}, none applies on the encoded law, but a note below says to report if in doubt`);
    else settled.push(p);
  }
  const head = 'Nothing is mandatory for certain on these facts';
  const rest =
    settled.length > 0 ? `${parts.length > 0 ? '; ' : ': '}for ${settled.join(', ')}, no duty to report applies on these facts` : '';
  return `${head}${parts.length > 0 ? `: ${parts.join('; ')}` : ''}${rest}.`;
}

/** Renders an assessment as a readable summary. */
export function assessmentText(a: Assessment, options: { full?: boolean } = {}): string {
  const full = options.full === true;
  const out = [
    ...introLines(a),
    ...leadLines(a),
    ...mustReportLines(a, full),
    ...sharedReportLines(a),
    ...dutySection(
      'You may report (a permission, not a duty)',
      a.duties.filter((d) => d.status === 'applies' && d.modality === 'may'),
      full,
    ),
    ...dutySection(
      'May apply: depends on facts still missing',
      a.duties.filter((d) => d.status === 'may_apply'),
      full,
    ),
    ...questionLines(a, full),
    ...guidanceLines(a, full),
    ...helplineLines(a, full),
    ...notApplyLines(
      a.duties.filter((d) => d.status === 'does_not_apply'),
      full,
    ),
    heading('Not legal advice'),
    wrap(a.disclaimer, ''),
  ];
  return visible(out.join('\n')) + '\n';
}

/** The title, the dates and rules the assessment used, and its mode. */
function introLines(a: Assessment): string[] {
  return [
    `za-duties: reporting duties${a.caseId ? ` for case ${a.caseId}` : ''}`,
    wrap(
      `The law from ${a.lawAsAt} (the date you came to know) to ${a.assessmentDate} (today's assessment), while you still know; rules ${a.rulesetVersion}.`,
      '',
    ),
    wrap(
      a.mode === 'presumptive'
        ? 'Where the case leaves an ordinary fact out, the library presumes it and says so beside the duty it decides (use --strict for no presumptions).'
        : 'Strict mode: no presumptions; every fact left out stays open.',
      '',
    ),
  ];
}

/** Emergencies, then guidance that must come before any duty (a reporter who is a child: tell a trusted adult now). */
function leadLines(a: Assessment): string[] {
  const out: string[] = [];
  for (const e of a.guidance.items) if (e.kind === 'emergency') out.push('', wrap(`!! ${e.title}`, ''));
  for (const g of a.guidance.items)
    if (g.lead === true && g.kind !== 'emergency') out.push('', wrap(`>> ${g.title}`, ''), wrap(g.text, '   '));
  return out;
}

/** The duties that bind, and reports due either way where duties are alternatives; else what is certain. */
function mustReportLines(a: Assessment, full: boolean): string[] {
  const must = a.duties.filter((d) => d.status === 'applies' && d.modality === 'must');
  // Where duties are alternatives (rules/overlaps/) and one of them applies whichever way the open
  // facts turn out, a report is due even though neither duty applies on its own.
  const dueAlternatives = a.overlaps.filter((o) => o.kind === 'alternatives' && o.status === 'applies');
  const out = [heading('You must report')];
  if (must.length === 0 && dueAlternatives.length === 0) out.push(wrap(certainty(a), ''));
  for (const g of grouped(must)) out.push(dutyBlock(g, full));
  for (const id of [...new Set(dueAlternatives.map((o) => o.id))])
    out.push(
      ...alternativesBlock(
        a,
        dueAlternatives.filter((o) => o.id === id),
      ),
    );
  return out;
}

/** One report due either way under alternative duties, for the persons it is due for. */
function alternativesBlock(a: Assessment, these: readonly Overlap[]): string[] {
  const first = these[0] as Overlap;
  const persons = new Set(these.map((o) => o.person));
  const pair = a.duties.filter((d) => persons.has(d.person) && first.duties.includes(d.duty) && d.status !== 'does_not_apply');
  const recipients = pair.slice(0, 1).map((d) => d.recipientsText);
  const timing = [...new Set(pair.map((d) => `${d.timing.phrase} (${d.citation.provision})`))];
  const out = [
    wrap(`* ${first.id} — ${first.title}: due either way (${first.duties.join(' or ')}, alternatives)`, '  ').replace(/^ {2}/, ''),
    wrap(`For: ${[...persons].join(', ')}`, '    '),
  ];
  if (recipients.length > 0) out.push(wrap(`Report to: ${recipients.join('')}`, '    '));
  if (timing.length > 0) out.push(wrap(`Timing: ${timing.join('; ')}`, '    '));
  out.push(wrap(first.text, '    '));
  return out;
}

/** Overlaps other than a report due either way: where one report meets several duties. */
function sharedReportLines(a: Assessment): string[] {
  const overlaps = a.overlaps.filter((o) => o.status !== 'does_not_apply' && !(o.kind === 'alternatives' && o.status === 'applies'));
  if (overlaps.length === 0) return [];
  const out = [heading('One report, several duties')];
  const seen = new Set<string>();
  for (const o of overlaps) {
    const persons = overlaps.filter((x) => x.id === o.id && x.text === o.text).map((x) => x.person);
    const key = `${o.id}|${o.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(wrap(`* ${o.id} (${o.status}) for ${persons.join(', ')}: ${o.text}`, '  ').replace(/^ {2}/, ''));
  }
  return out;
}

/** A titled section of duty blocks; nothing when there are no duties. */
function dutySection(title: string, duties: readonly DutyResult[], full: boolean): string[] {
  if (duties.length === 0) return [];
  return [heading(title), ...grouped(duties).map((g) => dutyBlock(g, full))];
}

function questionLines(a: Assessment, full: boolean): string[] {
  if (a.questions.length === 0) return [];
  const out = [heading('Questions that would settle it')];
  a.questions.forEach((q, i) => {
    const settles = [...new Set(q.settles.map((s) => s.duty))].join(', ');
    out.push(wrap(`${i + 1}. ${q.question}`, '   ').replace(/^ {3}/, ''));
    const presumed = q.presumed ? 'matters only if a presumption shown is wrong; ' : '';
    out.push(
      wrap(
        `(${presumed}about ${q.about}; would settle ${settles}${full && q.inputs.length > 0 ? `; input ${q.inputs.join(' or ')}` : ''})`,
        '   ',
      ),
    );
  });
  return out;
}

function guidanceLines(a: Assessment, full: boolean): string[] {
  if (a.guidance.items.length === 0) return [];
  const out = [heading('Guidance: acting on it well')];
  for (const g of a.guidance.items) {
    out.push(`* [${g.kind}] ${g.title}${g.persons.length > 0 ? ` (${g.persons.join(', ')})` : ''}`);
    out.push(wrap(g.text, '    '));
    if (full) {
      g.steps.forEach((s, i) => out.push(wrap(`${i + 1}) ${s}`, '      ')));
      for (const s of g.sources) out.push(wrap(`Source: ${s.cite} [${s.verification}]${s.url ? ` ${s.url}` : ''}`, '      '));
    }
  }
  return out;
}

function helplineLines(a: Assessment, full: boolean): string[] {
  if (a.guidance.helplines.length === 0) return [];
  const out = [heading('Helplines')];
  for (const h of a.guidance.helplines) {
    out.push(
      wrap(`* ${h.name}: ${h.number ?? 'see description'} (${h.verification}, checked ${h.lastChecked})`, '  ').replace(/^ {2}/, ''),
    );
    if (full) out.push(wrap(h.description, '    '));
    // The caveat says how to show the number (e.g. "10111, or 112 from a cellphone") or when to recheck it.
    if (h.caveat) out.push(wrap(h.caveat, '    '));
  }
  return out;
}

/** The duties that do not apply: with their reasons in full, else listed per person. */
function notApplyLines(not: readonly DutyResult[], full: boolean): string[] {
  if (not.length === 0) return [];
  const out = [heading('Does not apply')];
  if (full) {
    for (const g of grouped(not)) out.push(dutyBlock(g, true));
    return out;
  }
  // Per person, so that "does not apply" is never read as about someone else.
  for (const person of [...new Set(not.map((d) => d.person))]) {
    const mine = not.filter((d) => d.person === person).map((d) => (d.presumed ? `${d.duty} (on a presumption)` : d.duty));
    out.push(wrap(`* For ${person}: ${mine.join(', ')}`, '    ').replace(/^ {4}/, ''));
  }
  out.push(wrap('Use --full to see why each does not apply.', ''));
  return out;
}

/**
 * Control characters that came with the case (ESC, BEL, other C0 and C1 controls, bidirectional
 * overrides, isolates and marks, the Unicode line and paragraph separators) shown as `\uXXXX`, so a
 * case id cannot retitle or drive the terminal, reorder what is shown, or start a line. Newlines stay.
 */
export function visible(text: string): string {
  return text.replace(
    /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
