/*
 * Compile-time checks that a zod schema and the hand-written type beside it describe the same
 * shape (the hand-written type carries the TSDoc into the .d.ts; the schema validates). `tsc`
 * fails on the line of the check when they drift apart. Types only: nothing here runs.
 */

/** `true` when `A` and `B` are the same type (not merely assignable either way). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** `T` with every `readonly` removed, deeply (arrays become mutable arrays). */
export type DeepMutable<T> = T extends readonly (infer U)[]
  ? DeepMutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
    : T;

/**
 * Fails to compile unless `A` and `B` are the same type: `assertEqual<A, B>(true)`.
 * Returns nothing and costs nothing at run time.
 */
export function assertEqual<A, B>(ok: Equals<A, B>): void {
  void ok;
}
