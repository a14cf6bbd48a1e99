/**
 * Small constructors for compiled nodes, and constant folding: a node whose inputs are all
 * constant is evaluated once at compile time, unless that throws (a division by zero must
 * surface when the expression is evaluated, not when it is compiled).
 */
import type { Compiled, Evaluator, Row, RowPredicate, ValueKind } from "./types.ts";

const NO_ROW: Row = Object.freeze({});

export function constantNode(
  value: unknown,
  kind: ValueKind,
  geoFamily?: "geography" | "geometry",
): Compiled {
  const evaluate: Evaluator = () => value;
  const node: Compiled = { evaluate, kind, constant: { value } };
  if (typeof value === "boolean") return { ...node, predicate: () => value };
  return geoFamily === undefined ? node : { ...node, geoFamily };
}

export function valueNode(evaluate: Evaluator, kind: ValueKind): Compiled {
  return { evaluate, kind };
}

export function predicateNode(predicate: RowPredicate): Compiled {
  return { evaluate: predicate, predicate, kind: "boolean" };
}

/** Null in, null out: the rule for canonical functions (OData Part 2 §5.1.1.4). */
export function unaryNode(arg: Compiled, kind: ValueKind, fn: (a: unknown) => unknown): Compiled {
  const a = arg.evaluate;
  return fold(
    valueNode((row) => {
      const v = a(row);
      return v == null ? null : fn(v);
    }, kind),
    [arg],
  );
}

export function binaryNode(
  left: Compiled,
  right: Compiled,
  kind: ValueKind,
  fn: (a: unknown, b: unknown) => unknown,
): Compiled {
  const l = left.evaluate;
  const r = right.evaluate;
  return fold(
    valueNode((row) => {
      const a = l(row);
      if (a == null) return null;
      const b = r(row);
      return b == null ? null : fn(a, b);
    }, kind),
    [left, right],
  );
}

export function fold(node: Compiled, inputs: readonly Compiled[]): Compiled {
  if (node.constant !== undefined || !inputs.every((input) => input.constant !== undefined)) return node;
  try {
    return constantNode(node.evaluate(NO_ROW), node.kind);
  } catch {
    return node;
  }
}

/** The argument at `index`; the parser checked the arity, so a gap is a programming error. */
export function arg(args: readonly Compiled[], index: number): Compiled {
  const node = args[index];
  if (node === undefined) throw new Error(`canonical function called without argument ${index + 1}`);
  return node;
}
