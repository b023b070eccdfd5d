import type { CaseInput } from '../../src/index.js';

/**
 * A 17-year-old (born 2008-03-01) who learned on 2026-02-01 that his father beat and injured his
 * 9-year-old sister (2026-01-10), and still knows; he turns 18 on 2026-03-01. Assessed on
 * 2026-06-15 unless said.
 */
export function reporterTurns18(
  over: { assessmentDate?: string; incidentDate?: string; reporter?: Record<string, unknown> } = {},
): CaseInput {
  return {
    assessmentDate: over.assessmentDate ?? '2026-06-15',
    reporter: { role: 'family_member', dateOfBirth: '2008-03-01', knowledgeDate: '2026-02-01', stillKnows: true, ...over.reporter },
    people: [
      { id: 'sister', ageYears: 9 },
      { id: 'father', ageYears: 40 },
    ],
    concerns: [
      {
        victim: 'sister',
        allegedBy: 'father',
        relationship: 'parent',
        harm: 'physical_abuse',
        basis: 'knowledge',
        incidentDate: over.incidentDate ?? '2026-01-10',
        physicalInjury: true,
      },
    ],
  } as CaseInput;
}
