/**
 * The operator precedence of OData 4.01 (URL Conventions, "Operator Precedence"), shared by the
 * parser and the serializer so they cannot disagree. Higher binds tighter; every binary operator is
 * left-associative.
 */

import type { BinaryOperator } from "../ast.ts";

export const Precedence = {
  or: 1,
  and: 2,
  equality: 3,
  relational: 4,
  additive: 5,
  multiplicative: 6,
  unary: 7,
  primary: 8,
} as const;

export type InfixOperator = BinaryOperator | "in";

export const INFIX_PRECEDENCE: Readonly<Record<InfixOperator, number>> = {
  or: Precedence.or,
  and: Precedence.and,
  eq: Precedence.equality,
  ne: Precedence.equality,
  gt: Precedence.relational,
  ge: Precedence.relational,
  lt: Precedence.relational,
  le: Precedence.relational,
  has: Precedence.relational,
  in: Precedence.relational,
  add: Precedence.additive,
  sub: Precedence.additive,
  mul: Precedence.multiplicative,
  div: Precedence.multiplicative,
  divby: Precedence.multiplicative,
  mod: Precedence.multiplicative,
};

export const INFIX_OPERATORS = Object.keys(INFIX_PRECEDENCE) as InfixOperator[];

const BY_NAME: ReadonlyMap<string, InfixOperator> = new Map(INFIX_OPERATORS.map((op) => [op, op]));

/** The operator named by `word` in any case, or undefined. */
export function infixOperatorNamed(word: string): InfixOperator | undefined {
  return word.length <= 5 ? BY_NAME.get(word.toLowerCase()) : undefined;
}
