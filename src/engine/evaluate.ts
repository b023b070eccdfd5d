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

/*
 * How conditions run. Every condition compiled with one cache (a rule set's limbs, notes and named
 * conditions) is one *program*: its nodes in a flat list, each node after the nodes it reads. On a
 * facts object, the facts the program reads are first read into slots; a node is then decided on
 * first use (its parts first, stopping at the dominant value) and its result kept while the facts
 * object is in use (inside {@link withMemo}), so a condition that many rules share is decided once.
 * An explanation walks the decided nodes. A named condition is one node, read by every rule that
 * refers to it.
 */

/** Node kinds. */
const EQ = 0; // fact equal / notEqual a string or boolean
const IN = 1; // fact in / notIn a list of strings
const CMP = 2; // any other leaf (through `compare`)
const ALL = 3;
const ANY = 4;
const NOT = 5;
const REF = 6; // a named condition: the result of its root, explained under its name
const LT = 7; // a number compared with a number (lessThan, lessThanInclusive, greaterThan, greaterThanInclusive)
const LTE = 8;
const GT = 9;
const GTE = 10;
const NUMERIC: Partial<Record<Operator, number>> = { lessThan: LT, lessThanInclusive: LTE, greaterThan: GT, greaterThanInclusive: GTE };

/** The nodes of one cache's conditions, in parallel arrays, each node after the nodes it reads. */
class Program {
  readonly kind: number[] = [];
  /** Leaves: the fact read (and its slot), the test, and what the fast kinds need. */
  readonly fact: string[] = [];
  readonly slot: number[] = [];
  /** The facts the program reads, each once: read into slots before the nodes are decided. */
  readonly slots: string[] = [];
  readonly slotOf = new Map<string, number>();
  loader: ((facts: Facts, values: FactValue[]) => void) | undefined = undefined;
  loaderSize = -1;
  readonly op: Operator[] = [];
  readonly value: FactCondition['value'][] = [];
  readonly eq: boolean[] = [];
  readonly set: (ReadonlySet<string> | undefined)[] = [];
  readonly test: (LeafTest | undefined)[] = [];
  /** ALL / ANY: the parts are kids[from[i]] to kids[to[i] - 1]; NOT / REF: the node read is `one[i]`. */
  readonly from: number[] = [];
  readonly to: number[] = [];
  readonly one: number[] = [];
  readonly name: (string | undefined)[] = [];
  readonly kids: number[] = [];
  /**
   * Per memo (by its index): the facts read into the slots, each node's result and the memo
   * generation it was decided in (a node is decided on first use).
   */
  readonly states: State[] = MEMOS.map(() => new State(this));
  add(kind: number): number {
    const i = this.kind.length;
    this.kind.push(kind);
    this.fact.push('');
    this.slot.push(-1);
    this.op.push('equal');
    this.value.push(null);
    this.eq.push(false);
    this.set.push(undefined);
    this.test.push(undefined);
    this.from.push(0);
    this.to.push(0);
    this.one.push(-1);
    this.name.push(undefined);
    return i;
  }
}

/**
 * Reads each fact the program reads once, into its slot. Where the platform allows code generation,
 * a function reading them by name (one shape of facts object: fast property loads); elsewhere (a
 * strict Content-Security-Policy) a loop.
 */
function loaderOf(p: Program): (facts: Facts, values: FactValue[]) => void {
  if (p.loader !== undefined && p.loaderSize === p.slots.length) return p.loader;
  const names = [...p.slots];
  let loader: (facts: Facts, values: FactValue[]) => void = (facts, values) => {
    for (let s = 0; s < names.length; s++) values[s] = facts[names[s] as string];
  };
  try {
    // Fact names are quoted as JSON string literals: nothing of them runs as code.
    const body = names.map((n, s) => `v[${s}]=f[${JSON.stringify(n)}];`).join('');
    loader = new Function('f', 'v', body) as typeof loader;
  } catch {
    // Code generation not allowed: the loop.
  }
  p.loader = loader;
  p.loaderSize = names.length;
  return loader;
}

/** What one program knows of one facts object: the facts in slots, and each node's result once decided. */
class State {
  /** The memo generation the facts in the slots were read in: a node is current when its stamp is it. */
  g = -1;
  readonly vals: FactValue[] = [];
  readonly res: Tri[] = [];
  readonly st: number[] = [];
  constructor(readonly p: Program) {}
}

/** Decides node `i` (and the parts it needs, Kleene logic, stopping at the dominant value), once per facts object. */
function evalNode(s: State, i: number): Tri {
  if (s.st[i] === s.g) return s.res[i] as Tri;
  const p = s.p;
  const k = p.kind[i];
  let r: Tri;
  switch (k) {
    case EQ: {
      const v = s.vals[p.slot[i] as number];
      r =
        v === undefined
          ? null
          : typeof v === 'object'
            ? compare(p.op[i] as Operator, v, p.value[i] as FactCondition['value'])
            : (v === p.value[i]) === p.eq[i];
      break;
    }
    case IN: {
      const v = s.vals[p.slot[i] as number];
      r =
        v === undefined
          ? null
          : typeof v === 'string'
            ? (p.set[i] as ReadonlySet<string>).has(v) === p.eq[i]
            : compare(p.op[i] as Operator, v, p.value[i] as FactCondition['value']);
      break;
    }
    case LT:
    case LTE:
    case GT:
    case GTE: {
      const v = s.vals[p.slot[i] as number];
      if (typeof v === 'number') {
        const x = p.value[i] as number;
        r = k === LT ? v < x : k === LTE ? v <= x : k === GT ? v > x : v >= x;
      } else r = compare(p.op[i] as Operator, v, p.value[i] as FactCondition['value']);
      break;
    }
    case CMP:
      r = compare(p.op[i] as Operator, s.vals[p.slot[i] as number], p.value[i] as FactCondition['value']);
      break;
    case ALL:
    case ANY: {
      // The dominant value as soon as a part has it, else unknown if a part is unknown, else the other value.
      const dominant = k === ANY;
      r = !dominant;
      for (let c = p.from[i] as number, end = p.to[i] as number; c < end; c++) {
        const x = evalNode(s, p.kids[c] as number);
        if (x === dominant) {
          r = dominant;
          break;
        }
        if (x === null) r = null;
      }
      break;
    }
    case NOT: {
      const x = evalNode(s, p.one[i] as number);
      r = x === null ? null : !x;
      break;
    }
    default:
      r = evalNode(s, p.one[i] as number);
  }
  s.res[i] = r;
  s.st[i] = s.g;
  return r;
}

/** Facts objects in use (by identity) while {@link withMemo} runs: each program's results on them are kept. */
class Memo {
  facts: Facts | undefined = undefined;
  gen = 0;
  constructor(readonly index: number) {}
  reset(facts: Facts | undefined): void {
    this.facts = facts;
    this.gen++;
  }
}
let memoDepth = 0;
const MEMOS: Memo[] = Array.from({ length: 8 }, (_, i) => new Memo(i));
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

/** What a program knows of the facts (kept while the facts are in use; call inside {@link withMemo}). */
function stateOf(p: Program, facts: Facts): State {
  const m = memoOf(facts);
  const s = p.states[m.index] as State;
  if (s.g !== m.gen || p.loaderSize !== p.slots.length) {
    loaderOf(p)(facts, s.vals);
    s.g = m.gen;
  }
  return s;
}

/**
 * Runs `f` with every program's results remembered per facts object (by identity): for code that
 * never changes a facts object once evaluated (the assessment builds each one, then only reads it).
 * No result is reused after `f` returns.
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
 * A condition compiled once. `tri` gives the three-valued result; `explain` appends the leaves that
 * decide it — for a true `all`, every part; for a false `all`, the false parts; for a true `any`,
 * the true parts; for a false `any`, every part; for unknown, the parts still open (and, under
 * `all`, what already holds) — and returns the same result. Leaves inside a named condition are
 * appended with its name (`within`); the others with the `within` given.
 */
export interface Compiled {
  readonly tri: (facts: Facts) => Tri;
  readonly explain: (facts: Facts, out: LeafBuffer, within?: string) => Tri;
}

/** Appends the deciding leaves of node `i` (see {@link Compiled}). */
function explainNode(s: State, i: number, out: LeafBuffer, within: string | undefined): Tri {
  const p = s.p;
  const r = evalNode(s, i);
  switch (p.kind[i]) {
    case ALL: {
      const from = p.from[i] as number;
      const to = p.to[i] as number;
      if (r !== false) {
        for (let k = from; k < to; k++) explainNode(s, p.kids[k] as number, out, within);
      } else {
        // The false parts only.
        for (let k = from; k < to; k++) {
          const c = p.kids[k] as number;
          if (evalNode(s, c) === false) explainNode(s, c, out, within);
        }
      }
      return r;
    }
    case ANY: {
      // The parts with the result of the whole (every part if false).
      for (let k = p.from[i] as number, end = p.to[i] as number; k < end; k++) {
        const c = p.kids[k] as number;
        if (r === false || evalNode(s, c) === r) explainNode(s, c, out, within);
      }
      return r;
    }
    case NOT:
      explainNode(s, p.one[i] as number, out, within);
      return r;
    case REF:
      explainNode(s, p.one[i] as number, out, p.name[i]);
      return r;
    default:
      out.push(p.test[i] as LeafTest, s.vals[p.slot[i] as number], r, within);
      return r;
  }
}

/** The program of a compile cache (one per cache). */
const programs = new WeakMap<Map<string, Compiled>, Program>();
/** Each compiled condition's program and node. */
const nodeOf = new WeakMap<Compiled, { readonly p: Program; readonly i: number }>();

function handle(p: Program, i: number): Compiled {
  const c: Compiled = {
    tri: (facts) => (memoDepth === 0 ? withMemo(() => evalNode(stateOf(p, facts), i)) : evalNode(stateOf(p, facts), i)),
    explain: (facts, out, within) => {
      if (memoDepth === 0) return withMemo(() => explainNode(stateOf(p, facts), i, out, within));
      return explainNode(stateOf(p, facts), i, out, within);
    },
  };
  nodeOf.set(c, { p, i });
  return c;
}

/**
 * Compiles a condition into a three-valued test, resolving named conditions once per cache.
 * Kleene logic: `all` is false if any part is false, true if all are true, else unknown;
 * `any` is true if any part is true, false if all are false, else unknown; `not` swaps.
 */
export function compile(c: Condition, named: ReadonlyMap<string, Condition>, cache = new Map<string, Compiled>()): Compiled {
  let p = programs.get(cache);
  if (p === undefined) programs.set(cache, (p = new Program()));
  return handle(p, node(p, c, named, cache, new Set()));
}

/** Adds a condition's nodes to the program (named conditions once), returning its node. */
function node(p: Program, c: Condition, named: ReadonlyMap<string, Condition>, cache: Map<string, Compiled>, open: Set<string>): number {
  const part = (sub: Condition) => node(p, sub, named, cache, open);
  const composite = (kind: number, parts: readonly Condition[]): number => {
    const kids = parts.map(part);
    const i = p.add(kind);
    p.from[i] = p.kids.length;
    p.kids.push(...kids);
    p.to[i] = p.kids.length;
    return i;
  };
  return visitCondition<number>(c, {
    fact: (leaf) => leafNode(p, leaf),
    reference: (ref) => {
      const name = ref.condition;
      const hit = cache.get(name);
      if (hit) return (nodeOf.get(hit) as { i: number }).i;
      const def = named.get(name);
      if (!def) throw new Error(`Unknown named condition "${name}"`);
      if (open.has(name)) throw new Error(`Named condition "${name}" refers to itself`);
      open.add(name);
      const root = node(p, def, named, cache, open);
      open.delete(name);
      const i = p.add(REF);
      p.one[i] = root;
      p.name[i] = name;
      cache.set(name, handle(p, i));
      return i;
    },
    all: (x) => composite(ALL, x.all),
    any: (x) => composite(ANY, x.any),
    not: (x) => {
      const inner = part(x.not);
      const i = p.add(NOT);
      p.one[i] = inner;
      return i;
    },
  });
}

function leafNode(p: Program, c: FactCondition): number {
  const { fact, operator, value } = c;
  // The common tests get a direct path; the rest go through `compare`.
  let kind = CMP;
  if ((operator === 'equal' || operator === 'notEqual') && (typeof value === 'boolean' || typeof value === 'string')) kind = EQ;
  else if ((operator === 'in' || operator === 'notIn') && Array.isArray(value) && value.every((x) => typeof x === 'string')) kind = IN;
  else if (NUMERIC[operator] !== undefined && typeof value === 'number') kind = NUMERIC[operator] as number;
  const i = p.add(kind);
  p.fact[i] = fact;
  let slot = p.slotOf.get(fact);
  if (slot === undefined) {
    slot = p.slots.length;
    p.slots.push(fact);
    p.slotOf.set(fact, slot);
  }
  p.slot[i] = slot;
  p.op[i] = operator;
  p.value[i] = value;
  p.eq[i] = operator === 'equal' || operator === 'in';
  if (kind === IN) p.set[i] = new Set(value as string[]);
  p.test[i] = { fact, operator, expected: value, label: c.name };
  return i;
}
