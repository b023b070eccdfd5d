import type { DerivedCase } from '../case/derive.js';
import type { ValidatedCase } from '../case/schema.js';
import type { DutyResult, Guidance, Overlap } from './types.js';

/** Survivor-centred guidance for the case (filled from rules/guidance). */
export function buildGuidance(_c: ValidatedCase, _d: DerivedCase, _duties: readonly DutyResult[], _o: readonly Overlap[]): Guidance {
  return { items: [], helplines: [] };
}
