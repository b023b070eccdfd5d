import { addDays } from 'date-fns/addDays';
import { addYears } from 'date-fns/addYears';
import { differenceInYears } from 'date-fns/differenceInYears';
import { subYears } from 'date-fns/subYears';
import type { AgeInterval } from './facts.js';

/** A calendar date as a local Date at midnight (arithmetic is by calendar fields, so the zone does not matter). */
export function toDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

/** Writes a Date as YYYY-MM-DD from its calendar fields. */
export function toIso(d: Date): string {
  const y = String(d.getFullYear()).padStart(4, '0');
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

/** The day after an ISO date. */
export function nextDay(iso: string): string {
  return toIso(addDays(toDate(iso), 1));
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
 * or an age range on `ref`. Undefined when nothing is known.
 */
const windowMemo = new Map<string, BirthWindow>();
export function birthWindow(p: AgeInput, ref: string): BirthWindow | undefined {
  if (p.dateOfBirth) return { earliest: p.dateOfBirth, latest: p.dateOfBirth };
  const range = p.ageYears !== undefined ? { min: p.ageYears, max: p.ageYears } : p.ageRange;
  if (!range) return undefined;
  const key = `${ref}|${range.min}|${range.max}`;
  let w = windowMemo.get(key);
  if (!w) {
    const r = toDate(ref);
    // Aged A on ref: born after ref minus (A+1) years, and on or before ref minus A years.
    w = { earliest: toIso(addDays(subYears(r, range.max + 1), 1)), latest: toIso(subYears(r, range.min)) };
    if (windowMemo.size >= 50_000) windowMemo.clear();
    windowMemo.set(key, w);
  }
  return w;
}

const ageMemo = new Map<string, number>();
/** Whole years from `birth` to `on`, by the calendar (the birthday is the day the year is reached). Memoised (bounded). */
export function ageOn(birth: string, on: string): number {
  const key = birth + on;
  let a = ageMemo.get(key);
  if (a === undefined) {
    a = differenceInYears(toDate(on), toDate(birth));
    if (ageMemo.size >= 50_000) ageMemo.clear();
    ageMemo.set(key, a);
  }
  return a;
}

/** The age on `on`: a number when certain, an interval when the birth window or the date is uncertain. */
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

const plusYearsMemo = new Map<string, string>();
/** `iso` plus whole calendar years (date-fns `addYears`), memoised (bounded). */
function plusYears(iso: string, years: number): string {
  const key = `${iso}+${years}`;
  let r = plusYearsMemo.get(key);
  if (r === undefined) {
    r = toIso(addYears(toDate(iso), years));
    if (plusYearsMemo.size >= 50_000) plusYearsMemo.clear();
    plusYearsMemo.set(key, r);
  }
  return r;
}

/**
 * Whether two people were born not more than `years` years apart ("the age difference … was not
 * more than two years", SORMA s15(1)(b)): the later birth is on or before the earlier birth plus
 * `years` calendar years. Three-valued over uncertain birth windows.
 */
export function bornWithinYears(a: BirthWindow | undefined, b: BirthWindow | undefined, years: number): boolean | undefined {
  if (!a || !b) return undefined;
  const within = (x: string, y: string): boolean => {
    const early = x <= y ? x : y;
    const late = x <= y ? y : x;
    return late <= plusYears(early, years);
  };
  // The widest gap is between opposite ends of the two windows; the narrowest is zero if they overlap.
  const widest = within(a.earliest, b.latest) && within(a.latest, b.earliest);
  if (widest) return true;
  const overlap = a.earliest <= b.latest && b.earliest <= a.latest;
  if (overlap) return undefined;
  const narrowest = a.latest < b.earliest ? within(a.latest, b.earliest) : within(b.latest, a.earliest);
  return narrowest ? undefined : false;
}

/** Today in Africa/Johannesburg, YYYY-MM-DD (the only clock read, and only when no date is given). */
export function todayInSouthAfrica(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Johannesburg', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
