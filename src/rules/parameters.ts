import * as z from 'zod';
import rolesJson from '../../rules/parameters/reporter-roles.json';
import relationshipsJson from '../../rules/parameters/relationships.json';
import { RELATIONSHIPS, REPORTER_ROLES } from '../case/vocabulary.js';
import { validateWith } from '../errors/from-zod.js';

const Verification = z.enum(['exact', 'partial', 'secondary', 'unverified']);
const RoleList = z.object({
  description: z.string().min(1),
  source: z.url(),
  verification: Verification,
  roles: z.array(z.enum(REPORTER_ROLES)).min(1),
});
export const ReporterRolesSchema = z.object({ s110Listed: RoleList, dvaFunctionaryPossible: RoleList, adultByRole: RoleList }).strict();

const Mapping = <T extends readonly [string, ...string[]]>(values: T) =>
  z.object({
    description: z.string().min(1),
    source: z.url(),
    verification: Verification,
    values: z.record(z.enum(RELATIONSHIPS), z.enum(values)),
  });
export const RelationshipsSchema = z
  .object({
    domesticRelationship: Mapping(['yes', 'no', 'residence'] as const),
    expectationOfTrust: Mapping(['yes', 'no', 'unknown'] as const),
  })
  .strict();

/** Validates a parameter file (the test suite does, for the bundled ones). */
export function validateParameters(): void {
  for (const [schema, data, file] of [
    [ReporterRolesSchema, rolesJson, 'rules/parameters/reporter-roles.json'],
    [RelationshipsSchema, relationshipsJson, 'rules/parameters/relationships.json'],
  ] as const) {
    const r = validateWith(schema, data, `rule file ${file}`);
    if (!r.success) throw r.error;
  }
}

// Bundled data, validated by the test suite (validateParameters); not parsed again at start-up.
export const reporterRoles = rolesJson as unknown as z.output<typeof ReporterRolesSchema>;
export const relationships = relationshipsJson as unknown as z.output<typeof RelationshipsSchema>;

export const S110_ROLE_SET: ReadonlySet<string> = new Set(reporterRoles.s110Listed.roles);
export const FUNCTIONARY_POSSIBLE_SET: ReadonlySet<string> = new Set(reporterRoles.dvaFunctionaryPossible.roles);
export const ADULT_ROLE_SET: ReadonlySet<string> = new Set(reporterRoles.adultByRole.roles);
