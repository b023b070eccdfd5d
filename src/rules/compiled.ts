import type { Facts } from '../case/facts.js';
import { DUTY_IDS, type DutyId } from '../case/vocabulary.js';
import { factsOf } from '../engine/condition.js';
import { compile, LeafBuffer, type Compiled, type DecidingLeaf, type Tri } from '../engine/evaluate.js';
import type { RuleSet } from './rule-set.js';
import type { RuleFile, RuleNote, RuleVersion } from './schema.js';

/** A rule version compiled once: its limbs and its conditional notes. */
export interface CompiledVersion {
  readonly version: RuleVersion;
  readonly limbs: readonly CompiledLimb[];
  readonly notes: readonly { readonly note: RuleNote; readonly test: Compiled | undefined }[];
}

/** A limb of a rule version, compiled: its test, and its three outcomes (built once, shared). */
export interface CompiledLimb {
  readonly id: string;
  readonly provision: string;
  readonly modality: 'must' | 'may';
  readonly test: Compiled;
  /** The outcome of this limb deciding with each result: false, unknown, true. */
  readonly outcomes: readonly [LimbOutcome, LimbOutcome, LimbOutcome];
}

/** A rule compiled once per rule set. */
export interface CompiledRule {
  readonly rule: RuleFile;
  readonly versions: readonly CompiledVersion[];
  /** Every fact the rule's limbs read (through named conditions). */
  readonly facts: ReadonlySet<string>;
  /** The last window asked of {@link versionsInWindow} (each person and overlap of a case asks the same). */
  readonly lastWindow: { from: string; to: string; versions: readonly VersionInWindow[] };
}

/** The compiled engine: every duty's rule, ready to evaluate synchronously. */
export interface CompiledRuleSet {
  readonly ruleSet: RuleSet;
  readonly rules: ReadonlyMap<DutyId, CompiledRule>;
  /** The same rules in the order of the duty ids (`DUTY_IDS`), the order an assessment lists them in. */
  readonly ruleList: readonly CompiledRule[];
  /** A named condition of the rule set, compiled with its rules: decided with them on the same facts. */
  readonly named: (name: string) => Compiled;
}

/** Compiles every rule of a rule set (named conditions resolved once). */
export function compileRuleSet(ruleSet: RuleSet): CompiledRuleSet {
  const cache = new Map<string, Compiled>();
  const rules = new Map<DutyId, CompiledRule>();
  for (const [id, rule] of ruleSet.rules) {
    const notesOf = (ns: readonly RuleNote[]) =>
      ns.map((note) => ({ note, test: note.when ? compile(note.when, ruleSet.named, cache) : undefined }));
    const facts = new Set<string>();
    for (const v of rule.versions) for (const l of v.limbs) factsOf(l.conditions, ruleSet.named, facts);
    rules.set(id, {
      rule,
      facts,
      lastWindow: { from: '', to: '', versions: [] },
      versions: rule.versions.map((version) => ({
        version,
        limbs: version.limbs.map((l) => {
          const limb: { -readonly [K in keyof CompiledLimb]: CompiledLimb[K] } = {
            id: l.id,
            provision: l.provision,
            modality: l.modality,
            test: compile(l.conditions, ruleSet.named, cache),
            outcomes: undefined as unknown as CompiledLimb['outcomes'],
          };
          limb.outcomes = [
            Object.freeze({ result: false, limb }),
            Object.freeze({ result: null, limb }),
            Object.freeze({ result: true, limb }),
          ];
          return limb;
        }),
        notes: [...notesOf(version.notes), ...notesOf(rule.notes)],
      })),
    });
  }
  return {
    ruleSet,
    rules,
    ruleList: DUTY_IDS.flatMap((id) => rules.get(id) ?? []),
    named: (name) => compile({ condition: name }, ruleSet.named, cache),
  };
}

/**
 * The version of a rule certainly in force on a date, if any. A null start means the commencement
 * is not verified: in force from the date by which it was in force at the latest (`inForceBy`), or
 * always where there is none.
 */
export function versionInForce(r: CompiledRule, date: string): CompiledVersion | undefined {
  return r.versions.find((v) => {
    const { from, to, inForceBy } = v.version.inForce;
    const started = from !== null ? from <= date : inForceBy === undefined || inForceBy <= date;
    return started && (to === null || date <= to);
  });
}

/**
 * How a version binds a reporter who came to know on `from` and is assessed on `to`:
 * - `at-knowledge`: in force on the knowledge date;
 * - `later`: it commenced after the knowledge date, by the assessment date: it binds from `start`
 *   if the knowledge continued (knowing is a continuing state);
 * - `uncertain`: its commencement is not verified and the knowledge date is before the date by which
 *   it was in force at the latest; it binds from `start` (that date) if the knowledge continued,
 *   and whether it bound earlier is open.
 */
export interface VersionInWindow {
  readonly cv: CompiledVersion;
  readonly mode: 'at-knowledge' | 'later' | 'uncertain';
  /** The day the version binds from (the knowledge date for `at-knowledge`). */
  readonly start: string;
  /** For `uncertain`: whether the date by which it was in force falls on or before the assessment date. */
  readonly certainInWindow: boolean;
  /** Still in force on the assessment date (the last day looked at). */
  readonly inForceAtEnd: boolean;
}

/**
 * Every version of a rule in force at some point from `from` to `to` (inclusive), oldest first.
 * The last window asked is kept with the rule (read only: it is shared).
 */
export function versionsInWindow(r: CompiledRule, from: string, to: string): readonly VersionInWindow[] {
  const last = r.lastWindow;
  if (last.from === from && last.to === to) return last.versions;
  const out = windowOf(r, from, to);
  last.from = from;
  last.to = to;
  last.versions = out;
  return out;
}

function windowOf(r: CompiledRule, from: string, to: string): VersionInWindow[] {
  const out: VersionInWindow[] = [];
  for (const cv of r.versions) {
    const f = cv.version.inForce.from;
    const t = cv.version.inForce.to;
    if (t !== null && t < from) continue;
    if (f !== null && f > to) continue;
    const inForceAtEnd = t === null || to <= t;
    if (f === null) {
      const by = cv.version.inForce.inForceBy;
      if (by === undefined || by <= from) out.push({ cv, mode: 'at-knowledge', start: from, certainInWindow: true, inForceAtEnd });
      else out.push({ cv, mode: 'uncertain', start: by, certainInWindow: by <= to, inForceAtEnd });
    } else if (f <= from) out.push({ cv, mode: 'at-knowledge', start: from, certainInWindow: true, inForceAtEnd });
    else out.push({ cv, mode: 'later', start: f, certainInWindow: true, inForceAtEnd });
  }
  return out;
}

/** Kleene conjunction. */
export function and3(a: Tri, b: Tri): Tri {
  return a === false || b === false ? false : a === true && b === true ? true : null;
}

/** The outcome of one rule version on one concern's facts: the deciding limb. */
export interface LimbOutcome {
  readonly result: Tri;
  readonly limb: CompiledLimb;
}

/**
 * Evaluates a version's limbs in order: the first limb that is not false decides (so a `must`
 * limb that holds wins over a `may` limb after it). All false: the first limb explains.
 */
export function evaluateVersion(v: CompiledVersion, facts: Facts): LimbOutcome {
  const limbs = v.limbs;
  for (let i = 0; i < limbs.length; i++) {
    const limb = limbs[i] as CompiledLimb;
    const result = limb.test.tri(facts);
    if (result !== false) return limb.outcomes[result === null ? 1 : 2];
  }
  return (limbs[0] as CompiledLimb).outcomes[0];
}

/** The leaves that decide a limb outcome on these facts. */
export function leavesOf(lo: LimbOutcome, facts: Facts): DecidingLeaf[] {
  const out = LEAVES;
  out.reset();
  lo.limb.test.explain(facts, out);
  return out.toLeaves();
}
/** The buffer leavesOf explains into (synchronous, so never shared between two calls). */
const LEAVES = new LeafBuffer();
