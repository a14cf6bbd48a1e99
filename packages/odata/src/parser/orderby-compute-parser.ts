/**
 * Comma-separated expression lists: `$orderby` items (`expr [asc|desc]`) and `$compute` items
 * (`expr as Alias`), also used by `$apply`'s `orderby(...)` and `compute(...)`.
 */

import type { ComputeItem, OrderByItem } from "../ast.ts";
import { COMMA } from "./chars.ts";
import { parseCommonExpr, unexpectedAfterExpression } from "./expression-parser.ts";
import type { Scanner } from "./scanner.ts";

/** Parses `item *( BWS "," BWS item )`; stops before anything else. */
export function parseCommaList<T>(sc: Scanner, parseItem: (sc: Scanner) => T): T[] {
  const items = [parseItem(sc)];
  for (;;) {
    const before = sc.pos;
    sc.skipBws();
    if (!sc.eat(COMMA)) {
      sc.pos = before;
      return items;
    }
    sc.skipBws();
    sc.checkListItem(items.length + 1, sc.pos);
    items.push(parseItem(sc));
  }
}

export function parseOrderByItems(sc: Scanner): OrderByItem[] {
  return parseCommaList(sc, parseOrderByItem);
}

function parseOrderByItem(sc: Scanner): OrderByItem {
  const expr = parseCommonExpr(sc);
  const before = sc.pos;
  if (sc.skipRws()) {
    if (sc.eatWord("asc")) return { expr, direction: "asc" };
    if (sc.eatWord("desc")) return { expr, direction: "desc" };
  }
  sc.pos = before;
  return { expr, direction: "asc" };
}

export function parseComputeItems(sc: Scanner): ComputeItem[] {
  return parseCommaList(sc, parseComputeItem);
}

function parseComputeItem(sc: Scanner): ComputeItem {
  const expr = parseCommonExpr(sc);
  return { expr, alias: parseAsAlias(sc) };
}

/** `RWS "as" RWS alias` after an expression. */
export function parseAsAlias(sc: Scanner, also: readonly string[] = []): string {
  const before = sc.pos;
  if (!sc.skipRws() || !sc.eatWord("as")) {
    sc.pos = before;
    throw unexpectedAfterExpression(sc, [...also, "'as'"]);
  }
  if (!sc.skipRws()) throw sc.expected(sc.pos, ["whitespace"], " after 'as'");
  const alias = sc.readIdentifier();
  if (alias === null) throw sc.expected(sc.pos, ["an alias name"], " after 'as'");
  return alias;
}
