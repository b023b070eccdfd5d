/**
 * The English templates of the sentences the code itself writes (everything else comes from the
 * rule files and the fact catalogue: see `englishMessages`). Ids are stable: a new meaning gets a
 * new id. `{name}` marks a parameter.
 */
export const CODE_MESSAGES = {
  disclaimer:
    'This assessment applies South African law as encoded in za-reporting-duties, from public copies of the statutes, regulations and secondary sources, each labelled with how well it is verified. It is not legal advice. Items marked unverified or secondary have not been checked against the Government Gazette. Where a duty may apply, report if in doubt; in an emergency call the police on 10111, or 112 from a cellphone.',

  // A reason's test, in short form.
  'test.equal': '= {value}',
  'test.notEqual': '≠ {value}',
  'test.lessThan': '< {value}',
  'test.lessThanInclusive': '≤ {value}',
  'test.greaterThan': '> {value}',
  'test.greaterThanInclusive': '≥ {value}',
  'test.in': 'one of {value}',
  'test.notIn': 'none of {value}',
  'test.contains': 'contains {value}',
  'test.doesNotContain': 'does not contain {value}',

  // Reasons the code adds about the law in force and continuing knowledge.
  'reason.lawInForce.test': 'in force before {date}',
  'reason.lawInForce.label': '{provision} was in force when you came to know (its commencement is not verified)',
  'reason.knowledgeContinues.binds': 'you still knew on {date}, when {provision} bound you',
  'reason.knowledgeContinues.ongoing': 'you still knew on {date}, while the act went on',
  'reason.notYetInForce.test': 'on or after {date} (commencement)',
  'reason.notYetInForce.label': 'the provision was in force by the assessment date',
  'reason.noLongerInForce.test': 'on or before {date} (last day in force)',
  'reason.noLongerInForce.label': 'the provision was still in force when you came to know',

  // Questions.
  'question.concern': 'Concern {concern}: {question}',
  'question.unknownFact': 'What is {fact}?',
  'person.theOtherPerson': 'the other person',

  // Overlaps: "{duties}" lists duty ids, "{them}" refers back to them.
  'word.it': 'it',
  'word.them': 'them',
  'sentences.two': '{first} {second}',
} as const;

/** The id of a message the code writes. */
export type CodeMessageId = keyof typeof CODE_MESSAGES;

/**
 * The English templates of validation messages: what was expected, what came in, and the issue's
 * message (`validation.issue`). Schema messages in src/ are these texts, looked up by their words.
 */
export const VALIDATION_MESSAGES = {
  'validation.issue': 'at {at}: expected {expected}, got {received}',
  'validation.subject': 'Invalid {subject}: {issues}',

  'validation.expected.object': 'an object',
  'validation.expected.array': 'an array',
  'validation.expected.type': 'a {type}',
  'validation.expected.value': '{value}',
  'validation.expected.oneOf': 'one of {values}',
  'validation.expected.knownFields': 'only the known fields',
  'validation.expected.minItems.one': 'at least 1 item',
  'validation.expected.minItems': 'at least {minimum} items',
  'validation.expected.minLength.one': 'at least 1 character',
  'validation.expected.minLength': 'at least {minimum} characters',
  'validation.expected.greaterThan': 'a number greater than {minimum}',
  'validation.expected.atLeast': 'a number of at least {minimum}',
  'validation.expected.maxItems': 'at most {maximum} items',
  'validation.expected.maxLength': 'at most {maximum} characters',
  'validation.expected.lessThan': 'a number less than {maximum}',
  'validation.expected.atMost': 'a number of at most {maximum}',
  'validation.expected.pattern': 'text matching {pattern}',
  'validation.expected.format': 'text in the format {format}',
  'validation.expected.multipleOf': 'a multiple of {divisor}',
  'validation.expected.shape': 'one of the allowed shapes',
  'validation.expected.isoDate': 'a date written YYYY-MM-DD',
  'validation.expected.calendarDate': 'a real calendar date written YYYY-MM-DD',
  'validation.expected.minNotAboveMax': 'min not greater than max',
  'validation.expected.newPersonId': 'a person id not used before (people[{index}] is already "{id}")',
  'validation.expected.newConcernId': 'a concern id not used before',
  'validation.expected.personId': 'one of the people ids ({ids})',
  'validation.expected.notTheVictim': 'a person other than the victim',
  'validation.expected.onOrBeforeAssessmentDate': 'a date on or before the assessment date ({date})',
  'validation.expected.onOrBeforeKnowledgeDate': 'a date on or before the knowledge date ({date})',
  'validation.expected.bornOnOrBeforeAssessmentDate': 'a date of birth on or before the assessment date ({date})',
  'validation.expected.ageFromDateOfBirth': 'the age the date of birth gives on {date} ({age})',
  'validation.expected.rangeWithAge': 'a range that includes the age given elsewhere ({age})',
  'validation.expected.notADate': 'a value that is not a date (records keep no exact dates)',
  'validation.expected.messageId': 'a message id of englishMessages',
  'validation.expected.messages': 'an object of message id to text',
  'validation.expected.onlyParameters': 'only the parameters {parameters}',
  'validation.expected.noParameters': 'no parameters',
  'validation.expected.windowEndAfterStart': 'an in-force window whose end is not before its start',
  'validation.expected.endBeforeNext': 'an end date where a later version follows',
  'validation.expected.noGap': 'the day after the previous version ends ({date}): no gap or overlap',
  'validation.expected.datedValue': 'at least one dated value',
  'validation.expected.newItemId': 'an item id not used before',
  'validation.expected.guidanceFact': 'a guidance fact',
  'validation.expected.knownValue': 'a known {fact} value',
  'validation.expected.newConditionName': 'a condition name not used before',
  'validation.expected.newDutyId': 'a duty id not used by another rule file',
  'validation.expected.parameter': 'a parameter defined in rules/parameters',
  'validation.expected.namedCondition': 'a named condition defined in rules/conditions',
  'validation.expected.derivedFact': 'a fact of the derived-facts schema',
  'validation.expected.noCycles': 'named conditions without cycles',
  'validation.expected.everyDuty': 'a rule file for every duty id',

  'validation.received.missing': 'nothing (missing)',
  'validation.received.arrayOf': 'an array of {count}',
  'validation.received.emptyObject': 'an empty object',
  'validation.received.objectWithKeys': 'an object with keys {keys}',
  'validation.received.objectWithKeysMore': 'an object with keys {keys}, …',
  'validation.received.unknownField': 'unknown field {keys}',
  'validation.received.unknownFields': 'unknown fields {keys}',
  'validation.received.unknownFieldsMore': 'unknown fields {keys} and {more} more',
  'validation.received.smallerNumber': 'a smaller number',
  'validation.received.somethingElse': 'something else',
  'validation.received.range': '{min} to {max}',
  'validation.received.noneFor': 'none for {duties}',
} as const;

/** The id of a validation message. */
export type ValidationMessageId = keyof typeof VALIDATION_MESSAGES;

const byEnglish = new Map<string, ValidationMessageId>(
  (Object.entries(VALIDATION_MESSAGES) as [ValidationMessageId, string][]).filter(([, t]) => !t.includes('{')).map(([id, t]) => [t, id]),
);
/** The id of a validation message without parameters, from its English words (a schema's `message`). */
export function validationMessageIdOf(english: string): ValidationMessageId | undefined {
  return byEnglish.get(english);
}
