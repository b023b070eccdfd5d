import type { AgeInterval, FactValue, Facts } from '../case/facts.js';
import { visitCondition, type Condition, type FactCondition, type Operator } from './condition.js';

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

function isInterval(v: FactValue): v is AgeInterval {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'min' in v;
}

/** Compares a definite value exactly as json-rules-engine's built-in operators do. */
function definiteCompare(op: Operator, fact: unknown, value: unknown): boolean {
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

/** A deciding leaf, with the named condition (statutory limb) it sits in. */
export interface DecidingLeaf {
  readonly leaf: LeafOutcome;
  readonly within: string | undefined;
}

/** A leaf test as compiled, shared by every explanation of it: the fact, the test and its label. */
export interface LeafTest {
  readonly fact: string;
  readonly operator: Operator;
  readonly expected: FactCondition['value'];
  readonly label: string | undefined;
}

/**
 * The deciding leaves of an explanation, without an object per leaf: parallel arrays reused from
 * call to call (`length` is the number in use; `reset()` empties it).
 */
export class LeafBuffer {
  readonly tests: LeafTest[] = [];
  readonly values: FactValue[] = [];
  readonly results: Tri[] = [];
  readonly within: (string | undefined)[] = [];
  length = 0;
  push(test: LeafTest, value: FactValue, result: Tri, within: string | undefined): void {
    const n = this.length++;
    this.tests[n] = test;
    this.values[n] = value;
    this.results[n] = result;
    this.within[n] = within;
  }
  /** Drops the entries from `from` to `to` (exclusive), keeping the order of the rest. */
  drop(from: number, to: number): void {
    const n = this.length;
    for (let i = to, j = from; i < n; i++, j++) {
      this.tests[j] = this.tests[i] as LeafTest;
      this.values[j] = this.values[i];
      this.results[j] = this.results[i] as Tri;
      this.within[j] = this.within[i];
    }
    this.length = n - (to - from);
  }
  reset(): void {
    this.length = 0;
  }
  /** The entries as objects (for reasons in words). */
  toLeaves(): DecidingLeaf[] {
    const out: DecidingLeaf[] = [];
    for (let i = 0; i < this.length; i++) {
      const t = this.tests[i] as LeafTest;
      out.push({
        leaf: {
          fact: t.fact,
          value: this.values[i],
          operator: t.operator,
          expected: t.expected,
          label: t.label,
          result: this.results[i] as Tri,
        },
        within: this.within[i],
      });
    }
    return out;
  }
}

/**
 * What is known of the named conditions on one facts object: results, and explanations (leaves
 * kept in arenas). An entry is current when its stamp is the memo's generation (nothing to clear).
 */
class Memo {
  facts: Facts | undefined = undefined;
  gen = 0;
  readonly stamp: number[] = [];
  readonly tri: Tri[] = [];
  /** Where the explanation's leaves start in the arenas; -1 when only the result is known. */
  readonly from: number[] = [];
  readonly to: number[] = [];
  n = 0;
  readonly tests: LeafTest[] = [];
  readonly values: FactValue[] = [];
  readonly results: Tri[] = [];
  readonly within: (string | undefined)[] = [];
  reset(facts: Facts | undefined): void {
    this.facts = facts;
    this.gen++;
    this.n = 0;
  }
}
let nextNamedId = 0;
let memoDepth = 0;
const MEMOS: Memo[] = Array.from({ length: 8 }, () => new Memo());
let nextMemo = 0;
/** The memo found last: the next lookup is most often for the same facts. */
let lastMemo: Memo = MEMOS[0] as Memo;
function memoOf(facts: Facts): Memo {
  if (lastMemo.facts === facts) return lastMemo;
  for (let i = 0; i < MEMOS.length; i++) {
    const m = MEMOS[i] as Memo;
    if (m.facts === facts) return (lastMemo = m);
  }
  const m = MEMOS[nextMemo] as Memo;
  nextMemo = (nextMemo + 1) % MEMOS.length;
  m.reset(facts);
  return (lastMemo = m);
}

/**
 * Runs `f` with named conditions remembered per facts object (by identity): for code that never
 * changes a facts object once evaluated (the assessment builds each one, then only reads it).
 * Nothing is kept after `f` returns.
 */
export function withMemo<T>(f: () => T): T {
  memoDepth++;
  try {
    return f();
  } finally {
    if (--memoDepth === 0) for (const m of MEMOS) m.reset(undefined);
  }
}

/**
 * A condition compiled once. `tri` gives the three-valued result without allocating; `explain`
 * appends the leaves that decide it — for a true `all`, every part; for a false `all`, the false
 * parts; for a true `any`, the true parts; for a false `any`, every part; for unknown, the parts
 * still open (and, under `all`, what already holds) — and returns the same result.
 */
export interface Compiled {
  readonly tri: (facts: Facts) => Tri;
  readonly explain: (facts: Facts, out: LeafBuffer, within?: string) => Tri;
}

/**
 * Compiles a condition into a three-valued test, resolving named conditions once.
 * Kleene logic: `all` is false if any part is false, true if all are true, else unknown;
 * `any` is true if any part is true, false if all are false, else unknown; `not` swaps.
 */
export function compile(c: Condition, named: ReadonlyMap<string, Condition>, cache = new Map<string, Compiled>()): Compiled {
  const part = (sub: Condition) => compile(sub, named, cache);
  return visitCondition<Compiled>(c, {
    fact: compileLeaf,
    reference: (ref) => compileReference(ref.condition, named, cache),
    all: (x) => compileAll(x.all.map(part)),
    any: (x) => compileAny(x.any.map(part)),
    not: (x) => compileNot(part(x.not)),
  });
}

function compileLeaf(c: FactCondition): Compiled {
  const { fact, operator, value } = c;
  const label = c.name;
  // The common tests get a direct function; the rest go through `compare`.
  let tri: (facts: Facts) => Tri;
  if ((operator === 'equal' || operator === 'notEqual') && (typeof value === 'boolean' || typeof value === 'string')) {
    const eq = operator === 'equal';
    tri = (facts) => {
      const v = facts[fact];
      return v === undefined ? null : typeof v === 'object' ? compare(operator, v, value) : (v === value) === eq;
    };
  } else if ((operator === 'in' || operator === 'notIn') && Array.isArray(value) && value.every((x) => typeof x === 'string')) {
    const set = new Set(value as string[]);
    const isIn = operator === 'in';
    tri = (facts) => {
      const v = facts[fact];
      return v === undefined ? null : typeof v === 'string' ? set.has(v) === isIn : compare(operator, v, value);
    };
  } else {
    tri = (facts) => compare(operator, facts[fact], value);
  }
  const test: LeafTest = { fact, operator, expected: value, label };
  return {
    tri,
    explain: (facts, out, within) => {
      const v = facts[fact];
      const result = tri(facts);
      out.push(test, v, result, within);
      return result;
    },
  };
}

/**
 * A named condition, compiled once per cache (the entry is made first, so a reference back to it
 * resolves). Inside {@link withMemo} it is decided and explained once per facts object (rules share
 * them: about three quarters of the leaves an assessment reads are in one already seen).
 */
function compileReference(name: string, named: ReadonlyMap<string, Condition>, cache: Map<string, Compiled>): Compiled {
  const hit = cache.get(name);
  if (hit) return hit;
  const def = named.get(name);
  if (!def) throw new Error(`Unknown named condition "${name}"`);
  const id = nextNamedId++;
  let inner: Compiled | undefined;
  const f: Compiled = {
    tri: (facts) => {
      if (memoDepth === 0) return (inner as Compiled).tri(facts);
      const m = memoOf(facts);
      if (m.stamp[id] === m.gen) return m.tri[id] as Tri;
      const r = (inner as Compiled).tri(facts);
      m.stamp[id] = m.gen;
      m.tri[id] = r;
      m.from[id] = -1;
      return r;
    },
    explain: (facts, out) => {
      if (memoDepth === 0) return (inner as Compiled).explain(facts, out, name);
      const m = memoOf(facts);
      const from = m.stamp[id] === m.gen ? (m.from[id] as number) : -1;
      if (from >= 0) {
        const to = m.to[id] as number;
        for (let i = from; i < to; i++) out.push(m.tests[i] as LeafTest, m.values[i], m.results[i] as Tri, m.within[i]);
        return m.tri[id] as Tri;
      }
      const start = out.length;
      const r = (inner as Compiled).explain(facts, out, name);
      const at = m.n;
      let n = at;
      for (let i = start; i < out.length; i++, n++) {
        m.tests[n] = out.tests[i] as LeafTest;
        m.values[n] = out.values[i];
        m.results[n] = out.results[i] as Tri;
        m.within[n] = out.within[i];
      }
      m.n = n;
      m.stamp[id] = m.gen;
      m.tri[id] = r;
      m.from[id] = at;
      m.to[id] = n;
      return r;
    },
  };
  cache.set(name, f);
  inner = compile(def, named, cache);
  return f;
}

/**
 * Kleene `all` (dominant `false`) or `any` (dominant `true`): the dominant value as soon as a part
 * has it, else unknown if a part is unknown, else the other value.
 */
function kleene(parts: readonly Compiled[], dominant: boolean): (facts: Facts) => Tri {
  return (facts) => {
    let unknown = false;
    for (const p of parts) {
      const r = p.tri(facts);
      if (r === dominant) return dominant;
      if (r === null) unknown = true;
    }
    return unknown ? null : !dominant;
  };
}

function compileAll(parts: readonly Compiled[]): Compiled {
  return {
    tri: kleene(parts, false),
    // Only the parts kept are explained: the results first (cheap, and remembered for named
    // conditions), then the false parts if any part is false, else every part.
    explain: (facts, out, within) => {
      const n = parts.length;
      let first = -1;
      let unknown = false;
      for (let i = 0; i < n; i++) {
        const r = (parts[i] as Compiled).tri(facts);
        if (r === false) {
          first = i;
          break;
        }
        if (r === null) unknown = true;
      }
      if (first === -1) {
        for (let i = 0; i < n; i++) (parts[i] as Compiled).explain(facts, out, within);
        return unknown ? null : true;
      }
      (parts[first] as Compiled).explain(facts, out, within);
      for (let i = first + 1; i < n; i++) {
        const p = parts[i] as Compiled;
        if (p.tri(facts) === false) p.explain(facts, out, within);
      }
      return false;
    },
  };
}

function compileAny(parts: readonly Compiled[]): Compiled {
  const tri = kleene(parts, true);
  return {
    tri,
    // Only the parts kept are explained: those with the result of the whole (every part if false).
    explain: (facts, out, within) => {
      const r = tri(facts);
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i] as Compiled;
        if (r === false || p.tri(facts) === r) p.explain(facts, out, within);
      }
      return r;
    },
  };
}

function compileNot(inner: Compiled): Compiled {
  return {
    tri: (facts) => {
      const r = inner.tri(facts);
      return r === null ? null : !r;
    },
    explain: (facts, out, within) => {
      const r = inner.explain(facts, out, within);
      return r === null ? null : !r;
    },
  };
}
