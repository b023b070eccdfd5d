import { defaultCompiled } from './bundled.js';
import { rulesHash, rulesetVersionOf } from './version.js';
import { deepFreeze } from './freeze.js';
import type { RuleFile } from './schema.js';
import type { Modality } from '../case/vocabulary.js';

/** One duty of the catalogue: everything a trainer or auditor needs, with every dated version. */
export type DutyCatalogueEntry = Omit<RuleFile, 'versions' | 'notes'> & {
  readonly versions: readonly (Omit<RuleFile['versions'][number], 'limbs' | 'notes'> & {
    readonly limbs: readonly { readonly id: string; readonly provision: string; readonly modality: Modality }[];
    readonly notes: readonly { readonly id: string; readonly text: string; readonly verification: string }[];
  })[];
  readonly notes: readonly { readonly id: string; readonly text: string; readonly verification: string }[];
};

/** The catalogue of duties, as `za-duties rules` prints it. */
export interface DutyCatalogue {
  readonly rulesetVersion: string;
  /** SHA-256 (hex) of the bundled rule files, computed when the library was built (as in decision records). */
  readonly rulesHash: string;
  readonly duties: readonly DutyCatalogueEntry[];
}

const stripNote = (n: { id: string; text: string; verification: string }) => ({ id: n.id, text: n.text, verification: n.verification });

/**
 * The catalogue of every duty the library decides: citations, in-force windows, verification
 * labels, recipients, timing, forms, offences, protections and interpretation notes. Conditions
 * are left out (they are in the rule files).
 *
 * @returns The catalogue, in duty-id order.
 * @example
 * ```ts
 * import { dutyCatalogue } from 'za-reporting-duties';
 * dutyCatalogue().duties.map((d) => d.id).slice(0, 2); //=> ['dva-s2A', 'dva-s2B']
 * ```
 * @category Rules
 */
export function dutyCatalogue(): DutyCatalogue {
  catalogue ??= deepFreeze(buildCatalogue());
  return catalogue;
}

let catalogue: DutyCatalogue | undefined;
function buildCatalogue(): DutyCatalogue {
  const duties = [...defaultCompiled().rules.values()].map(({ rule }) => ({
    ...rule,
    versions: rule.versions.map((v) => ({
      ...v,
      limbs: v.limbs.map((l) => ({ id: l.id, provision: l.provision, modality: l.modality })),
      notes: v.notes.map(stripNote),
    })),
    notes: rule.notes.map(stripNote),
  }));
  return { rulesetVersion: rulesetVersionOf(), rulesHash: rulesHash(), duties };
}
