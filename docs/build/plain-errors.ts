/**
 * Validation issues in plain words, for the forms: "Choose who this happened to", not
 * `at concerns[0].victim: expected one of the people ids`. The library's issue (path, expected,
 * received) stays the source; this only words it for a person filling in a form.
 */
import type { ValidationIssue } from '../../src/index.js';

const DATE_FIELDS: Record<string, string> = {
  assessmentDate: 'the date of this assessment',
  knowledgeDate: 'the date you came to know',
  incidentDate: 'the date it happened',
  dateOfBirth: 'the date of birth',
};

/** What to do about one issue, in plain words, without the place (see {@link placeOf}). */
export function plainFix(i: ValidationIssue): string {
  const field = String(i.path[i.path.length - 1] ?? '');
  const head = i.path[0];
  if (i.code === 'unrecognized_keys') return 'Remove a field the form does not know.';
  if (head === 'people' && i.path.length === 1) return 'Add at least one person.';
  if (head === 'concerns' && i.path.length === 1) return 'Add at least one concern: what happened, and to whom.';
  if (field === 'id') {
    if (/not used before/.test(i.expected))
      return head === 'people' ? 'Give each person a different label.' : 'Give each concern a different label.';
    return head === 'people'
      ? 'Give this person a label, such as "mother" or "Lerato, 5" (no name needed).'
      : 'Give this concern a label, such as "c1".';
  }
  if (field === 'victim') return 'Choose who this happened to.';
  if (field === 'harm') return 'Choose what happened.';
  if (field === 'allegedBy')
    return /other than/.test(i.expected) ? 'Choose someone other than the person harmed.' : 'Choose who did it from the people listed.';
  if (field === 'caregiverOf') return 'Use the labels of people listed in the case, separated by commas.';
  if (field === 'ageYears' || field === 'min' || field === 'max') return 'Give an age in whole years, from 0 to 130.';
  const date = DATE_FIELDS[field];
  if (date) {
    if (/on or before the assessment date/.test(i.expected))
      return 'The date you came to know cannot be after the date of this assessment.';
    if (/on or before the knowledge date/.test(i.expected)) return 'It cannot have happened after the date you came to know of it.';
    return `Give ${date} as a real calendar date.`;
  }
  if (i.code === 'invalid_value' || /one of/.test(i.expected)) return 'Choose one of the answers offered.';
  return `Check this answer (expected ${i.expected}).`;
}

/** Where an issue is, in words: "Person 2", "Concern 1", "You". */
export function placeOf(i: ValidationIssue): string {
  const [head, n] = i.path;
  if (head === 'reporter') return 'You';
  if (head === 'people') return typeof n === 'number' ? `Person ${n + 1}` : 'People';
  if (head === 'concerns') return typeof n === 'number' ? `Concern ${n + 1}` : 'Concerns';
  if (head === 'assessmentDate') return 'Date of this assessment';
  return 'The case';
}

/** An issue in plain words with its place: "Concern 1: Choose who this happened to." */
export function plainIssue(i: ValidationIssue): string {
  return `${placeOf(i)}: ${plainFix(i)}`;
}
