/*
 * Cases built around days on which some time zone has no local midnight (clocks jump from 00:00
 * to 01:00) or no day at all (Samoa skipped 30 December 2011, Kiritimati 31 December 1994). Date
 * arithmetic on local `Date` objects goes wrong exactly there; plain-date arithmetic does not.
 * Dates here are shifted with Date.UTC, independently of src/case/ages.ts.
 */

/** Days on which a zone of test/zones.test.ts has no local midnight, or no day. */
export const TRAP_DAYS = [
  '2008-10-19', // America/Sao_Paulo: DST began at 00:00
  '2012-10-21', // America/Sao_Paulo
  '2018-11-04', // America/Sao_Paulo (its last DST)
  '2010-09-26', // Pacific/Apia: DST began at 00:00
  '2011-12-30', // Pacific/Apia: the day skipped when Samoa crossed the date line
  '1994-12-31', // Pacific/Kiritimati: the day skipped when Kiribati moved the date line
] as const;

function shiftDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function shiftYears(iso: string, years: number): string {
  // None of the trap days is 29 February.
  return `${String(Number(iso.slice(0, 4)) + years).padStart(4, '0')}${iso.slice(4)}`;
}

const teacher = (knowledgeDate: string) => ({ role: 'teacher', ageYears: 44, inCourseOfDuties: true, dvaFunctionary: true, knowledgeDate });

/** A named case for every kind of date arithmetic the assessment does, around each trap day. */
export function zoneTrapCases(): { name: string; input: Record<string, unknown> }[] {
  const out: { name: string; input: Record<string, unknown> }[] = [];
  for (const day of TRAP_DAYS) {
    // Born on the trap day; assessed the day before, on and after the 18th birthday (s110(1), DVA s2A).
    for (const offset of [-1, 0, 1]) {
      const on = shiftDays(shiftYears(day, 18), offset);
      out.push({
        name: `born ${day}, 18th birthday ${offset >= 0 ? '+' : ''}${offset} day`,
        input: {
          assessmentDate: on,
          reporter: teacher(on),
          people: [
            { id: 'learner', dateOfBirth: day, sex: 'female', disability: 'none' },
            { id: 'father', ageYears: 50, sex: 'male' },
          ],
          concerns: [
            {
              id: 'c1',
              victim: 'learner',
              harm: 'physical_abuse',
              allegedBy: 'father',
              relationship: 'parent',
              basis: 'knowledge',
              incidentDate: on,
              physicalInjury: true,
            },
          ],
        },
      });
    }
    // Aged 17 (a whole number) on a date whose birth window starts or ends at the trap day.
    for (const ref of [shiftYears(shiftDays(day, -1), 18), shiftYears(day, 17)]) {
      out.push({
        name: `aged 17 on ${ref}`,
        input: {
          assessmentDate: ref,
          reporter: teacher(ref),
          people: [
            { id: 'learner', ageYears: 17, sex: 'female', disability: 'none' },
            { id: 'father', ageYears: 50, sex: 'male' },
          ],
          concerns: [
            {
              id: 'c1',
              victim: 'learner',
              harm: 'physical_abuse',
              allegedBy: 'father',
              relationship: 'parent',
              basis: 'knowledge',
              incidentDate: shiftDays(ref, -400),
              physicalInjury: true,
            },
          ],
        },
      });
    }
    // Two adolescents born two years apart, exactly and with a day more either way, one on the trap day.
    for (const [a, b] of [
      [day, shiftYears(day, -2)],
      [shiftDays(day, 1), shiftYears(day, -2)],
      [shiftYears(day, 2), day],
      [shiftYears(shiftDays(day, 1), 2), day],
      [day, shiftYears(shiftDays(day, -1), -2)],
    ] as const) {
      const incident = shiftYears(shiftDays(day, 40), 15);
      const known = shiftDays(incident, 3);
      out.push({
        name: `adolescents born ${a} and ${b}`,
        input: {
          assessmentDate: known,
          reporter: { role: 'teacher', ageYears: 44, inCourseOfDuties: true, knowledgeDate: known },
          people: [
            { id: 'teen-a', dateOfBirth: a, sex: 'female', disability: 'none', mentalDisabilityAffectingConsent: false },
            { id: 'teen-b', dateOfBirth: b, sex: 'male', disability: 'none', mentalDisabilityAffectingConsent: false },
          ],
          concerns: [
            {
              id: 'c1',
              victim: 'teen-a',
              harm: 'sexual_abuse',
              allegedBy: 'teen-b',
              relationship: 'dating',
              basis: 'knowledge',
              incidentDate: incident,
              consensual: true,
              physicalInjury: false,
            },
          ],
        },
      });
    }
    // A 24-hour deadline counted from the day before the trap day (its last day is the trap day).
    const known = shiftDays(day, -1);
    if (known >= '2010-04-01') {
      out.push({
        name: `police official comes to know on ${known}`,
        input: {
          assessmentDate: shiftDays(day, 1),
          reporter: { role: 'police_official', ageYears: 35, inCourseOfDuties: true, knowledgeDate: known },
          people: [
            { id: 'child-a', ageYears: 9 },
            { id: 'father', ageYears: 39, sex: 'male' },
          ],
          concerns: [
            {
              id: 'c1',
              victim: 'child-a',
              harm: 'physical_abuse',
              allegedBy: 'father',
              relationship: 'parent',
              basis: 'reasonable_suspicion',
              incidentDate: shiftDays(day, -4),
              physicalInjury: true,
              receivedAsReport: false,
            },
          ],
        },
      });
    }
  }
  return out;
}
