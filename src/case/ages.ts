import type { AgeInterval } from './facts.js';

// Plain calendar dates, YYYY-MM-DD, as whole numbers: no `Date` object and no host time zone in any
// age, birth-window, two-year-gap or next-day computation (a `Date` at local midnight is another
// day, or no day, where a zone moves its clocks at midnight). Inputs are real dates, validated at
// the boundary (`IsoDate` in schema.ts). The only clock read is `todayInSouthAfrica`.

/**
 * The leap-day convention, one for every computation in this module: a person born on 29 February
 * reaches each birthday in a common year on **1 March** (the day after 28 February). So "N years
 * after 29 February" in a common year is 1 March: for ages ({@link ageOn}, as date-fns
 * `differenceInYears`), for the "not more than two years" gap ({@link bornWithinYears}) and for
 * birth windows ({@link birthWindow}). The law digest does not settle the day a birthday age is
 * attained; docs/interpretation.md ("Ages") records this reading.
 *
 * @example
 * ```ts
 * LEAP_DAY_BIRTHDAY                 //=> 'march-1'
 * nthBirthday('2008-02-29', 18)     //=> '2026-03-01'
 * ageOn('2008-02-29', '2026-02-28') //=> 17
 * ```
 * @category Dates
 */
export const LEAP_DAY_BIRTHDAY = 'march-1' as const;

const ZERO = 48; // '0'

function yearOf(iso: string): number {
  return (
    (iso.charCodeAt(0) - ZERO) * 1000 + (iso.charCodeAt(1) - ZERO) * 100 + (iso.charCodeAt(2) - ZERO) * 10 + (iso.charCodeAt(3) - ZERO)
  );
}
function monthOf(iso: string): number {
  return (iso.charCodeAt(5) - ZERO) * 10 + (iso.charCodeAt(6) - ZERO);
}
function dayOf(iso: string): number {
  return (iso.charCodeAt(8) - ZERO) * 10 + (iso.charCodeAt(9) - ZERO);
}

function isLeapYear(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function iso(y: number, m: number, d: number): string {
  const ys = y >= 1000 ? String(y) : String(y).padStart(4, '0');
  return `${ys}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/**
 * Days since 1970-01-01 of a calendar date (proleptic Gregorian; negative before 1970), by the
 * days-from-civil formula: no `Date`, no time zone.
 *
 * @param date - a real date, YYYY-MM-DD
 * @returns the day number
 * @example
 * ```ts
 * epochDay('1970-01-02') //=> 1
 * epochDay('2000-03-01') - epochDay('2000-02-28') //=> 2
 * ```
 * @category Dates
 */
export function epochDay(date: string): number {
  const m = monthOf(date);
  const y = yearOf(date) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + dayOf(date) - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * The calendar date of a day number (the inverse of {@link epochDay}).
 *
 * @param day - days since 1970-01-01
 * @returns the date, YYYY-MM-DD
 * @example
 * ```ts
 * fromEpochDay(0)     //=> '1970-01-01'
 * fromEpochDay(11_016) //=> '2000-02-29'
 * ```
 * @category Dates
 */
export function fromEpochDay(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return iso(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

/**
 * A date plus (or minus) whole days.
 *
 * @param date - a real date, YYYY-MM-DD
 * @param days - whole days, may be negative
 * @returns the date, YYYY-MM-DD
 * @example
 * ```ts
 * addDays('2023-02-28', 1)  //=> '2023-03-01'
 * addDays('2024-03-01', -1) //=> '2024-02-29'
 * ```
 * @category Dates
 */
export function addDays(date: string, days: number): string {
  return fromEpochDay(epochDay(date) + days);
}

/**
 * Calendar days from `earlier` to `later` (negative when `later` is before `earlier`).
 *
 * @param later - a real date, YYYY-MM-DD
 * @param earlier - a real date, YYYY-MM-DD
 * @returns whole days
 * @example
 * ```ts
 * daysBetween('2025-01-01', '2024-12-31') //=> 1
 * daysBetween('2024-03-01', '2024-02-28') //=> 2
 * ```
 * @category Dates
 */
export function daysBetween(later: string, earlier: string): number {
  return epochDay(later) - epochDay(earlier);
}

/**
 * The day after a date.
 *
 * @param date - a real date, YYYY-MM-DD
 * @returns the next calendar day, YYYY-MM-DD
 * @example
 * ```ts
 * nextDay('2025-12-31') //=> '2026-01-01'
 * nextDay('2023-02-28') //=> '2023-03-01'
 * nextDay('2024-02-28') //=> '2024-02-29'
 * ```
 * @category Dates
 */
export function nextDay(date: string): string {
  const y = yearOf(date);
  const m = monthOf(date);
  const d = dayOf(date);
  if (d < daysInMonth(y, m)) return iso(y, m, d + 1);
  return m < 12 ? iso(y, m + 1, 1) : iso(y + 1, 1, 1);
}

/**
 * The day on which a person born on `birth` reaches `years` whole years: the same month and day
 * `years` later, and 1 March for a 29 February birth in a common year ({@link LEAP_DAY_BIRTHDAY}).
 *
 * @param birth - a date of birth, YYYY-MM-DD
 * @param years - whole years, 0 or more
 * @returns the birthday, YYYY-MM-DD
 * @example
 * ```ts
 * nthBirthday('2010-03-10', 2) //=> '2012-03-10'
 * nthBirthday('2008-02-29', 2) //=> '2010-03-01'
 * nthBirthday('2008-02-29', 4) //=> '2012-02-29'
 * ```
 * @category Dates
 */
export function nthBirthday(birth: string, years: number): string {
  const y = yearOf(birth) + years;
  const m = monthOf(birth);
  const d = dayOf(birth);
  return m === 2 && d === 29 && !isLeapYear(y) ? iso(y, 3, 1) : iso(y, m, d);
}

/** The latest date of birth of someone aged at least `years` on `ref` (29 February → 28 February in a common year: that person's birthday falls on 1 March). */
function latestBirthAged(ref: string, years: number): string {
  const y = yearOf(ref) - years;
  const m = monthOf(ref);
  const d = dayOf(ref);
  return m === 2 && d === 29 && !isLeapYear(y) ? iso(y, 2, 28) : iso(y, m, d);
}

/** Where a person's date of birth can lie, inclusive. Exact when `earliest === latest`. */
export interface BirthWindow {
  readonly earliest: string;
  readonly latest: string;
}

/** What the input may say about an age. */
export interface AgeInput {
  readonly dateOfBirth?: string | undefined;
  readonly ageYears?: number | undefined;
  readonly ageRange?: { readonly min: number; readonly max: number } | undefined;
}

/**
 * The window in which a date of birth lies, from a date of birth, an age in whole years on `ref`,
 * or an age range on `ref`. Undefined when nothing is known. Every date in the window, and no
 * other, gives an age within the range on `ref` by {@link ageOn}.
 *
 * @param p - the date of birth, or the age or age range on `ref`
 * @param ref - the date the age is given on, YYYY-MM-DD
 * @returns the inclusive window, or undefined
 * @example
 * ```ts
 * birthWindow({ ageYears: 17 }, '2026-06-15') //=> { earliest: '2008-06-16', latest: '2009-06-15' }
 * birthWindow({ ageRange: { min: 0, max: 0 } }, '2024-02-29') //=> { earliest: '2023-03-01', latest: '2024-02-29' }
 * ```
 * @category Dates
 */
export function birthWindow(p: AgeInput, ref: string): BirthWindow | undefined {
  if (p.dateOfBirth) return { earliest: p.dateOfBirth, latest: p.dateOfBirth };
  const range = p.ageYears !== undefined ? { min: p.ageYears, max: p.ageYears } : p.ageRange;
  if (!range) return undefined;
  // Aged A on ref: born after the latest birth of someone aged A+1, on or before the latest of someone aged A.
  return { earliest: nextDay(latestBirthAged(ref, range.max + 1)), latest: latestBirthAged(ref, range.min) };
}

/**
 * Whole years from `birth` to `on` by the calendar: the birthday is the day the year is reached,
 * and a 29 February birthday falls on 1 March in a common year ({@link LEAP_DAY_BIRTHDAY}). Equal to
 * date-fns `differenceInYears(on, birth)` on dates at midnight UTC, including before birth
 * (negative, truncated toward zero).
 *
 * @param birth - the date of birth, YYYY-MM-DD
 * @param on - the date of the age, YYYY-MM-DD
 * @returns the age in whole years
 * @example
 * ```ts
 * ageOn('2008-06-15', '2026-06-14') //=> 17
 * ageOn('2008-06-15', '2026-06-15') //=> 18
 * ageOn('2008-02-29', '2026-03-01') //=> 18
 * ```
 * @category Dates
 */
export function ageOn(birth: string, on: string): number {
  if (on < birth) {
    const back = fullYears(on, birth);
    return back === 0 ? 0 : -back;
  }
  return fullYears(birth, on);
}

/** Whole years from `from` to `to`, `from <= to`. */
function fullYears(from: string, to: string): number {
  const years = yearOf(to) - yearOf(from);
  const md = monthOf(to) * 100 + dayOf(to);
  const mdFrom = monthOf(from) * 100 + dayOf(from);
  return md < mdFrom ? years - 1 : years;
}

/**
 * The age on `on`: a number when certain, an interval when the birth window or the date is uncertain.
 *
 * @param w - the birth window (undefined: unknown age)
 * @param on - the date of the age; undefined when unknown but not after `latestOn`
 * @param latestOn - the latest the unknown date can be
 * @returns the age, an interval of ages, or undefined
 * @example
 * ```ts
 * ageAt({ earliest: '2008-06-16', latest: '2009-06-15' }, '2026-06-15', '2026-06-15') //=> 17
 * ageAt({ earliest: '2008-06-16', latest: '2009-06-15' }, undefined, '2026-06-15') //=> { min: 0, max: 17 }
 * ```
 * @category Dates
 */
export function ageAt(w: BirthWindow | undefined, on: string | undefined, latestOn: string): number | AgeInterval | undefined {
  if (!w) return undefined;
  if (on !== undefined) {
    const min = Math.max(0, ageOn(w.latest, on));
    const max = Math.max(0, ageOn(w.earliest, on));
    return min === max ? min : { min, max };
  }
  // The date is unknown but not after `latestOn`: anything from birth to then.
  const max = Math.max(0, ageOn(w.earliest, latestOn));
  return max === 0 ? 0 : { min: 0, max };
}

/**
 * Whether two people were born not more than `years` years apart ("the age difference … was not
 * more than two years", SORMA s15(1)(b)): the later birth is on or before the earlier person's
 * `years`th birthday ({@link nthBirthday}; 1 March for 29 February in a common year). Three-valued
 * over uncertain birth windows.
 *
 * @param a - one birth window
 * @param b - the other birth window
 * @param years - the greatest gap, whole years
 * @returns true, false, or undefined when the windows leave it open
 * @example
 * ```ts
 * const exact = (d: string) => ({ earliest: d, latest: d });
 * bornWithinYears(exact('2008-03-10'), exact('2010-03-10'), 2) //=> true
 * bornWithinYears(exact('2008-03-10'), exact('2010-03-11'), 2) //=> false
 * bornWithinYears(exact('2008-02-29'), exact('2010-03-01'), 2) //=> true
 * ```
 * @category Dates
 */
export function bornWithinYears(a: BirthWindow | undefined, b: BirthWindow | undefined, years: number): boolean | undefined {
  if (!a || !b) return undefined;
  const within = (x: string, y: string): boolean => (x <= y ? y <= nthBirthday(x, years) : x <= nthBirthday(y, years));
  // The widest gap is between opposite ends of the two windows; the narrowest is zero if they overlap.
  const widest = within(a.earliest, b.latest) && within(a.latest, b.earliest);
  if (widest) return true;
  const overlap = a.earliest <= b.latest && b.earliest <= a.latest;
  if (overlap) return undefined;
  const narrowest = a.latest < b.earliest ? within(a.latest, b.earliest) : within(b.latest, a.earliest);
  return narrowest ? undefined : false;
}

/**
 * Today in Africa/Johannesburg, YYYY-MM-DD (the only clock read, and only when no date is given).
 *
 * @param now - the instant (default: the clock)
 * @returns the South African calendar date of `now`
 * @example
 * ```ts
 * todayInSouthAfrica(new Date('2026-11-27T22:30:00Z')) //=> '2026-11-28'
 * ```
 * @category Dates
 */
export function todayInSouthAfrica(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Johannesburg', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    now,
  );
}
