import { version as packageVersion } from '../../package.json';
import { CONDITION_SOURCES, RULE_SOURCES } from '../rules/catalogue.js';

/** cyrb53: a fast, stable 53-bit string hash (no crypto needed, so it runs in a browser too). */
export function hash53(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

let cached: { hash: string; version: string } | undefined;

/** A hash of every bundled rule file (duties and named conditions), in a stable order. */
export function rulesHash(): string {
  cached ??= compute();
  return cached.hash;
}

/** `<package version>+rules.<hash>`: changes whenever a rule file changes. */
export function rulesetVersionOf(): string {
  cached ??= compute();
  return cached.version;
}

function compute(): { hash: string; version: string } {
  const all = [...RULE_SOURCES, ...CONDITION_SOURCES].map((s) => `${s.path}\n${JSON.stringify(s.data)}`).join('\n');
  const hash = hash53(all);
  return { hash, version: `${packageVersion}+rules.${hash}` };
}
