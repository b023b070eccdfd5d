/*
 * A straightforward hand-written decider for the 11 duties: the same decisions as the rule files
 * (rules/**), written as plain three-valued functions over the library's derived facts. It is the
 * reference for "how fast could the decisions be": no reasons, no citations, no guidance. The
 * bench checks it agrees with assess() on every scenario before timing it.
 */

type Tri = boolean | null;
type Interval = { readonly min: number; readonly max: number };
type Value = boolean | number | string | Interval | readonly string[] | undefined;
type Facts = Readonly<Record<string, Value>>;

const and = (...xs: Tri[]): Tri => {
  let r: Tri = true;
  for (const x of xs) {
    if (x === false) return false;
    if (x === null) r = null;
  }
  return r;
};
const or = (...xs: Tri[]): Tri => {
  let r: Tri = false;
  for (const x of xs) {
    if (x === true) return true;
    if (x === null) r = null;
  }
  return r;
};

function isInterval(v: Value): v is Interval {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const lt = (v: Value, n: number): Tri => (v === undefined ? null : isInterval(v) ? (v.max < n ? true : v.min >= n ? false : null) : (v as number) < n);
const ge = (v: Value, n: number): Tri => (v === undefined ? null : isInterval(v) ? (v.min >= n ? true : v.max < n ? false : null) : (v as number) >= n);
const eq = (v: Value, x: string | boolean): Tri => (v === undefined ? null : v === x);
const oneOf = (v: Value, xs: readonly string[]): Tri => (v === undefined ? null : xs.includes(v as string));

const REASONABLE = ['knowledge', 'reasonable_belief', 'reasonable_suspicion'];
const CONCLUDES = ['knowledge', 'reasonable_belief'];
const DV_HARMS = ['physical_abuse', 'sexual_abuse', 'emotional_abuse', 'economic_abuse', 'neglect', 'exposure_to_domestic_violence', 'intimidation', 'harassment', 'sexual_harassment', 'coercive_behaviour', 'controlling_behaviour', 'spiritual_abuse', 'damage_to_property', 'sexual_exploitation'];
const SEXUAL = ['sexual_abuse', 'sexual_exploitation', 'child_sexual_abuse_material'];

const reasonable = (f: Facts) => oneOf(f.basis, REASONABLE);
const childNow = (f: Facts) => lt(f.victimAgeAtKnowledge, 18);
const childAtIncident = (f: Facts) => lt(f.victimAgeAtIncident, 18);
const olderNow = (f: Facts) => or(ge(f.victimAgeAtKnowledge, 65), and(ge(f.victimAgeAtKnowledge, 60), eq(f.victimSex, 'female')));
const olderAtIncident = (f: Facts) => or(ge(f.victimAgeAtIncident, 65), and(ge(f.victimAgeAtIncident, 60), eq(f.victimSex, 'female')));
const sexualOffence = (f: Facts) =>
  and(
    oneOf(f.harm, SEXUAL),
    or(
      oneOf(f.harm, ['sexual_exploitation', 'child_sexual_abuse_material']),
      eq(f.consensual, false),
      lt(f.victimAgeAtIncident, 12),
      eq(f.victimMentalDisability, true),
      and(lt(f.victimAgeAtIncident, 16), or(ge(f.perpetratorAgeAtIncident, 18), and(ge(f.perpetratorAgeAtIncident, 16), eq(f.ageGapWithinTwoYears, false)))),
    ),
  );
const notIn = (v: Value, xs: readonly string[]): Tri => (v === undefined ? null : !xs.includes(v as string));
const notLawfulConsensualSexualActivity = (f: Facts) => or(notIn(f.harm, ['sexual_abuse']), eq(f.consensual, false), sexualOffence(f));
const domesticViolence = (f: Facts) =>
  and(
    or(eq(f.domesticRelationship, true), and(eq(f.harm, 'exposure_to_domestic_violence'), eq(f.relationship, 'parent_partner'))),
    oneOf(f.harm, DV_HARMS),
    notLawfulConsensualSexualActivity(f),
  );
const s110Trigger = (f: Facts) =>
  or(
    and(notIn(f.harm, ['neglect', 'trafficking', 'child_sexual_abuse_material', 'economic_abuse', 'damage_to_property']), eq(f.physicalInjury, true)),
    sexualOffence(f),
    and(oneOf(f.harm, SEXUAL), ge(f.perpetratorAgeAtIncident, 18)),
    and(eq(f.harm, 'neglect'), eq(f.deliberateNeglect, true)),
  );

/** One duty's limbs in force on a date: [modality, test][]; none when not in force. */
type Limbs = readonly (readonly ['must' | 'may', (f: Facts) => Tri])[];

function limbsOf(duty: string, d: string): Limbs {
  switch (duty) {
    case 'dva-s2A':
      return d >= '2023-04-14'
        ? [['must', (f) => and(eq(f.reporterIsFunctionary, true), eq(f.inCourseOfDuties, true), reasonable(f), or(childNow(f), eq(f.victimHasDisability, true), olderNow(f)), domesticViolence(f))]]
        : [];
    case 'dva-s2B':
      return d >= '2023-04-14'
        ? [
            [
              'must',
              (f) =>
                and(ge(f.reporterAge, 18), or(eq(f.reporterIsFunctionary, false), eq(f.inCourseOfDuties, false)), reasonable(f), or(childAtIncident(f), eq(f.victimHasDisability, true), olderAtIncident(f)), domesticViolence(f)),
            ],
          ]
        : [];
    case 'ca-s110-1':
      return d >= '2010-04-01' ? [['must', (f) => and(eq(f.reporterListedInS110, true), oneOf(f.basis, CONCLUDES), childNow(f), s110Trigger(f))]] : [];
    case 'ca-s110-2':
      return d >= '2010-04-01' ? [['may', (f) => and(oneOf(f.basis, CONCLUDES), childNow(f), notIn(f.harm, ['damage_to_property']), notLawfulConsensualSexualActivity(f))]] : [];
    case 'ca-s110-4':
      return d >= '2010-04-01'
        ? [
            [
              'must',
              (f) =>
                and(eq(f.reporterIsPoliceOfficial, true), childNow(f), notIn(f.harm, ['damage_to_property']), or(eq(f.receivedAsReport, true), oneOf(f.basis, REASONABLE)), notLawfulConsensualSexualActivity(f)),
            ],
          ]
        : [];
    case 'soa-s54-1':
      if (d < '2007-12-16') return [];
      return d <= '2022-07-30' ? [['must', (f) => and(eq(f.basis, 'knowledge'), childAtIncident(f), sexualOffence(f))]] : [['must', (f) => and(reasonable(f), childAtIncident(f), sexualOffence(f))]];
    case 'soa-s54-2':
      return d >= '2007-12-16' ? [['must', (f) => and(reasonable(f), eq(f.victimMentalDisability, true), sexualOffence(f))]] : [];
    case 'opa-s26':
      return d >= '2010-04-01'
        ? [['must', (f) => and(reasonable(f), olderNow(f), eq(f.expectationOfTrust, true), notIn(f.harm, ['exposure_to_domestic_violence', 'child_sexual_abuse_material']))]]
        : [];
    case 'tip-s18':
      return d >= '2015-08-09' ? [['must', (f) => and(reasonable(f), childNow(f), eq(f.harm, 'trafficking'), eq(f.privilegedCommunication, false))]] : [];
    case 'tip-s19':
      return d >= '2015-08-09'
        ? [
            ['must', (f) => and(reasonable(f), ge(f.victimAgeAtKnowledge, 18), eq(f.harm, 'trafficking'), eq(f.inCourseOfDuties, true), eq(f.privilegedCommunication, false))],
            ['may', (f) => and(reasonable(f), ge(f.victimAgeAtKnowledge, 18), eq(f.harm, 'trafficking'), eq(f.privilegedCommunication, false))],
          ]
        : [];
    case 'fpa-s24B':
      return [['must', (f) => and(reasonable(f), eq(f.harm, 'child_sexual_abuse_material'), childAtIncident(f))]];
    default:
      return [];
  }
}

const DUTIES = ['dva-s2A', 'dva-s2B', 'ca-s110-1', 'ca-s110-2', 'ca-s110-4', 'soa-s54-1', 'soa-s54-2', 'opa-s26', 'tip-s18', 'tip-s19', 'fpa-s24B'] as const;

/** A decided duty: status and modality, per person. */
export interface HandDecision {
  readonly duty: string;
  readonly person: string;
  readonly status: 'applies' | 'may_apply' | 'does_not_apply';
  readonly modality: 'must' | 'may';
}

/** Decides the 11 duties for every person at risk, from the facts of each (person × concern). */
export function decideByHand(knowledgeDate: string, byPerson: ReadonlyMap<string, readonly { readonly facts: Facts }[]>): HandDecision[] {
  const out: HandDecision[] = [];
  for (const [person, concerns] of byPerson) {
    for (const duty of DUTIES) {
      const limbs = limbsOf(duty, knowledgeDate);
      if (limbs.length === 0) {
        out.push({ duty, person, status: 'does_not_apply', modality: duty === 'ca-s110-2' ? 'may' : 'must' });
        continue;
      }
      let status: HandDecision['status'] = 'does_not_apply';
      let modality: 'must' | 'may' = (limbs[0] as Limbs[number])[0];
      let openModality: 'must' | 'may' | undefined;
      for (const { facts } of concerns) {
        // The first limb that is not false decides (a must limb before a may limb).
        let r: Tri = false;
        let m: 'must' | 'may' = (limbs[0] as Limbs[number])[0];
        for (const [lm, test] of limbs) {
          r = test(facts);
          m = lm;
          if (r !== false) break;
        }
        if (r === true) {
          status = 'applies';
          modality = m;
          break;
        }
        if (r === null && openModality === undefined) openModality = m;
      }
      if (status !== 'applies' && openModality !== undefined) {
        status = 'may_apply';
        modality = openModality;
      }
      out.push({ duty, person, status, modality });
    }
  }
  return out;
}
