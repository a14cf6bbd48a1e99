/**
 * Calls: the canonical functions (matched in any case, stored in their specification spelling,
 * arity checked), `isof`/`cast`, and 4.01 `case(...)`. Anything else followed by `(` is either a
 * misspelling (a syntax error with a suggestion) or a namespace-qualified custom function (501).
 */

import { CANONICAL_FUNCTIONS, type CanonicalFunction, type Expr } from "../ast.ts";
import type { ODataSyntaxError } from "../errors.ts";
import { didYouMean } from "../suggest.ts";
import { CLOSE, COLON, COMMA, OPEN } from "./chars.ts";
import { closing, parseCommonExpr, unexpectedAfterExpression } from "./expression-parser.ts";
import type { Scanner } from "./scanner.ts";

const CANONICAL_BY_LOWER: ReadonlyMap<string, CanonicalFunction> = new Map(
  (Object.keys(CANONICAL_FUNCTIONS) as CanonicalFunction[]).map((name) => [name.toLowerCase(), name]),
);

/** Every name that may be followed by `(` in an expression, for "did you mean". */
const CALLABLE_NAMES = [...Object.keys(CANONICAL_FUNCTIONS), "case", "isof", "cast"];

const CALLABLE_LOWER: ReadonlySet<string> = new Set(CALLABLE_NAMES.map((n) => n.toLowerCase()));

/** Is `name` (in any case) a function this parser knows? */
export function isCallableName(name: string): boolean {
  return CALLABLE_LOWER.has(name.toLowerCase());
}

/** `name(` where `name` started at `start`; the cursor is at the `(`. */
export function parseCall(sc: Scanner, name: string, start: number): Expr {
  const lower = name.toLowerCase();
  if (lower === "isof" || lower === "cast") return parseTypeFunction(sc, lower, name, start);
  if (lower === "case") return parseCase(sc, name, start);
  const canonical = CANONICAL_BY_LOWER.get(lower);
  if (canonical !== undefined)
    return { kind: "call", name: canonical, args: parseArguments(sc, canonical, name, start) };
  if (lower === "isdefined") throw sc.unsupported("isdefined", start);
  if (name.includes(".") && !lower.startsWith("geo.")) throw sc.unsupported("customFunction", start);
  throw sc.error(start, `unknown function '${name}' at ${sc.at(start)}${didYouMean(name, CALLABLE_NAMES)}`, [
    "a canonical function",
  ]);
}

function describeArity(min: number, max: number): string {
  if (max === 0) return "no arguments";
  if (min === max) return max === 1 ? "1 argument" : `${max} arguments`;
  return `${min} to ${max} arguments`;
}

function parseArguments(sc: Scanner, canonical: CanonicalFunction, written: string, start: number): Expr[] {
  const { min, max } = CANONICAL_FUNCTIONS[canonical];
  const opened = `${written}(`;
  const arity = ` ('${canonical}' takes ${describeArity(min, max)})`;
  const open = sc.pos;
  sc.pos++;
  sc.enter(open);
  sc.skipBws();
  const args: Expr[] = [];
  if (max === 0) {
    if (!sc.eat(CLOSE)) throw sc.expected(sc.pos, ["')'"], closing(opened, sc, start) + arity);
  } else {
    for (;;) {
      args.push(parseCommonExpr(sc));
      sc.skipBws();
      if (args.length < max && sc.eat(COMMA)) {
        sc.skipBws();
        continue;
      }
      if (args.length >= min && sc.eat(CLOSE)) break;
      throw unexpectedArgumentEnd(sc, args.length, min, max, closing(opened, sc, start), arity);
    }
  }
  sc.leave();
  return args;
}

function unexpectedArgumentEnd(
  sc: Scanner,
  count: number,
  min: number,
  max: number,
  toClose: string,
  arity: string,
): ODataSyntaxError {
  const allowed = [...(count < max ? ["','"] : []), ...(count >= min ? ["')'"] : [])];
  const context = count >= max ? toClose : toClose.replace(" to close ", " in ");
  const atDelimiter = sc.peek() === CLOSE || sc.peek() === COMMA;
  return unexpectedAfterExpression(sc, allowed, context + (atDelimiter ? arity : ""));
}

/** `isof([expr,] Type)` and `cast([expr,] Type)` */
function parseTypeFunction(sc: Scanner, kind: "isof" | "cast", written: string, start: number): Expr {
  const open = sc.pos;
  sc.pos++;
  sc.enter(open);
  sc.skipBws();
  const typeStart = sc.pos;
  const onlyType = readTypeName(sc);
  sc.skipBws();
  if (onlyType !== null && sc.eat(CLOSE)) {
    sc.leave();
    return { kind, operand: null, typeName: onlyType };
  }
  sc.pos = typeStart;
  const operand = parseCommonExpr(sc);
  sc.skipBws();
  if (!sc.eat(COMMA))
    throw unexpectedAfterExpression(sc, ["','"], ` in '${written}(' opened at ${sc.at(start)}`);
  sc.skipBws();
  const typeName = readTypeName(sc);
  if (typeName === null) throw sc.expected(sc.pos, ["a type name such as Edm.String"], ` in '${written}('`);
  sc.expectClose(start, `${written}(`);
  sc.leave();
  return { kind, operand, typeName };
}

/** `Namespace.Type`, `Type` or `Collection(Namespace.Type)`, as written; null if none is here. */
function readTypeName(sc: Scanner): string | null {
  const start = sc.pos;
  if (sc.text.startsWith("Collection", start) && sc.text.charCodeAt(start + 10) === OPEN) {
    sc.pos = start + 11;
    const element = sc.readQualifiedName();
    if (element !== null && sc.eat(CLOSE)) return sc.text.slice(start, sc.pos);
    sc.pos = start;
    return null;
  }
  return sc.readQualifiedName();
}

/** `case(condition:value, ..., true:value)` */
function parseCase(sc: Scanner, written: string, start: number): Expr {
  const open = sc.pos;
  sc.pos++;
  sc.enter(open);
  const branches: { when: Expr; then: Expr }[] = [];
  const context = ` in '${written}(' opened at ${sc.at(start)}`;
  do {
    sc.skipBws();
    // A branch is a conditional operator: counted like one, so a long case() is as bounded as a long or.
    sc.countOperator(sc.pos);
    const when = parseCommonExpr(sc);
    sc.skipBws();
    if (!sc.eat(COLON)) throw unexpectedAfterExpression(sc, ["':'"], context);
    sc.skipBws();
    const then = parseCommonExpr(sc);
    branches.push({ when, then });
    sc.skipBws();
    if (sc.peek() !== COMMA && sc.peek() !== CLOSE)
      throw unexpectedAfterExpression(sc, ["','", "')'"], context);
  } while (sc.eat(COMMA));
  sc.pos++;
  sc.leave();
  return { kind: "case", branches };
}
