/**
 * Freezes an object and everything reachable from it, once, in place. The rule set, the guidance
 * and the catalogue are shared by every result; frozen, a caller that changes a result (pushes a
 * recipient, edits a citation) gets a TypeError in strict code and a no-op otherwise, and can never
 * change what a later assessment returns. Frozen objects are read as fast as others.
 *
 * @param value - The object to freeze (primitives are returned as they are).
 * @returns The same value, frozen all the way down.
 * @example
 * ```ts
 * const r = deepFreeze({ recipients: ['police'] });
 * Object.isFrozen(r.recipients); //=> true
 * ```
 */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || Object.isFrozen(v)) continue;
    Object.freeze(v);
    for (const k of Reflect.ownKeys(v)) stack.push((v as Record<PropertyKey, unknown>)[k]);
  }
  return value;
}
