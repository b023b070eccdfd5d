import * as z from 'zod';
import agesJson from '../../rules/parameters/ages.json';
import disabilitiesJson from '../../rules/parameters/disabilities.json';
import harmsJson from '../../rules/parameters/harms.json';
import relationshipsJson from '../../rules/parameters/relationships.json';
import rolesJson from '../../rules/parameters/reporter-roles.json';
import presumptionsJson from '../../rules/presumptions.json';
import type { Classifications } from '../case/derive.js';
import type { TextAges } from '../case/facts.js';
import { IsoDate } from '../case/schema.js';
import { DISABILITIES, HARMS, RELATIONSHIPS, REPORTER_ROLES } from '../case/vocabulary.js';
import { custom, validateWith } from '../errors/from-zod.js';
import { VERIFICATIONS } from './schema.js';

const Verification = z.enum(VERIFICATIONS);

const RoleList = z
  .object({ description: z.string().min(1), source: z.url(), verification: Verification, roles: z.array(z.enum(REPORTER_ROLES)).min(1) })
  .strict();
const ReporterRolesSchema = z
  .object({
    s110Listed: RoleList,
    dvaFunctionaryPossible: RoleList,
    adultByRole: RoleList,
    policeOfficial: RoleList,
    legalPrivilege: RoleList,
    withoutDuties: RoleList,
  })
  .strict();

const Mapping = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .object({
      description: z.string().min(1),
      source: z.url(),
      verification: Verification,
      values: z.record(z.enum(RELATIONSHIPS), z.enum(values)),
    })
    .strict();
const YesNoUnknown = ['yes', 'no', 'unknown'] as const;
const RelationshipsSchema = z
  .object({
    domesticRelationship: Mapping(['yes', 'no', 'residence'] as const),
    expectationOfTrust: Mapping(YesNoUnknown),
    prohibitedDegrees: Mapping(YesNoUnknown),
    parentalAuthority: Mapping(['yes', 'no', 'unknown', 'residence'] as const),
    positionOfTrust: Mapping(YesNoUnknown),
    withChildsCarer: Mapping(YesNoUnknown),
  })
  .strict();

const ConductRow = z
  .object({
    sexualContact: z.enum(YesNoUnknown),
    sexualNonContact: z.enum(YesNoUnknown),
    sexualExploitation: z.enum(YesNoUnknown),
    imagery: z.enum(YesNoUnknown),
    physicalInjury: z.enum(YesNoUnknown),
  })
  .strict();
const HarmList = z
  .object({ description: z.string().min(1), source: z.url(), verification: Verification, harms: z.array(z.enum(HARMS)).min(1) })
  .strict();
const HarmsSchema = z
  .object({
    conduct: z
      .object({ description: z.string().min(1), source: z.url(), verification: Verification, values: z.record(z.enum(HARMS), ConductRow) })
      .strict(),
    domesticViolenceForms: HarmList,
    notPhysicalAbuse: HarmList,
  })
  .strict();

/** A dated parameter, the OpenFisca way: its value from each date on, with a reference. */
const DatedNumber = z
  .object({
    description: z.string().min(1),
    reference: z.url(),
    verification: Verification,
    values: z.record(IsoDate, z.number().int().min(0)),
  })
  .strict()
  .refine((p) => Object.keys(p.values).length > 0, custom('no_dated_value', 'validation.expected.datedValue'));
const AgesSchema = z.record(z.string().regex(/^[a-zA-Z]+$/), DatedNumber);

const DisabilitiesSchema = z
  .object({
    capacityQuestioned: z
      .object({
        description: z.string().min(1),
        source: z.url(),
        verification: Verification,
        disabilities: z.array(z.enum(DISABILITIES)).min(1),
      })
      .strict(),
  })
  .strict();

const PresumptionsSchema = z
  .object({
    description: z.string().min(1),
    presumptions: z.array(
      z
        .object({
          id: z.string().regex(/^[a-z0-9-]+$/),
          facts: z.array(z.string().min(1)).min(1),
          text: z.string().min(1),
          basis: z.string().min(1),
          withinDays: z.number().int().positive().optional(),
        })
        .strict(),
    ),
  })
  .strict();

/** The bundled parameter files, with their paths (validated by the test suite). */
export const PARAMETER_SOURCES = [
  { schema: ReporterRolesSchema, data: rolesJson as unknown, file: 'rules/parameters/reporter-roles.json' },
  { schema: RelationshipsSchema, data: relationshipsJson as unknown, file: 'rules/parameters/relationships.json' },
  { schema: HarmsSchema, data: harmsJson as unknown, file: 'rules/parameters/harms.json' },
  { schema: AgesSchema, data: agesJson as unknown, file: 'rules/parameters/ages.json' },
  { schema: DisabilitiesSchema, data: disabilitiesJson as unknown, file: 'rules/parameters/disabilities.json' },
  { schema: PresumptionsSchema, data: presumptionsJson as unknown, file: 'rules/presumptions.json' },
] as const;

/** Validates every parameter file (the test suite does, for the bundled ones). */
export function validateParameters(): void {
  for (const { schema, data, file } of PARAMETER_SOURCES) {
    const r = validateWith(schema as z.ZodType, data, `rule file ${file}`);
    if (!r.success) throw r.error;
  }
}

// Bundled data, validated by the test suite (validateParameters); not parsed again at start-up.
export const reporterRoles = rolesJson as unknown as z.output<typeof ReporterRolesSchema>;
export const relationships = relationshipsJson as unknown as z.output<typeof RelationshipsSchema>;
const harms = harmsJson as unknown as z.output<typeof HarmsSchema>;
export const ages = agesJson as unknown as z.output<typeof AgesSchema>;
export const presumptions = presumptionsJson as unknown as z.output<typeof PresumptionsSchema>;
const disabilities = disabilitiesJson as unknown as z.output<typeof DisabilitiesSchema>;

type DatedAges = z.output<typeof AgesSchema>;

/**
 * The value of a dated age parameter on a date: the value from the latest date on or before it
 * (the earliest value before its first date, where a provision reads it historically).
 */
function datedValue(params: DatedAges, name: string, on: string): number {
  const p = params[name];
  if (!p) throw new Error(`Unknown age parameter "${name}"`);
  const dates = Object.keys(p.values).sort();
  let v = p.values[dates[0] as string] as number;
  for (const d of dates) if (d <= on) v = p.values[d] as number;
  return v;
}

const ageParameter = (name: string, on: string): number => datedValue(ages, name, on);

/**
 * The ages a fact's text fills in, by date, from dated age parameters. They change only on the
 * parameters' dates, so between two of those dates they are one frozen object, made up front and
 * found by date (no cache that grows with the dates a run sees).
 */
export function textAgesBy(params: DatedAges): (date: string) => TextAges {
  const on = (date: string): TextAges =>
    Object.freeze({
      child: datedValue(params, 'child', date),
      olderWoman: datedValue(params, 'olderWoman', date),
      olderMan: datedValue(params, 'olderMan', date),
      consentFloor: datedValue(params, 'consentFloor', date),
      consentBand: datedValue(params, 'consentBand', date),
    });
  const changes = [...new Set(AGE_NAMES.flatMap((n) => Object.keys(params[n]?.values ?? {})))].sort();
  // spans[i]: the ages from changes[i - 1] (inclusive) to changes[i]; spans[0]: before the first.
  const spans = [on('0000-01-01'), ...changes.map(on)];
  return (date) => {
    let i = 0;
    while (i < changes.length && (changes[i] as string) <= date) i++;
    return spans[i] as TextAges;
  };
}

const single = (roles: readonly string[]): string => roles[0] as string;

/** The age parameters: the ages a fact's text names, and the ages the rules compare an age with. */
const AGE_NAMES: readonly (keyof TextAges)[] = ['child', 'olderWoman', 'olderMan', 'consentFloor', 'consentBand'];

/** Every value the age parameters take on any date, ascending, each once. */
function ageThresholdsOf(params: DatedAges): readonly number[] {
  const values = new Set<number>();
  for (const n of AGE_NAMES) for (const v of Object.values(params[n]?.values ?? {})) values.add(v);
  return Object.freeze([...values].sort((a, b) => a - b));
}

/** The classifications derivation applies, built once from the parameter files. */
export const CLASSIFICATIONS: Classifications = {
  domesticRelationship: relationships.domesticRelationship.values,
  expectationOfTrust: relationships.expectationOfTrust.values,
  prohibitedDegrees: relationships.prohibitedDegrees.values,
  parentalAuthority: relationships.parentalAuthority.values,
  positionOfTrust: relationships.positionOfTrust.values,
  withChildsCarer: relationships.withChildsCarer.values,
  conduct: harms.conduct.values,
  s110Listed: new Set(reporterRoles.s110Listed.roles),
  functionaryPossible: new Set(reporterRoles.dvaFunctionaryPossible.roles),
  adultByRole: new Set(reporterRoles.adultByRole.roles),
  withoutDuties: new Set(reporterRoles.withoutDuties.roles),
  policeRole: single(reporterRoles.policeOfficial.roles),
  privilegeRole: single(reporterRoles.legalPrivilege.roles),
  adultAge: ageParameter('child', '9999-12-31'),
  ageGapYears: ageParameter('ageGapYears', '9999-12-31'),
  disabilitiesAffectingCapacity: new Set(disabilities.capacityQuestioned.disabilities),
  recentActDays: presumptions.presumptions.find((p) => p.id === 'age-unchanged-since-act')?.withinDays ?? 0,
  textAges: textAgesBy(ages),
  ageThresholds: ageThresholdsOf(ages),
};

/** Every parameter a condition may refer to with `{ "parameter": "file.name" }`. */
export function parameterValue(ref: string): number | readonly string[] | undefined {
  const [file, name] = ref.split('.');
  if (file === 'ages' && name) return ages[name] ? ageParameter(name, '9999-12-31') : undefined;
  if (file === 'harms' && (name === 'domesticViolenceForms' || name === 'notPhysicalAbuse')) return harms[name].harms;
  return undefined;
}
