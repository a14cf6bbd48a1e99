/**
 * `$select` and `$expand` item lists, with the nested options 4.01 allows on each item:
 * `Addresses($filter=...;$top=5)` in `$select` (collection-valued properties), and
 * `Orders($filter=...;$select=...;$expand=...;$levels=2)`, `Orders/$ref`, `Orders/$count`, and the
 * star forms (`*`, star with `/$ref`, `*($levels=max)`) in `$expand`.
 *
 * Which options each item may carry follows the ABNF (`selectOption`, `expandOption`,
 * `expandRefOption`, `expandCountOption`), plus `$apply` inside `$expand` from the aggregation ABNF.
 */

import type { ExpandItem, QueryOptionName, SelectItem } from "../ast.ts";
import { AT, DOLLAR, DOT, OPEN, SLASH, STAR } from "./chars.ts";
import { parseNestedOptions } from "./option-values.ts";
import { parseCommaList } from "./orderby-compute-parser.ts";
import type { Scanner } from "./scanner.ts";

const COUNT_OPTIONS: ReadonlySet<QueryOptionName> = new Set(["filter", "search"]);
const REF_OPTIONS: ReadonlySet<QueryOptionName> = new Set([
  ...COUNT_OPTIONS,
  "orderby",
  "skip",
  "top",
  "count",
]);
const EXPAND_OPTIONS: ReadonlySet<QueryOptionName> = new Set([
  ...REF_OPTIONS,
  "select",
  "expand",
  "compute",
  "levels",
  "apply",
]);
const SELECT_OPTIONS: ReadonlySet<QueryOptionName> = new Set([...REF_OPTIONS, "compute", "select"]);
const STAR_OPTIONS: ReadonlySet<QueryOptionName> = new Set(["levels"]);

export function parseSelectItems(sc: Scanner): SelectItem[] {
  return parseCommaList(sc, parseSelectItem);
}

function parseSelectItem(sc: Scanner): SelectItem {
  const start = sc.pos;
  if (sc.eat(STAR)) return { kind: "star" };
  const path: string[] = [];
  do
    path.push(
      readPathSegment(sc, path.length === 0 ? ["'*'", "a property name"] : ["a property name"], true),
    );
  while (sc.eat(SLASH));
  const options = sc.peek() === OPEN ? parseNestedOptions(sc, SELECT_OPTIONS, path.join("/"), start) : null;
  return { kind: "path", path, options };
}

export function parseExpandItems(sc: Scanner): ExpandItem[] {
  return parseCommaList(sc, parseExpandItem);
}

function parseExpandItem(sc: Scanner): ExpandItem {
  const start = sc.pos;
  if (sc.isWordAt("$value")) throw sc.unsupported("expandValue", start);
  if (sc.eat(STAR)) return parseExpandStar(sc, start);
  const path: string[] = [];
  let suffix: ExpandItem["suffix"] = null;
  do {
    if (path.length > 0 && sc.peek() === DOLLAR) {
      suffix = sc.eatWord("$ref") ? "$ref" : sc.eatWord("$count") ? "$count" : null;
      if (suffix !== null) break;
      throw sc.expected(sc.pos, ["a navigation property", "'$ref'", "'$count'"], " after '/'");
    }
    path.push(readPathSegment(sc, ["a navigation property", "'*'"], false));
  } while (sc.eat(SLASH));
  const allowed = suffix === "$ref" ? REF_OPTIONS : suffix === "$count" ? COUNT_OPTIONS : EXPAND_OPTIONS;
  const written = path.join("/") + (suffix === null ? "" : `/${suffix}`);
  const options = sc.peek() === OPEN ? parseNestedOptions(sc, allowed, written, start) : {};
  return { path, suffix, options };
}

/** A star item (`*`, `*` + `/$ref`, `*($levels=...)`); the cursor is after the `*`. */
function parseExpandStar(sc: Scanner, start: number): ExpandItem {
  if (sc.eat(SLASH)) {
    if (!sc.eatWord("$ref")) throw sc.expected(sc.pos, ["'$ref'"], " after '*/'");
    return { path: ["*"], suffix: "$ref", options: {} };
  }
  const options = sc.peek() === OPEN ? parseNestedOptions(sc, STAR_OPTIONS, "*", start) : {};
  return { path: ["*"], suffix: null, options };
}

/** One property name in a select or expand path; casts, operations and annotations are 501. */
function readPathSegment(sc: Scanner, expected: readonly string[], inSelect: boolean): string {
  const start = sc.pos;
  if (sc.peek() === AT) throw sc.unsupported("annotation", start);
  const name = sc.readQualifiedName();
  if (name === null) throw sc.expected(start, expected);
  const isOperation = inSelect && sc.peek() !== SLASH;
  if (sc.peek() === DOT && sc.peekAt(1) === STAR) throw sc.unsupported("selectOperation", start);
  if (name.includes(".")) throw sc.unsupported(isOperation ? "selectOperation" : "typeCast", start);
  return name;
}
