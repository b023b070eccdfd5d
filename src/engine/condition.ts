import * as z from 'zod';

/** An operator name: json-rules-engine's built-in operators that the rule files may use. */
export type Operator =
  | 'equal'
  | 'notEqual'
  | 'lessThan'
  | 'lessThanInclusive'
  | 'greaterThan'
  | 'greaterThanInclusive'
  | 'in'
  | 'notIn'
  | 'contains'
  | 'doesNotContain';
/** The operators, in a list. */
const OPERATORS: readonly [Operator, ...Operator[]] = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
];

/**
 * A reference to a parameter in `rules/parameters/` (`ages.child`, `harms.domesticViolenceForms`),
 * resolved to its value when the rule set is built, so json-rules-engine and the evaluator see
 * plain numbers and lists.
 */
export interface ParameterReference {
  readonly parameter: string;
}

/** A leaf: compares one fact with a value. `name` is a plain-language label of the test. */
export interface FactCondition {
  readonly fact: string;
  readonly operator: Operator;
  readonly value: string | number | boolean | null | readonly (string | number | boolean)[] | ParameterReference;
  readonly name?: string | undefined;
}
/** A reference to a shared named condition (json-rules-engine `setCondition`). */
export interface ConditionReference {
  readonly condition: string;
}
/** Boolean combinations, in json-rules-engine's format. */
export interface AllCondition {
  readonly all: readonly Condition[];
  readonly name?: string | undefined;
}
export interface AnyCondition {
  readonly any: readonly Condition[];
  readonly name?: string | undefined;
}
export interface NotCondition {
  readonly not: Condition;
  readonly name?: string | undefined;
}
/** A condition in json-rules-engine's rule format (the subset the library evaluates). */
export type Condition = FactCondition | ConditionReference | AllCondition | AnyCondition | NotCondition;

const JsonValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string(), z.number(), z.boolean()])),
  z.object({ parameter: z.string().regex(/^[a-zA-Z]+\.[a-zA-Z]+$/) }).strict(),
]);

/** zod schema of a condition (recursive). */
export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ fact: z.string().min(1), operator: z.enum(OPERATORS), value: JsonValue, name: z.string().optional() }).strict(),
    z.object({ condition: z.string().min(1) }).strict(),
    z.object({ all: z.array(ConditionSchema).min(1), name: z.string().optional() }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1), name: z.string().optional() }).strict(),
    z.object({ not: ConditionSchema, name: z.string().optional() }).strict(),
  ]),
);

/**
 * What to do with each kind of condition: one function per kind, all required, so that a kind
 * added to {@link Condition} fails to compile in every walk until each handles it.
 */
export interface ConditionVisitor<R> {
  readonly fact: (c: FactCondition) => R;
  readonly reference: (c: ConditionReference) => R;
  readonly all: (c: AllCondition) => R;
  readonly any: (c: AnyCondition) => R;
  readonly not: (c: NotCondition) => R;
}

/** Calls the visitor's function for the condition's kind (exhaustive: every kind, checked by the compiler). */
export function visitCondition<R>(c: Condition, v: ConditionVisitor<R>): R {
  if ('fact' in c) return v.fact(c);
  if ('condition' in c) return v.reference(c);
  if ('all' in c) return v.all(c);
  if ('any' in c) return v.any(c);
  if ('not' in c) return v.not(c);
  const unhandled: never = c;
  throw new Error(`Unknown condition kind: ${JSON.stringify(unhandled)}`);
}

/**
 * Visits every node of a condition, in order (a combination before its parts), without following
 * references into the named conditions.
 */
export function forEachNode(
  c: Condition,
  on: {
    readonly fact?: (c: FactCondition) => void;
    readonly reference?: (c: ConditionReference) => void;
    readonly combination?: (c: AllCondition | AnyCondition | NotCondition) => void;
  },
): void {
  const walk = (node: Condition): void =>
    visitCondition(node, {
      fact: (leaf) => on.fact?.(leaf),
      reference: (ref) => on.reference?.(ref),
      all: (x) => {
        on.combination?.(x);
        x.all.forEach(walk);
      },
      any: (x) => {
        on.combination?.(x);
        x.any.forEach(walk);
      },
      not: (x) => {
        on.combination?.(x);
        walk(x.not);
      },
    });
  walk(c);
}

/** Every fact a condition names, following named conditions through `named`. */
export function factsOf(
  c: Condition,
  named: ReadonlyMap<string, Condition>,
  out = new Set<string>(),
  seen = new Set<string>(),
): Set<string> {
  forEachNode(c, {
    fact: (leaf) => out.add(leaf.fact),
    reference: (ref) => {
      if (seen.has(ref.condition)) return;
      seen.add(ref.condition);
      const n = named.get(ref.condition);
      if (n) factsOf(n, named, out, seen);
    },
  });
  return out;
}

/** Every named condition a condition refers to, directly. */
export function referencesOf(c: Condition, out = new Set<string>()): Set<string> {
  forEachNode(c, { reference: (ref) => out.add(ref.condition) });
  return out;
}

/** Whether a condition value is a parameter reference still to be resolved. */
function isParameterReference(v: FactCondition['value']): v is ParameterReference {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** How {@link mapCondition} rewrites the leaves and the references of a tree (each left as it is when not given). */
export interface ConditionMapping {
  readonly fact?: (c: FactCondition) => FactCondition;
  readonly reference?: (c: ConditionReference) => Condition;
}

/** The condition with its leaves and references rewritten (a new tree; the input is not changed; labels kept). */
export function mapCondition(c: Condition, map: ConditionMapping): Condition {
  const withName = <T extends object>(o: T, name: string | undefined): T => (name === undefined ? o : { ...o, name });
  return visitCondition<Condition>(c, {
    fact: (leaf) => (map.fact ? map.fact(leaf) : leaf),
    reference: (ref) => (map.reference ? map.reference(ref) : ref),
    all: (x) => withName({ all: x.all.map((part) => mapCondition(part, map)) }, x.name),
    any: (x) => withName({ any: x.any.map((part) => mapCondition(part, map)) }, x.name),
    not: (x) => withName({ not: mapCondition(x.not, map) }, x.name),
  });
}

/**
 * The condition with every parameter reference replaced by its value (a new tree; the input is not
 * changed). `lookup` returns undefined for an unknown parameter, which is reported through `onUnknown`.
 */
export function resolveParameters(
  c: Condition,
  lookup: (ref: string) => number | readonly string[] | undefined,
  onUnknown: (ref: string) => void = () => undefined,
): Condition {
  return mapCondition(c, {
    fact: (leaf) => {
      if (!isParameterReference(leaf.value)) return leaf;
      const v = lookup(leaf.value.parameter);
      if (v === undefined) {
        onUnknown(leaf.value.parameter);
        return leaf;
      }
      return leaf.name === undefined
        ? { fact: leaf.fact, operator: leaf.operator, value: v }
        : { fact: leaf.fact, operator: leaf.operator, value: v, name: leaf.name };
    },
  });
}
