import { describe, expectTypeOf, it } from 'vitest';
import {
  assess,
  explain,
  safeAssess,
  type ValidationError,
  type Assessment,
  type CompactAssessment,
  type DutyId,
  type DutyStatus,
  type CaseInput,
  type Reason,
} from '../src/index.js';

describe('public types', () => {
  it('assess returns an Assessment and takes a CaseInput', () => {
    const c = {} as CaseInput;
    expectTypeOf(assess(c)).toEqualTypeOf<Assessment>();
    expectTypeOf(assess(c, { detail: 'standard' })).toEqualTypeOf<Assessment>();
    expectTypeOf(assess(c, { detail: 'full', presumptions: false })).toEqualTypeOf<Assessment>();
    expectTypeOf(assess(c, { detail: 'decisions' })).toEqualTypeOf<CompactAssessment>();
    expectTypeOf(assess({} as unknown, { detail: 'decisions' })).toEqualTypeOf<CompactAssessment>();
    expectTypeOf(explain(c, 'dva-s2A', 'child-a')).toEqualTypeOf<readonly Reason[] | undefined>();
    const level = 'full' as 'decisions' | 'standard' | 'full';
    expectTypeOf(assess(c, { detail: level })).toEqualTypeOf<Assessment | CompactAssessment>();
    // @ts-expect-error a detail level that does not exist
    void (() => assess(c, { detail: 'brief' }));
    expectTypeOf<CaseInput['concerns'][number]['harm']>().toEqualTypeOf<
      | 'physical_abuse'
      | 'sexual_abuse'
      | 'emotional_abuse'
      | 'economic_abuse'
      | 'neglect'
      | 'exposure_to_domestic_violence'
      | 'intimidation'
      | 'harassment'
      | 'sexual_harassment'
      | 'coercive_behaviour'
      | 'controlling_behaviour'
      | 'spiritual_abuse'
      | 'damage_to_property'
      | 'trafficking'
      | 'sexual_exploitation'
      | 'child_sexual_abuse_material'
    >();
  });

  it('safeAssess is a discriminated result', () => {
    const r = safeAssess({} as unknown);
    if (r.success) expectTypeOf(r.data).toEqualTypeOf<Assessment>();
    else expectTypeOf(r.error).toEqualTypeOf<ValidationError>();
    const d = safeAssess({} as unknown, { detail: 'decisions' });
    if (d.success) expectTypeOf(d.data).toEqualTypeOf<CompactAssessment>();
  });

  it('duty ids and statuses are closed unions (no any)', () => {
    expectTypeOf<Assessment['duties'][number]['duty']>().toEqualTypeOf<DutyId>();
    expectTypeOf<Assessment['duties'][number]['status']>().toEqualTypeOf<DutyStatus>();
    expectTypeOf<Assessment['duties'][number]['reasons'][number]['result']>().toEqualTypeOf<boolean | 'unknown'>();
    expectTypeOf<Assessment>().not.toBeAny();
  });
});
