import itemsJson from '../../rules/guidance/items.json';
import helplinesJson from '../../rules/guidance/helplines.json';
import { FACTS, type FactDefinition } from '../case/facts.js';
import { VOCABULARY_LABELS } from '../case/labels.js';
import { forEachNode, type Condition } from '../engine/condition.js';
import { CODE_MESSAGES, INTERVIEW_MESSAGES, VALIDATION_MESSAGES } from '../messages/english.js';
import { formatMessage, slugOf, type MessageRef } from '../messages/message.js';
import { namedConditionsOf } from '../rules/dated.js';
import { CONDITION_SOURCES, RULE_SOURCES } from '../rules/rule-files.js';
import { GENERAL_NOTES, OVERLAPS } from '../rules/overlaps.js';
import { presumptions } from '../rules/parameters.js';
import type { NamedConditionFile, Recipient, RuleFile, Verification } from '../rules/schema.js';
import type { DutyStatus } from './types.js';

/** The words for each recipient of a report (`recipient.<value>`). */
const RECIPIENT_LABELS: Readonly<Record<Recipient, string>> = {
  social_worker: 'a social worker',
  police: 'the police (SAPS)',
  designated_child_protection_organisation: 'a designated child protection organisation',
  provincial_department_of_social_development: 'the provincial Department of Social Development',
  dsd_director_general: 'the Director-General of Social Development',
};

const STATUS_LABELS: Readonly<Record<DutyStatus, string>> = {
  applies: 'applies',
  may_apply: 'may apply',
  does_not_apply: 'does not apply',
};

const VERIFICATION_LABELS: Readonly<Record<Verification, string>> = {
  exact: 'exact statutory text',
  partial: 'statutory text, cut short',
  secondary: 'from a secondary source',
  unverified: 'unverified',
};

/** The message id of a condition's name in a rule file (no id of its own: made from its words). */
export function conditionMessageId(name: string): string {
  return `condition.${slugOf(name)}`;
}

/** The message id part naming a version of a duty: its commencement date, or `initial` where it has none. */
export function versionKey(from: string | null): string {
  return from ?? 'initial';
}

/** Adds the message id and words of every named node of a condition (a combination before its parts). */
function conditionNames(c: Condition, out: Map<string, string>): void {
  const add = (name: string | undefined): void => {
    if (name !== undefined) out.set(conditionMessageId(name), name);
  };
  forEachNode(c, { fact: (leaf) => add(leaf.name), combination: (x) => add(x.name) });
}

interface GuidanceItemText {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly steps: readonly string[];
}
interface HelplineText {
  readonly id: string;
  readonly description: string;
  readonly caveat?: string;
  readonly channels: readonly { readonly note?: string }[];
}

function build(): Record<string, string> {
  // No prototype: a lookup by an id from outside ("toString", "__proto__") finds only messages.
  const m = Object.assign(Object.create(null) as Record<string, string>, CODE_MESSAGES, VALIDATION_MESSAGES, INTERVIEW_MESSAGES);
  const add = (id: string, text: string) => {
    const had = m[id];
    if (had !== undefined && had !== text) throw new Error(`message id ${id} names two texts`);
    m[id] = text;
  };
  for (const [kind, labels] of Object.entries(VOCABULARY_LABELS))
    for (const [v, text] of Object.entries(labels as Record<string, string>)) add(`${kind}.${v}`, text);
  for (const [v, text] of Object.entries(RECIPIENT_LABELS)) add(`recipient.${v}`, text);
  // The interview's answer labels: its own words where it has them, else the value's words, capitalised.
  for (const labels of Object.values(VOCABULARY_LABELS))
    for (const v of Object.keys(labels)) {
      const words = v.replace(/_/g, ' ');
      m[`answer.${v}`] ??= words.charAt(0).toUpperCase() + words.slice(1);
    }
  for (const [v, text] of Object.entries(STATUS_LABELS)) add(`status.${v}`, text);
  for (const [v, text] of Object.entries(VERIFICATION_LABELS)) add(`verification.${v}`, text);
  for (const [name, def] of Object.entries(FACTS as Record<string, FactDefinition>)) {
    add(`fact.${name}.label`, def.label);
    add(`fact.${name}.question`, def.question);
    if (def.questionWhenAgeGiven !== undefined) add(`fact.${name}.questionWhenAgeGiven`, def.questionWhenAgeGiven);
  }
  const names = new Map<string, string>();
  for (const s of RULE_SOURCES) {
    const r = s.data as RuleFile;
    const d = `duty.${r.id}`;
    add(`${d}.title`, r.title);
    add(`${d}.recipients`, r.recipientsText);
    add(`${d}.timing`, r.timing.phrase);
    if (r.form) {
      add(`${d}.form.name`, r.form.name);
      add(`${d}.form.note`, r.form.note);
    }
    if (r.offence) add(`${d}.offence.penaltyNote`, r.offence.penalty.note);
    for (const n of r.notes) add(`note.${n.id}`, n.text);
    for (const v of r.versions) {
      const vk = `${d}@${versionKey(v.inForce.from)}`;
      if (v.textNote) add(`${vk}.textNote`, v.textNote);
      if (v.amendedBy) add(`${vk}.amendedBy`, v.amendedBy);
      for (const n of v.notes) {
        add(`note.${n.id}`, n.text);
        if (n.when) conditionNames(n.when, names);
      }
      for (const l of v.limbs) conditionNames(l.conditions, names);
    }
  }
  // Named conditions as the rule set builds them (a condition over two dates once per date, its words filled in).
  for (const file of namedConditionsOf(CONDITION_SOURCES.map((s) => s.data as NamedConditionFile)))
    for (const c of file) conditionNames(c.conditions, names);
  for (const [id, text] of names) add(id, text);
  for (const n of GENERAL_NOTES.values()) add(`note.${n.id}`, n.text);
  for (const p of presumptions.presumptions) add(`presumption.${p.id}`, p.text);
  for (const o of OVERLAPS) {
    add(`overlap.${o.id}.title`, o.title);
    for (const [k, text] of Object.entries(o.texts)) add(`overlap.${o.id}.${k}`, text);
    if (o.kind === 'alternatives') {
      add(`overlap.${o.id}.timing`, o.timingText);
      add(`overlap.${o.id}.label`, o.label);
    }
  }
  for (const g of itemsJson as unknown as GuidanceItemText[]) {
    add(`guidance.${g.id}.title`, g.title);
    add(`guidance.${g.id}.text`, g.text);
    g.steps.forEach((s, i) => add(`guidance.${g.id}.steps.${i}`, s));
  }
  for (const h of helplinesJson as unknown as HelplineText[]) {
    add(`helpline.${h.id}.description`, h.description);
    if (h.caveat !== undefined) add(`helpline.${h.id}.caveat`, h.caveat);
    h.channels.forEach((c, i) => {
      if (c.note !== undefined) add(`helpline.${h.id}.channels.${i}.note`, c.note);
    });
  }
  return m;
}

/**
 * The English catalogue: every sentence the library writes, keyed by a stable message id, with
 * `{name}` marking a parameter. Outputs carry, beside each text, the id and parameters it was made
 * from (`msg`); pass a partial catalogue as `messages` to `assess()` (or `checkCompliance()`,
 * `safeValidateCase()`, …) to have the texts in other words. Statute text stays as enacted and has
 * no id.
 *
 * Ids: `duty.<id>.title|recipients|timing|form.name|form.note|offence.penaltyNote`,
 * `duty.<id>@<commencement>.textNote|amendedBy`, `note.<id>`, `presumption.<id>`,
 * `condition.<words>`, `overlap.<id>.<text>`, `guidance.<id>.title|text|steps.<n>`,
 * `helpline.<id>.description|caveat|channels.<n>.note`, `fact.<name>.label|question`,
 * `role|harm|relationship|basis|disability|sex|recipient|status|verification.<value>`, and the
 * code's own (`disclaimer`, `test.<operator>`, `reason.*`, `question.*`, `check.*`, `validation.*`, …).
 *
 * @example
 * ```ts
 * import { englishMessages } from 'za-reporting-duties';
 * englishMessages['harm.neglect']; //=> 'neglect'
 * englishMessages['question.concern']; //=> 'Concern {concern}: {question}'
 * ```
 * @category Messages
 */
export const englishMessages: Readonly<Record<string, string>> = Object.freeze(build());

/** A message in English (the default catalogue). */
export function english(ref: MessageRef): string {
  return formatMessage(englishMessages, ref);
}
