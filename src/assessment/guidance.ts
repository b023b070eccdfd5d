import * as z from 'zod';
import itemsJson from '../../rules/guidance/items.json';
import helplinesJson from '../../rules/guidance/helplines.json';
import type { ConcernFacts, DerivedCase } from '../case/derive.js';
import type { FactValue } from '../case/facts.js';
import { IsoDate, type Person, type ValidatedCase } from '../case/schema.js';
import { OVERLAPS } from '../rules/overlaps.js';
import { CLASSIFICATIONS } from '../rules/parameters.js';
import { DUTY_IDS, HARMS, REPORTER_ROLES, type DutyId, type Harm } from '../case/vocabulary.js';
import { ConditionSchema, factsOf, forEachNode, type Condition } from '../engine/condition.js';
import { compile, type Compiled } from '../engine/evaluate.js';
import { validateWith } from '../errors/from-zod.js';
import { makeIssue, ValidationError, vm } from '../errors/validation-error.js';
import { VerificationSchema } from '../rules/schema.js';
import { deepFreeze } from '../rules/freeze.js';
import { constantRef, type MessageRef } from '../messages/message.js';
import {
  GUIDANCE_KINDS,
  GUIDANCE_SOURCE_KINDS,
  HELPLINE_VERIFICATIONS,
  type DutyResult,
  type DutyStatus,
  type Guidance,
  type GuidanceItem,
  type Helpline,
  type Overlap,
} from './types.js';

const SourceSchema = z
  .object({
    kind: z.enum(GUIDANCE_SOURCE_KINDS),
    cite: z.string().min(1),
    url: z.url().optional(),
    verification: VerificationSchema,
  })
  .strict();

/** A guidance item file entry (`rules/guidance/items.json`). */
const GuidanceItemSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/i),
    kind: z.enum(GUIDANCE_KINDS),
    title: z.string().min(1),
    text: z.string().min(1),
    steps: z.array(z.string().min(1)),
    forDuties: z.array(z.enum(DUTY_IDS)),
    when: ConditionSchema,
    sources: z.array(SourceSchema).min(1),
    priority: z.number().int(),
    lead: z.boolean().optional().meta({ description: 'Shown before the duties in text meant for people (a reporter who is a child).' }),
  })
  .strict();

/** A helpline file entry (`rules/guidance/helplines.json`). */
export const HelplineSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(1),
    number: z.string().min(1).nullable(),
    channels: z.array(z.object({ kind: z.string().min(1), value: z.string().min(1), note: z.string().min(1).optional() }).strict()),
    description: z.string().min(1),
    sources: z.array(z.url()).min(1),
    verification: z.enum(HELPLINE_VERIFICATIONS),
    lastChecked: IsoDate,
    checkedAgainst: z.string().min(1),
    caveat: z.string().min(1).optional(),
  })
  .strict();

/** The facts a guidance item's `when` may name, evaluated per person at risk. */
const GUIDANCE_FACTS: ReadonlySet<string> = new Set([
  ...DUTY_IDS.map((d) => `duty:${d}`),
  'dvaReport',
  'harms',
  'immediateDanger',
  'victimIsChild',
  'victimIsOlderPerson',
  'victimHasDisability',
  'victimInDvaClass',
  'adultOutsideDvaClass',
  'reporterIsChild',
  'reporterRole',
  'caregiverIsVictim',
  'caresForChildren',
  'caregiverOpposesReport',
  'exposureOnly',
  'anyMustDutyApplies',
  'mustDutyStatus',
  'noDomesticRelationship',
  'noSexualOffence',
  'policeOnlyDutyApplies',
  'socialWorkerRouteApplies',
  'sexualHarm',
  'privilegedCommunication',
]);

type ItemFile = z.output<typeof GuidanceItemSchema>;

/** Validates the guidance files and checks every fact they name. Throws {@link ValidationError}. */
export function loadGuidance(
  items: unknown = itemsJson,
  helplines: unknown = helplinesJson,
  options: { readonly trustBundled?: boolean } = {},
): { items: ItemFile[]; helplines: Helpline[] } {
  if (options.trustBundled) {
    // Validated by the test suite; start-up does not parse the bundled files again.
    const hs = helplines as z.output<typeof HelplineSchema>[];
    return { items: items as ItemFile[], helplines: hs.map(helplineOf) };
  }
  const i = validateWith(z.array(GuidanceItemSchema), items, 'rule file rules/guidance/items.json');
  if (!i.success) throw i.error;
  const h = validateWith(z.array(HelplineSchema), helplines, 'rule file rules/guidance/helplines.json');
  if (!h.success) throw h.error;
  const issues = [];
  const ids = new Set<string>();
  // Items are shown by kind, then priority: two of one kind at one priority would have no order.
  const priorities = new Map<string, number>();
  for (const [n, item] of i.data.entries()) {
    if (ids.has(item.id)) issues.push(makeIssue('duplicate', [n, 'id'], vm('validation.expected.newItemId'), JSON.stringify(item.id)));
    ids.add(item.id);
    const samePriority = priorities.get(`${item.kind} ${item.priority}`);
    if (samePriority !== undefined)
      issues.push(
        makeIssue(
          'duplicate',
          [n, 'priority'],
          vm('validation.expected.newItemPriority', { index: samePriority, priority: item.priority }),
          String(item.priority),
        ),
      );
    else priorities.set(`${item.kind} ${item.priority}`, n);
    for (const f of factsOf(item.when, new Map())) {
      if (!GUIDANCE_FACTS.has(f))
        issues.push(makeIssue('unknown_fact', [n, 'when'], vm('validation.expected.guidanceFact'), JSON.stringify(f)));
    }
    checkValues(item.when, n, issues);
  }
  if (issues.length > 0) throw new ValidationError('rule file rules/guidance/items.json', issues);
  return { items: i.data, helplines: h.data.map(helplineOf) };
}

/** A helpline as output: the file entry without `checkedAgainst`, with the messages of its texts. */
function helplineOf(h: z.output<typeof HelplineSchema>): Helpline {
  const out: { -readonly [K in keyof Helpline]: Helpline[K] } = {
    id: h.id,
    name: h.name,
    number: h.number,
    channels: h.channels.map((c, i) => {
      const ch: { kind: string; value: string; note?: string; msg: { note?: MessageRef } } = { kind: c.kind, value: c.value, msg: {} };
      if (c.note !== undefined) {
        ch.note = c.note;
        ch.msg.note = constantRef(`helpline.${h.id}.channels.${i}.note`);
      }
      return ch;
    }),
    description: h.description,
    sources: h.sources,
    verification: h.verification,
    lastChecked: h.lastChecked,
    msg:
      h.caveat === undefined
        ? { description: constantRef(`helpline.${h.id}.description`) }
        : { description: constantRef(`helpline.${h.id}.description`), caveat: constantRef(`helpline.${h.id}.caveat`) },
  };
  if (h.caveat !== undefined) out.caveat = h.caveat;
  return out;
}

/** The messages of a guidance item's texts (one shared frozen object per item). */
const itemMessages = new WeakMap<ItemFile, GuidanceItem['msg']>();
function itemMsg(item: ItemFile): GuidanceItem['msg'] {
  let m = itemMessages.get(item);
  if (m === undefined) {
    const g = `guidance.${item.id}`;
    m = Object.freeze({
      title: constantRef(`${g}.title`),
      text: constantRef(`${g}.text`),
      steps: Object.freeze(item.steps.map((_, i) => constantRef(`${g}.steps.${i}`))),
    });
    itemMessages.set(item, m);
  }
  return m;
}

const HARM_SET: ReadonlySet<string> = new Set(HARMS);
const ROLE_SET: ReadonlySet<string> = new Set(REPORTER_ROLES);
/** Reports each value a guidance condition compares a closed-vocabulary fact with that is not in it. */
function checkValues(c: Condition, n: number, issues: ReturnType<typeof makeIssue>[]): void {
  forEachNode(c, {
    fact: (leaf) => {
      const known = leaf.fact === 'harms' ? HARM_SET : leaf.fact === 'reporterRole' ? ROLE_SET : undefined;
      if (known === undefined) return;
      for (const v of Array.isArray(leaf.value) ? leaf.value : [leaf.value])
        if (!known.has(String(v)))
          issues.push(
            makeIssue('unknown_value', [n, 'when'], vm('validation.expected.knownValue', { fact: leaf.fact }), JSON.stringify(v)),
          );
    },
  });
}

/** Each kind's place in the order guidance is shown (emergency first). */
const KIND_RANK: ReadonlyMap<string, number> = new Map(GUIDANCE_KINDS.map((k, i) => [k, i] as const));

let loaded: { items: { item: ItemFile; test: Compiled; rank: number }[]; helplines: Helpline[] } | undefined;
function guidanceData() {
  if (!loaded) {
    const g = loadGuidance(itemsJson, helplinesJson, { trustBundled: true });
    // One compile cache: the items' tests are one program, decided together on a person's facts.
    const named = new Map<string, Condition>();
    const cache = new Map<string, Compiled>();
    loaded = {
      // In the order they are shown: by kind, then priority (loadGuidance allows no two of one kind at one priority).
      items: g.items
        .map((item) => ({ item: deepFreeze(item), test: compile(item.when, named, cache), rank: KIND_RANK.get(item.kind) as number }))
        .sort((a, b) => a.rank - b.rank || a.item.priority - b.item.priority),
      helplines: deepFreeze(g.helplines),
    };
  }
  return loaded;
}

/** The classes the rules put a person at risk in (`null`: the rules left it undecided). */
type VictimClasses = {
  readonly child: boolean | null;
  readonly older: boolean | null;
  readonly dvaClass: boolean | null;
  /** The rules' sexual-offence condition is false on every concern about the person (a lawful act between adolescents). */
  readonly noSexualOffence: boolean;
};

/** A class the rules left undecided (`null`) as an unknown fact. */
function unknownIfNull(b: boolean | null): boolean | undefined {
  return b === null ? undefined : b;
}

function lessThan(v: FactValue, n: number): boolean | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number') return v < n;
  if (typeof v === 'object' && 'min' in v) return v.max < n ? true : v.min >= n ? false : undefined;
  return undefined;
}

/** The alternatives overlap whose status the guidance reads as `dvaReport`. */
const DVA_REPORT_OVERLAP = (OVERLAPS.find((o) => o.kind === 'alternatives' && o.guidanceFact === 'dvaReport') ?? { id: '' }).id;
const WELFARE_RECIPIENTS: ReadonlySet<string> = new Set([
  'social_worker',
  'designated_child_protection_organisation',
  'provincial_department_of_social_development',
]);

/**
 * The guidance facts of one person at risk. Runs per person per case: each fact is worked out by
 * a plain loop below, with no closure made per call.
 */
function guidanceFacts(
  c: ValidatedCase,
  derived: DerivedCase,
  person: string,
  duties: readonly DutyResult[],
  overlaps: readonly Overlap[],
  classes: VictimClasses,
): Record<string, FactValue> {
  const concerns = derived.byPerson.get(person) ?? [];
  const mine = dutiesOf(duties, person);
  const self = personById(c, person);
  const carers = carersWhoAreVictims(c, derived, person, concerns);
  const dva = dvaReportStatus(overlaps, person);
  // One literal with every fixed key, then each duty's status under its precomputed key.
  const facts: Record<string, FactValue> = {
    dvaReport: dva,
    harms: harmsOf(concerns),
    immediateDanger: anyInImmediateDanger(concerns),
    victimIsChild: unknownIfNull(classes.child),
    victimIsOlderPerson: unknownIfNull(classes.older),
    victimHasDisability: self?.disability === undefined ? undefined : self.disability !== 'none',
    victimInDvaClass: unknownIfNull(classes.dvaClass),
    adultOutsideDvaClass: adultOutsideDvaClass(derived.ageAtKnowledge.get(person), classes.dvaClass),
    reporterIsChild: lessThan(derived.reporterFacts.reporterAge, CLASSIFICATIONS.adultAge),
    reporterRole: c.reporter.role,
    caregiverIsVictim: carers.length > 0,
    caresForChildren: (self?.caregiverOf ?? []).length > 0,
    caregiverOpposesReport: carers.length > 0 ? anyOpposesReport(carers) : self?.opposesReport === true,
    exposureOnly: exposureOnly(concerns),
    anyMustDutyApplies: dva === 'applies' || anyMustDutyApplies(mine),
    mustDutyStatus: mustDutyStatus(dva, mine),
    noDomesticRelationship: noDomesticRelationship(concerns),
    noSexualOffence: classes.noSexualOffence,
    policeOnlyDutyApplies: policeOnlyDutyApplies(mine),
    socialWorkerRouteApplies: dva === 'applies' || socialWorkerRouteApplies(mine),
    sexualHarm: sexualHarm(concerns),
    privilegedCommunication: privilegedCommunication(concerns),
  };
  for (let i = 0; i < DUTY_KEYS.length; i++) facts[DUTY_KEYS[i] as string] = 'does_not_apply';
  for (const d of mine) facts[DUTY_KEY.get(d.duty) as string] = d.status;
  return facts;
}

/** The duties of one person at risk, in order. */
function dutiesOf(duties: readonly DutyResult[], person: string): DutyResult[] {
  const mine: DutyResult[] = [];
  for (const d of duties) if (d.person === person) mine.push(d);
  return mine;
}

function personById(c: ValidatedCase, id: string): Person | undefined {
  for (const p of c.people) if (p.id === id) return p;
  return undefined;
}

/** The status of the DVA report (s2A or s2B, either way) for the person: does not apply where no overlap says. */
function dvaReportStatus(overlaps: readonly Overlap[], person: string): DutyStatus {
  for (const o of overlaps) if (o.id === DVA_REPORT_OVERLAP && o.person === person) return o.status;
  return 'does_not_apply';
}

/** The harms of the concerns, each once, in order. */
function harmsOf(concerns: readonly ConcernFacts[]): Harm[] {
  const harms = new Set<Harm>();
  for (const cf of concerns) harms.add(cf.concern.harm);
  return [...harms];
}

/**
 * The people who care for this person and are victims in the case too (the abused mother); where
 * the case lists none, the others harmed by whoever exposed this person to domestic violence,
 * unless they are children.
 */
function carersWhoAreVictims(c: ValidatedCase, derived: DerivedCase, person: string, concerns: readonly ConcernFacts[]): Person[] {
  const victims = new Set<string>();
  for (const concern of c.concerns) victims.add(concern.victim);
  const carers: Person[] = [];
  for (const p of c.people) if (p.id !== person && (p.caregiverOf ?? []).includes(person) && victims.has(p.id)) carers.push(p);
  if (carers.length > 0) return carers;
  const abusers = new Set<string>();
  for (const cf of concerns)
    if (cf.concern.harm === 'exposure_to_domestic_violence' && cf.concern.allegedBy) abusers.add(cf.concern.allegedBy);
  for (const concern of c.concerns) {
    if (concern.victim === person || !concern.allegedBy || !abusers.has(concern.allegedBy)) continue;
    const p = personById(c, concern.victim);
    const age = derived.ageAtKnowledge.get(concern.victim);
    if (p && lessThan(age, CLASSIFICATIONS.adultAge) !== true && !carers.includes(p)) carers.push(p);
  }
  return carers;
}

function anyOpposesReport(people: readonly Person[]): boolean {
  for (const p of people) if (p.opposesReport === true) return true;
  return false;
}

/** Someone is in immediate danger on any concern: yes on the first yes; unknown where none says yes and one does not say. */
function anyInImmediateDanger(concerns: readonly ConcernFacts[]): boolean | undefined {
  let unknown = false;
  for (const cf of concerns) {
    const v = cf.concern.immediateDanger;
    if (v === true) return true;
    if (v === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

/** Not a child (by age at knowledge) and outside the DVA's class of complainants; unknown where either is. */
function adultOutsideDvaClass(ageAtKnowledge: FactValue, dvaClass: boolean | null): boolean | undefined {
  const child = lessThan(ageAtKnowledge, CLASSIFICATIONS.adultAge);
  if (child === true || dvaClass === true) return false;
  return child === false && dvaClass === false ? true : undefined;
}

/** Every concern is exposure to domestic violence without physical injury (none: false). */
function exposureOnly(concerns: readonly ConcernFacts[]): boolean {
  if (concerns.length === 0) return false;
  for (const cf of concerns) if (cf.concern.harm !== 'exposure_to_domestic_violence' || cf.concern.physicalInjury === true) return false;
  return true;
}

function anyMustDutyApplies(mine: readonly DutyResult[]): boolean {
  for (const d of mine) if (d.status === 'applies' && d.modality === 'must') return true;
  return false;
}

/**
 * The strongest status of the person's must-duties (and of the DVA report, s2A or s2B): `applies`,
 * else `may_apply`, else `does_not_apply`. Guidance that tells her no duty covers her needs the last.
 */
function mustDutyStatus(dva: DutyStatus, mine: readonly DutyResult[]): DutyStatus {
  let best: DutyStatus = dva;
  for (const d of mine) {
    if (d.modality !== 'must' || d.status === 'does_not_apply') continue;
    if (d.status === 'applies') return 'applies';
    best = 'may_apply';
  }
  return best;
}

/** Every concern about the person is outside a domestic relationship (so she is no DVA complainant); false where any is in one or open. */
function noDomesticRelationship(concerns: readonly ConcernFacts[]): boolean {
  if (concerns.length === 0) return false;
  for (const cf of concerns) if (cf.facts['domesticRelationship'] !== false) return false;
  return true;
}

// Routes come from each rule's recipients: police only, or a social-welfare recipient.
function policeOnlyDutyApplies(mine: readonly DutyResult[]): boolean {
  for (const d of mine) if (d.status === 'applies' && d.recipients.length === 1 && d.recipients[0] === 'police') return true;
  return false;
}

function socialWorkerRouteApplies(mine: readonly DutyResult[]): boolean {
  for (const d of mine) if (d.status === 'applies' && d.recipients.some((r) => WELFARE_RECIPIENTS.has(r))) return true;
  return false;
}

/** Sexual harm as the concern's conduct says it (a sexual act, non-contact conduct, exploitation, images). */
function sexualHarm(concerns: readonly ConcernFacts[]): boolean {
  for (const { facts } of concerns)
    if (
      facts['sexualContact'] === true ||
      facts['sexualNonContact'] === true ||
      facts['sexualExploitation'] === true ||
      facts['imagery'] === true
    )
      return true;
  return false;
}

function privilegedCommunication(concerns: readonly ConcernFacts[]): boolean {
  for (const cf of concerns) if (cf.concern.privilegedCommunication === true) return true;
  return false;
}

const DUTY_KEYS: readonly string[] = DUTY_IDS.map((d) => `duty:${d}`);
const DUTY_KEY: ReadonlyMap<DutyId, string> = new Map(DUTY_IDS.map((d) => [d, `duty:${d}`] as const));

/**
 * Survivor-centred guidance: forms, options, tensions and records, each with its sources, for
 * the people it concerns; emergency first. Reads the duties; never changes them.
 */
export function buildGuidance(
  c: ValidatedCase,
  derived: DerivedCase,
  duties: readonly DutyResult[],
  overlaps: readonly Overlap[],
  classOf: (person: string) => VictimClasses,
): Guidance {
  const data = guidanceData();
  // The people each item is shown for, by its place in the order items are shown.
  const personsOf: (string[] | undefined)[] = new Array(data.items.length).fill(undefined);
  for (const person of derived.byPerson.keys()) {
    const facts = guidanceFacts(c, derived, person, duties, overlaps, classOf(person));
    for (let i = 0; i < data.items.length; i++) {
      if ((data.items[i] as (typeof data.items)[number]).test.tri(facts) !== true) continue;
      const persons = personsOf[i];
      if (persons === undefined) personsOf[i] = [person];
      else persons.push(person);
    }
  }
  const items: GuidanceItem[] = [];
  for (let i = 0; i < personsOf.length; i++) {
    const persons = personsOf[i];
    if (persons !== undefined) items.push(guidanceItemOf((data.items[i] as (typeof data.items)[number]).item, persons));
  }
  return { items, helplines: data.helplines };
}

/** A guidance item as output, for the people it concerns (its texts shared with the item file). */
function guidanceItemOf(item: ItemFile, persons: string[]): GuidanceItem {
  const g: { -readonly [K in keyof GuidanceItem]: GuidanceItem[K] } = {
    id: item.id,
    kind: item.kind,
    title: item.title,
    text: item.text,
    steps: item.steps,
    forDuties: item.forDuties,
    persons,
    sources: item.sources,
    msg: itemMsg(item),
  };
  if (item.lead === true) g.lead = true;
  return g;
}

/**
 * The guidance of an assessment rebuilt from its items' ids and people (as `buildGuidance` made
 * it), for expanding a referenced assessment; `undefined` (each unknown id told) where the guidance files lack one.
 */
export function guidanceFromRefs(
  refs: readonly { readonly id: string; readonly persons: readonly string[] }[],
  unknown: (index: number, id: string) => void,
): Guidance | undefined {
  const data = guidanceData();
  const items: GuidanceItem[] = [];
  for (const [i, r] of refs.entries()) {
    const found = data.items.find((x) => x.item.id === r.id);
    if (found === undefined) unknown(i, r.id);
    else items.push(guidanceItemOf(found.item, [...r.persons]));
  }
  return items.length === refs.length ? { items, helplines: data.helplines } : undefined;
}
