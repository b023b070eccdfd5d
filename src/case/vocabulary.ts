/**
 * The closed vocabularies of the input contract. Values are stable: add new ones, never rename.
 * Which role is a listed reporter under which Act is law, so it lives in
 * `rules/parameters/reporter-roles.json`, not here; a test checks the two lists agree.
 */

/** Occupations and positions listed in Children's Act s110(1), each its own value. */
export const S110_LISTED_ROLES = [
  'correctional_official',
  'dentist',
  'homeopath',
  'immigration_official',
  'labour_inspector',
  'legal_practitioner',
  'medical_practitioner',
  'midwife',
  'minister_of_religion',
  'nurse',
  'occupational_therapist',
  'physiotherapist',
  'psychologist',
  'religious_leader',
  'social_service_professional',
  'social_worker',
  'speech_therapist',
  'teacher',
  'traditional_health_practitioner',
  'traditional_leader',
  'partial_care_facility_staff',
  'partial_care_facility_volunteer',
  'drop_in_centre_staff',
  'drop_in_centre_volunteer',
  'child_and_youth_care_centre_staff',
  'child_and_youth_care_centre_volunteer',
] as const;

/** Other reporters users need: not listed in s110(1). */
const OTHER_ROLES = [
  'police_official',
  'member_of_public',
  'family_member',
  'designated_child_protection_organisation_staff',
  'community_health_worker',
  'pharmacist',
  'paramedic',
  'counsellor',
  'school_staff_non_teaching',
  'shelter_staff',
  'employer',
  'other',
] as const;

/**
 * Every reporter role the input accepts: each Children's Act s110(1) occupation and care-facility
 * staff or volunteer as its own value, then police, members of the public and others.
 *
 * @example
 * ```ts
 * REPORTER_ROLES.includes('teacher'); //=> true
 * ```
 * @category Vocabulary
 */
export const REPORTER_ROLES = [...S110_LISTED_ROLES, ...OTHER_ROLES] as const;
/** A reporter's role. */
export type ReporterRole = (typeof REPORTER_ROLES)[number];

/**
 * Sex values, as the Older Persons Act thresholds use them.
 *
 * @example
 * ```ts
 * SEXES; //=> ['female', 'male']
 * ```
 * @category Vocabulary
 */
export const SEXES = ['female', 'male'] as const;
/** Sex as the Older Persons Act thresholds use it (female 60+, male 65+). */
export type Sex = (typeof SEXES)[number];

/**
 * Disability values; `none` is a definite answer, omitting the field means unknown.
 *
 * @example
 * ```ts
 * DISABILITIES[0]; //=> 'none'
 * ```
 * @category Vocabulary
 */
export const DISABILITIES = ['none', 'physical', 'sensory', 'intellectual', 'psychosocial', 'other'] as const;
/** Disability of a person; `none` is a definite answer, omission is unknown. */
export type Disability = (typeof DISABILITIES)[number];

/**
 * The kinds of harm a concern can be about.
 *
 * @example
 * ```ts
 * HARMS.includes('exposure_to_domestic_violence'); //=> true
 * ```
 * @category Vocabulary
 */
export const HARMS = [
  'physical_abuse',
  'sexual_abuse',
  'emotional_abuse',
  'economic_abuse',
  'neglect',
  'exposure_to_domestic_violence',
  'intimidation',
  'harassment',
  'sexual_harassment',
  'coercive_behaviour',
  'controlling_behaviour',
  'spiritual_abuse',
  'damage_to_property',
  'trafficking',
  'sexual_exploitation',
  'child_sexual_abuse_material',
] as const;
/** The kind of harm a concern is about. `emotional_abuse` covers emotional, verbal and psychological abuse. */
export type Harm = (typeof HARMS)[number];

/**
 * Relationships of the alleged perpetrator to the victim.
 *
 * @example
 * ```ts
 * RELATIONSHIPS.includes('parent_partner'); //=> true
 * ```
 * @category Vocabulary
 */
export const RELATIONSHIPS = [
  'parent',
  'step_parent',
  'parent_partner',
  'parent_former_partner',
  'sibling',
  'grandparent',
  'aunt_or_uncle',
  'cousin',
  'other_family',
  'intimate_partner',
  'former_intimate_partner',
  'dating',
  'household_member',
  'caregiver',
  'paid_carer',
  'teacher_or_coach',
  'neighbour',
  'peer',
  'stranger',
  'other',
] as const;
/**
 * Relationship of the alleged perpetrator to the victim. `parent_partner` is the current partner of
 * the victim's parent, `parent_former_partner` a former one; `other_family` is a relative not listed
 * (its degree of kinship unknown).
 */
export type Relationship = (typeof RELATIONSHIPS)[number];

/**
 * How the reporter came to the concern, strongest first.
 *
 * @example
 * ```ts
 * BASES; //=> ['knowledge', 'reasonable_belief', 'reasonable_suspicion', 'rumour']
 * ```
 * @category Vocabulary
 */
export const BASES = ['knowledge', 'reasonable_belief', 'reasonable_suspicion', 'rumour'] as const;
/** How the reporter came to the concern, strongest first. */
export type Basis = (typeof BASES)[number];

/**
 * The stable duty identifiers, a public contract: never renamed, only added to.
 *
 * @example
 * ```ts
 * DUTY_IDS.length; //=> 11
 * ```
 * @category Vocabulary
 */
export const DUTY_IDS = [
  'dva-s2A',
  'dva-s2B',
  'ca-s110-1',
  'ca-s110-2',
  'ca-s110-4',
  'soa-s54-1',
  'soa-s54-2',
  'opa-s26',
  'tip-s18',
  'tip-s19',
  'fpa-s24B',
] as const;
/** The stable duty identifiers (public contract: never renamed). */
export type DutyId = (typeof DUTY_IDS)[number];

/**
 * What the library says of a duty for a person at risk: `applies` (for every way the unknown facts
 * could turn out), `may_apply` (it depends on them) or `does_not_apply` (for none).
 *
 * @example
 * ```ts
 * DUTY_STATUSES.includes('may_apply'); //=> true
 * ```
 * @category Vocabulary
 */
export const DUTY_STATUSES = ['applies', 'may_apply', 'does_not_apply'] as const;
/** Whether a duty applies: for every way the unknown facts could turn out, for none, or it depends. */
export type DutyStatus = (typeof DUTY_STATUSES)[number];

/**
 * Whether a provision obliges the reporter (`must`) or only permits a report (`may`).
 *
 * @example
 * ```ts
 * MODALITIES; //=> ['must', 'may']
 * ```
 * @category Vocabulary
 */
export const MODALITIES = ['must', 'may'] as const;
/** Whether a provision obliges (`must`) or permits (`may`). */
export type Modality = (typeof MODALITIES)[number];
