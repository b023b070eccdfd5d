import type { Facts } from '../case/facts.js';
import type { DutyId } from '../case/vocabulary.js';
import type { RuleFile, RuleNote, RuleVersion } from '../rules/schema.js';
import type { RuleSet } from '../rules/catalogue.js';
import { compile, type Compiled, type DecidingLeaf, type Tri } from './evaluate.js';

/** A rule version compiled once: its limbs and its conditional notes. */
export interface CompiledVersion {
  readonly version: RuleVersion;
  readonly limbs: readonly { readonly id: string; readonly provision: string; readonly modality: 'must' | 'may'; readonly test: Compiled }[];
  readonly notes: readonly { readonly note: RuleNote; readonly test: Compiled | undefined }[];
}

/** A rule compiled once per rule set. */
export interface CompiledRule {
  readonly rule: RuleFile;
  readonly versions: readonly CompiledVersion[];
}

/** The compiled engine: every duty's rule, ready to evaluate synchronously. */
export interface CompiledRuleSet {
  readonly ruleSet: RuleSet;
  readonly rules: ReadonlyMap<DutyId, CompiledRule>;
}

/** Compiles every rule of a rule set (named conditions resolved once). */
export function compileRuleSet(ruleSet: RuleSet): CompiledRuleSet {
  const cache = new Map<string, Compiled>();
  const rules = new Map<DutyId, CompiledRule>();
  for (const [id, rule] of ruleSet.rules) {
    const notesOf = (ns: readonly RuleNote[]) => ns.map((note) => ({ note, test: note.when ? compile(note.when, ruleSet.named, cache) : undefined }));
    rules.set(id, {
      rule,
      versions: rule.versions.map((version) => ({
        version,
        limbs: version.limbs.map((l) => ({ id: l.id, provision: l.provision, modality: l.modality, test: compile(l.conditions, ruleSet.named, cache) })),
        notes: [...notesOf(version.notes), ...notesOf(rule.notes)],
      })),
    });
  }
  return { ruleSet, rules };
}

/** The version of a rule in force on a date, if any. A null start means commencement unverified: treated as always in force. */
export function versionInForce(r: CompiledRule, date: string): CompiledVersion | undefined {
  return r.versions.find((v) => (v.version.inForce.from === null || v.version.inForce.from <= date) && (v.version.inForce.to === null || date <= v.version.inForce.to));
}

/** The outcome of one rule version on one concern's facts: the deciding limb. */
export interface LimbOutcome {
  readonly result: Tri;
  readonly limb: CompiledVersion['limbs'][number];
}

/**
 * Evaluates a version's limbs in order: the first limb that is not false decides (so a `must`
 * limb that holds wins over a `may` limb after it). All false: the first limb explains.
 */
export function evaluateVersion(v: CompiledVersion, facts: Facts): LimbOutcome {
  for (const limb of v.limbs) {
    const result = limb.test.tri(facts);
    if (result !== false) return { result, limb };
  }
  return { result: false, limb: v.limbs[0] as CompiledVersion['limbs'][number] };
}

/** The leaves that decide a limb outcome on these facts. */
export function leavesOf(lo: LimbOutcome, facts: Facts): DecidingLeaf[] {
  const out: DecidingLeaf[] = [];
  lo.limb.test.explain(facts, out);
  return out;
}
