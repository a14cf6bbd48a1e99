/**
 * How much one query option may hold. Everything Headgate does with a query after parsing
 * (binding, evaluating, compiling to SQL, the database running it) walks the parsed tree or
 * grows with it, and each stage has a breaking point of its own: the JavaScript stack, SQLite's
 * expression depth of 1,000, the bind parameters a statement may carry, the columns a select
 * list may have, the size of an answer. These limits sit below all of them, are checked while
 * parsing (before any deep tree exists) and are the same on every door, so a query is either
 * refused up front with a `QueryLimitExceeded` error that says how to rewrite it, or served.
 *
 * Each limit is counted per system query option value (`$filter`, `$apply`, ...), the way a door
 * that parses options one by one sees them; a parameter alias counts wherever it is used.
 */

export const QUERY_LIMITS = {
  /** Levels of parentheses, function calls, `not` and `-`, lambdas, `[...]` and nested options. */
  depth: 100,
  /** Binary operators (`and`, `or`, `eq`, `add`, ...), `case` branches and `$search` AND/OR. */
  operators: 2000,
  /** Values in `in (...)` lists and JSON arrays, all lists of the option together. */
  listValues: 10_000,
  /** Items of one comma-separated list: `$select`, `$orderby`, `$compute`, `$expand`, `groupby`, `aggregate`. */
  listItems: 200,
  /** Transformations in `$apply`, those inside `groupby` and `concat` included. */
  applySteps: 100,
  /** Levels of `$expand` inside `$expand`; each level can multiply the size of the answer. */
  expandDepth: 4,
} as const;

export type QueryLimit = keyof typeof QUERY_LIMITS;

/**
 * The largest count any door accepts (`$top`, `$skip`, `top(n)`, `$levels`, a page size): the
 * largest integer JavaScript holds exactly, so no count is ever rounded on its way to a database.
 */
export const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/** What each limit counts, for messages: "more than 2,000 <operators>". */
const COUNTED: Readonly<Record<QueryLimit, string>> = {
  depth: "levels of nesting (parentheses, function calls, not, lambdas, nested options)",
  operators: "operators (and, or, eq, add, ..., case branches, search AND/OR)",
  listValues: "values in in (...) lists",
  listItems: "items in one comma-separated list",
  applySteps: "transformations in $apply",
  expandDepth: "levels of $expand inside $expand",
};

const HEADLINE: Readonly<Record<QueryLimit, string>> = {
  depth: "nested too deeply",
  operators: "too many operators",
  listValues: "too many list values",
  listItems: "too many items",
  applySteps: "too many transformations",
  expandDepth: "$expand nested too deeply",
};

/** How to rewrite a query that reached the limit. */
const REWRITE: Readonly<Record<QueryLimit, string>> = {
  depth: "write it flatter: drop parentheses that group nothing, and write not (A or B) as not A and not B",
  operators:
    "test many values of one property with in, e.g. Job in ('23-101','23-102') instead of Job eq '23-101' or Job eq '23-102', or split the question into several queries",
  listValues:
    "filter on a range (ge and le) instead of listing every value, or split the list over several queries",
  listItems:
    "ask for fewer properties (or *), sort or group on fewer, or split the question into several queries",
  applySteps:
    "merge consecutive steps, e.g. one filter(...) joined with and, or one compute(...) with several items",
  expandDepth: "expand fewer levels, and query a deeper entity set directly with its own $filter",
};

const grouped = (n: number): string => n.toLocaleString("en-US");

/**
 * "too many operators at 16904: more than 2,000 operators (...), the most one query option may
 * hold (limit 'operators'); test many values of one property with in, ..."
 */
export function limitMessage(limit: QueryLimit, at: number): string {
  return `${HEADLINE[limit]} at ${at}: more than ${grouped(QUERY_LIMITS[limit])} ${COUNTED[limit]}, the most one query option may hold (limit '${limit}'); ${REWRITE[limit]}`;
}
