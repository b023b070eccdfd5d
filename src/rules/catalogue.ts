import type { z } from 'zod';
import dvaS2A from '../../rules/dva/s2A.json';
import dvaS2B from '../../rules/dva/s2B.json';
import caS110_1 from '../../rules/childrens-act/s110-1.json';
import caS110_2 from '../../rules/childrens-act/s110-2.json';
import caS110_4 from '../../rules/childrens-act/s110-4.json';
import soaS54_1 from '../../rules/sorma/s54-1.json';
import soaS54_2 from '../../rules/sorma/s54-2.json';
import opaS26 from '../../rules/opa/s26.json';
import tipS18 from '../../rules/pacotip/s18.json';
import tipS19 from '../../rules/pacotip/s19.json';
import fpaS24B from '../../rules/fpa/s24B.json';
import cChild from '../../rules/conditions/child.json';
import cConcludes from '../../rules/conditions/concludes.json';
import cDomesticViolence from '../../rules/conditions/domestic-violence.json';
import cDvaClass from '../../rules/conditions/dva-victim-class.json';
import cHarmful from '../../rules/conditions/harmful-conduct.json';
import cOlder from '../../rules/conditions/older-person.json';
import cReasonable from '../../rules/conditions/reasonable-grounds.json';
import cReporterAdult from '../../rules/conditions/reporter-adult.json';
import cS110 from '../../rules/conditions/s110-trigger.json';
import cSexualOffence from '../../rules/conditions/sexual-offence.json';
import cCaSexualAbuse from '../../rules/conditions/childrens-act-sexual-abuse.json';
import cComplainant from '../../rules/conditions/complainant-route.json';
import cDvForm from '../../rules/conditions/domestic-violence-form.json';
import cObjective from '../../rules/conditions/objective-grounds.json';
import cS2A from '../../rules/conditions/s2a-circumstances.json';
import cS2ARole from '../../rules/conditions/s2a-role-and-class.json';
import cS150 from '../../rules/conditions/s150-ground.json';
import { FACTS } from '../case/facts.js';
import { DUTY_IDS, type DutyId } from '../case/vocabulary.js';
import { makeIssue, ValidationError, type ValidationIssue } from '../errors/validation-error.js';
import { validateWith } from '../errors/from-zod.js';
import { factsOf, referencesOf, resolveParameters, type Condition } from '../engine/condition.js';
import { parameterValue } from './parameters.js';
import { deepFreeze } from './freeze.js';
import { namedConditionsOf } from './dated.js';
import { NamedConditionFileSchema, RuleFileSchema, type NamedCondition, type RuleFile } from './schema.js';

/** The rule files as bundled, with the path each came from (for error messages and docs). */
export const RULE_SOURCES: readonly { readonly path: string; readonly data: unknown }[] = [
  { path: 'rules/dva/s2A.json', data: dvaS2A },
  { path: 'rules/dva/s2B.json', data: dvaS2B },
  { path: 'rules/childrens-act/s110-1.json', data: caS110_1 },
  { path: 'rules/childrens-act/s110-2.json', data: caS110_2 },
  { path: 'rules/childrens-act/s110-4.json', data: caS110_4 },
  { path: 'rules/sorma/s54-1.json', data: soaS54_1 },
  { path: 'rules/sorma/s54-2.json', data: soaS54_2 },
  { path: 'rules/opa/s26.json', data: opaS26 },
  { path: 'rules/pacotip/s18.json', data: tipS18 },
  { path: 'rules/pacotip/s19.json', data: tipS19 },
  { path: 'rules/fpa/s24B.json', data: fpaS24B },
];

/** The shared named conditions as bundled. */
export const CONDITION_SOURCES: readonly { readonly path: string; readonly data: unknown }[] = [
  { path: 'rules/conditions/child.json', data: cChild },
  { path: 'rules/conditions/concludes.json', data: cConcludes },
  { path: 'rules/conditions/domestic-violence.json', data: cDomesticViolence },
  { path: 'rules/conditions/dva-victim-class.json', data: cDvaClass },
  { path: 'rules/conditions/harmful-conduct.json', data: cHarmful },
  { path: 'rules/conditions/older-person.json', data: cOlder },
  { path: 'rules/conditions/reasonable-grounds.json', data: cReasonable },
  { path: 'rules/conditions/reporter-adult.json', data: cReporterAdult },
  { path: 'rules/conditions/s110-trigger.json', data: cS110 },
  { path: 'rules/conditions/sexual-offence.json', data: cSexualOffence },
  { path: 'rules/conditions/childrens-act-sexual-abuse.json', data: cCaSexualAbuse },
  { path: 'rules/conditions/complainant-route.json', data: cComplainant },
  { path: 'rules/conditions/domestic-violence-form.json', data: cDvForm },
  { path: 'rules/conditions/objective-grounds.json', data: cObjective },
  { path: 'rules/conditions/s2a-circumstances.json', data: cS2A },
  { path: 'rules/conditions/s2a-role-and-class.json', data: cS2ARole },
  { path: 'rules/conditions/s150-ground.json', data: cS150 },
];

/** A validated, cross-checked set of rules: what the engine compiles. */
export interface RuleSet {
  readonly rules: ReadonlyMap<DutyId, RuleFile>;
  readonly conditions: ReadonlyMap<string, NamedCondition>;
  readonly named: ReadonlyMap<string, Condition>;
}

/** A rule file with the parameter references in its limbs and notes resolved (a new object). */
function resolveRule(r: RuleFile, resolve: (c: Condition) => Condition): RuleFile {
  const notes = (ns: RuleFile['notes']) => ns.map((n) => (n.when ? { ...n, when: resolve(n.when) } : n));
  return {
    ...r,
    versions: r.versions.map((v) => ({
      ...v,
      limbs: v.limbs.map((l) => ({ ...l, conditions: resolve(l.conditions) })),
      notes: notes(v.notes),
    })),
    notes: notes(r.notes),
  };
}

function conditionsOfRule(r: RuleFile): Condition[] {
  const out: Condition[] = [];
  const notes = (ns: readonly { when?: Condition | undefined }[]) => ns.forEach((n) => n.when && out.push(n.when));
  for (const v of r.versions) {
    v.limbs.forEach((l) => out.push(l.conditions));
    notes(v.notes);
  }
  notes(r.notes);
  return out;
}

/**
 * Validates rule files and named conditions, and checks them against each other: every duty id
 * once, every named condition defined, no cycles, every fact in the derived-facts schema.
 * Throws {@link ValidationError} naming the file and path.
 */
export function buildRuleSet(
  ruleSources: readonly { path: string; data: unknown }[] = RULE_SOURCES,
  conditionSources: readonly { path: string; data: unknown }[] = CONDITION_SOURCES,
  knownFacts: ReadonlySet<string> = new Set(Object.keys(FACTS)),
  options: { readonly trustBundled?: boolean } = {},
): RuleSet {
  // The bundled rule files are validated by the test suite (and by every call without
  // `trustBundled`); the library's own start-up skips re-parsing them, which costs ~40 ms of cold start.
  const check = <T extends z.ZodType>(schema: T, data: unknown, path: string): z.output<T> => {
    if (options.trustBundled) return data as z.output<T>;
    const r = validateWith(schema, data, `rule file ${path}`);
    if (!r.success) throw r.error;
    return r.data;
  };
  const unknownParameters: { file: string; ref: string }[] = [];
  const resolve = (file: string) => (c: Condition) => resolveParameters(c, parameterValue, (ref) => unknownParameters.push({ file, ref }));
  const conditions = new Map<string, NamedCondition>();
  const conditionPath = new Map<string, string>();
  const files = conditionSources.map((s) => check(NamedConditionFileSchema, s.data, s.path));
  // Every name once: plain conditions, dated conditions and their instances on each date.
  const names = new Set<string>();
  files.forEach((f, i) => {
    for (const name of [f.name, ...Object.values(f.dates ?? {}).map((d) => d.name)]) {
      if (names.has(name)) {
        throw new ValidationError(`rule file ${conditionSources[i]?.path}`, [
          makeIssue('duplicate', ['name'], 'a condition name not used before', JSON.stringify(name)),
        ]);
      }
      names.add(name);
    }
  });
  namedConditionsOf(files).forEach((instances, i) => {
    const path = conditionSources[i]?.path ?? 'rules/conditions';
    for (const c of instances) {
      conditions.set(c.name, deepFreeze({ ...c, conditions: resolve(path)(c.conditions) }));
      conditionPath.set(c.name, path);
    }
  });
  const named = new Map<string, Condition>([...conditions].map(([k, v]) => [k, v.conditions]));
  const rules = new Map<DutyId, RuleFile>();
  const pathOf = new Map<string, string>();
  for (const s of ruleSources) {
    const r = { data: deepFreeze(resolveRule(check(RuleFileSchema, s.data, s.path), resolve(s.path))) };
    if (rules.has(r.data.id)) {
      throw new ValidationError(`rule file ${s.path}`, [
        makeIssue('duplicate', ['id'], 'a duty id not used by another rule file', JSON.stringify(r.data.id)),
      ]);
    }
    rules.set(r.data.id, r.data);
    pathOf.set(r.data.id, s.path);
  }
  const issues: { file: string; issue: ValidationIssue }[] = unknownParameters.map(({ file, ref }) => ({
    file,
    issue: makeIssue('unknown_parameter', ['conditions'], 'a parameter defined in rules/parameters', JSON.stringify(ref)),
  }));
  const crossCheck = (file: string, c: Condition) => {
    for (const ref of referencesOf(c)) {
      if (!named.has(ref))
        issues.push({
          file,
          issue: makeIssue('unknown_condition', ['conditions'], 'a named condition defined in rules/conditions', JSON.stringify(ref)),
        });
    }
    for (const f of factsOf(c, named)) {
      if (!knownFacts.has(f))
        issues.push({ file, issue: makeIssue('unknown_fact', ['conditions'], 'a fact of the derived-facts schema', JSON.stringify(f)) });
    }
  };
  for (const [id, r] of rules) conditionsOfRule(r).forEach((c) => crossCheck(pathOf.get(id) as string, c));
  for (const [name, c] of conditions) crossCheck(`${conditionPath.get(name) ?? 'rules/conditions'} (${name})`, c.conditions);
  // Named conditions must not refer to themselves through others.
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (name: string, trail: string[]) => {
    if (done.has(name)) return;
    if (visiting.has(name)) {
      issues.push({
        file: `${conditionPath.get(name) ?? 'rules/conditions'} (${name})`,
        issue: makeIssue('cycle', ['conditions'], 'named conditions without cycles', trail.concat(name).join(' -> ')),
      });
      return;
    }
    visiting.add(name);
    const c = named.get(name);
    if (c) for (const ref of referencesOf(c)) visit(ref, trail.concat(name));
    visiting.delete(name);
    done.add(name);
  };
  for (const name of named.keys()) visit(name, []);
  const missing = DUTY_IDS.filter((d) => !rules.has(d));
  if (missing.length > 0 && ruleSources === RULE_SOURCES) {
    issues.push({
      file: 'rules/',
      issue: makeIssue('missing_duty', [], `a rule file for every duty id`, `none for ${missing.join(', ')}`),
    });
  }
  if (issues.length > 0) {
    const first = issues[0] as { file: string };
    throw new ValidationError(
      `rule file ${first.file}`,
      issues.map((i) => ({ ...i.issue, message: `${i.file}: ${i.issue.message}` })),
    );
  }
  return { rules, conditions, named };
}
