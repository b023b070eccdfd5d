import { describe, expectTypeOf, it } from 'vitest';
import { assess, safeAssess, ValidationError, type Assessment, type DutyId, type DutyStatus, type CaseInput } from '../src/index.js';

describe('public types', () => {
  it('assess returns an Assessment and takes a CaseInput', () => {
    expectTypeOf(assess).returns.toEqualTypeOf<Assessment>();
    expectTypeOf<CaseInput['concerns'][number]['harm']>().toEqualTypeOf<
      | 'physical_abuse' | 'sexual_abuse' | 'emotional_abuse' | 'economic_abuse' | 'neglect' | 'exposure_to_domestic_violence'
      | 'intimidation' | 'harassment' | 'sexual_harassment' | 'coercive_behaviour' | 'controlling_behaviour' | 'spiritual_abuse'
      | 'damage_to_property' | 'trafficking' | 'sexual_exploitation' | 'child_sexual_abuse_material'
    >();
  });

  it('safeAssess is a discriminated result', () => {
    const r = safeAssess({} as unknown);
    if (r.success) expectTypeOf(r.data).toEqualTypeOf<Assessment>();
    else expectTypeOf(r.error).toEqualTypeOf<ValidationError>();
  });

  it('duty ids and statuses are closed unions (no any)', () => {
    expectTypeOf<Assessment['duties'][number]['duty']>().toEqualTypeOf<DutyId>();
    expectTypeOf<Assessment['duties'][number]['status']>().toEqualTypeOf<DutyStatus>();
    expectTypeOf<Assessment['duties'][number]['reasons'][number]['result']>().toEqualTypeOf<boolean | 'unknown'>();
    expectTypeOf<Assessment>().not.toBeAny();
  });
});
