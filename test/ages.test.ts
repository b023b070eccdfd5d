import { UTCDate } from '@date-fns/utc';
import { differenceInYears } from 'date-fns/differenceInYears';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  addDays,
  ageAt,
  ageOn,
  birthWindow,
  bornWithinYears,
  daysBetween,
  epochDay,
  fromEpochDay,
  LEAP_DAY_BIRTHDAY,
  nextDay,
  nthBirthday,
  todayInSouthAfrica,
  type BirthWindow,
} from '../src/case/ages.js';

// The small quantities at their edges (issue 11 point 4), the date-fns way: tables of the day
// before, on and after; 29 February in common and leap years; and a property against date-fns.

const exact = (d: string): BirthWindow => ({ earliest: d, latest: d });
const prevDay = (d: string): string => addDays(d, -1);

/** A date from 1900-01-01 to 2100-12-31, written with Date.UTC (zone-free, independent of ages.ts), often near 29 February. */
const DAY_MS = 86_400_000;
const utcIso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const anyDay = fc.integer({ min: Date.UTC(1900, 0, 1) / DAY_MS, max: Date.UTC(2100, 11, 31) / DAY_MS }).map((n) => utcIso(n * DAY_MS));
const nearLeapDay = fc
  .tuple(fc.integer({ min: 1900, max: 2100 }), fc.constantFrom([1, 28], [1, 29], [2, 1]))
  .map(([y, [m, d]]) => utcIso(Date.UTC(y, m as number, d as number)));
const dateArb = fc.oneof(anyDay, nearLeapDay);

describe('the leap-day convention', () => {
  it('is named: a 29 February birthday falls on 1 March in a common year', () => {
    expect(LEAP_DAY_BIRTHDAY).toBe('march-1');
    expect(nthBirthday('2008-02-29', 18)).toBe('2026-03-01');
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    // The same day for the two-year gap and for birth windows.
    expect(bornWithinYears(exact('2008-02-29'), exact('2010-03-01'), 2)).toBe(true);
    expect(bornWithinYears(exact('2008-02-29'), exact('2010-03-02'), 2)).toBe(false);
    expect(birthWindow({ ageYears: 18 }, '2026-03-01')?.latest).toBe('2008-03-01');
    expect(birthWindow({ ageYears: 17 }, '2026-02-28')?.earliest).toBe('2008-02-29');
  });
});

describe('ageOn', () => {
  it.each([
    // birthday the day before, on and after
    ['2008-06-15', '2026-06-14', 17],
    ['2008-06-15', '2026-06-15', 18],
    ['2008-06-15', '2026-06-16', 18],
    // 31 December / 1 January
    ['2007-12-31', '2025-12-30', 17],
    ['2007-12-31', '2025-12-31', 18],
    ['2008-01-01', '2025-12-31', 17],
    ['2008-01-01', '2026-01-01', 18],
    // born 29 February: in a common year the birthday is 1 March
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
    // born 29 February: in a leap year the birthday is 29 February
    ['2008-02-29', '2028-02-28', 19],
    ['2008-02-29', '2028-02-29', 20],
    ['2008-02-29', '2028-03-01', 20],
    // born 28 February or 1 March, in a leap year
    ['2007-02-28', '2008-02-28', 1],
    ['2007-02-28', '2008-02-29', 1],
    ['2007-03-01', '2008-02-29', 0],
    ['2007-03-01', '2008-03-01', 1],
    // 1900 and 2100 are common years
    ['1896-02-29', '1900-02-28', 3],
    ['1896-02-29', '1900-03-01', 4],
    ['2096-02-29', '2100-02-28', 3],
    ['2096-02-29', '2100-03-01', 4],
    // the day of birth, and before birth (negative, truncated toward zero, as date-fns)
    ['2010-06-01', '2010-06-01', 0],
    ['2010-06-01', '2009-06-02', 0],
    ['2010-06-01', '2009-06-01', -1],
  ] as const)('born %s, on %s: %i', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });

  it('agrees with date-fns differenceInYears computed in UTC, 1900-2100, 29 February included', () => {
    fc.assert(
      fc.property(dateArb, dateArb, (birth, on) => {
        const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
        const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
        const reference = differenceInYears(new UTCDate(oy, om - 1, od), new UTCDate(by, bm - 1, bd));
        expect(ageOn(birth, on)).toBe(reference);
      }),
      { numRuns: 20_000 },
    );
  });

  it('gives `years` on the nth birthday and one less the day before', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 120 }), (birth, years) => {
        const day = nthBirthday(birth, years);
        expect(ageOn(birth, day)).toBe(years);
        expect(ageOn(birth, prevDay(day))).toBe(years - 1);
      }),
    );
  });
});

describe('nthBirthday', () => {
  it.each([
    ['2010-03-10', 2, '2012-03-10'],
    ['2010-02-28', 2, '2012-02-28'],
    ['2008-02-29', 1, '2009-03-01'],
    ['2008-02-29', 4, '2012-02-29'],
    ['2000-02-29', 100, '2100-03-01'],
    ['1996-02-29', 104, '2100-03-01'],
    ['2008-12-31', 0, '2008-12-31'],
  ] as const)('%s plus %i years: %s', (birth, years, day) => {
    expect(nthBirthday(birth, years)).toBe(day);
  });
});

describe('bornWithinYears (not more than two years apart)', () => {
  it.each([
    // exactly two years, and two years and a day, in either order
    ['2008-03-10', '2010-03-10', true],
    ['2008-03-10', '2010-03-11', false],
    ['2010-03-10', '2008-03-10', true],
    ['2010-03-11', '2008-03-10', false],
    ['2008-03-10', '2010-03-09', true],
    // across a year end
    ['2007-12-31', '2009-12-31', true],
    ['2007-12-31', '2010-01-01', false],
    // the earlier born on 29 February: two years later is 1 March of a common year
    ['2008-02-29', '2010-02-28', true],
    ['2008-02-29', '2010-03-01', true],
    ['2008-02-29', '2010-03-02', false],
    // the later born on 29 February
    ['2006-02-28', '2008-02-28', true],
    ['2006-02-28', '2008-02-29', false],
    ['2006-03-01', '2008-02-29', true],
    // the earlier born on 28 February, two years later a leap year
    ['2010-02-28', '2012-02-28', true],
    ['2010-02-28', '2012-02-29', false],
    // same day
    ['2010-05-05', '2010-05-05', true],
  ] as const)('born %s and %s: %s', (a, b, within) => {
    expect(bornWithinYears(exact(a), exact(b), 2)).toBe(within);
  });

  it('is three-valued over birth windows', () => {
    const ageOnRef = (years: number) => birthWindow({ ageYears: years }, '2026-03-20');
    expect(bornWithinYears(undefined, exact('2010-01-01'), 2)).toBeUndefined();
    expect(bornWithinYears(exact('2010-01-01'), undefined, 2)).toBeUndefined();
    // Both 15 on the same day: born within a year of each other.
    expect(bornWithinYears(ageOnRef(15), ageOnRef(15), 2)).toBe(true);
    // 15 and 16: between a day and two years apart.
    expect(bornWithinYears(ageOnRef(15), ageOnRef(16), 2)).toBe(true);
    // 15 and 17: between a day and three years apart.
    expect(bornWithinYears(ageOnRef(15), ageOnRef(17), 2)).toBeUndefined();
    // 14 and 17: more than two years apart whatever the dates.
    expect(bornWithinYears(ageOnRef(14), ageOnRef(17), 2)).toBe(false);
    // Overlapping windows: open when one end is a day more than two years away, settled when not.
    expect(bornWithinYears({ earliest: '2007-12-31', latest: '2012-01-01' }, exact('2010-01-01'), 2)).toBeUndefined();
    expect(bornWithinYears({ earliest: '2008-01-01', latest: '2012-01-01' }, exact('2010-01-01'), 2)).toBe(true);
  });

  it('is the same convention as ageOn: within n years iff the earlier born was not yet n the day before the later birth', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -1200, max: 1200 }), fc.integer({ min: 1, max: 3 }), (a, shift, years) => {
        const b = addDays(a, shift);
        const [early, late] = a <= b ? [a, b] : [b, a];
        const expected = early === late || ageOn(early, prevDay(late)) < years;
        expect(bornWithinYears(exact(a), exact(b), years)).toBe(expected);
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('birthWindow', () => {
  it.each([
    [{ ageYears: 17 }, '2026-06-15', '2008-06-16', '2009-06-15'],
    [{ ageYears: 0 }, '2026-06-15', '2025-06-16', '2026-06-15'],
    [{ ageRange: { min: 12, max: 15 } }, '2026-03-02', '2010-03-03', '2014-03-02'],
    [{ ageRange: { min: 18, max: 18 } }, '2026-01-01', '2007-01-02', '2008-01-01'],
    // the reference date is 29 February: a 29 February birth in a common year has its birthday on 1 March
    [{ ageYears: 1 }, '2024-02-29', '2022-03-01', '2023-02-28'],
    [{ ageYears: 4 }, '2024-02-29', '2019-03-01', '2020-02-29'],
    [{ ageYears: 0 }, '2024-02-29', '2023-03-01', '2024-02-29'],
    // the reference date is 28 February or 1 March of a common year
    [{ ageYears: 0 }, '2025-02-28', '2024-02-29', '2025-02-28'],
    [{ ageYears: 0 }, '2025-03-01', '2024-03-02', '2025-03-01'],
    [{ ageYears: 17 }, '2026-02-28', '2008-02-29', '2009-02-28'],
  ] as const)('%o on %s: born %s to %s', (input, ref, earliest, latest) => {
    const w = birthWindow(input, ref);
    expect(w).toEqual({ earliest, latest });
    if (!w) return;
    // Each end is tight: the day outside it gives another age.
    const range = 'ageYears' in input ? { min: input.ageYears, max: input.ageYears } : input.ageRange;
    expect(ageOn(w.earliest, ref)).toBe(range.max);
    expect(ageOn(prevDay(w.earliest), ref)).toBe(range.max + 1);
    expect(ageOn(w.latest, ref)).toBe(range.min);
    // Aged 0 on ref: born on or before ref (a later date is not a birth yet).
    if (range.min === 0) expect(w.latest).toBe(ref);
    else expect(ageOn(nextDay(w.latest), ref)).toBe(range.min - 1);
  });

  it('fails when the window is shifted by a day (so the table above can fail)', () => {
    const w = birthWindow({ ageYears: 17 }, '2026-06-15');
    expect(w).not.toEqual({ earliest: '2008-06-15', latest: '2009-06-14' });
    expect(w).not.toEqual({ earliest: '2008-06-17', latest: '2009-06-16' });
  });

  it('is exact for a date of birth and undefined when nothing is known', () => {
    expect(birthWindow({ dateOfBirth: '2008-02-29' }, '2026-03-01')).toEqual(exact('2008-02-29'));
    expect(birthWindow({}, '2026-03-01')).toBeUndefined();
  });

  it('holds exactly the dates of birth that give an age in the range, for any reference date', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 12 }), (ref, min, width) => {
        const w = birthWindow({ ageRange: { min, max: min + width } }, ref);
        if (!w) throw new Error('a range gives a window');
        expect(ageOn(w.earliest, ref)).toBe(min + width);
        expect(ageOn(prevDay(w.earliest), ref)).toBe(min + width + 1);
        expect(ageOn(w.latest, ref)).toBe(min);
        if (min === 0) expect(w.latest).toBe(ref);
        else expect(ageOn(nextDay(w.latest), ref)).toBe(min - 1);
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('ageAt', () => {
  it.each([
    ['exact, on a known date', exact('2008-06-15'), '2026-06-15', '2026-06-20', 18],
    ['exact, the day before the birthday', exact('2008-06-15'), '2026-06-14', '2026-06-20', 17],
    ['a window across the birthday', { earliest: '2008-06-16', latest: '2009-06-15' }, '2026-01-01', '2026-06-15', { min: 16, max: 17 }],
    ['a known date before birth', exact('2020-01-01'), '2019-01-01', '2026-01-01', 0],
    ['an unknown date: anything from birth to the latest', exact('2010-05-01'), undefined, '2026-03-02', { min: 0, max: 15 }],
    ['an unknown date, not yet a year old at the latest', exact('2026-01-01'), undefined, '2026-03-02', 0],
    ['an unknown date, a window', { earliest: '2008-06-16', latest: '2009-06-15' }, undefined, '2026-06-15', { min: 0, max: 17 }],
  ] as const)('%s', (_title, w, on, latestOn, age) => {
    expect(ageAt(w, on, latestOn)).toEqual(age);
  });

  it('is undefined when the age is unknown', () => {
    expect(ageAt(undefined, '2026-01-01', '2026-01-01')).toBeUndefined();
  });
});

describe('nextDay, addDays, daysBetween, epochDay', () => {
  it.each([
    ['2025-12-31', '2026-01-01'],
    ['2023-02-28', '2023-03-01'],
    ['2024-02-28', '2024-02-29'],
    ['2024-02-29', '2024-03-01'],
    ['2100-02-28', '2100-03-01'],
    ['2000-02-28', '2000-02-29'],
    ['2026-04-30', '2026-05-01'],
    ['2026-01-31', '2026-02-01'],
    ['2026-06-09', '2026-06-10'],
  ] as const)('the day after %s is %s', (day, next) => {
    expect(nextDay(day)).toBe(next);
    expect(addDays(day, 1)).toBe(next);
    expect(addDays(next, -1)).toBe(day);
    expect(daysBetween(next, day)).toBe(1);
  });

  it('counts days as Date.UTC does, 1850-2200', () => {
    expect(epochDay('1970-01-01')).toBe(0);
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1850, 0, 1) / DAY_MS, max: Date.UTC(2200, 11, 31) / DAY_MS }),
        fc.integer({ min: -40_000, max: 40_000 }),
        (n, k) => {
          const day = utcIso(n * DAY_MS);
          expect(epochDay(day)).toBe(n);
          expect(fromEpochDay(n)).toBe(day);
          expect(addDays(day, k)).toBe(utcIso((n + k) * DAY_MS));
          expect(nextDay(day)).toBe(utcIso((n + 1) * DAY_MS));
        },
      ),
      { numRuns: 5_000 },
    );
  });
});

describe('no Date object and no host time zone in the arithmetic', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('computes every quantity with Date unavailable', () => {
    vi.stubGlobal(
      'Date',
      new Proxy(Date, {
        construct() {
          throw new Error('Date constructed');
        },
        apply() {
          throw new Error('Date called');
        },
      }),
    );
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(birthWindow({ ageRange: { min: 1, max: 2 } }, '2024-02-29')).toEqual({ earliest: '2021-03-01', latest: '2023-02-28' });
    expect(ageAt(exact('2008-02-29'), undefined, '2026-02-28')).toEqual({ min: 0, max: 17 });
    expect(bornWithinYears(exact('2008-02-29'), exact('2010-03-01'), 2)).toBe(true);
    expect(nextDay('2011-12-29')).toBe('2011-12-30');
    expect(daysBetween('2011-12-31', '2011-12-29')).toBe(2);
  });
});

describe('todayInSouthAfrica', () => {
  it.each([
    ['2026-11-27T21:59:59Z', '2026-11-27'],
    ['2026-11-27T22:00:00Z', '2026-11-28'],
    ['2024-02-28T23:30:00Z', '2024-02-29'],
  ] as const)('at %s it is %s in South Africa', (instant, day) => {
    expect(todayInSouthAfrica(new Date(instant))).toBe(day);
  });
});
