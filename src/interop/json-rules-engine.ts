import { z } from 'zod';
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { deriveValid, validateCase, type AssessOptions } from '../assessment/assess.js';
import { defaultCompiled } from '../rules/bundled.js';
import { todayInSouthAfrica } from '../case/ages.js';
import { FACT_NAMES, type AgeInterval, type FactName, type FactValue } from '../case/facts.js';
import type { CaseInput, Untrusted } from '../case/input.js';
import { IsoDate } from '../case/schema.js';
import { issuesFromZod } from '../errors/from-zod.js';
import { ValidationError } from '../errors/validation-error.js';
import type { DutyId, Modality } from '../case/vocabulary.js';
import { versionInForce } from '../rules/compiled.js';
import { forEachNode, visitCondition, type Condition, type FactCondition } from '../engine/condition.js';
import { compare } from '../engine/evaluate.js';

/** Options for {@link createEngine}. */
export interface CreateEngineOptions {
  /** Load the versions of the rules in force on this date (YYYY-MM-DD). Default: today in Africa/Johannesburg. */
  readonly lawAsAt?: string;
}

/** The event a json-rules-engine rule of this library fires: the duty, its limb and provision. */
export interface DutyEvent {
  readonly type: DutyId;
  readonly params: { readonly limb: string; readonly provision: string; readonly modality: Modality };
}

const EngineOptionsSchema = z.object({ options: z.strictObject({ lawAsAt: IsoDate.optional() }) });

/** A condition as json-rules-engine takes it at the top of a rule: all/any/not/condition, a bare leaf wrapped in `all`. */
export function toTopLevel(c: Condition): TopLevelCondition {
  const top = visitCondition<Condition>(c, { fact: (leaf) => ({ all: [leaf] }), reference: id, all: id, any: id, not: id });
  // The library's condition format is json-rules-engine's (the subset it evaluates).
  return top as unknown as TopLevelCondition;
}
const id = <T>(x: T): T => x;

/**
 * Loads the library's rules — one json-rules-engine rule per duty limb in force on `lawAsAt`,
 * with the shared named conditions registered by `setCondition` — into a json-rules-engine
 * `Engine`, for users who run it themselves. The rules use only json-rules-engine's built-in
 * operators. Facts come from {@link caseFacts}.
 *
 * Caution: json-rules-engine treats a missing fact as a value and cannot say "may apply"; the
 * library's own `assess` evaluates the same rules three-valued. Pass definite facts only.
 *
 * @param options - {@link CreateEngineOptions}.
 * @returns A json-rules-engine `Engine` whose events are {@link DutyEvent}s.
 * @throws {@link ValidationError} when `lawAsAt` is not a real YYYY-MM-DD date (path `options.lawAsAt`).
 * @example
 * ```ts
 * import { createEngine, caseFacts } from 'za-reporting-duties';
 * const engine = createEngine({ lawAsAt: '2026-11-20' });
 * const [first] = caseFacts(myCase);
 * const { events } = await engine.run(first.facts);
 * events.map((e) => e.type); //=> ['dva-s2B', 'ca-s110-2']
 * ```
 * @category Engine
 */
export function createEngine(options: CreateEngineOptions = {}): Engine {
  const o = EngineOptionsSchema.safeParse({ options }, { reportInput: true });
  if (!o.success) throw new ValidationError('options', issuesFromZod(o.error.issues));
  const date = o.data.options.lawAsAt ?? todayInSouthAfrica();
  const compiled = defaultCompiled();
  const engine = new Engine([], { allowUndefinedFacts: true, allowUndefinedConditions: false });
  for (const [name, c] of compiled.ruleSet.named) engine.setCondition(name, toTopLevel(c));
  for (const [id, rule] of compiled.rules) {
    const v = versionInForce(rule, date);
    if (!v) continue;
    v.version.limbs.forEach((limb, i) => {
      const props: RuleProperties = {
        name: `${id}:${limb.id}`,
        priority: 100 - i,
        conditions: toTopLevel(limb.conditions),
        event: { type: id, params: { limb: limb.id, provision: limb.provision, modality: limb.modality } },
      };
      engine.addRule(props);
    });
  }
  return engine;
}

/** The derived facts of one (person at risk × concern), in a form json-rules-engine can compare. */
export interface CaseFacts {
  readonly person: string;
  readonly concern: string;
  /**
   * Fact values json-rules-engine compares as the library does: unknown facts are absent, and an
   * age known only within bounds (an `ageRange`, or `ageYears` with a knowledge date before the
   * assessment date) is given as a whole number when every age test in the rules comes out the
   * same for every age in the range; otherwise it is absent and listed in `unsettled`.
   */
  readonly facts: Readonly<Record<string, Exclude<FactValue, AgeInterval | undefined>>>;
  /**
   * The facts the rules test that are not settled here: unknown, or an age range that straddles
   * a threshold (e.g. 17-18 against "under 18"). json-rules-engine treats a missing fact as a
   * value and cannot answer "may apply", so where this list is not empty its events are not
   * reliable for this entry: use `assess`, which answers `may_apply` with the questions to ask.
   * Where it is empty, the engine fires exactly the duties `assess` finds applying.
   */
  readonly unsettled: readonly FactName[];
}

function isInterval(v: FactValue): v is AgeInterval {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

let leavesByFact: ReadonlyMap<string, readonly FactCondition[]> | undefined;
/** Every leaf test of the bundled rules (duties, every version, and the named conditions), by fact. */
function ruleLeaves(): ReadonlyMap<string, readonly FactCondition[]> {
  if (leavesByFact) return leavesByFact;
  const out = new Map<string, FactCondition[]>();
  const walk = (c: Condition): void =>
    forEachNode(c, {
      fact: (leaf) => {
        const list = out.get(leaf.fact) ?? [];
        list.push(leaf);
        out.set(leaf.fact, list);
      },
    });
  const set = defaultCompiled().ruleSet;
  for (const c of set.named.values()) walk(c);
  for (const rule of set.rules.values()) for (const v of rule.versions) for (const l of v.limbs) walk(l.conditions);
  leavesByFact = out;
  return out;
}

/**
 * An age range as one whole number, when every rule test on the fact gives the same answer for
 * every age in it (then any age in the range stands for all); otherwise undefined.
 */
function settledAge(fact: string, v: AgeInterval): number | undefined {
  for (const leaf of ruleLeaves().get(fact) ?? []) if (compare(leaf.operator, v, leaf.value) === null) return undefined;
  return v.max;
}

/**
 * Validates a case and derives the facts the rules read, per person at risk and concern, in a
 * form json-rules-engine can compare: what {@link createEngine}'s engine runs on. Ages known only
 * within bounds become one whole number where that decides every age test the rules make; facts
 * that stay open are listed in `unsettled` (see {@link CaseFacts}). Throws the library's
 * `ValidationError` on bad input.
 *
 * @param input - A case.
 * @param options - The same options as `assess`.
 * @returns One entry per concern.
 * @example
 * ```ts
 * import { caseFacts } from 'za-reporting-duties/json-rules-engine';
 * const [f] = caseFacts(myCase); // child-a: ageYears 5, knowledge date a week before the assessment
 * f.facts.victimAgeAtKnowledge; //=> 5 (4 or 5 on the knowledge date: under 18 either way)
 * f.unsettled; //=> ['physicalInjury', …]
 * ```
 * @category Engine
 */
export function caseFacts(input: CaseInput, options?: AssessOptions): CaseFacts[];
/**
 * Derives the facts of untrusted input (a value typed `unknown`, `any` or
 * `Record<string, unknown>`), validating it at run time; see the typed overload for the rest.
 *
 * @param input - Untrusted input (see {@link Untrusted}).
 * @param options - The same options as `assess`.
 * @returns One entry per concern.
 * @example
 * ```ts
 * const facts = caseFacts(JSON.parse(body) as unknown);
 * ```
 */
export function caseFacts<T>(input: Untrusted<T>, options?: AssessOptions): CaseFacts[];
export function caseFacts(input: unknown, options: AssessOptions = {}): CaseFacts[] {
  const v = validateCase(input, options);
  if (!v.success) throw v.error;
  const d = deriveValid(v);
  const tested = ruleLeaves();
  const out: CaseFacts[] = [];
  for (const [person, list] of d.byPerson) {
    for (const cf of list) {
      const facts: Record<string, Exclude<FactValue, AgeInterval | undefined>> = {};
      const unsettled: FactName[] = [];
      for (const name of FACT_NAMES) {
        const val = cf.facts[name];
        const settled = isInterval(val) ? settledAge(name, val) : val;
        if (settled !== undefined) facts[name] = settled;
        else if (tested.has(name)) unsettled.push(name);
      }
      out.push({ person, concern: cf.concern.id, facts, unsettled });
    }
  }
  return out;
}
