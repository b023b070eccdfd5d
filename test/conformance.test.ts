import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { FACTS } from '../src/case/facts.js';
import { BASES, HARMS, RELATIONSHIPS, REPORTER_ROLES, SEXES } from '../src/case/vocabulary.js';
import type { Condition } from '../src/engine/condition.js';
import { toTopLevel } from '../src/interop/json-rules-engine.js';
import { compileRuleSet } from '../src/rules/compiled.js';
import { buildRuleSet } from '../src/rules/rule-set.js';
import { assess } from '../src/index.js';
import { createEngine, caseFacts } from '../src/json-rules-engine.js';
import { complete, seeded, type JsonCase } from './helpers/arbitraries.js';
import { loadScenarios } from './helpers/fixtures.js';

const set = buildRuleSet();
const compiled = compileRuleSet(set);

/** Random definite facts: every fact of the derived-facts schema with a value. */
const definiteFacts = fc.record({
  reporterRole: fc.constantFrom(...REPORTER_ROLES),
  reporterListedInS110: fc.boolean(),
  reporterIsPoliceOfficial: fc.boolean(),
  reporterIsFunctionary: fc.boolean(),
  reporterAge: fc.integer({ min: 5, max: 90 }),
  inCourseOfDuties: fc.boolean(),
  basis: fc.constantFrom(...BASES),
  harm: fc.constantFrom(...HARMS),
  relationship: fc.constantFrom(...RELATIONSHIPS),
  victimAgeAtKnowledge: fc.integer({ min: 0, max: 100 }),
  victimAgeAtIncident: fc.integer({ min: 0, max: 100 }),
  victimSex: fc.constantFrom(...SEXES),
  victimHasDisability: fc.boolean(),
  victimMentalDisability: fc.boolean(),
  perpetratorAgeAtIncident: fc.integer({ min: 0, max: 100 }),
  ageGapWithinTwoYears: fc.boolean(),
  consensual: fc.boolean(),
  physicalInjury: fc.boolean(),
  deliberateNeglect: fc.boolean(),
  domesticRelationship: fc.boolean(),
  expectationOfTrust: fc.boolean(),
  receivedAsReport: fc.boolean(),
  privilegedCommunication: fc.boolean(),
  knowledgeContinues: fc.boolean(),
  sexualContact: fc.boolean(),
  sexualNonContact: fc.boolean(),
  sexualExploitation: fc.boolean(),
  imagery: fc.boolean(),
  prohibitedDegree: fc.boolean(),
  parentalAuthority: fc.boolean(),
  abuseOfTrustOrInducement: fc.boolean(),
  concludesSexualAbuse: fc.boolean(),
  perpetratorInDomesticRelationshipWithCarer: fc.boolean(),
  perpetratorHarmedCarer: fc.boolean(),
  reasonToSuspect: fc.boolean(),
  lawInForce: fc.boolean(),
});

function engineFor(conditions: Condition): Engine {
  const e = new Engine([], { allowUndefinedFacts: false });
  for (const [name, c] of set.named) e.setCondition(name, toTopLevel(c));
  e.addRule({ conditions: toTopLevel(conditions), event: { type: 'hit' } });
  return e;
}

describe('conformance with json-rules-engine (the reference) on definite facts', () => {
  it('draws a value for every fact of the derived-facts schema', async () => {
    const [sample] = fc.sample(definiteFacts, 1);
    expect(Object.keys(sample ?? {}).sort()).toEqual(Object.keys(FACTS).sort());
  });

  for (const [id, rule] of compiled.rules) {
    rule.versions.forEach((v, vi) => {
      v.limbs.forEach((limb, li) => {
        it(`${id} version ${vi} limb ${limb.id}: same verdict as json-rules-engine`, async () => {
          const engine = engineFor((v.version.limbs[li] as { conditions: Condition }).conditions);
          await fc.assert(
            fc.asyncProperty(definiteFacts, async (facts) => {
              const ours = limb.test.tri(facts);
              expect(ours === null).toBe(false);
              const { events } = await engine.run(facts);
              expect(ours).toBe(events.length > 0);
            }),
            { numRuns: 300 },
          );
        });
      });
    });
  }

  it('createEngine fires exactly the duties assess finds applying, per concern, on completed fixture cases', async () => {
    let compared = 0;
    const pick = seeded(20261128);
    for (const { scenario } of loadScenarios()) {
      if (scenario.expected.error) continue;
      const full = complete(scenario.case as JsonCase, pick);
      // createEngine loads the law of one date: the knowledge did not continue past it.
      full.reporter.stillKnows = false;
      const a = assess(full);
      const engine = createEngine({ lawAsAt: a.lawAsAt });
      for (const f of caseFacts(full)) {
        const { events } = await engine.run(f.facts);
        const fired = [...new Set(events.map((e) => e.type))].sort();
        const applying = a.duties
          .filter((d) => d.person === f.person && d.status === 'applies' && d.concerns.includes(f.concern))
          .map((d) => d.duty)
          .sort();
        expect(fired, `${scenario.name} / ${f.concern}`).toEqual(applying);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });
});
