import type { FactName } from '../case/facts.js';
import type { DutyId, DutyStatus, Modality } from '../case/vocabulary.js';
import type { MessageRef } from '../messages/message.js';
import type { Recipient, Verification } from '../rules/schema.js';

export type { DutyStatus, MessageRef };

/** The message references of an object's text fields (`msg`): the id and parameters each text was made from, by field name. */
export type Msg<K extends string> = { readonly [F in K]: MessageRef };
/** As {@link Msg}, where each field may be absent. */
export type MsgOptional<K extends string> = { readonly [F in K]?: MessageRef };

/**
 * How an assessment was made: with the ordinary presumptions (`presumptive`) or without (`strict`).
 *
 * @example
 * ```ts
 * ASSESSMENT_MODES.includes(assess(myCase).mode); //=> true
 * ```
 */
export const ASSESSMENT_MODES = ['presumptive', 'strict'] as const;
/** The kinds of {@link Overlap} (`rules/overlaps/`). */
export const OVERLAP_KINDS = ['alternatives', 'one-report'] as const;
/** The kinds of {@link GuidanceItem}, in the order they are shown. */
export const GUIDANCE_KINDS = ['emergency', 'form', 'option', 'tension', 'record'] as const;
/** The kinds of {@link GuidanceSource}. */
export const GUIDANCE_SOURCE_KINDS = ['statute', 'regulation', 'practice', 'secondary'] as const;
/** How a {@link Helpline}'s details were checked. */
export const HELPLINE_VERIFICATIONS = ['verified', 'secondary'] as const;

/** A fact's value as shown in output: ages known only within bounds are `{ min, max }`, unknown is `null`. */
export type ReasonValue = boolean | number | string | { readonly min: number; readonly max: number } | readonly string[] | null;

/** The fact a {@link Reason} names: a derived fact, or `knowledgeDate` (the provision was in force when the reporter came to know). */
export type ReasonFact = FactName | 'knowledgeDate';

/** One condition that decided the outcome: the fact, its value, the test and the result. */
export interface Reason {
  /** The derived fact tested (see the fact catalogue), or `knowledgeDate` for the in-force test. */
  readonly fact: ReasonFact;
  readonly value: ReasonValue;
  /** The test in short form, e.g. `< 18`, `= true`, `one of knowledge, reasonable_belief`. */
  readonly test: string;
  readonly result: boolean | 'unknown';
  /** The test in words, from the rule file. */
  readonly label?: string;
  /** The named condition (statutory limb) the test belongs to. */
  readonly within?: string;
  /** The concern the fact comes from. */
  readonly concern?: string;
  /** The messages `test` and `label` were made from (`within` is a named condition's id, not a text). */
  readonly msg: { readonly test: MessageRef; readonly label?: MessageRef };
}

/** A fact that would settle a `may_apply`, as a question a case worker can ask. */
export interface MissingFact {
  /** The derived fact that is unknown. */
  readonly fact: FactName;
  /** Whom it is about: `reporter`, or a people[].id, or a concern id. */
  readonly about: string;
  readonly question: string;
  /** Input fields that answer it, e.g. `people[1].dateOfBirth`. */
  readonly inputs: readonly string[];
  readonly msg: Msg<'question'>;
}

/** Where a duty comes from. */
export interface Citation {
  readonly act: string;
  readonly provision: string;
  readonly text: string;
  readonly textNote?: string;
  readonly source: string;
  readonly inForceFrom: string | null;
  readonly inForceTo: string | null;
  readonly amendedBy?: string;
  readonly verification: Verification;
  /** The messages of the editorial texts (`textNote`, `amendedBy`); the statute text has none. */
  readonly msg: MsgOptional<'textNote' | 'amendedBy'>;
}

/** A statement with its own verification label. */
export interface CitedText {
  readonly provision: string;
  readonly text: string;
  readonly verification: Verification;
}

/** An interpretation note: where the law is unsettled and how the library reads it. */
export interface InterpretationNote {
  readonly id: string;
  readonly text: string;
  readonly verification: Verification;
  readonly msg: Msg<'text'>;
}

/** The offence for failing the duty, and its penalty only where verified. */
export interface Offence {
  readonly provision: string;
  readonly text: string;
  readonly verification: Verification;
  readonly penalty: { readonly text: string | null; readonly verification: Verification; readonly note: string; readonly msg: Msg<'note'> };
}

/** A form, with its number only where one is given (and its verification label). */
export interface FormInfo {
  readonly name: string;
  readonly number: string | null;
  readonly verification: Verification;
  readonly note: string;
  readonly msg: Msg<'name' | 'note'>;
}

/** A deadline the law states in hours (only s110(4) here). */
export interface Deadline {
  readonly hours: number;
  readonly from: string;
  /** With dates only: the last calendar day the deadline can fall on. */
  readonly latestDate: string;
  readonly passed: boolean;
}

/** One duty for one person at risk. */
export interface DutyResult {
  readonly duty: DutyId;
  readonly person: string;
  readonly status: DutyStatus;
  readonly modality: Modality;
  readonly title: string;
  readonly citation: Citation;
  readonly recipients: readonly Recipient[];
  readonly recipientsText: string;
  readonly timing: {
    readonly phrase: string;
    readonly deadlineHours: number | null;
    readonly verification: Verification;
    readonly msg: Msg<'phrase'>;
  };
  readonly deadline?: Deadline;
  readonly form: FormInfo | null;
  readonly contents: readonly CitedText[];
  readonly offence: Offence | null;
  readonly protections: readonly CitedText[];
  readonly reasons: readonly Reason[];
  /**
   * For `may_apply`, the facts that would settle it. For a status that rests on presumptions
   * (`presumed`), the facts that would replace them.
   */
  readonly missing: readonly MissingFact[];
  readonly notes: readonly InterpretationNote[];
  /** The concerns that decided the status. */
  readonly concerns: readonly string[];
  /**
   * The ordinary presumptions this status rests on (default mode only): present only where the
   * strict three-valued status (`strictStatus`) differs. Never silent.
   */
  readonly presumed?: readonly PresumptionNote[];
  /** The status without presumptions, where it differs (`{ presumptions: false }` gives it). */
  readonly strictStatus?: DutyStatus;
  /** The messages `title` and `recipientsText` were made from. */
  readonly msg: Msg<'title' | 'recipientsText'>;
}

/** An ordinary presumption a status rests on: which, for which fact, about whom, in words. */
export interface PresumptionNote {
  readonly id: string;
  readonly fact: string;
  /** `reporter`, or the people[].id the presumed fact is about. */
  readonly about: string;
  readonly text: string;
  readonly msg: Msg<'text'>;
}

/** Where duties meet: alternatives, or one report meeting several duties. */
export interface Overlap {
  /** The overlap's id in `rules/overlaps/` (`dva-report`, `one-police-report`). */
  readonly id: string;
  /** `alternatives`: duties the Act makes alternatives, met by one report; `one-report`: one report to one recipient meeting several duties. */
  readonly kind: (typeof OVERLAP_KINDS)[number];
  /** The overlap in a few words, from the rule data. */
  readonly title: string;
  readonly person: string;
  readonly duties: readonly DutyId[];
  readonly status: DutyStatus;
  readonly text: string;
  readonly msg: Msg<'title' | 'text'>;
}

/** A question for the case worker: a missing fact and what it would settle. */
export interface Question {
  /** The derived fact the question settles. */
  readonly fact: FactName;
  readonly about: string;
  readonly question: string;
  readonly inputs: readonly string[];
  /** The duty statuses this answer would help settle. */
  readonly settles: readonly { readonly duty: DutyId; readonly person: string }[];
  /** True where it matters only if a presumption is wrong (asked last): the answer may change a presumed status. */
  readonly presumed?: boolean;
  readonly msg: Msg<'question'>;
}

/** A source a guidance item rests on. */
export interface GuidanceSource {
  readonly kind: (typeof GUIDANCE_SOURCE_KINDS)[number];
  readonly cite: string;
  readonly url?: string;
  readonly verification: Verification;
}

/** One piece of guidance on how to act, for the people it concerns. */
export interface GuidanceItem {
  readonly id: string;
  readonly kind: (typeof GUIDANCE_KINDS)[number];
  readonly title: string;
  readonly text: string;
  readonly steps: readonly string[];
  readonly forDuties: readonly DutyId[];
  readonly persons: readonly string[];
  readonly sources: readonly GuidanceSource[];
  /** Shown before the duties in text meant for people (e.g. for a reporter who is a child). */
  readonly lead?: boolean;
  readonly msg: { readonly title: MessageRef; readonly text: MessageRef; readonly steps: readonly MessageRef[] };
}

/** A helpline, with when it was last checked. */
export interface Helpline {
  readonly id: string;
  readonly name: string;
  readonly number: string | null;
  readonly channels: readonly {
    readonly kind: string;
    readonly value: string;
    readonly note?: string;
    readonly msg: MsgOptional<'note'>;
  }[];
  readonly description: string;
  readonly sources: readonly string[];
  readonly verification: (typeof HELPLINE_VERIFICATIONS)[number];
  readonly lastChecked: string;
  readonly caveat?: string;
  readonly msg: { readonly description: MessageRef; readonly caveat?: MessageRef };
}

/** Survivor-centred guidance: separate from the duties, never softening one. */
export interface Guidance {
  readonly items: readonly GuidanceItem[];
  readonly helplines: readonly Helpline[];
}

/** The answer to "which reporting duties apply to me, and how do I act on them well?". */
export interface Assessment {
  readonly caseId?: string;
  readonly assessmentDate: string;
  /** The knowledge date, which selects the law in force. */
  readonly lawAsAt: string;
  /**
   * Whether the ordinary presumptions were used (`presumptive`, the default) or not (`strict`,
   * `{ presumptions: false }`).
   */
  readonly mode: (typeof ASSESSMENT_MODES)[number];
  readonly rulesetVersion: string;
  readonly duties: readonly DutyResult[];
  readonly overlaps: readonly Overlap[];
  readonly guidance: Guidance;
  readonly questions: readonly Question[];
  readonly disclaimer: string;
  readonly msg: Msg<'disclaimer'>;
}

/** A {@link Reason} without its texts (`test`, `label`): their messages (`msg`) say them. */
export interface ReferencedReason {
  readonly fact: ReasonFact;
  readonly value: ReasonValue;
  readonly result: boolean | 'unknown';
  readonly within?: string;
  readonly concern?: string;
  readonly msg: { readonly test: MessageRef; readonly label?: MessageRef };
}

/** A {@link MissingFact} without its question's text (its message says it). */
export interface ReferencedMissingFact {
  readonly fact: FactName;
  readonly about: string;
  readonly inputs: readonly string[];
  readonly msg: Msg<'question'>;
}

/** A {@link DutyResult} with its law referred to: the rule version (`law`) and, where a limb has its own, the provision. */
export interface ReferencedDuty {
  readonly duty: DutyId;
  readonly person: string;
  readonly status: DutyStatus;
  readonly modality: Modality;
  /** The rule version cited: its commencement date, or `initial` where it has none (`za-duties rules`). */
  readonly law: string;
  /** The provision cited, where it is a limb's own rather than the version's. */
  readonly provision?: string;
  readonly reasons: readonly ReferencedReason[];
  readonly missing: readonly ReferencedMissingFact[];
  /** The interpretation notes, by id. */
  readonly notes: readonly string[];
  readonly concerns: readonly string[];
  readonly deadline?: Deadline;
  /** The presumptions the status rests on, without their texts. */
  readonly presumed?: readonly { readonly id: string; readonly fact: string; readonly about: string }[];
  readonly strictStatus?: DutyStatus;
}

/** An {@link Overlap} without its texts (`kind` and `title` come with its id; `msg` says its text). */
export interface ReferencedOverlap {
  readonly id: string;
  readonly person: string;
  readonly duties: readonly DutyId[];
  readonly status: DutyStatus;
  readonly msg: Msg<'title' | 'text'>;
}

/**
 * An {@link Assessment} with each text referred to instead of carried (`texts: "referenced"`): a
 * sixth of the size, for storing or sending many. The helplines, the disclaimer and the questions
 * (made from the duties' missing facts) are left out; `expandTexts` gives them back.
 */
export interface ReferencedAssessment {
  readonly caseId?: string;
  readonly assessmentDate: string;
  readonly lawAsAt: string;
  readonly mode: Assessment['mode'];
  /** The rules and catalogue the texts are in: expand with the same version. */
  readonly rulesetVersion: string;
  readonly texts: 'referenced';
  readonly duties: readonly ReferencedDuty[];
  readonly overlaps: readonly ReferencedOverlap[];
  /** The guidance items shown, by id, with the people each concerns. */
  readonly guidance: { readonly items: readonly { readonly id: string; readonly persons: readonly string[] }[] };
}
