/**
 * `commonExpr` / `boolCommonExpr` by precedence climbing (Pratt). The ABNF itself is flat and
 * right-recursive and does not encode precedence; this parser applies the 4.01 precedence table
 * (see `operators.ts`) with every binary operator left-associative, so `A sub B sub C` is
 * `(A sub B) sub C`.
 *
 * Binary operators need whitespace on both sides (`RWS "eq" RWS`), which is what separates them
 * from property names: `Price eq 5` has an operator, `Priceeq5` does not.
 */

import type { Expr, Literal } from "../ast.ts";
import type { ODataSyntaxError } from "../errors.ts";
import { closestMatches, editDistance } from "../suggest.ts";
import {
  AT,
  CLOSE,
  CLOSE_BRACKET,
  COMMA,
  DOLLAR,
  DQUOTE,
  identifierCharLength,
  isDigit,
  isHexDigit,
  isWhitespace,
  MINUS,
  OPEN,
  OPEN_BRACE,
  OPEN_BRACKET,
  PLUS,
  SQUOTE,
} from "./chars.ts";
import { isCallableName, parseCall } from "./function-calls.ts";
import {
  keywordLiteral,
  scanGuid,
  scanJsonString,
  scanNumberOrTemporal,
  scanPrefixedLiteral,
  scanStringLiteral,
} from "./literals.ts";
import { parseAliasReference, parseDollarName, parseMemberPath } from "./member-paths.ts";
import { INFIX_OPERATORS, INFIX_PRECEDENCE, infixOperatorNamed, Precedence } from "./operators.ts";
import { describeAlternatives, type Scanner } from "./scanner.ts";

function literal(value: Literal): Expr {
  return { kind: "literal", literal: value };
}

/** A whole `commonExpr`: stops before anything that cannot continue it (`,`, `)`, `;`, `asc`, ...). */
export function parseCommonExpr(sc: Scanner): Expr {
  return parseExpression(sc, Precedence.or);
}

function parseExpression(sc: Scanner, minPrecedence: number): Expr {
  return parseInfix(sc, parseUnary(sc), minPrecedence);
}

/** Folds `left op right` while an operator of at least `minPrecedence` follows. */
function parseInfix(sc: Scanner, left: Expr, minPrecedence: number): Expr {
  for (;;) {
    const beforeSpace = sc.pos;
    if (!sc.skipRws()) return left;
    const opStart = sc.pos;
    const length = sc.identifierLengthAt(opStart);
    const op = length > 0 ? infixOperatorNamed(sc.text.slice(opStart, opStart + length)) : undefined;
    if (op === undefined || INFIX_PRECEDENCE[op] < minPrecedence) {
      sc.pos = beforeSpace;
      return left;
    }
    sc.pos = opStart + length;
    if (!sc.skipRws()) {
      const shown = sc.text.slice(opStart, sc.pos);
      throw sc.expected(sc.pos, [sc.atEnd() ? "an expression" : "whitespace"], ` after '${shown}'`);
    }
    sc.countOperator(opStart);
    // The right operand recurses once per precedence level above this one: count it as nesting,
    // so the stack needed per allowed level stays small.
    sc.enter(opStart);
    const right = op === "in" ? parseInRight(sc) : parseExpression(sc, INFIX_PRECEDENCE[op] + 1);
    sc.leave();
    left = op === "in" ? { kind: "in", left, right } : { kind: "binary", op, left, right };
  }
}

/** `not`, unary `-`, or a primary expression. */
function parseUnary(sc: Scanner): Expr {
  const start = sc.pos;
  const c = sc.peek();
  if (c === MINUS) {
    const next = sc.peekAt(1);
    if (isDigit(next)) return literal(scanNumberOrTemporal(sc));
    if (sc.text.startsWith("INF", start + 1) && identifierCharLength(sc.text, start + 4, false) === 0) {
      sc.pos += 4;
      return literal({ kind: "double", value: Number.NEGATIVE_INFINITY });
    }
    sc.pos++;
    sc.skipBws();
    return { kind: "negate", operand: parseNested(sc, start) };
  }
  if (sc.isWordAt("not") && (isWhitespace(sc.peekAt(3)) || sc.peekAt(3) === OPEN)) {
    sc.pos += 3;
    sc.skipBws();
    return { kind: "not", operand: parseNested(sc, start) };
  }
  return parsePrimary(sc);
}

/** The operand of a prefix operator, counted as one level of nesting (`not not not ...`). */
function parseNested(sc: Scanner, start: number): Expr {
  sc.enter(start);
  const operand = parseUnary(sc);
  sc.leave();
  return operand;
}

function parsePrimary(sc: Scanner): Expr {
  const start = sc.pos;
  const c = sc.peek();
  if (c === OPEN) return parseParenthesized(sc);
  if (c === SQUOTE) return literal({ kind: "string", value: scanStringLiteral(sc) });
  if (isDigit(c)) return literal(scanGuid(sc) ?? scanNumberOrTemporal(sc));
  if (c === PLUS && isDigit(sc.peekAt(1))) return literal(scanNumberOrTemporal(sc));
  if (c === OPEN_BRACKET) return parseJsonArray(sc);
  if (c === AT) return parseAliasReference(sc);
  if (c === DOLLAR) return parseDollarName(sc);
  if (identifierCharLength(sc.text, start, true) > 0) return parseNamed(sc);
  if (c === OPEN_BRACE) throw sc.unsupported("jsonObject", start);
  if (c === DQUOTE) {
    throw sc.error(
      start,
      `unexpected '"' at ${sc.at(start)}; string literals are written in single quotes: 'text'`,
      ["an expression"],
    );
  }
  throw sc.expected(start, ["an expression"]);
}

/** Something that starts with a name: a keyword literal, prefixed literal, call or member path. */
function parseNamed(sc: Scanner): Expr {
  const start = sc.pos;
  if (isHexDigit(sc.peek())) {
    const guid = scanGuid(sc);
    if (guid !== null) return literal(guid);
  }
  const name = sc.readQualifiedName()!;
  const next = sc.peek();
  if (next === SQUOTE) return literal(scanPrefixedLiteral(sc, name, start));
  if (next === OPEN) return parseCall(sc, name, start);
  const keyword = keywordLiteral(name);
  if (keyword !== null) return literal(keyword);
  if (name.includes(".")) throw sc.unsupported("typeCast", start);
  return parseMemberPath(sc, [name], start);
}

function parseParenthesized(sc: Scanner): Expr {
  const open = sc.pos;
  sc.pos++;
  sc.enter(open);
  sc.skipBws();
  const inner = parseCommonExpr(sc);
  sc.skipBws();
  if (!sc.eat(CLOSE)) throw unexpectedAfterExpression(sc, ["')'"], closing("(", sc, open));
  sc.leave();
  return inner;
}

/** A JSON array `[a, "b", 3]`: JSON strings or expressions. */
function parseJsonArray(sc: Scanner): Expr {
  const open = sc.pos;
  sc.pos++;
  sc.enter(open);
  sc.skipBws();
  const items: Expr[] = [];
  if (!sc.eat(CLOSE_BRACKET)) {
    for (;;) {
      sc.countListValue(sc.pos);
      const isJsonString = sc.peek() === DQUOTE;
      items.push(isJsonString ? literal({ kind: "string", value: scanJsonString(sc) }) : parseCommonExpr(sc));
      sc.skipBws();
      if (sc.eat(COMMA)) {
        sc.skipBws();
        continue;
      }
      if (sc.eat(CLOSE_BRACKET)) break;
      throw unexpectedAfterExpression(sc, ["','", "']'"], ` in the array opened at ${sc.at(open)}`);
    }
  }
  sc.leave();
  return { kind: "list", items };
}

/**
 * The right side of `in`: a list `(a, b)`, a JSON array, or a collection-valued expression.
 * `(x)` holding a single literal is a one-item list (the ABNF's `listExpr` holds literals); holding
 * anything else it is a parenthesised expression, so `X in (Tags)` tests membership in `Tags`.
 */
function parseInRight(sc: Scanner): Expr {
  if (sc.peek() !== OPEN) return parseExpression(sc, Precedence.relational + 1);
  const open = sc.pos;
  sc.pos++;
  sc.enter(open);
  sc.skipBws();
  const items: Expr[] = [];
  if (!sc.eat(CLOSE)) {
    for (;;) {
      sc.countListValue(sc.pos);
      items.push(parseCommonExpr(sc));
      sc.skipBws();
      if (sc.eat(COMMA)) {
        sc.skipBws();
        continue;
      }
      if (sc.eat(CLOSE)) break;
      throw unexpectedAfterExpression(sc, ["','", "')'"], ` in the list opened at ${sc.at(open)}`);
    }
  }
  sc.leave();
  const only = items.length === 1 ? items[0]! : null;
  if (only === null || only.kind === "literal") return { kind: "list", items };
  return parseInfix(sc, only, Precedence.relational + 1);
}

/** `contains (A,B)`: the name was read as a property, because a call's `(` must follow it directly. */
function hintForSpacedCall(sc: Scanner, pos: number): string {
  let end = pos;
  while (end > 0 && isWhitespace(sc.text.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && /[\w.]/.test(sc.text.charAt(start - 1))) start--;
  const name = sc.text.slice(start, end);
  return isCallableName(name) ? `; write '(' directly after '${name}'` : "";
}

/** `" to close '(' opened at 3"` */
export function closing(opened: string, sc: Scanner, openPos: number): string {
  return ` to close '${opened}' opened at ${sc.at(openPos)}`;
}

/**
 * The error for text that cannot continue an expression at the cursor (after optional spaces):
 * what was found, what could have come instead (an operator, then the caller's `terminators`),
 * and a hint for a misspelt operator, an operator glued to its left operand, or a lone quote.
 */
export function unexpectedAfterExpression(
  sc: Scanner,
  terminators: readonly string[],
  context = "",
): ODataSyntaxError {
  sc.skipBws();
  const pos = sc.pos;
  const spaced = pos > 0 && isWhitespace(sc.text.charCodeAt(pos - 1));
  const expected = sc.atEnd() ? terminators : ["an operator", ...terminators];
  const base = `expected ${describeAlternatives(expected)}${context}, found ${sc.found(pos)} at ${sc.at(pos)}`;
  return sc.error(pos, base + hintAfterExpression(sc, pos, spaced), expected);
}

/** Words that follow expressions in other clauses; never a misspelt operator (`as` is not `has`). */
const CLAUSE_KEYWORDS = new Set(["as", "with", "asc", "desc"]);

function hintAfterExpression(sc: Scanner, pos: number, spaced: boolean): string {
  if (spaced && sc.text.charCodeAt(pos) === OPEN) return hintForSpacedCall(sc, pos);
  const length = sc.identifierLengthAt(pos);
  if (length === 0) return "";
  const word = sc.text.slice(pos, pos + length);
  if (CLAUSE_KEYWORDS.has(word.toLowerCase())) return "";
  if (infixOperatorNamed(word) !== undefined) {
    return spaced ? "" : `; put a space before the operator '${word}'`;
  }
  if (!spaced && sc.text.charCodeAt(pos - 1) === SQUOTE) {
    return "; a quote inside a string is written as two quotes ('')";
  }
  const limit = Math.max(1, Math.floor(word.length / 3));
  const near = closestMatches(word, INFIX_OPERATORS).filter((op) => editDistance(word, op) <= limit);
  return near.length === 0 ? "" : `; did you mean ${near.map((op) => `'${op}'`).join(" or ")}?`;
}
