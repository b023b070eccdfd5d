import { CONDITION_SOURCES, RULE_SOURCES } from './rule-files.js';
import { buildRuleSet } from './rule-set.js';
import { compileRuleSet, type CompiledRuleSet } from './compiled.js';

let compiledDefault: CompiledRuleSet | undefined;

/**
 * The bundled rule set, built (trusting the bundled files, which the test suite validates) and
 * compiled once, on first use.
 */
export function defaultCompiled(): CompiledRuleSet {
  compiledDefault ??= compileRuleSet(buildRuleSet(RULE_SOURCES, CONDITION_SOURCES, undefined, { trustBundled: true }));
  return compiledDefault;
}
