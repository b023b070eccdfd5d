import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  assess,
  checkCompliance,
  decisionRecord,
  safeAssess,
  safeCheckCompliance,
  type Assessment,
  type CaseInput,
  type CaseInputSchema,
  type CompactAssessment,
  type FactName,
  type ReasonFact,
  type ValidationIssue,
  type ValidationIssueCode,
} from '../src/index.js';
import { caseFacts, type CaseFacts } from '../src/json-rules-engine.js';
import type { HARMS, Harm } from '../src/vocabulary.js';

// The calls are checked: a typed case literal is checked against CaseInput (misspelt fields and
// values fail to compile); untrusted input (unknown, any, Record<string, unknown>) is validated at
// run time; output ids are closed unions.

const good = {
  assessmentDate: '2026-11-28',
  people: [{ id: 'child-a', ageYears: 5 }],
  concerns: [{ id: 'c1', victim: 'child-a', harm: 'neglect' }],
} satisfies CaseInput;

describe('typed calls', () => {
  it('a misspelt field or value in a case literal does not compile', () => {
    // @ts-expect-error `peple` is not a CaseInput field
    void (() => assess({ peple: [], concerns: [] }));
    // @ts-expect-error `neglct` is not a Harm
    void (() => assess({ people: [{ id: 'a' }], concerns: [{ id: 'c', victim: 'a', harm: 'neglct' }] }));
    // @ts-expect-error `ageYear` is not a PersonInput field
    void (() => safeAssess({ people: [{ id: 'a', ageYear: 5 }], concerns: [{ id: 'c', victim: 'a', harm: 'neglect' }] }));
    // @ts-expect-error `fax` is not a Recipient
    void (() => checkCompliance({ case: good, actions: [{ recipient: 'fax', date: '2026-11-21' }] }));
    // @ts-expect-error `concern` is not a CaseInput field
    void (() => decisionRecord({ ...good, concern: [] }));
    // @ts-expect-error `reporter.rol` is not a ReporterInput field
    void (() => caseFacts({ ...good, reporter: { rol: 'teacher' } }));
  });

  it('a well-typed case and untrusted input both compile, with the same result types', () => {
    expectTypeOf(assess(good)).toEqualTypeOf<Assessment>();
    const body: unknown = JSON.parse('{}');
    // biome-ignore lint/suspicious/noExplicitAny: the untrusted overload must accept a value typed any
    const anyBody: any = JSON.parse('{}');
    const record: Record<string, unknown> = {};
    expectTypeOf(assess(body)).toEqualTypeOf<Assessment>();
    expectTypeOf(safeAssess(anyBody)).toEqualTypeOf(safeAssess(good));
    expectTypeOf(safeCheckCompliance(record)).toEqualTypeOf(safeCheckCompliance({ case: good, actions: [] }));
    expectTypeOf(caseFacts(body)).toEqualTypeOf<CaseFacts[]>();
    expectTypeOf(decisionRecord(body)).toEqualTypeOf(decisionRecord(good));
  });

  it('the documented CaseInput is the schema input, up to readonly', () => {
    expectTypeOf<z.input<typeof CaseInputSchema>>().toExtend<CaseInput>();
    expectTypeOf<CaseInput['concerns'][number]['harm']>().toEqualTypeOf<Harm>();
    expectTypeOf<(typeof HARMS)[number]>().toEqualTypeOf<Harm>();
    expectTypeOf<CaseInput['concerns'][number]['consensual']>().toEqualTypeOf<boolean | null | undefined>();
  });
});

describe('closed unions in the output', () => {
  it('facts, questions and issue codes', () => {
    expectTypeOf<Assessment['duties'][number]['reasons'][number]['fact']>().toEqualTypeOf<ReasonFact>();
    expectTypeOf<ReasonFact>().toEqualTypeOf<FactName | 'knowledgeDate'>();
    expectTypeOf<Assessment['duties'][number]['missing'][number]['fact']>().toEqualTypeOf<FactName>();
    expectTypeOf<Assessment['questions'][number]['fact']>().toEqualTypeOf<FactName>();
    expectTypeOf<FactName>().toExtend<string>();
    expectTypeOf<'reporterIsFunctionary'>().toExtend<FactName>();
    expectTypeOf<'reporterIsFunctionry'>().not.toExtend<FactName>();
    expectTypeOf<ValidationIssue['code']>().toEqualTypeOf<ValidationIssueCode>();
    expectTypeOf<'unknown_person_id'>().toExtend<ValidationIssueCode>();
    expectTypeOf<'custom'>().not.toExtend<ValidationIssueCode>();
    expectTypeOf<'whatever'>().not.toExtend<ValidationIssueCode>();
  });

  it('the compact output has its own exported type', () => {
    expectTypeOf<CompactAssessment['duties'][number]['missing'][number]>().toEqualTypeOf<FactName>();
    // Overlap ids come from the rule data (rules/overlaps/), so they are strings.
    expectTypeOf<CompactAssessment['overlaps'][number]['id']>().toEqualTypeOf<string>();
    expectTypeOf<CompactAssessment>().not.toBeAny();
  });
});
