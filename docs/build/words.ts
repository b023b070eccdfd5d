/**
 * Plain-language words for the library's codes: statuses, verification labels, vocabulary
 * values, fact values and dates. Shared by the site generator and the try-it page, so both say
 * the same thing in the same words.
 */
import type { CaseInput, DutyCatalogueEntry, DutyId, DutyStatus, Reason, ReasonValue, Recipient, Verification } from '../../src/index.js';
import { html, type Html } from './html.js';
import { addDays } from '../../src/case/ages.js';
import { FACTS, type FactDefinition } from '../../src/case/facts.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2023-04-14` → `14 April 2023` (the way South African documents write dates). */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** The day before an ISO date (for "until the day before …"). */
export function dayBefore(iso: string): string {
  return addDays(iso, -1);
}

/** `snake_case` → `snake case`. */
export function humanise(code: string): string {
  return code.replace(/_/g, ' ');
}

/** Capitalises the first letter. */
export function sentenceCase(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const WORDS: Record<string, string> = {
  // reporter roles that read badly with underscores alone
  partial_care_facility_staff: 'staff member at a partial care facility',
  partial_care_facility_volunteer: 'volunteer at a partial care facility',
  drop_in_centre_staff: 'staff member at a drop-in centre',
  drop_in_centre_volunteer: 'volunteer at a drop-in centre',
  child_and_youth_care_centre_staff: 'staff member at a child and youth care centre',
  child_and_youth_care_centre_volunteer: 'volunteer at a child and youth care centre',
  designated_child_protection_organisation_staff: 'staff member of a designated child protection organisation',
  school_staff_non_teaching: 'school staff member (not a teacher)',
  member_of_public: 'member of the public',
  police_official: 'police official',
  other: 'other',
  // harms
  emotional_abuse: 'emotional, verbal or psychological abuse',
  exposure_to_domestic_violence: 'exposure to domestic violence',
  coercive_behaviour: 'coercive behaviour',
  controlling_behaviour: 'controlling behaviour',
  child_sexual_abuse_material: 'child sexual abuse material',
  // relationships
  parent_partner: "partner of the victim's parent",
  other_family: 'other family member',
  intimate_partner: 'intimate partner',
  former_intimate_partner: 'former intimate partner',
  dating: 'dating partner',
  household_member: 'member of the household',
  paid_carer: 'paid carer',
  teacher_or_coach: 'teacher or coach',
  // bases
  knowledge: 'knows it',
  reasonable_belief: 'believes it on reasonable grounds',
  reasonable_suspicion: 'suspects it on reasonable grounds',
  rumour: 'only a rumour',
  // disabilities
  none: 'no disability',
  // recipients
  social_worker: 'social worker',
  police: 'police (SAPS)',
  designated_child_protection_organisation: 'designated child protection organisation',
  provincial_department_of_social_development: 'provincial Department of Social Development',
  dsd_director_general: 'Director-General of Social Development',
};

/** A vocabulary value (role, harm, relationship, basis, disability, recipient) in words. */
export function vocab(code: string): string {
  return WORDS[code] ?? humanise(code);
}

/** A recipient in words. */
export function recipientWords(r: Recipient): string {
  return vocab(r);
}

/** A verification label in words: short for badges, long for the legend. */
export const VERIFICATION: Record<Verification, { readonly symbol: string; readonly short: string; readonly long: string }> = {
  exact: {
    symbol: '✓',
    short: 'verified: exact text',
    long: 'Checked word for word against a public copy of the statute or regulation.',
  },
  partial: {
    symbol: '◐',
    short: 'partly verified',
    long: 'Part of it is checked against the text; the rest (a date, a cross-reference, a detail) is not.',
  },
  secondary: {
    symbol: '◇',
    short: 'secondary source',
    long: 'Taken from a reliable secondary source (a government statement, a consolidation, a practice note), not from the statute itself. Treat with care.',
  },
  unverified: {
    symbol: '⚠',
    short: 'unverified',
    long: 'Not checked. Never treat it as settled: confirm it against the Government Gazette before relying on it.',
  },
};

/** A verification badge: symbol and words, never colour alone. */
export function badge(v: Verification): Html {
  const l = VERIFICATION[v];
  return html`<span class="v v-${v}" title="${l.long}"><span aria-hidden="true">${l.symbol} </span>${l.short}</span>`;
}

/**
 * An interpretation note with what it rests on: a reading is never labelled "verified", only the
 * text it reads is ("a reading of exact text").
 */
export function labelledReading(text: string | Html, v: Verification): Html {
  const rests = {
    exact: 'a reading of verified exact text',
    partial: 'a reading of partly verified text',
    secondary: 'a reading of a secondary source',
    unverified: 'rests on an unverified point',
  }[v];
  const l = VERIFICATION[v];
  return html`<span class="stmt${v === 'unverified' ? ' stmt-unverified' : ''}">${text}</span> <span class="v v-${v}" title="${l.long}"><span aria-hidden="true">${l.symbol} </span>${rests}</span>`;
}

/** A statement with its verification label; an unverified statement says so in words first. */
export function labelled(text: string | Html, v: Verification): Html {
  if (v === 'unverified') {
    return html`<span class="stmt stmt-unverified"><strong>Unverified:</strong> ${text}</span> ${badge(v)}`;
  }
  return html`<span class="stmt">${text}</span> ${badge(v)}`;
}

/** A duty status in words. */
export function statusWords(
  status: DutyStatus,
  modality: 'must' | 'may',
): { readonly symbol: string; readonly short: string; readonly long: string } {
  if (status === 'applies') {
    return modality === 'must'
      ? { symbol: '●', short: 'Applies', long: 'Applies: you must report' }
      : { symbol: '●', short: 'Applies', long: 'Applies: you may report (a permission, not a duty)' };
  }
  if (status === 'may_apply') {
    return modality === 'must'
      ? { symbol: '◐', short: 'May apply', long: 'May apply: it depends on facts not yet known' }
      : { symbol: '◐', short: 'May apply', long: 'May apply: the permission depends on facts not yet known' };
  }
  return { symbol: '○', short: 'Does not apply', long: 'Does not apply' };
}

/** A status badge. `long` adds what it means for the reporter. */
export function statusBadge(status: DutyStatus, modality: 'must' | 'may', long = false): Html {
  const w = statusWords(status, modality);
  return html`<span class="status status-${status}"><span aria-hidden="true">${w.symbol} </span>${long ? w.long : w.short}</span>`;
}

/** A condition's result in words. */
export function resultWords(result: boolean | 'unknown'): string {
  return result === true ? 'met' : result === false ? 'not met' : 'not known';
}

/** A fact's value in words, e.g. `4–5 years`, `yes`, `suspects it on reasonable grounds`. */
export function valueWords(fact: string, v: ReasonValue): string {
  if (v === null) return 'not given';
  const isAge = factDefinition(fact)?.kind === 'age';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return isAge ? `${v} ${v === 1 ? 'year' : 'years'}` : String(v);
  if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : vocab(v);
  if (Array.isArray(v)) return (v as readonly string[]).map(vocab).join(', ');
  const r = v as { readonly min: number; readonly max: number };
  const span = r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`;
  return isAge ? `${span} years` : span;
}

/** A fact's name in words, e.g. `ageGapWithinTwoYears` → `born within two years of each other`. */
export function factWords(fact: string): string {
  return factDefinition(fact)?.label ?? fact.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A fact's one declaration (src/case/facts.ts: label, question, kind of value), if it is a derived fact. */
function factDefinition(fact: string): FactDefinition | undefined {
  return (FACTS as Record<string, FactDefinition>)[fact];
}

/** What the case says about a fact: `consented: no`, `age at the time: 6–7 years`. */
export function factValueWords(fact: string, v: ReasonValue): string {
  return `${factWords(fact)}: ${valueWords(fact, v)}`;
}

/** One reason as a short line: `✓ 18 or older (your age: 33–34 years)`. */
export function reasonLine(r: Reason): string {
  const mark = r.result === true ? '✓' : r.result === false ? '✗' : '?';
  return `${mark} ${r.label ?? `${r.fact} ${r.test}`} (${factValueWords(r.fact, r.value)})`;
}

const yesNo = (b: boolean | null | undefined, yes: string, no: string | null): string | null =>
  b === true ? yes : b === false ? no : null;

type LooseCase = {
  reporter?: Record<string, unknown>;
  people?: readonly Record<string, unknown>[];
  concerns?: readonly Record<string, unknown>[];
  assessmentDate?: string;
};

function ageWords(p: Record<string, unknown>): string | null {
  if (typeof p['dateOfBirth'] === 'string') return `born ${formatDate(p['dateOfBirth'])}`;
  if (typeof p['ageYears'] === 'number') return `${p['ageYears']} years old`;
  const r = p['ageRange'] as { min?: number; max?: number } | undefined;
  if (r && typeof r.min === 'number') return `aged ${r.min}–${r.max}`;
  return null;
}

/** A case in plain sentences: reporter, people and concerns. For the scenario pages. */
export function caseWords(input: CaseInput): { reporter: string; people: string[]; concerns: string[] } {
  const c = input as LooseCase;
  const r = c.reporter ?? {};
  const rp: string[] = [];
  rp.push(typeof r['role'] === 'string' ? sentenceCase(vocab(r['role'])) : 'Role not given');
  const ra = ageWords(r);
  if (ra) rp.push(ra);
  const work = yesNo(r['inCourseOfDuties'] as boolean | undefined, 'learned it at work', 'did not learn it at work');
  if (work) rp.push(work);
  const fn = yesNo(r['dvaFunctionary'] as boolean | undefined, 'a DVA functionary', 'not a DVA functionary');
  if (fn) rp.push(fn);
  if (typeof r['knowledgeDate'] === 'string') rp.push(`came to know on ${formatDate(r['knowledgeDate'])}`);
  const people = (c.people ?? []).map((p) => {
    const bits: string[] = [];
    const a = ageWords(p);
    if (a) bits.push(a);
    if (typeof p['sex'] === 'string') bits.push(p['sex']);
    if (typeof p['disability'] === 'string')
      bits.push(p['disability'] === 'none' ? 'no disability' : `${vocab(p['disability'])} disability`);
    const m = yesNo(p['mentalDisabilityAffectingConsent'] as boolean | undefined, 'a mental disability affecting consent', null);
    if (m) bits.push(m);
    if (p['opposesReport'] === true) bits.push('does not want a report');
    const cares = p['caregiverOf'];
    if (Array.isArray(cares) && cares.length > 0) bits.push(`cares for ${cares.join(', ')}`);
    return `${String(p['id'])}${bits.length ? ': ' + bits.join(', ') : ''}`;
  });
  const concerns = (c.concerns ?? []).map((k) => {
    const bits: string[] = [];
    let head = `${typeof k['harm'] === 'string' ? sentenceCase(vocab(k['harm'])) : 'Harm not given'} of ${String(k['victim'])}`;
    if (typeof k['allegedBy'] === 'string') {
      head += ` by ${k['allegedBy']}`;
      if (typeof k['relationship'] === 'string') head += ` (${vocab(k['relationship'])})`;
    } else if (typeof k['relationship'] === 'string') head += ` by a ${vocab(k['relationship'])}`;
    if (typeof k['basis'] === 'string')
      bits.push(k['basis'] === 'rumour' ? 'the reporter has heard only a rumour' : `the reporter ${vocab(k['basis'])}`);
    if (typeof k['incidentDate'] === 'string') bits.push(`on ${formatDate(k['incidentDate'])}`);
    const flags: [string, string, string][] = [
      ['physicalInjury', 'with physical injury', 'no physical injury'],
      ['consensual', 'consensual', 'not consensual'],
      ['deliberate', 'deliberate', 'not deliberate'],
      ['sharesResidence', 'they share a home', 'they do not share a home'],
      ['expectationOfTrust', 'a relationship of trust', 'no relationship of trust'],
      ['receivedAsReport', 'received as a report', 'not received as a report'],
      ['privilegedCommunication', 'learned in privileged legal communication', 'not privileged'],
      ['immediateDanger', 'someone is in immediate danger', 'no immediate danger'],
      ['domesticRelationship', 'a domestic relationship', 'not a domestic relationship'],
    ];
    for (const [key, yes, no] of flags) {
      const w = yesNo(k[key] as boolean | null | undefined, yes, no);
      if (w) bits.push(w);
    }
    return `${head}${bits.length ? ': ' + bits.join(', ') : ''}`;
  });
  return { reporter: rp.join(', '), people, concerns };
}

/** The current (latest) version of a duty. */
export function currentVersion(e: DutyCatalogueEntry): DutyCatalogueEntry['versions'][number] {
  return e.versions[e.versions.length - 1] as DutyCatalogueEntry['versions'][number];
}

/** Short names of the duties: `DVA s2A(2)`, `Children's Act s110(1)`, … */
export function shortNameOf(duties: readonly DutyCatalogueEntry[]): (id: DutyId) => string {
  const m = new Map(duties.map((d) => [d.id, `${d.actShort} ${currentVersion(d).provision}`]));
  return (id) => m.get(id) ?? id;
}
