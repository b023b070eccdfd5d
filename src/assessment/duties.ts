import { nextDay } from '../case/ages.js';
import type { ConcernFacts, DerivedCase } from '../case/derive.js';
import { FACTS, type FactDefinition, type FactValue } from '../case/facts.js';
import type { DutyId } from '../case/vocabulary.js';
import { evaluateVersion, leavesOf, versionInForce, type CompiledRule, type LimbOutcome } from '../engine/duties.js';
import type { DecidingLeaf } from '../engine/evaluate.js';
import type { Operator } from '../engine/condition.js';
import type { RuleFile, RuleVersion } from '../rules/schema.js';
import type { Citation, DutyResult, DutyStatus, InterpretationNote, MissingFact, Reason, ReasonValue } from './types.js';

const OP_TEXT: Record<Operator, string> = {
  equal: '=',
  notEqual: '≠',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
  in: 'one of',
  notIn: 'none of',
  contains: 'contains',
  doesNotContain: 'does not contain',
};

const listTexts = new WeakMap<object, string>();
function testText(op: Operator, value: unknown): string {
  if (Array.isArray(value)) {
    let v = listTexts.get(value);
    if (v === undefined) listTexts.set(value, (v = value.join(', ')));
    return `${OP_TEXT[op]} ${v}`;
  }
  return `${OP_TEXT[op]} ${String(value)}`;
}

function shown(v: FactValue): ReasonValue {
  return v === undefined ? null : (v as ReasonValue);
}

/** Where the answers to a fact go in the input, for a concern. */
export interface InputIndex {
  readonly personIndex: ReadonlyMap<string, number>;
  readonly concernIndex: ReadonlyMap<string, number>;
}

function missingOf(fact: string, cf: ConcernFacts, idx: InputIndex): MissingFact {
  const def = (FACTS as Record<string, FactDefinition>)[fact];
  if (!def) return { fact, about: cf.concern.id, question: `What is ${fact}?`, inputs: [] };
  const victim = cf.victim.id;
  const perpetrator = cf.perpetrator?.id ?? 'the other person';
  const asked = def.question.replaceAll('{victim}', victim).replaceAll('{perpetrator}', perpetrator);
  // A question about one concern says which, so two concerns' questions are told apart.
  const question = def.subject === 'concern' ? `Concern ${cf.concern.id}: ${asked}` : asked;
  const concernPath = `concerns[${idx.concernIndex.get(cf.concern.id) ?? 0}]`;
  let about: string;
  let base: string;
  switch (def.subject) {
    case 'reporter':
      about = 'reporter';
      base = 'reporter';
      break;
    case 'victim':
      about = victim;
      base = `people[${idx.personIndex.get(victim) ?? 0}]`;
      break;
    case 'perpetrator':
      about = cf.perpetrator?.id ?? cf.concern.id;
      base = cf.perpetrator ? `people[${idx.personIndex.get(cf.perpetrator.id) ?? 0}]` : `${concernPath}.allegedBy`;
      break;
    default:
      about = cf.concern.id;
      base = concernPath;
  }
  const inputs = def.inputs.map((f) => (f === 'incidentDate' ? `${concernPath}.incidentDate` : def.subject === 'perpetrator' && !cf.perpetrator ? base : `${base}.${f}`));
  return { fact, about, question, inputs: [...new Set(inputs)] };
}

function reasonsOf(leaves: readonly DecidingLeaf[], concern: string | undefined): Reason[] {
  return leaves.map(({ leaf, within }) => {
    const r: { -readonly [K in keyof Reason]: Reason[K] } = {
      fact: leaf.fact,
      value: shown(leaf.value),
      test: testText(leaf.operator, leaf.expected),
      result: leaf.result === null ? 'unknown' : leaf.result,
    };
    if (leaf.label !== undefined) r.label = leaf.label;
    if (within !== undefined) r.within = within;
    if (concern !== undefined) r.concern = concern;
    return r;
  });
}

const citations = new WeakMap<RuleVersion, Map<string, Citation>>();
/** The citation of a rule version (for a limb's own provision), built once and shared. */
function citationOf(rule: RuleFile, version: RuleVersion, provision: string = version.provision): Citation {
  let byProvision = citations.get(version);
  if (!byProvision) citations.set(version, (byProvision = new Map()));
  let c = byProvision.get(provision);
  if (!c) {
    const built: { -readonly [K in keyof Citation]: Citation[K] } = {
      act: rule.act,
      provision,
      text: version.text,
      source: version.source,
      inForceFrom: version.inForce.from,
      inForceTo: version.inForce.to,
      verification: version.verification,
    };
    if (version.textNote) built.textNote = version.textNote;
    if (version.amendedBy) built.amendedBy = version.amendedBy;
    c = Object.freeze(built);
    byProvision.set(provision, c);
  }
  return c;
}

/**
 * Decides one duty for one person at risk over that person's concerns: `applies` if it applies
 * for some concern, `does_not_apply` if for none, otherwise `may_apply`.
 */
export function decideDuty(
  compiled: CompiledRule,
  person: string,
  concerns: readonly ConcernFacts[],
  derived: DerivedCase,
  idx: InputIndex,
): DutyResult {
  const rule = compiled.rule;
  const { knowledgeDate, assessmentDate } = derived.dates;
  const inForce = versionInForce(compiled, knowledgeDate);
  const citationVersion = inForce ?? compiled.versions.find((v) => v.version.inForce.from !== null && v.version.inForce.from > knowledgeDate) ?? compiled.versions[compiled.versions.length - 1];
  const cv = (citationVersion ?? compiled.versions[0]) as NonNullable<typeof citationVersion>;
  const version = cv.version;
  const citation = citationOf(rule, version);
  // One literal with a fixed key order (stable JSON), built without object spread.
  const make = (
    status: DutyStatus,
    modality: 'must' | 'may',
    cite: Citation,
    reasons: Reason[],
    missing: MissingFact[],
    notes: InterpretationNote[],
    decidedBy: string[],
  ): { -readonly [K in keyof DutyResult]: DutyResult[K] } => ({
    duty: rule.id,
    person,
    status,
    modality,
    title: rule.title,
    citation: cite,
    recipients: rule.recipients,
    recipientsText: rule.recipientsText,
    timing: rule.timing,
    form: rule.form,
    contents: rule.contents,
    offence: modality === 'must' ? rule.offence : null,
    protections: rule.protections,
    reasons,
    missing,
    notes,
    concerns: decidedBy,
  });

  if (!inForce) {
    const from = version.inForce.from;
    const to = version.inForce.to;
    const test = from !== null && from > knowledgeDate ? `on or after ${from} (commencement)` : `on or before ${to ?? ''} (last day in force)`;
    const reason: Reason = { fact: 'knowledgeDate', value: knowledgeDate, test, result: false, label: 'the provision was in force on the date you came to know' };
    return make('does_not_apply', (version.limbs[0] as { modality: 'must' | 'may' }).modality, citation, [reason], [], [], []);
  }

  const outcomes: { cf: ConcernFacts; lo: LimbOutcome }[] = concerns.map((cf) => ({ cf, lo: evaluateVersion(inForce, cf.facts) }));
  const yes = outcomes.filter((o) => o.lo.result === true);
  const open = outcomes.filter((o) => o.lo.result === null);
  let status: DutyStatus;
  let deciding: typeof outcomes;
  if (yes.length > 0) {
    status = 'applies';
    deciding = yes;
  } else if (open.length > 0) {
    status = 'may_apply';
    deciding = open;
  } else {
    status = 'does_not_apply';
    deciding = outcomes;
  }
  const tagConcern = concerns.length > 1;
  const reasons: Reason[] = [];
  const missing: MissingFact[] = [];
  const seenMissing = new Set<string>();
  for (const { cf, lo } of status === 'applies' ? deciding.slice(0, 1) : deciding) {
    const leaves = leavesOf(lo, cf.facts);
    reasons.push(...reasonsOf(leaves, tagConcern ? cf.concern.id : undefined));
    if (status === 'may_apply') {
      for (const { leaf } of leaves) {
        if (leaf.result !== null) continue;
        const m = missingOf(leaf.fact, cf, idx);
        const key = `${m.fact}|${m.about}`;
        if (!seenMissing.has(key)) {
          seenMissing.add(key);
          missing.push(m);
        }
      }
    }
  }
  const limb = (deciding[0] as (typeof outcomes)[number]).lo.limb;
  const notes: InterpretationNote[] = [];
  for (const { note, test } of inForce.notes) {
    // Where the duty does not apply, only the notes this case triggers explain it; general ones would be noise.
    if (!test && status === 'does_not_apply') continue;
    if (test && !concerns.some((cf) => test.tri(cf.facts) === true)) continue;
    if (!notes.some((n) => n.id === note.id)) notes.push({ id: note.id, text: note.text, verification: note.verification });
  }
  const cite = limb.provision === version.provision ? citation : citationOf(rule, version, limb.provision);
  const result = make(status, limb.modality, cite, reasons, missing, notes, deciding.map((d) => d.cf.concern.id));
  if (rule.timing.deadlineHours !== null && status !== 'does_not_apply') {
    const latestDate = nextDay(knowledgeDate);
    result.deadline = { hours: rule.timing.deadlineHours, from: knowledgeDate, latestDate, passed: assessmentDate > latestDate };
  }
  return result;
}

/** Evaluates whether, for every way the given pivot facts could turn out, one of two duties holds. */
export function alternativesStatus(
  a: CompiledRule,
  b: CompiledRule,
  pivots: readonly string[],
  concerns: readonly ConcernFacts[],
  knowledgeDate: string,
): DutyStatus | undefined {
  const va = versionInForce(a, knowledgeDate);
  const vb = versionInForce(b, knowledgeDate);
  if (!va || !vb) return undefined;
  let best: DutyStatus = 'does_not_apply';
  for (const cf of concerns) {
    const open = pivots.filter((p) => cf.facts[p] === undefined);
    let anyTrue = false;
    let allTrue = true;
    let anyUnknown = false;
    const n = 1 << open.length;
    for (let mask = 0; mask < n; mask++) {
      const facts: Record<string, FactValue> = { ...cf.facts };
      open.forEach((p, i) => (facts[p] = (mask & (1 << i)) !== 0));
      const ra = evaluateVersion(va, facts).result;
      const rb = evaluateVersion(vb, facts).result;
      const r = ra === true || rb === true ? true : ra === null || rb === null ? null : false;
      if (r === true) anyTrue = true;
      else allTrue = false;
      if (r === null) anyUnknown = true;
    }
    const s: DutyStatus = allTrue ? 'applies' : anyTrue || anyUnknown ? 'may_apply' : 'does_not_apply';
    if (s === 'applies') return 'applies';
    if (s === 'may_apply') best = 'may_apply';
  }
  return best;
}

export type { DutyId };
