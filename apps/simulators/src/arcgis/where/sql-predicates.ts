/**
 * Predicates under SQL's three-valued logic: a comparison with NULL is unknown, NOT unknown is
 * unknown, and a row is selected only when its clause is true.
 */
import type { CompareOperator } from "./ast.ts";
import { likeToRegExp } from "./like-pattern.ts";
import { asString, type Compiled, compareValues, expectCondition, expectType, unify } from "./sql-values.ts";

const HOLDS: Record<CompareOperator, (order: number) => boolean> = {
  "=": (o) => o === 0,
  "<>": (o) => o !== 0,
  "<": (o) => o < 0,
  "<=": (o) => o <= 0,
  ">": (o) => o > 0,
  ">=": (o) => o >= 0,
};

export function compileCompare(op: CompareOperator, left: Compiled, right: Compiled): Compiled {
  unify(`'${op}'`, left, right);
  const holds = HOLDS[op];
  return {
    type: "boolean",
    evaluate: (row) => {
      const order = compareValues(left.evaluate(row), right.evaluate(row));
      return order === null ? null : holds(order);
    },
  };
}

function negate(negated: boolean, result: boolean | null): boolean | null {
  return result === null || !negated ? result : !result;
}

/** `x IN (a, b)` is `x = a OR x = b`: true on a match, else unknown if a NULL was involved. */
export function compileIn(value: Compiled, list: readonly Compiled[], negated: boolean): Compiled {
  unify("IN", value, ...list);
  return {
    type: "boolean",
    evaluate: (row) => {
      const subject = value.evaluate(row);
      let unknown = false;
      for (const item of list) {
        const order = compareValues(subject, item.evaluate(row));
        if (order === 0) return negate(negated, true);
        if (order === null) unknown = true;
      }
      return negate(negated, unknown ? null : false);
    },
  };
}

export function compileBetween(value: Compiled, low: Compiled, high: Compiled, negated: boolean): Compiled {
  unify("BETWEEN", value, low, high);
  return {
    type: "boolean",
    evaluate: (row) => {
      const subject = value.evaluate(row);
      const above = compareValues(subject, low.evaluate(row));
      const below = compareValues(subject, high.evaluate(row));
      // low <= x AND x <= high, in three-valued logic.
      const result = kleeneAnd(above === null ? null : above >= 0, below === null ? null : below <= 0);
      return negate(negated, result);
    },
  };
}

export function compileLike(
  value: Compiled,
  pattern: Compiled,
  escapeChar: string | null,
  negated: boolean,
): Compiled {
  expectType("LIKE", value, "string");
  expectType("LIKE pattern", pattern, "string");
  return {
    type: "boolean",
    evaluate: (row) => {
      const subject = asString(value.evaluate(row));
      const like = asString(pattern.evaluate(row));
      if (subject === null || like === null) return null;
      return negate(negated, likeToRegExp(like, escapeChar).test(subject));
    },
  };
}

export function compileIsNull(value: Compiled, negated: boolean): Compiled {
  unify("IS NULL", value);
  return { type: "boolean", evaluate: (row) => (value.evaluate(row) === null) !== negated };
}

export function kleeneAnd(a: boolean | null, b: boolean | null): boolean | null {
  if (a === false || b === false) return false;
  return a === null || b === null ? null : true;
}

export function kleeneOr(a: boolean | null, b: boolean | null): boolean | null {
  if (a === true || b === true) return true;
  return a === null || b === null ? null : false;
}

export function compileLogic(kind: "and" | "or", left: Compiled, right: Compiled): Compiled {
  expectCondition(kind.toUpperCase(), left);
  expectCondition(kind.toUpperCase(), right);
  const combine = kind === "and" ? kleeneAnd : kleeneOr;
  return {
    type: "boolean",
    evaluate: (row) => combine(left.evaluate(row) as boolean | null, right.evaluate(row) as boolean | null),
  };
}

export function compileNot(operand: Compiled): Compiled {
  expectCondition("NOT", operand);
  return {
    type: "boolean",
    evaluate: (row) => {
      const value = operand.evaluate(row);
      return value === null ? null : !value;
    },
  };
}
