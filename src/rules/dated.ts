import { mapCondition } from '../engine/condition.js';
import { CONDITION_DATES, type ConditionDate, type NamedCondition, type NamedConditionFile } from './schema.js';

/** What `{date}` in a fact name becomes on each date: `victimAgeAt{date}` is `victimAgeAtKnowledge` or `victimAgeAtIncident`. */
const FACT_DATE: Readonly<Record<ConditionDate, string>> = { knowledge: 'Knowledge', incident: 'Incident' };

/**
 * The named conditions of each condition file, in file order: a plain file as it is; a file read
 * over dates (`dates`) once per date, in the order of {@link CONDITION_DATES}, each instance
 * reading that date's facts, labelled with that date's words and referring to other dated
 * conditions on the same date. A reference to a dated condition that has no instance on that date
 * is left as it is, so the cross-check reports it as an unknown condition.
 *
 * @param files - The validated condition files.
 * @returns Per file, its named conditions.
 */
export function namedConditionsOf(files: readonly NamedConditionFile[]): NamedCondition[][] {
  const dated = new Map(files.flatMap((f) => (f.dates ? [[f.name, f.dates] as const] : [])));
  return files.map(({ dates, ...file }) => {
    if (!dates) return [file];
    return CONDITION_DATES.flatMap((date) => {
      const instance = dates[date];
      if (!instance) return [];
      const conditions = mapCondition(file.conditions, {
        fact: (leaf) => {
          const fact = leaf.fact.replaceAll('{date}', FACT_DATE[date]);
          if (leaf.name === undefined || instance.when === undefined) return { ...leaf, fact };
          return { ...leaf, fact, name: leaf.name.replaceAll('{when}', instance.when) };
        },
        reference: (ref) => {
          const target = dated.get(ref.condition)?.[date];
          return target ? { condition: target.name } : ref;
        },
      });
      return [{ ...file, name: instance.name, conditions }];
    });
  });
}
