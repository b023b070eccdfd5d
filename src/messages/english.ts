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
  'reason.knowledgeContinues.binds':
    'you still knew on {date}, when {provision} bound you (ages “on the knowledge date” are taken on that day)',
  'reason.knowledgeContinues.ongoing': 'you still knew on {date}, while the act went on (ages are taken on that day)',
  'reason.knowledgeContinues.ageReached':
    'you still knew on {date}, the day an age this duty turns on was reached (ages “on the knowledge date” are taken on that day)',
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
  'list.or': '{init} or {last}',

  // The compliance check.
  'check.label.alternatives': '{duty} (one report meets {accepts})',
  'check.within': 'within {hours} hours of coming to know on {date}',
  'check.withinFrom': 'within {hours} hours of {date}, the day the duty bound while the reporter still knew',
  'check.action': 'action {index} ({date}, to {recipient})',
  'check.actionAt': 'action {index} ({date} {time}, to {recipient})',
  'check.notCounted.recipient': 'a report to {recipient} does not meet {label}: it must go to {recipients}',
  'check.notCounted.beforeKnowledgeDate': 'made on {date}, before the knowledge date {knowledgeDate}',
  'check.notCounted.beforeKnowledgeTime': 'made at {time} on {date}, before the reporter came to know at {knowledgeTime}',
  'check.note.lastDay':
    "Reported on {date}, the last day the {hours} hours can end: give knowledgeTime and the report's time to confirm it was in time.",
  'check.note.noForm': 'No form is recorded for the report; the law requires: {form}.',
  'check.note.noFormSecondary':
    'No form is recorded for the report. The form named for this duty is {form}, which is known only from a secondary source: it is not settled law.',
  'check.note.noFormUnverified': 'No form is recorded for the report. Which form this duty needs is unverified ({form}).',
  'check.note.daysAfter':
    'Reported {days} days after coming to know on {date}; the law says "{phrase}", and whether that was soon enough is not decided here.',
  'check.met': 'Met: {label} for {person}, by {actions}.',
  'check.overdue.late': 'Overdue: {label} for {person} had to be reported {when}; {actions} came after that.',
  'check.overdue.none': 'Overdue: {label} for {person} had to be reported to {to} {when}, and no report is recorded.',
  'check.unmet': 'Not met: {label} for {person} must be reported to {to}, {when}; no report that counts is recorded.',
  'check.unmet.notCounted':
    'Not met: {label} for {person} must be reported to {to}, {when}; no report that counts is recorded (see notCounted).',
  'check.open': 'Open: {label} may apply to {person}, depending on the questions listed; if it applies, report to {to}, {when}.',
  'check.open.metBy':
    'Open: {label} may apply to {person}, depending on the questions listed; if it applies, report to {to}, {when}. {actions} would meet it.',
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
  'validation.expected.wholeNumber': 'a whole number',
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
  'validation.expected.dateRange': 'a date from 1850 to 2200',
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
  'validation.expected.oneDate': 'at least one date',
  'validation.expected.noDatePlaceholder': 'no date or when placeholder outside a condition read over dates',
  'validation.expected.whenWords': 'the words for the when placeholder on this date',
  'validation.expected.newItemId': 'an item id not used before',
  'validation.expected.newItemPriority': 'a priority no other item of its kind has (items[{index}] has {priority})',
  'validation.expected.sameRuleset': 'the ruleset version of this library ({version}): expand it with the version that made it',
  'validation.expected.ruleVersion': 'a version of {duty} in these rules ({versions})',
  'validation.expected.ruleNote': 'an interpretation note of {duty} in these rules',
  'validation.expected.ruleProvision': 'a provision of this version of {duty} ({provisions})',
  'validation.expected.presumptionId': 'a presumption of these rules',
  'validation.expected.overlapId': 'an overlap of these rules ({ids})',
  'validation.expected.guidanceItemId': 'a guidance item of these rules',
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

/**
 * The English of the guided interview (`nextQuestions`): its outline questions, the words of the
 * answer that leaves a field unknown, and the answers' labels (`answer.<value>`; a vocabulary value
 * without one here reads as its words, capitalised).
 */
export const INTERVIEW_MESSAGES = {
  'interview.role': 'Who are you: in what role did you learn about this?',
  'interview.firstVictim': 'Who was harmed, or is at risk? A short label is enough, no name (for example "mother" or "Lerato, 5").',
  'interview.victim': 'Who was harmed, or is at risk? A short label is enough, no name.',
  'interview.harm': 'What happened to {who}?',
  'interview.allegedBy': 'Who did it, or is said to have done it, to {who}? A short label is enough (for example "partner").',
  'interview.anotherVictim': 'Is anyone else harmed or at risk, for example a child who saw or heard it, or someone else in the home?',
  'interview.knowledgeDate': 'On what date did you come to know, believe or suspect this? (It decides which law applies.)',
  'interview.skip': "I don't know",
  'interview.skip.noOneElse': 'No one else',
  'interview.skip.today': "I don't know (use today)",
  'answer.yes': 'Yes',
  'answer.no': 'No',
  'answer.partial_care_facility_staff': 'Staff member at a partial care facility',
  'answer.partial_care_facility_volunteer': 'Volunteer at a partial care facility',
  'answer.drop_in_centre_staff': 'Staff member at a drop-in centre',
  'answer.drop_in_centre_volunteer': 'Volunteer at a drop-in centre',
  'answer.child_and_youth_care_centre_staff': 'Staff member at a child and youth care centre',
  'answer.child_and_youth_care_centre_volunteer': 'Volunteer at a child and youth care centre',
  'answer.designated_child_protection_organisation_staff': 'Staff member of a designated child protection organisation',
  'answer.school_staff_non_teaching': 'School staff member (not a teacher)',
  'answer.member_of_public': 'Member of the public',
  'answer.family_member': 'Family member',
  'answer.emotional_abuse': 'Emotional, verbal or psychological abuse',
  'answer.exposure_to_domestic_violence': 'Saw or heard domestic violence (exposure)',
  'answer.child_sexual_abuse_material': 'Child sexual abuse material',
  'answer.parent_partner': 'Partner of their parent',
  'answer.other_family': 'Other family member',
  'answer.former_intimate_partner': 'Former intimate partner',
  'answer.dating': 'Dating partner',
  'answer.household_member': 'Someone who lives in the same household',
  'answer.paid_carer': 'Paid carer',
  'answer.teacher_or_coach': 'Teacher or coach',
  'answer.peer': 'Someone of their own age (a peer)',
  'answer.knowledge': 'I know it',
  'answer.reasonable_belief': 'I believe it, on reasonable grounds',
  'answer.reasonable_suspicion': 'I suspect it, on reasonable grounds',
  'answer.rumour': 'It is only a rumour',
  'answer.none': 'No disability',
  'answer.psychosocial': 'Psychosocial (mental health)',
  'answer.female': 'Female',
  'answer.male': 'Male',
} as const;
