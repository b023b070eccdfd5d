import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  type AssessmentSchema,
  checkCompliance,
  type CheckInputSchema,
  safeCheckCompliance,
  type ValidationError,
  type Assessment,
  type CheckInput,
  type ComplianceCheck,
  type ComplianceStatus,
  type DutyId,
  type Recipient,
} from '../src/index.js';

describe('compliance check types', () => {
  it('checkCompliance returns a ComplianceCheck; safeCheckCompliance is a discriminated result', () => {
    expectTypeOf(checkCompliance).returns.toEqualTypeOf<ComplianceCheck>();
    const r = safeCheckCompliance({} as unknown);
    if (r.success) expectTypeOf(r.data).toEqualTypeOf<ComplianceCheck>();
    else expectTypeOf(r.error).toEqualTypeOf<ValidationError>();
  });

  it('statuses, ids and recipients are closed unions (no any)', () => {
    expectTypeOf<ComplianceCheck['items'][number]['status']>().toEqualTypeOf<ComplianceStatus>();
    expectTypeOf<ComplianceStatus>().toEqualTypeOf<'met' | 'overdue' | 'unmet' | 'open'>();
    // A duty id, or an overlap id from the rule data (rules/overlaps/).
    expectTypeOf<ComplianceCheck['items'][number]['id']>().toEqualTypeOf<string>();
    expectTypeOf<CheckInput['actions'][number]['recipient']>().toEqualTypeOf<Recipient>();
    expectTypeOf<CheckInput['actions'][number]['duty']>().toEqualTypeOf<DutyId | undefined>();
    expectTypeOf<ComplianceCheck>().not.toBeAny();
    expectTypeOf<z.input<typeof CheckInputSchema>>().toExtend<CheckInput>(); // equal up to readonly: src/check/schema.ts asserts it
  });

  it('the output schema parses to the Assessment shape', () => {
    expectTypeOf<z.output<typeof AssessmentSchema>['duties'][number]['duty']>().toEqualTypeOf<Assessment['duties'][number]['duty']>();
  });
});
