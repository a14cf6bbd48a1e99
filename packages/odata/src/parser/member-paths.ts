/**
 * Paths from the current instance and what may end them: `Address/City`, `$it/Name`,
 * `Tags/any(t: t eq 'x')`, `Lines/all(l: l/Qty gt 0)`, `Orders/$count`,
 * `Orders/$count($filter=Amount gt 5;$search=blue)`, and parameter aliases (`@p`), which are
 * replaced by the expression they stand for.
 */

import type { Expr, SearchExpr } from "../ast.ts";
import { didYouMean } from "../suggest.ts";
import { AT, CLOSE, COLON, DOLLAR, EQUALS, OPEN, SEMI, SLASH } from "./chars.ts";
import { closing, parseCommonExpr, unexpectedAfterExpression } from "./expression-parser.ts";
import { readOptionName, systemOptionNamed } from "./option-names.ts";
import type { Scanner } from "./scanner.ts";
import { parseSearchExpr } from "./search-parser.ts";

const NULL_EXPR: Expr = { kind: "literal", literal: { kind: "null" } };
const PATH_SEGMENT = ["a property name", "'any('", "'all('", "'$count'"];

/** Continues a path whose first segment(s) are in `path`, at the cursor (`/` or the end). */
export function parseMemberPath(sc: Scanner, path: string[], start: number): Expr {
  while (sc.peek() === SLASH) {
    sc.pos++;
    const segmentStart = sc.pos;
    const c = sc.peek();
    if (c === DOLLAR) return parseDollarSegment(sc, path, segmentStart);
    if (c === AT) throw sc.unsupported("annotation", segmentStart);
    const name = sc.readQualifiedName();
    if (name === null) throw sc.expected(segmentStart, PATH_SEGMENT, " after '/'");
    if (sc.peek() === OPEN) {
      const lower = name.toLowerCase();
      if (lower === "any" || lower === "all")
        return parseLambda(sc, lower, { kind: "member", path }, segmentStart);
      throw sc.unsupported(name.includes(".") ? "customFunction" : "pathCall", segmentStart);
    }
    if (name.includes(".")) throw sc.unsupported("typeCast", segmentStart);
    path.push(name);
  }
  if (path.length === 0) throw sc.expected(start, PATH_SEGMENT);
  return { kind: "member", path };
}

function parseDollarSegment(sc: Scanner, path: string[], segmentStart: number): Expr {
  if (sc.eatWord("$count")) return parseCountSegment(sc, { kind: "member", path });
  if (sc.isWordAt("$filter")) throw sc.unsupported("pathFilter", segmentStart);
  throw sc.expected(segmentStart, PATH_SEGMENT, " after '/'");
}

/** `any(v: predicate)`, `any()`, `all(v: predicate)`; the cursor is at the `(`. */
function parseLambda(sc: Scanner, op: "any" | "all", collection: Expr, start: number): Expr {
  const open = sc.pos;
  sc.pos++;
  sc.enter(open);
  sc.skipBws();
  if (op === "any" && sc.eat(CLOSE)) {
    sc.leave();
    return { kind: "lambda", op, collection, variable: null, predicate: null };
  }
  const variable = sc.readIdentifier();
  if (variable === null) {
    const example = op === "all" ? " (all needs one, as in all(x: x gt 0))" : "";
    throw sc.expected(sc.pos, op === "any" ? ["a lambda variable", "')'"] : ["a lambda variable"], example);
  }
  sc.skipBws();
  sc.expect(COLON, "':'", ` after the lambda variable '${variable}'`);
  sc.skipBws();
  const predicate = parseCommonExpr(sc);
  sc.skipBws();
  if (!sc.eat(CLOSE)) throw unexpectedAfterExpression(sc, ["')'"], closing(`${op}(`, sc, start));
  sc.leave();
  return { kind: "lambda", op, collection, variable, predicate };
}

/** After `/$count`: optional `($filter=...;$search=...)`. */
function parseCountSegment(sc: Scanner, collection: Expr): Expr {
  let filter: Expr | null = null;
  let search: SearchExpr | null = null;
  if (sc.peek() === OPEN) {
    const open = sc.pos;
    sc.pos++;
    sc.enter(open);
    do {
      const nameStart = sc.pos;
      const written = readOptionName(sc);
      const option = written === null ? undefined : systemOptionNamed(written);
      if (option !== "filter" && option !== "search") {
        throw sc.error(
          nameStart,
          `expected '$filter=' or '$search=' in '$count(' opened at ${sc.at(open)}, found ${sc.found(nameStart)} at ${sc.at(nameStart)}`,
          ["'$filter='", "'$search='"],
        );
      }
      if ((option === "filter" ? filter : search) !== null) {
        throw sc.error(nameStart, `duplicate option '$${option}' at ${sc.at(nameStart)} in '$count('`, [
          "';'",
          "')'",
        ]);
      }
      sc.expect(EQUALS, "'='", ` after '${written}'`);
      if (option === "filter") filter = parseCommonExpr(sc);
      else search = parseSearchExpr(sc);
      sc.skipBws();
      if (sc.peek() !== SEMI && sc.peek() !== CLOSE) {
        throw unexpectedAfterExpression(sc, ["';'", "')'"], closing("$count(", sc, open));
      }
    } while (sc.eat(SEMI));
    sc.pos++;
    sc.leave();
  }
  return { kind: "count", collection, filter, search };
}

/** `@name`: the alias's value (null when the query does not define it), optionally navigated. */
export function parseAliasReference(sc: Scanner): Expr {
  const start = sc.pos;
  sc.pos++;
  const name = sc.readIdentifier();
  if (name === null) throw sc.expected(sc.pos, ["a parameter alias name"], " after '@'");
  if (sc.peek() === 0x2e) throw sc.unsupported("annotation", start);
  const value = sc.session.aliases?.resolve(name, start, sc) ?? NULL_EXPR;
  if (sc.peek() !== SLASH) return value;
  if (value.kind !== "member") throw sc.unsupported("aliasPath", start);
  return parseMemberPath(sc, [...value.path], start);
}

/** `$it` and `$this` (in any case) start paths; `$root` and `$these` are valid but unsupported. */
export function parseDollarName(sc: Scanner): Expr {
  const start = sc.pos;
  sc.pos++;
  const name = sc.readIdentifier() ?? "";
  const lower = name.toLowerCase();
  if (lower === "it" || lower === "this") return parseMemberPath(sc, [`$${lower}`], start);
  if (lower === "root") throw sc.unsupported("root", start);
  if (lower === "these") throw sc.unsupported("these", start);
  throw sc.error(
    start,
    `unexpected '$${name}' at ${sc.at(start)}; expected '$it' or '$this'${didYouMean(`$${name}`, ["$it", "$this"])}`,
    ["'$it'", "'$this'"],
  );
}
