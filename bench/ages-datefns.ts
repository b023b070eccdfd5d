/*
 * The date-fns implementation of ages and birth windows as it was before plain-date arithmetic
 * (src/case/ages.ts at 0.1.0): local `Date` objects at midnight, string-keyed bounded memos.
 * Kept only as the reference bench/ages.bench.ts measures against; never imported by src/.
 */
import { addDays } from 'date-fns/addDays';
import { differenceInYears } from 'date-fns/differenceInYears';
import { subYears } from 'date-fns/subYears';

function toDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

function toIso(d: Date): string {
  const y = String(d.getFullYear()).padStart(4, '0');
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

/** 0.1.0 `ageOn` without its memo: date-fns differenceInYears on local Dates. */
export function ageOnDateFns(birth: string, on: string): number {
  return differenceInYears(toDate(on), toDate(birth));
}

const ageMemo = new Map<string, number>();
/** 0.1.0 `ageOn` as shipped: memoised by `birth + on` (bounded at 50,000 entries). */
export function ageOnDateFnsMemo(birth: string, on: string): number {
  const key = birth + on;
  let a = ageMemo.get(key);
  if (a === undefined) {
    a = differenceInYears(toDate(on), toDate(birth));
    if (ageMemo.size >= 50_000) ageMemo.clear();
    ageMemo.set(key, a);
  }
  return a;
}

/** 0.1.0 `birthWindow` for an age range, without its memo. */
export function birthWindowDateFns(min: number, max: number, ref: string): { earliest: string; latest: string } {
  const r = toDate(ref);
  return { earliest: toIso(addDays(subYears(r, max + 1), 1)), latest: toIso(subYears(r, min)) };
}
