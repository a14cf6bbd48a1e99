/**
 * The value grammar of each system query option, shared by the top level of a query
 * (`$filter=...&$top=5`) and the nested options of `$expand`/`$select` items
 * (`Orders($filter=...;$top=5)`). Each value parser reads as much as its grammar allows and stops;
 * the caller decides what may come next (end of the value, `;` or `)`).
 */

import type { QueryOptionName, QueryOptions } from "../ast.ts";
import type { ODataSyntaxError } from "../errors.ts";
import { parseApplyExpr } from "./apply-parser.ts";
import { AT, CLOSE, EQUALS, isDigit, SEMI } from "./chars.ts";
import { closing, parseCommonExpr, unexpectedAfterExpression } from "./expression-parser.ts";
import { readOptionName, suggestOption, systemOptionNamed } from "./option-names.ts";
import { parseComputeItems, parseOrderByItems } from "./orderby-compute-parser.ts";
import { describeAlternatives, type Scanner } from "./scanner.ts";
import { parseSearchExpr } from "./search-parser.ts";
import { parseExpandItems, parseSelectItems } from "./select-expand-parser.ts";

export type MutableQueryOptions = { -readonly [K in keyof QueryOptions]: QueryOptions[K] };

/** Options whose value ends in an expression, so an operator could also continue it. */
const ENDS_IN_EXPRESSION: ReadonlySet<QueryOptionName> = new Set(["filter", "orderby", "compute"]);

/**
 * Reads the value of `option` at the cursor into `into`. `skiptoken` and `format` take the rest of
 * the text (they only exist at the top level, where the value is a whole `&`-separated part).
 */
export function readOptionValue(sc: Scanner, option: QueryOptionName, into: MutableQueryOptions): void {
  switch (option) {
    case "filter":
      into.filter = parseCommonExpr(sc);
      return;
    case "search":
      into.search = parseSearchExpr(sc);
      return;
    case "apply":
      into.apply = parseApplyExpr(sc);
      return;
    case "compute":
      into.compute = parseComputeItems(sc);
      return;
    case "select":
      into.select = parseSelectItems(sc);
      return;
    case "expand":
      sc.enterExpand(sc.pos);
      into.expand = parseExpandItems(sc);
      sc.leaveExpand();
      return;
    case "orderby":
      into.orderby = parseOrderByItems(sc);
      return;
    case "top":
      into.top = sc.readUnsignedInteger("$top");
      return;
    case "skip":
      into.skip = sc.readUnsignedInteger("$skip");
      return;
    case "count":
      into.count = readBoolean(sc);
      return;
    case "levels":
      into.levels = readLevels(sc);
      return;
    case "skiptoken":
      into.skiptoken = readRest(sc, "$skiptoken");
      return;
    case "format":
      into.format = readRest(sc, "$format");
      return;
  }
}

/** The error for a value followed by something its grammar cannot continue with. */
export function unexpectedAfterValue(
  sc: Scanner,
  option: QueryOptionName,
  terminators: readonly string[],
  context = "",
): ODataSyntaxError {
  const continuations = [...(CONTINUATIONS.get(option) ?? []), ...terminators];
  if (ENDS_IN_EXPRESSION.has(option)) return unexpectedAfterExpression(sc, continuations, context);
  sc.skipBws();
  return sc.expected(sc.pos, continuations, context);
}

/** What else may follow a complete item of an option's value, besides the caller's terminators. */
const CONTINUATIONS: ReadonlyMap<QueryOptionName, readonly string[]> = new Map([
  ["select", ["','"]],
  ["expand", ["','"]],
  ["orderby", ["','"]],
  ["compute", ["','"]],
  ["apply", ["'/'"]],
  ["search", ["a search term"]],
]);

function readBoolean(sc: Scanner): boolean {
  if (sc.eatWord("true")) return true;
  if (sc.eatWord("false")) return false;
  throw sc.expected(sc.pos, ["'true'", "'false'"], " for $count");
}

/** `oneToNine *DIGIT / "max"` */
function readLevels(sc: Scanner): number | "max" {
  if (sc.eatWord("max")) return "max";
  const start = sc.pos;
  if (!isDigit(sc.peek())) throw sc.expected(start, ["a positive integer", "'max'"], " for $levels");
  const levels = sc.readUnsignedInteger("$levels");
  if (levels === 0)
    throw sc.error(start, `$levels at ${sc.at(start)} must be a positive integer or 'max'`, ["1", "'max'"]);
  return levels;
}

function readRest(sc: Scanner, option: string): string {
  if (sc.atEnd()) throw sc.expected(sc.pos, ["a value"], ` for ${option}`);
  const value = sc.text.slice(sc.pos);
  sc.pos = sc.length;
  return value;
}

/**
 * `( option *( ";" option ) )` after an `$expand`/`$select` item, with the cursor at `(`; only the
 * `allowed` options may appear, each once. `item` names the item in messages.
 */
export function parseNestedOptions(
  sc: Scanner,
  allowed: ReadonlySet<QueryOptionName>,
  item: string,
  itemStart: number,
): QueryOptions {
  const open = sc.pos;
  sc.pos++;
  sc.enter(open);
  const options: MutableQueryOptions = {};
  do {
    const nameStart = sc.pos;
    const option = readNestedOptionName(sc, allowed, item);
    if (options[option] !== undefined) {
      throw sc.error(
        nameStart,
        `duplicate option '$${option}' in the options of '${item}' at ${sc.at(nameStart)}`,
        ["';'", "')'"],
      );
    }
    const nameEnd = sc.pos;
    if (!sc.eat(EQUALS)) throw sc.expected(nameEnd, ["'='"], ` after '$${option}'`);
    readOptionValue(sc, option, options);
    sc.skipBws();
    if (sc.peek() !== SEMI && sc.peek() !== CLOSE) {
      throw unexpectedAfterValue(sc, option, ["';'", "')'"], closing(`${item}(`, sc, itemStart));
    }
  } while (sc.eat(SEMI));
  sc.pos++;
  sc.leave();
  return options;
}

function readNestedOptionName(
  sc: Scanner,
  allowed: ReadonlySet<QueryOptionName>,
  item: string,
): QueryOptionName {
  const start = sc.pos;
  if (sc.peek() === AT) throw sc.unsupported("nestedAlias", start);
  const written = readOptionName(sc);
  const option = written === null ? undefined : systemOptionNamed(written);
  if (option !== undefined && allowed.has(option)) return option;
  const names = [...allowed].map((n) => `$${n}`);
  const problem =
    written === null
      ? `expected an option name (${describeAlternatives(names)}) in the options of '${item}' at ${sc.at(start)}, found ${sc.found(start)}`
      : option === undefined
        ? `unknown option '${written}' in the options of '${item}' at ${sc.at(start)}${suggestOption(written, [...allowed])}`
        : `'$${option}' is not allowed in the options of '${item}' at ${sc.at(start)}; allowed: ${names.join(", ")}`;
  sc.pos = start;
  throw sc.error(
    start,
    problem,
    names.map((n) => `'${n}='`),
  );
}
