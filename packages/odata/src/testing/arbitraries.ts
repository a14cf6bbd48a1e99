/**
 * fast-check arbitraries for the OData AST, for property tests. Each generates only trees the parser
 * itself can produce (canonical literal text, names that are not keywords, phrase terms where a word
 * would be invalid, ...), so `parse(serialize(tree))` must give the tree back exactly.
 *
 * Test-only: imported by `*.test.ts` files, never by the package's runtime code.
 */

import fc from "fast-check";
import {
  type AggregateItem,
  CANONICAL_FUNCTIONS,
  type CanonicalFunction,
  type ComputeItem,
  type ExpandItem,
  type Expr,
  type GeoShape,
  type Literal,
  type OrderByItem,
  type QueryOptions,
  type SearchExpr,
  type SelectItem,
  type Transformation,
} from "../ast.ts";
import { isSearchWord } from "../parser/search-parser.ts";

const NO_NULL_PROTOTYPE = { noNullPrototype: true } as const;

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/** Words the parser reads as something other than a property name at the start of a path. */
const RESERVED_CI = new Set(["true", "false", "null", "not"]);
const RESERVED_EXACT = new Set(["INF", "NaN"]);

export const identifier: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 9, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,7}$/) },
    { weight: 1, arbitrary: fc.constantFrom("Größe", "名前", "Ñandú", "Ωmega", "x1ȁ") },
  )
  .filter((name) => !RESERVED_CI.has(name.toLowerCase()) && !RESERVED_EXACT.has(name));

const qualifiedName = fc
  .tuple(fc.array(identifier, { minLength: 1, maxLength: 2 }), identifier)
  .map(([namespace, name]) => [...namespace, name].join("."));

// ---------------------------------------------------------------------------------------------
// Literals
// ---------------------------------------------------------------------------------------------

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

const dateText = fc
  .record({
    negative: fc.boolean(),
    year: fc.integer({ min: 0, max: 99999 }),
    month: fc.integer({ min: 1, max: 12 }),
  })
  .chain(({ negative, year, month }) =>
    fc.integer({ min: 1, max: daysIn(year, month) }).map((day) => {
      const yearText = year > 9999 ? String(year) : pad(year, 4);
      return `${negative ? "-" : ""}${yearText}-${pad(month, 2)}-${pad(day, 2)}`;
    }),
  );

const timeText = fc
  .tuple(
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
    fc.option(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.option(fc.stringMatching(/^[0-9]{1,12}$/)))),
  )
  .map(([h, m, s]) => {
    const seconds = s === null ? "" : `:${pad(s[0], 2)}${s[1] === null ? "" : `.${s[1]}`}`;
    return `${pad(h, 2)}:${pad(m, 2)}${seconds}`;
  });

const offsetText = fc.oneof(
  fc.constant("Z"),
  fc
    .tuple(fc.constantFrom("+", "-"), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([sign, h, m]) => `${sign}${pad(h, 2)}:${pad(m, 2)}`),
);

const durationText = fc
  .record(
    {
      negative: fc.boolean(),
      days: fc.option(fc.nat()),
      hours: fc.option(fc.nat()),
      minutes: fc.option(fc.nat()),
      seconds: fc.option(fc.tuple(fc.nat(), fc.option(fc.stringMatching(/^[0-9]{1,6}$/)))),
    },
    NO_NULL_PROTOTYPE,
  )
  .filter((d) => d.days !== null || d.hours !== null || d.minutes !== null || d.seconds !== null)
  .map((d) => {
    const time =
      (d.hours === null ? "" : `${d.hours}H`) +
      (d.minutes === null ? "" : `${d.minutes}M`) +
      (d.seconds === null ? "" : `${d.seconds[0]}${d.seconds[1] === null ? "" : `.${d.seconds[1]}`}S`);
    return `${d.negative ? "-" : ""}P${d.days === null ? "" : `${d.days}D`}${time === "" ? "" : `T${time}`}`;
  });

const decimalText = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 24n }), fc.stringMatching(/^[0-9]{1,8}$/))
  .map(([negative, integer, fraction]) => {
    const zero = integer === 0n && /^0+$/.test(fraction);
    return `${negative && !zero ? "-" : ""}${integer}.${fraction}`;
  });

const binaryText = fc
  .tuple(fc.uint8Array({ maxLength: 12 }), fc.boolean())
  .map(([bytes, padded]) => Buffer.from(bytes).toString(padded ? "base64" : "base64url"))
  .map((text) => text.replaceAll("+", "-").replaceAll("/", "_"));

const enumValueText = fc
  .array(
    fc.oneof(
      identifier.filter((n) => /^[A-Za-z_]/.test(n)),
      fc.bigInt().map(String),
    ),
    {
      minLength: 1,
      maxLength: 3,
    },
  )
  .map((members) => members.join(","));

const coordinate = fc.double();
const position = fc.tuple(coordinate, coordinate);

const geoShape: fc.Arbitrary<GeoShape> = fc.oneof(
  position.map((coordinates): GeoShape => ({ type: "Point", coordinates })),
  fc
    .array(position, { minLength: 2, maxLength: 4 })
    .map((coordinates): GeoShape => ({ type: "LineString", coordinates })),
  fc
    .array(
      fc.array(position, { minLength: 3, maxLength: 5 }).map((ring) => [...ring, ring[0]!]),
      { minLength: 1, maxLength: 2 },
    )
    .map((coordinates): GeoShape => ({ type: "Polygon", coordinates })),
);

export const literal: fc.Arbitrary<Literal> = fc.oneof(
  fc.constant<Literal>({ kind: "null" }),
  fc.boolean().map((value): Literal => ({ kind: "boolean", value })),
  fc.bigInt().map((value): Literal => ({ kind: "integer", value })),
  decimalText.map((value): Literal => ({ kind: "decimal", value })),
  fc.double().map((value): Literal => ({ kind: "double", value })),
  fc.string({ unit: "binary" }).map((value): Literal => ({ kind: "string", value })),
  dateText.map((value): Literal => ({ kind: "date", value })),
  timeText.map((value): Literal => ({ kind: "timeOfDay", value })),
  fc
    .tuple(dateText, timeText, offsetText)
    .map(([d, t, o]): Literal => ({ kind: "dateTimeOffset", value: `${d}T${t}${o}` })),
  durationText.map((value): Literal => ({ kind: "duration", value })),
  fc.uuid().map((value): Literal => ({ kind: "guid", value })),
  binaryText.map((value): Literal => ({ kind: "binary", value })),
  fc
    .tuple(qualifiedName, enumValueText)
    .map(([typeName, value]): Literal => ({ kind: "enum", typeName, value })),
  fc
    .record(
      {
        family: fc.constantFrom("geography" as const, "geometry" as const),
        srid: fc.integer({ min: 0, max: 99999 }),
        shape: geoShape,
      },
      NO_NULL_PROTOTYPE,
    )
    .map((geo): Literal => ({ kind: "geo", ...geo })),
);

// ---------------------------------------------------------------------------------------------
// Expressions and $search
// ---------------------------------------------------------------------------------------------

const memberPath = fc
  .tuple(
    fc.oneof({ weight: 8, arbitrary: identifier }, { weight: 1, arbitrary: fc.constantFrom("$it", "$this") }),
    fc.array(identifier, { maxLength: 2 }),
  )
  .map(([first, rest]) => [first, ...rest]);

const member = memberPath.map((path): Expr => ({ kind: "member", path }));

const BINARY_OPERATORS = [
  "eq",
  "ne",
  "gt",
  "ge",
  "lt",
  "le",
  "and",
  "or",
  "add",
  "sub",
  "mul",
  "div",
  "divby",
  "mod",
  "has",
] as const;
const TYPE_NAMES = ["Edm.String", "Edm.Int32", "Namespace.Type", "Customer", "Collection(Edm.Decimal)"];

const searchWord = fc.stringMatching(/^[A-Za-z0-9\-_$/.,:@!*+=?'&%#~é€]{1,8}$/).filter(isSearchWord);

const recursive = fc.letrec<{ expr: Expr; search: SearchExpr }>((tie) => {
  const expr = tie("expr");
  const search = tie("search");
  const call = fc.constantFrom(...(Object.keys(CANONICAL_FUNCTIONS) as CanonicalFunction[])).chain((name) => {
    const { min, max } = CANONICAL_FUNCTIONS[name];
    return fc
      .array(expr, { minLength: min, maxLength: max })
      .map((args): Expr => ({ kind: "call", name, args }));
  });
  const lambda = fc.oneof(
    member.map(
      (collection): Expr => ({ kind: "lambda", op: "any", collection, variable: null, predicate: null }),
    ),
    fc.tuple(fc.constantFrom("any" as const, "all" as const), member, identifier, expr).map(
      ([op, collection, variable, predicate]): Expr => ({
        kind: "lambda",
        op,
        collection,
        variable,
        predicate,
      }),
    ),
  );
  return {
    expr: fc.oneof(
      { depthSize: "small", maxDepth: 4 },
      { weight: 4, arbitrary: literal.map((l): Expr => ({ kind: "literal", literal: l })) },
      { weight: 4, arbitrary: member },
      {
        weight: 4,
        arbitrary: fc
          .tuple(fc.constantFrom(...BINARY_OPERATORS), expr, expr)
          .map(([op, left, right]): Expr => ({ kind: "binary", op, left, right })),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(expr, expr).map(([left, right]): Expr => ({ kind: "in", left, right })),
      },
      { weight: 1, arbitrary: expr.map((operand): Expr => ({ kind: "not", operand })) },
      { weight: 1, arbitrary: expr.map((operand): Expr => ({ kind: "negate", operand })) },
      { weight: 2, arbitrary: call },
      {
        weight: 1,
        arbitrary: fc
          .array(fc.record({ when: expr, then: expr }, NO_NULL_PROTOTYPE), { minLength: 1, maxLength: 3 })
          .map((branches): Expr => ({ kind: "case", branches })),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(
            fc.constantFrom("isof" as const, "cast" as const),
            fc.option(expr),
            fc.constantFrom(...TYPE_NAMES),
          )
          .map(([kind, operand, typeName]): Expr => ({ kind, operand, typeName })),
      },
      { weight: 1, arbitrary: lambda },
      {
        weight: 1,
        arbitrary: fc
          .tuple(member, fc.option(expr), fc.option(search))
          .map(([collection, filter, s]): Expr => ({ kind: "count", collection, filter, search: s })),
      },
      {
        weight: 1,
        arbitrary: fc.array(expr, { maxLength: 3 }).map((items): Expr => ({ kind: "list", items })),
      },
    ),
    search: fc.oneof(
      { depthSize: "small", maxDepth: 4 },
      { weight: 3, arbitrary: searchWord.map((text): SearchExpr => ({ kind: "term", text, phrase: false })) },
      {
        weight: 2,
        arbitrary: fc
          .string({ unit: "binary", minLength: 1 })
          .map((text): SearchExpr => ({ kind: "term", text, phrase: true })),
      },
      { weight: 1, arbitrary: search.map((operand): SearchExpr => ({ kind: "not", operand })) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.constantFrom("and" as const, "or" as const), search, search)
          .map(([kind, left, right]): SearchExpr => ({ kind, left, right })),
      },
    ),
  };
});

export const expr: fc.Arbitrary<Expr> = recursive.expr;
export const searchExpr: fc.Arbitrary<SearchExpr> = recursive.search;

// ---------------------------------------------------------------------------------------------
// $orderby, $compute, $apply
// ---------------------------------------------------------------------------------------------

export const orderByItems: fc.Arbitrary<OrderByItem[]> = fc.array(
  fc.record({ expr, direction: fc.constantFrom("asc" as const, "desc" as const) }, NO_NULL_PROTOTYPE),
  { minLength: 1, maxLength: 3 },
);

export const computeItems: fc.Arbitrary<ComputeItem[]> = fc.array(
  fc.record({ expr, alias: identifier }, NO_NULL_PROTOTYPE),
  { minLength: 1, maxLength: 3 },
);

const aggregateItem: fc.Arbitrary<AggregateItem> = fc.oneof(
  identifier.map((alias): AggregateItem => ({ kind: "count", alias })),
  fc
    .tuple(
      expr,
      fc.constantFrom(
        "sum" as const,
        "min" as const,
        "max" as const,
        "average" as const,
        "countdistinct" as const,
      ),
      identifier,
    )
    .map(([e, method, alias]): AggregateItem => ({ kind: "aggregate", expr: e, method, alias })),
);

const propertyPath = fc.array(identifier, { minLength: 1, maxLength: 3 });

export const transformations: fc.Arbitrary<Transformation[]> = fc.letrec<{
  list: Transformation[];
  one: Transformation;
}>((tie) => ({
  list: fc.array(tie("one"), { minLength: 1, maxLength: 3 }),
  one: fc.oneof(
    { depthSize: "small", maxDepth: 3 },
    fc
      .array(aggregateItem, { minLength: 1, maxLength: 3 })
      .map((items): Transformation => ({ kind: "aggregate", items })),
    fc
      .tuple(fc.array(propertyPath, { minLength: 1, maxLength: 3 }), fc.oneof(fc.constant([]), tie("list")))
      .map(([properties, apply]): Transformation => ({ kind: "groupby", properties, apply })),
    expr.map((e): Transformation => ({ kind: "filter", expr: e })),
    computeItems.map((items): Transformation => ({ kind: "compute", items })),
    searchExpr.map((search): Transformation => ({ kind: "search", search })),
    orderByItems.map((items): Transformation => ({ kind: "orderby", items })),
    fc.nat().map((count): Transformation => ({ kind: "top", count })),
    fc.nat().map((count): Transformation => ({ kind: "skip", count })),
    fc.constant<Transformation>({ kind: "identity" }),
    fc
      .array(tie("list"), { minLength: 2, maxLength: 3 })
      .map((branches): Transformation => ({ kind: "concat", branches })),
  ),
})).list;

// ---------------------------------------------------------------------------------------------
// $select, $expand, query options
// ---------------------------------------------------------------------------------------------

const nonEmpty = <T extends object>(o: T): boolean => Object.keys(o).length > 0;

const refOptions = {
  filter: expr,
  search: searchExpr,
  orderby: orderByItems,
  skip: fc.nat(),
  top: fc.nat(),
  count: fc.boolean(),
};

const selectItems: fc.Arbitrary<SelectItem[]> = fc.letrec<{ items: SelectItem[] }>((tie) => ({
  items: fc.array(
    fc.oneof(
      { depthSize: "small", maxDepth: 2 },
      fc.constant<SelectItem>({ kind: "star" }),
      fc
        .tuple(
          propertyPath,
          fc.option(
            fc
              .record(
                { ...refOptions, compute: computeItems, select: tie("items") },
                { requiredKeys: [], ...NO_NULL_PROTOTYPE },
              )
              .filter(nonEmpty),
          ),
        )
        .map(
          ([path, options]): SelectItem => ({ kind: "path", path, options: options as QueryOptions | null }),
        ),
    ),
    { minLength: 1, maxLength: 3 },
  ),
})).items;

const levels = fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constant("max" as const));

const expandItems: fc.Arbitrary<ExpandItem[]> = fc.letrec<{ items: ExpandItem[] }>((tie) => {
  const options = (model: Record<string, fc.Arbitrary<unknown>>) =>
    fc.record(model, { requiredKeys: [], ...NO_NULL_PROTOTYPE }) as fc.Arbitrary<QueryOptions>;
  const navigation = fc.oneof(
    { depthSize: "small", maxDepth: 2 },
    fc
      .tuple(propertyPath, options({ filter: expr, search: searchExpr }))
      .map(([path, o]): ExpandItem => ({ path, suffix: "$count", options: o })),
    fc
      .tuple(propertyPath, options(refOptions))
      .map(([path, o]): ExpandItem => ({ path, suffix: "$ref", options: o })),
    fc
      .tuple(
        propertyPath,
        options({
          ...refOptions,
          select: selectItems,
          expand: tie("items"),
          compute: computeItems,
          levels,
          apply: transformations,
        }),
      )
      .map(([path, o]): ExpandItem => ({ path, suffix: null, options: o })),
  );
  const star = fc.oneof(
    fc.constant<ExpandItem>({ path: ["*"], suffix: "$ref", options: {} }),
    options({ levels }).map((o): ExpandItem => ({ path: ["*"], suffix: null, options: o })),
  );
  return {
    items: fc.array(fc.oneof({ weight: 4, arbitrary: navigation }, { weight: 1, arbitrary: star }), {
      minLength: 1,
      maxLength: 3,
    }),
  };
}).items;

const SYSTEM_NAMES = new Set([
  "filter",
  "search",
  "apply",
  "compute",
  "select",
  "expand",
  "orderby",
  "top",
  "skip",
  "count",
  "levels",
  "skiptoken",
  "format",
  "index",
  "schemaversion",
  "deltatoken",
  "id",
]);

const customName = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/).filter((n) => !SYSTEM_NAMES.has(n));

export const queryOptions: fc.Arbitrary<QueryOptions> = fc.record(
  {
    filter: expr,
    search: searchExpr,
    apply: transformations,
    compute: computeItems,
    select: selectItems,
    expand: expandItems,
    orderby: orderByItems,
    top: fc.nat(),
    skip: fc.nat(),
    count: fc.boolean(),
    skiptoken: fc.string({ unit: "binary", minLength: 1 }),
    format: fc.constantFrom("json", "xml", "atom", "application/json;odata.metadata=minimal"),
    custom: fc.dictionary(customName, fc.string({ unit: "binary" }), {
      minKeys: 1,
      maxKeys: 3,
      ...NO_NULL_PROTOTYPE,
    }),
  },
  { requiredKeys: [], ...NO_NULL_PROTOTYPE },
);
