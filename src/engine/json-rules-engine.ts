import { z } from 'zod';
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { defaultCompiled, validateCase, type AssessOptions } from '../assessment/assess.js';
import { todayInSouthAfrica } from '../case/ages.js';
import { deriveCase } from '../case/derive.js';
import type { FactValue } from '../case/facts.js';
import { IsoDate, type CaseInput } from '../case/schema.js';
import { issuesFromZod } from '../errors/from-zod.js';
import { ValidationError } from '../errors/validation-error.js';
import type { DutyId } from '../case/vocabulary.js';
import { versionInForce } from './duties.js';
import type { Condition } from './condition.js';

/** Options for {@link createEngine}. */
export interface CreateEngineOptions {
  /** Load the versions of the rules in force on this date (YYYY-MM-DD). Default: today in Africa/Johannesburg. */
  readonly lawAsAt?: string;
}

/** The event a json-rules-engine rule of this library fires: the duty, its limb and provision. */
export interface DutyEvent {
  readonly type: DutyId;
  readonly params: { readonly limb: string; readonly provision: string; readonly modality: 'must' | 'may' };
}

const EngineOptionsSchema = z.object({ options: z.strictObject({ lawAsAt: IsoDate.optional() }) });

function toTopLevel(c: Condition): TopLevelCondition {
  // json-rules-engine needs all/any/not/condition at the top; wrap a bare leaf.
  return ('all' in c || 'any' in c || 'not' in c || 'condition' in c ? c : { all: [c] }) as unknown as TopLevelCondition;
}

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

/** The derived facts of one (person at risk × concern), as the rules read them. */
export interface CaseFacts {
  readonly person: string;
  readonly concern: string;
  /** Fact values; ages known only within bounds are `{ min, max }`; unknown facts are absent. */
  readonly facts: Readonly<Record<string, Exclude<FactValue, undefined>>>;
}

/**
 * Validates a case and derives the facts the rules read, per person at risk and concern: what
 * {@link createEngine}'s engine runs on. Throws the library's `ValidationError` on bad input.
 *
 * @param input - A case.
 * @param options - The same options as `assess`.
 * @returns One entry per concern.
 * @example
 * ```ts
 * caseFacts(myCase)[0].facts.victimAgeAtKnowledge; //=> 5
 * ```
 * @category Engine
 */
export function caseFacts(input: CaseInput | unknown, options: AssessOptions = {}): CaseFacts[] {
  const v = validateCase(input, options);
  if (!v.success) throw v.error;
  const d = deriveCase(v.data, { assessmentDate: v.assessmentDate, knowledgeDate: v.knowledgeDate });
  const out: CaseFacts[] = [];
  for (const [person, list] of d.byPerson) {
    for (const cf of list) {
      const facts: Record<string, Exclude<FactValue, undefined>> = {};
      for (const [k, val] of Object.entries(cf.facts)) if (val !== undefined) facts[k] = val;
      out.push({ person, concern: cf.concern.id, facts });
    }
  }
  return out;
}
