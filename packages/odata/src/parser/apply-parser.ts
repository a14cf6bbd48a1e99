/**
 * `$apply` (OData Data Aggregation 4.0): `applyExpr = applyTrafo *( "/" applyTrafo )`.
 *
 * Supported: aggregate, groupby, filter, compute, search, orderby, top, skip, identity, concat.
 * The other transformations of the aggregation ABNF are recognised and answered with 501 (see
 * `unsupported.ts`). Transformation and method names are matched in any case, like the rest of
 * 4.01, although the aggregation ABNF spells them case-sensitively.
 */

import type { AggregateItem, AggregateMethod, Transformation } from "../ast.ts";
import { didYouMean } from "../suggest.ts";
import { CLOSE, COMMA, OPEN, SLASH } from "./chars.ts";
import { closing, parseCommonExpr, unexpectedAfterExpression } from "./expression-parser.ts";
import {
  parseAsAlias,
  parseCommaList,
  parseComputeItems,
  parseOrderByItems,
} from "./orderby-compute-parser.ts";
import type { Scanner } from "./scanner.ts";
import { parseSearchExpr } from "./search-parser.ts";
import type { UnsupportedKey } from "./unsupported.ts";

export function parseApplyExpr(sc: Scanner): Transformation[] {
  const transformations = [parseTransformation(sc)];
  while (sc.eat(SLASH)) transformations.push(parseTransformation(sc));
  return transformations;
}

type BodyParser = (sc: Scanner, written: string, start: number) => Transformation;

const TRANSFORMATIONS: Readonly<Record<string, BodyParser>> = {
  aggregate: (sc, w, s) => ({ kind: "aggregate", items: inParens(sc, w, s, false, parseAggregateItems) }),
  groupby: parseGroupBy,
  filter: (sc, w, s) => ({ kind: "filter", expr: inParens(sc, w, s, true, parseCommonExpr) }),
  compute: (sc, w, s) => ({ kind: "compute", items: inParens(sc, w, s, false, parseComputeItems) }),
  search: (sc, w, s) => ({ kind: "search", search: inParens(sc, w, s, false, parseSearchExpr) }),
  orderby: (sc, w, s) => ({ kind: "orderby", items: inParens(sc, w, s, true, parseOrderByItems) }),
  top: (sc, w, s) => ({
    kind: "top",
    count: inParens(sc, w, s, false, (x) => x.readUnsignedInteger("top(...)")),
  }),
  skip: (sc, w, s) => ({
    kind: "skip",
    count: inParens(sc, w, s, false, (x) => x.readUnsignedInteger("skip(...)")),
  }),
  concat: parseConcat,
};

const UNSUPPORTED_TRANSFORMATIONS: Readonly<Record<string, UnsupportedKey>> = {
  topcount: "topBottom",
  bottomcount: "topBottom",
  toppercent: "topBottom",
  bottompercent: "topBottom",
  topsum: "topBottom",
  bottomsum: "topBottom",
  nest: "nest",
  addnested: "nest",
  join: "join",
  outerjoin: "join",
  ancestors: "hierarchy",
  descendants: "hierarchy",
  traverse: "hierarchy",
};

const KNOWN_TRANSFORMATIONS = [
  "identity",
  ...Object.keys(TRANSFORMATIONS),
  ...Object.keys(UNSUPPORTED_TRANSFORMATIONS),
];

function parseTransformation(sc: Scanner): Transformation {
  const start = sc.pos;
  sc.countApplyStep(start);
  const written = sc.readQualifiedName();
  if (written === null)
    throw sc.expected(start, ["a transformation such as aggregate(...), groupby(...) or filter(...)"]);
  const lower = written.toLowerCase();
  if (lower === "identity") return { kind: "identity" };
  const parse = Object.hasOwn(TRANSFORMATIONS, lower) ? TRANSFORMATIONS[lower] : undefined;
  if (parse !== undefined) {
    if (sc.peek() !== OPEN) throw sc.expected(sc.pos, ["'('"], ` after '${written}'`);
    return parse(sc, written, start);
  }
  const unsupported = Object.hasOwn(UNSUPPORTED_TRANSFORMATIONS, lower)
    ? UNSUPPORTED_TRANSFORMATIONS[lower]
    : undefined;
  if (unsupported !== undefined) throw sc.unsupported(unsupported, start);
  if (written.includes(".")) throw sc.unsupported("customTransformation", start);
  throw sc.error(
    start,
    `unknown transformation '${written}' at ${sc.at(start)}${didYouMean(written, KNOWN_TRANSFORMATIONS)}`,
    ["a transformation"],
  );
}

/** `( BWS body BWS )` with the cursor at `(`; `endsInExpression` says an operator could also follow. */
function inParens<T>(
  sc: Scanner,
  written: string,
  start: number,
  endsInExpression: boolean,
  parseBody: (sc: Scanner) => T,
): T {
  const open = sc.pos;
  sc.pos++;
  sc.enter(open);
  sc.skipBws();
  const body = parseBody(sc);
  sc.skipBws();
  if (!sc.eat(CLOSE)) {
    const context = closing(`${written}(`, sc, start);
    throw endsInExpression
      ? unexpectedAfterExpression(sc, ["','", "')'"], context)
      : sc.expected(sc.pos, ["')'"], context);
  }
  sc.leave();
  return body;
}

// ---------------------------------------------------------------------------------------------
// aggregate(...)
// ---------------------------------------------------------------------------------------------

const AGGREGATE_METHODS: ReadonlyMap<string, AggregateMethod> = new Map(
  (["sum", "min", "max", "average", "countdistinct"] as const).map((m) => [m, m]),
);

function parseAggregateItems(sc: Scanner): AggregateItem[] {
  return parseCommaList(sc, parseAggregateItem);
}

/** `$count as N` or `expr with method as Alias` */
function parseAggregateItem(sc: Scanner): AggregateItem {
  const start = sc.pos;
  if (sc.eatWord("$count")) return { kind: "count", alias: parseAggregateAlias(sc) };
  const expr = parseCommonExpr(sc);
  const before = sc.pos;
  if (sc.skipRws() && sc.eatWord("with")) {
    if (!sc.skipRws()) throw sc.expected(sc.pos, ["whitespace"], " after 'with'");
    const method = parseAggregateMethod(sc);
    return { kind: "aggregate", expr, method, alias: parseAggregateAlias(sc) };
  }
  // Without `with`, the ABNF reads `Name as Alias` as a custom aggregate, `Nav/$count as N` as a count.
  sc.pos = before;
  const isAlias = sc.skipRws() && sc.isWordAt("as");
  sc.pos = before;
  if (isAlias && expr.kind === "member") throw sc.unsupported("customAggregate", start);
  if (isAlias && expr.kind === "count") throw sc.unsupported("aggregatePathCount", start);
  throw unexpectedAfterExpression(sc, ["'with'"]);
}

function parseAggregateMethod(sc: Scanner): AggregateMethod {
  const start = sc.pos;
  const written = sc.readQualifiedName();
  const method = written === null ? undefined : AGGREGATE_METHODS.get(written.toLowerCase());
  if (method !== undefined) return method;
  if (written?.includes(".")) throw sc.unsupported("customAggregate", start);
  const methods = [...AGGREGATE_METHODS.keys()];
  throw sc.error(
    start,
    `expected an aggregation method (${methods.join(", ")}) at ${sc.at(start)}, found ${sc.found(start)}` +
      didYouMean(written ?? "", methods),
    methods.map((m) => `'${m}'`),
  );
}

function parseAggregateAlias(sc: Scanner): string {
  const before = sc.pos;
  if (sc.skipRws() && sc.isWordAt("from")) throw sc.unsupported("aggregateFrom", sc.pos);
  sc.pos = before;
  return parseAsAlias(sc);
}

// ---------------------------------------------------------------------------------------------
// groupby(...) and concat(...)
// ---------------------------------------------------------------------------------------------

/** `groupby((P1, Nav/P2)[, applyExpr])` */
function parseGroupBy(sc: Scanner, written: string, start: number): Transformation {
  const open = sc.pos;
  sc.pos++;
  sc.enter(open);
  sc.skipBws();
  const listOpen = sc.pos;
  sc.expect(OPEN, "'('", ` to start the grouping properties, as in ${written}((Name), ...)`);
  sc.skipBws();
  const properties = parseCommaList(sc, parseGroupingProperty);
  sc.expectClose(listOpen, "(");
  sc.skipBws();
  let apply: Transformation[] = [];
  if (sc.eat(COMMA)) {
    sc.skipBws();
    apply = parseApplyExpr(sc);
  }
  sc.expectClose(start, `${written}(`);
  sc.leave();
  return { kind: "groupby", properties, apply };
}

function parseGroupingProperty(sc: Scanner): string[] {
  const path: string[] = [];
  do {
    const segmentStart = sc.pos;
    const name = sc.readQualifiedName();
    if (name === null) throw sc.expected(segmentStart, ["a property path"]);
    if (sc.peek() === OPEN) {
      const lower = name.toLowerCase();
      if (path.length === 0 && (lower === "rollup" || lower === "rolluprecursive")) {
        throw sc.unsupported("rollup", segmentStart);
      }
      throw sc.expected(sc.pos, ["','", "')'", "'/'"], ` after the grouping property '${name}'`);
    }
    if (name.includes(".")) throw sc.unsupported("typeCast", segmentStart);
    path.push(name);
  } while (sc.eat(SLASH));
  return path;
}

/** `concat(applyExpr, applyExpr, ...)`: at least two branches. */
function parseConcat(sc: Scanner, written: string, start: number): Transformation {
  const open = sc.pos;
  sc.pos++;
  sc.enter(open);
  sc.skipBws();
  const branches = parseCommaList(sc, parseApplyExpr);
  if (branches.length < 2) {
    sc.skipBws();
    throw sc.expected(sc.pos, ["','"], ` and a second branch: '${written}(' needs at least two`);
  }
  sc.expectClose(start, `${written}(`);
  sc.leave();
  return { kind: "concat", branches };
}
