import { version as packageVersion } from '../../package.json';
import { RULES_SHA256 } from './hash.js';

/**
 * The SHA-256 (hex) of every rule file bundled (rules/**\/*.json), computed at build time
 * (src/rules/hash.ts): the same rules give the same hash on every machine.
 */
export function rulesHash(): string {
  return RULES_SHA256;
}

const VERSION = `${packageVersion}+rules.${RULES_SHA256.slice(0, 14)}`;

/** `<package version>+rules.<first 14 hex digits of the rules hash>`: changes whenever a rule file changes. */
export function rulesetVersionOf(): string {
  return VERSION;
}
