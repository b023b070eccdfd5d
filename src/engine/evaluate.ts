import type { AgeInterval, FactValue, Facts } from '../case/facts.js';
import type { Condition, FactCondition, Operator } from './condition.js';

/** Three-valued truth: `null` is unknown. */
export type Tri = boolean | null;

/** The outcome of one leaf: which fact, its value, the test and the result. */
export interface LeafOutcome {
  readonly fact: string;
  readonly value: FactValue;
  readonly operator: Operator;
  readonly expected: FactCondition['value'];
  readonly label: string | undefined;
  readonly result: Tri;
}

/** The outcome of a compiled condition: its result and, for reasons, its parts. */
export interface Outcome {
  readonly result: Tri;
  readonly kind: 'leaf' | 'all' | 'any' | 'not';
  readonly leaf?: LeafOutcome;
  readonly parts?: readonly Outcome[];
  /** The named condition this node is (for labelling reasons). */
  readonly named?: string;
}

/** A condition compiled once into a function of the facts. */
export type Compiled = (facts: Facts) => Outcome;

function isInterval(v: FactValue): v is AgeInterval {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'min' in v;
}

/** Compares a definite value exactly as json-rules-engine's built-in operators do. */
export function definiteCompare(op: Operator, fact: unknown, value: unknown): boolean {
  switch (op) {
    case 'equal':
      return fact === value;
    case 'notEqual':
      return fact !== value;
    case 'lessThan':
      return typeof fact === 'number' && fact < (value as number);
    case 'lessThanInclusive':
      return typeof fact === 'number' && fact <= (value as number);
    case 'greaterThan':
      return typeof fact === 'number' && fact > (value as number);
    case 'greaterThanInclusive':
      return typeof fact === 'number' && fact >= (value as number);
    case 'in':
      return Array.isArray(value) && value.includes(fact);
    case 'notIn':
      return Array.isArray(value) && !value.includes(fact);
    case 'contains':
      return Array.isArray(fact) && fact.includes(value);
    case 'doesNotContain':
      return Array.isArray(fact) && !fact.includes(value);
  }
}

/** Three-valued comparison: unknown facts give unknown; age intervals give unknown only when they straddle the test. */
export function compare(op: Operator, fact: FactValue, value: FactCondition['value']): Tri {
  if (fact === undefined) return null;
  if (isInterval(fact)) {
    const lo = definiteCompare(op, fact.min, value);
    const hi = definiteCompare(op, fact.max, value);
    if (op === 'equal' || op === 'in' || op === 'notEqual' || op === 'notIn') {
      // Every whole number in [min, max] is possible.
      let any = false;
      let all = true;
      for (let n = fact.min; n <= fact.max; n++) {
        const r = definiteCompare(op, n, value);
        any ||= r;
        all &&= r;
      }
      return all ? true : any ? null : false;
    }
    return lo === hi ? lo : null;
  }
  return definiteCompare(op, fact, value);
}

/**
 * Compiles a condition into a three-valued function, resolving named conditions once.
 * Kleene logic: `all` is false if any part is false, true if all are true, else unknown;
 * `any` is true if any part is true, false if all are false, else unknown; `not` swaps.
 */
export function compile(c: Condition, named: ReadonlyMap<string, Condition>, cache = new Map<string, Compiled>()): Compiled {
  if ('fact' in c) {
    const { fact, operator, value } = c;
    const label = c.name;
    return (facts) => {
      const v = facts[fact];
      const result = compare(operator, v, value);
      return { result, kind: 'leaf', leaf: { fact, value: v, operator, expected: value, label, result } };
    };
  }
  if ('condition' in c) {
    const hit = cache.get(c.condition);
    if (hit) return hit;
    const def = named.get(c.condition);
    if (!def) throw new Error(`Unknown named condition "${c.condition}"`);
    const name = c.condition;
    let inner: Compiled | undefined;
    // An explicit literal, not `{ ...o, named }`: spread-then-add is pathologically slow on Node 20's V8.
    const f: Compiled = (facts) => {
      const o = (inner as Compiled)(facts);
      return o.kind === 'leaf' ? { result: o.result, kind: o.kind, leaf: o.leaf as LeafOutcome, named: name } : { result: o.result, kind: o.kind, parts: o.parts as readonly Outcome[], named: name };
    };
    cache.set(name, f);
    inner = compile(def, named, cache);
    return f;
  }
  if ('all' in c) {
    const parts = c.all.map((k) => compile(k, named, cache));
    return (facts) => {
      const outs = parts.map((p) => p(facts));
      let result: Tri = true;
      for (const o of outs) {
        if (o.result === false) {
          result = false;
          break;
        }
        if (o.result === null) result = null;
      }
      return { result, kind: 'all', parts: outs };
    };
  }
  if ('any' in c) {
    const parts = c.any.map((k) => compile(k, named, cache));
    return (facts) => {
      const outs = parts.map((p) => p(facts));
      let result: Tri = false;
      for (const o of outs) {
        if (o.result === true) {
          result = true;
          break;
        }
        if (o.result === null) result = null;
      }
      return { result, kind: 'any', parts: outs };
    };
  }
  const inner = compile(c.not, named, cache);
  return (facts) => {
    const o = inner(facts);
    return { result: o.result === null ? null : !o.result, kind: 'not', parts: [o] };
  };
}

/** A deciding leaf, with the named condition it sits in. */
export interface DecidingLeaf {
  readonly leaf: LeafOutcome;
  readonly within: string | undefined;
}

/**
 * The leaves that decide an outcome: for a true `all`, every part; for a false `all`, the false
 * parts; for a true `any`, the true parts; for a false `any`, every part; for unknown, the parts
 * still open (and, under `all`, what already holds).
 */
export function decidingLeaves(o: Outcome, within?: string, out: DecidingLeaf[] = []): DecidingLeaf[] {
  const here = o.named ?? within;
  if (o.kind === 'leaf') {
    out.push({ leaf: o.leaf as LeafOutcome, within: here });
    return out;
  }
  const parts = o.parts as readonly Outcome[];
  if (o.kind === 'not') return decidingLeaves(parts[0] as Outcome, here, out);
  let pick: (p: Outcome) => boolean;
  if (o.kind === 'all') {
    pick = o.result === false ? (p) => p.result === false : () => true;
  } else {
    pick = o.result === true ? (p) => p.result === true : o.result === false ? () => true : (p) => p.result === null;
  }
  for (const p of parts) if (pick(p)) decidingLeaves(p, here, out);
  return out;
}
