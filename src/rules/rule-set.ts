import type { z } from 'zod';
import { FACTS } from '../case/facts.js';
import { DUTY_IDS, type DutyId } from '../case/vocabulary.js';
import { makeIssue, ValidationError, vm, type ValidationIssue } from '../errors/validation-error.js';
import { validateWith } from '../errors/from-zod.js';
import { factsOf, referencesOf, resolveParameters, type Condition } from '../engine/condition.js';
import { parameterValue } from './parameters.js';
import { deepFreeze } from './freeze.js';
import { namedConditionsOf } from './dated.js';
import { CONDITION_SOURCES, RULE_SOURCES, type RuleSource } from './rule-files.js';
import { NamedConditionFileSchema, RuleFileSchema, type NamedCondition, type RuleFile } from './schema.js';

/** A validated, cross-checked set of rules: what the engine compiles. */
export interface RuleSet {
  readonly rules: ReadonlyMap<DutyId, RuleFile>;
  readonly conditions: ReadonlyMap<string, NamedCondition>;
  readonly named: ReadonlyMap<string, Condition>;
}

/** A problem found in one file (`file` names it, and the named condition where there is one). */
interface FileIssue {
  readonly file: string;
  readonly issue: ValidationIssue;
}

/** Validates a file against its schema (or trusts it), throwing the file's issues. */
type Parse = <T extends z.ZodType>(schema: T, source: RuleSource) => z.output<T>;
/** Resolves the parameter references of a condition read from `file`. */
type Resolve = (file: string, c: Condition) => Condition;

/**
 * Validates rule files and named conditions, and checks them against each other: every duty id
 * once, every named condition defined, no cycles, every fact in the derived-facts schema.
 * Throws {@link ValidationError} naming the file and path.
 */
export function buildRuleSet(
  ruleSources: readonly RuleSource[] = RULE_SOURCES,
  conditionSources: readonly RuleSource[] = CONDITION_SOURCES,
  knownFacts: ReadonlySet<string> = new Set(Object.keys(FACTS)),
  options: { readonly trustBundled?: boolean } = {},
): RuleSet {
  // The bundled rule files are validated by the test suite (and by every call without
  // `trustBundled`); the library's own start-up skips re-parsing them, which costs ~40 ms of cold start.
  const parse: Parse = (schema, { path, data }) => {
    if (options.trustBundled) return data as z.output<typeof schema>;
    const r = validateWith(schema, data, `rule file ${path}`);
    if (!r.success) throw r.error;
    return r.data;
  };
  const unknownParameters: FileIssue[] = [];
  const resolve: Resolve = (file, c) =>
    resolveParameters(c, parameterValue, (ref) =>
      unknownParameters.push({
        file,
        issue: makeIssue('unknown_parameter', ['conditions'], vm('validation.expected.parameter'), JSON.stringify(ref)),
      }),
    );
  const { conditions, fileOf } = namedConditions(conditionSources, parse, resolve);
  const named = new Map<string, Condition>([...conditions].map(([name, c]) => [name, c.conditions]));
  const { rules, pathOf } = rulesById(ruleSources, parse, resolve);
  const issues = [
    ...unknownParameters,
    ...[...rules].flatMap(([id, r]) => conditionsOfRule(r).flatMap((c) => crossCheck(pathOf.get(id) as string, c, named, knownFacts))),
    ...[...conditions].flatMap(([name, c]) => crossCheck(fileOf(name), c.conditions, named, knownFacts)),
    ...cycles(named, fileOf),
    ...(ruleSources === RULE_SOURCES ? missingDuties(rules) : []),
  ];
  if (issues.length > 0) {
    const first = issues[0] as FileIssue;
    throw new ValidationError(
      `rule file ${first.file}`,
      issues.map((i) => ({ ...i.issue, message: `${i.file}: ${i.issue.message}` })),
    );
  }
  return { rules, conditions, named };
}

/**
 * The named conditions of the condition files, each name once (plain conditions, dated ones and
 * their instances on each date), dated ones instantiated per date and parameters resolved.
 */
function namedConditions(sources: readonly RuleSource[], parse: Parse, resolve: Resolve) {
  const files = sources.map((s) => parse(NamedConditionFileSchema, s));
  const names = new Set<string>();
  files.forEach((f, i) => {
    for (const name of [f.name, ...Object.values(f.dates ?? {}).map((d) => d.name)]) {
      if (names.has(name)) {
        throw new ValidationError(`rule file ${sources[i]?.path}`, [
          makeIssue('duplicate', ['name'], vm('validation.expected.newConditionName'), JSON.stringify(name)),
        ]);
      }
      names.add(name);
    }
  });
  const conditions = new Map<string, NamedCondition>();
  const pathOf = new Map<string, string>();
  namedConditionsOf(files).forEach((instances, i) => {
    const path = sources[i]?.path ?? 'rules/conditions';
    for (const c of instances) {
      conditions.set(c.name, deepFreeze({ ...c, conditions: resolve(path, c.conditions) }));
      pathOf.set(c.name, path);
    }
  });
  return { conditions, fileOf: (name: string) => `${pathOf.get(name) ?? 'rules/conditions'} (${name})` };
}

/** The rule files by duty id (each id once), parameters resolved. */
function rulesById(sources: readonly RuleSource[], parse: Parse, resolve: Resolve) {
  const rules = new Map<DutyId, RuleFile>();
  const pathOf = new Map<string, string>();
  for (const s of sources) {
    const rule = deepFreeze(resolveRule(parse(RuleFileSchema, s), (c) => resolve(s.path, c)));
    if (rules.has(rule.id)) {
      throw new ValidationError(`rule file ${s.path}`, [
        makeIssue('duplicate', ['id'], vm('validation.expected.newDutyId'), JSON.stringify(rule.id)),
      ]);
    }
    rules.set(rule.id, rule);
    pathOf.set(rule.id, s.path);
  }
  return { rules, pathOf };
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

/** Every condition of a rule file: its limbs and the conditions of its notes, every version. */
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

/** The named conditions a condition refers to that are not defined, and the facts it reads that are not known. */
function crossCheck(file: string, c: Condition, named: ReadonlyMap<string, Condition>, knownFacts: ReadonlySet<string>): FileIssue[] {
  const issues: FileIssue[] = [];
  for (const ref of referencesOf(c)) {
    if (!named.has(ref))
      issues.push({
        file,
        issue: makeIssue('unknown_condition', ['conditions'], vm('validation.expected.namedCondition'), JSON.stringify(ref)),
      });
  }
  for (const f of factsOf(c, named)) {
    if (!knownFacts.has(f))
      issues.push({ file, issue: makeIssue('unknown_fact', ['conditions'], vm('validation.expected.derivedFact'), JSON.stringify(f)) });
  }
  return issues;
}

/** Named conditions that refer to themselves through others, one issue per cycle found. */
function cycles(named: ReadonlyMap<string, Condition>, fileOf: (name: string) => string): FileIssue[] {
  const issues: FileIssue[] = [];
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (name: string, trail: string[]) => {
    if (done.has(name)) return;
    if (visiting.has(name)) {
      issues.push({
        file: fileOf(name),
        issue: makeIssue('cycle', ['conditions'], vm('validation.expected.noCycles'), trail.concat(name).join(' -> ')),
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
  return issues;
}

/** The duty ids with no rule file. */
function missingDuties(rules: ReadonlyMap<DutyId, RuleFile>): FileIssue[] {
  const missing = DUTY_IDS.filter((d) => !rules.has(d));
  if (missing.length === 0) return [];
  return [
    {
      file: 'rules/',
      issue: makeIssue('missing_duty', [], vm('validation.expected.everyDuty'), vm('validation.received.noneFor', { duties: missing })),
    },
  ];
}
