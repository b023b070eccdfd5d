/**
 * The one declaration per derived fact (src/case/facts.ts): its words name the age parameters
 * instead of writing them, are filled from the parameters in force, and its completion is
 * declared in terms of the facts and inputs before it.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { FACT_NAMES, FACTS, fillFactText, type FactDefinition, type Pin } from '../src/case/facts.js';
import { FACT_COMPLETIONS } from '../src/case/completions.js';
import { addDays } from '../src/case/ages.js';
import { assess } from '../src/index.js';
import { ages, CLASSIFICATIONS, textAgesBy } from '../src/rules/parameters.js';
import { caseArb } from './helpers/arbitraries.js';

const DEFS = Object.entries(FACTS) as [string, FactDefinition][];
const textsOf = (d: FactDefinition): string[] => [
  d.label,
  d.question,
  d.description,
  ...(d.questionWhenAgeGiven ? [d.questionWhenAgeGiven] : []),
];
const AGES_NOW = CLASSIFICATIONS.textAges('2026-11-28');

describe("a fact's words", () => {
  it('write no age as a number: they name the age parameters (a section number like s110(1) is not an age)', () => {
    for (const [name, d] of DEFS) for (const t of textsOf(d)) expect(t, name).not.toMatch(/(?<![\w(])\d+(?![\w)])/);
  });

  it('name only placeholders that are filled: the people, the age parameters of rules/parameters/ages.json, the oldest age of a child', () => {
    for (const key of Object.keys(AGES_NOW)) expect(Object.keys(ages), key).toContain(key);
    const known = new Set(['victim', 'perpetrator', 'oldestChildAge', ...Object.keys(AGES_NOW)]);
    for (const [name, d] of DEFS)
      for (const t of textsOf(d))
        for (const m of t.matchAll(/\{([^}]*)\}/g)) expect(known.has(m[1] as string), `${name}: {${m[1]}}`).toBe(true);
  });

  test.prop([fc.integer({ min: -40_000, max: 40_000 }).map((n) => addDays('2000-01-01', n))], { numRuns: 400 })(
    'fill in the ages in force on the date: for each, the value from its latest date on or before it (before the first, the first)',
    (date) => {
      // The bundled parameters, and made-up ones that change on several days (the bundled ones change on none since their first).
      const made = {
        ...ages,
        child: { ...ages.child, values: { '2000-01-01': 21, '2010-06-30': 18, '2030-01-01': 19 } },
        consentBand: { ...ages.consentBand, values: { '2010-06-30': 14, '2015-07-07': 16 } },
      } as typeof ages;
      for (const [params, textAges] of [
        [ages, CLASSIFICATIONS.textAges],
        [made, textAgesBy(made)],
      ] as const) {
        for (const day of [date, '2010-06-29', '2010-06-30', '2015-07-06', '2015-07-07', '2029-12-31', '2030-01-01']) {
          const t = textAges(day) as unknown as Readonly<Record<string, number>>;
          expect(Object.isFrozen(t)).toBe(true);
          for (const name of Object.keys(AGES_NOW)) {
            const values = (params[name] as { values: Readonly<Record<string, number>> }).values;
            const dates = Object.keys(values).sort();
            const from = dates.filter((d) => d <= day).at(-1) ?? (dates[0] as string);
            expect(t[name], `${name} on ${day}`).toBe(values[from]);
          }
        }
      }
    },
  );

  it('are filled from the ages handed in: another age in force gives other words', () => {
    const later = { ...AGES_NOW, child: 21, olderWoman: 62 };
    expect(fillFactText(FACTS.reporterAge.question, { victim: 'a', perpetrator: 'b', ages: later })).toBe(
      'How old are you (are you 21 or older)?',
    );
    expect(fillFactText(FACTS.victimSex.question, { victim: 'a', perpetrator: 'b', ages: later })).toBe(
      'Is a a woman or a man (the older-person age is 62 for women, 65 for men)?',
    );
    expect(fillFactText(FACTS.perpetratorAgeAtIncident.question, { victim: 'a', perpetrator: 'b', ages: later })).toBe(
      "What is b's date of birth (or age) — was the other person 16 or 20, or an adult?",
    );
  });

  it('read as before in an assessment, with the ages in force on the assessment date', () => {
    const a = assess(
      {
        assessmentDate: '2026-11-28',
        reporter: { role: 'member_of_public' },
        people: [{ id: 'gran', ageYears: 70 }, { id: 'son', ageYears: 40 }, { id: 'kid', ageYears: 14 }, { id: 'friend' }],
        concerns: [
          { victim: 'gran', harm: 'physical_abuse', allegedBy: 'son', relationship: 'other_family', basis: 'knowledge' },
          { victim: 'kid', harm: 'sexual_abuse', allegedBy: 'friend', basis: 'knowledge', incidentDate: '2026-10-01', consensual: true },
        ],
      },
      { presumptions: false },
    );
    const asked = a.questions.map((q) => q.question);
    expect(asked).toContain('How old are you (are you 18 or older)?');
    expect(asked).toContain('Is gran a woman or a man (the older-person age is 60 for women, 65 for men)?');
    expect(asked).toContain('When did it happen (give the date, especially if it was more than a year ago or when gran was under 18)?');
    expect(asked).toContain("What is friend's date of birth (or age) — was the other person 16 or 17, or an adult?");
  });

  test.prop([caseArb], { numRuns: 150 })('leave no placeholder unfilled in any assessment', (c) => {
    const a = assess(c, { presumptions: false });
    for (const q of a.questions) expect(q.question).not.toMatch(/\{[a-zA-Z]+\}/);
    for (const d of a.duties) for (const m of d.missing) expect(m.question).not.toMatch(/\{[a-zA-Z]+\}/);
  });
});

describe("a fact's completion", () => {
  const order = new Map(FACT_NAMES.map((f, i) => [f as string, i] as const));
  /** The inputs each subject has, from the facts declared before `index`. */
  const inputsBefore = (index: number, subject: string): Set<string> =>
    new Set(DEFS.slice(0, index).flatMap(([, d]) => (d.subject === subject ? d.inputs : [])));

  it('fills only inputs that answer it, and reads only settings declared before it', () => {
    DEFS.forEach(([name, d], i) => {
      const c = FACT_COMPLETIONS[name as keyof typeof FACT_COMPLETIONS];
      if (c.by === 'facts') for (const f of c.facts) expect(order.get(f), `${name} follows from ${f}`).toBeLessThan(i);
      if (c.by === 'open') expect(d.inputs, `${name}: open, so no input answers it`).toEqual([]);
      if (c.by !== 'fill') return;
      const pins: Pin[] = [...(c.openWhen ? [c.openWhen] : [])];
      for (const f of c.fills) {
        expect(d.inputs, `${name} fills ${f.input}`).toContain(f.input);
        if (Array.isArray(f.values)) expect(f.values.length, `${name}: ${f.input}`).toBeGreaterThan(0);
        pins.push(...(f.unless ?? []), ...(f.adultIf ? [f.adultIf] : []));
      }
      for (const p of pins)
        if ('given' in p) {
          const own = new Set(d.inputs);
          const before = inputsBefore(i, p.on ?? d.subject);
          expect(own.has(p.given) || before.has(p.given), `${name} is pinned by ${p.given}`).toBe(true);
        }
    });
  });
});
