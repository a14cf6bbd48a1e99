/**
 * SQL text with its bound values, built from pieces that cannot smuggle a value into the text.
 *
 * Static SQL comes from template strings written in this package (`sql\`...\``), which may not
 * contain a `?`: the only placeholders in a fragment are those `param()` made, each carrying its
 * value. Identifiers come from the dialect's quoting (`identifier()`), never from query input.
 * A fragment goes to knex as `knex.raw(fragment.sql, fragment.bindings)`.
 */

export type SqlValue = string | number | boolean | null;

export interface SqlFragment {
  readonly sql: string;
  readonly bindings: readonly SqlValue[];
}

function assertStatic(text: string): void {
  if (text.includes("?")) {
    throw new Error(`static SQL must not contain '?', use param(): ${JSON.stringify(text)}`);
  }
}

/** Static SQL text written in this package: keywords, operators, constants. */
export function raw(text: string): SqlFragment {
  assertStatic(text);
  return { sql: text, bindings: [] };
}

/** One bound value. */
export function param(value: SqlValue): SqlFragment {
  return { sql: "?", bindings: [value] };
}

/** An identifier already quoted by the dialect (see `SqlDialect.identifier`). */
export function quotedIdentifier(quoted: string): SqlFragment {
  return { sql: quoted, bindings: [] };
}

/** Static text around fragments: sql`${a} = ${param(1)}`. */
export function sql(strings: TemplateStringsArray, ...parts: readonly SqlFragment[]): SqlFragment {
  let text = strings[0] ?? "";
  assertStatic(text);
  const bindings: SqlValue[] = [];
  parts.forEach((part, i) => {
    const after = strings[i + 1] ?? "";
    assertStatic(after);
    text += part.sql + after;
    bindings.push(...part.bindings);
  });
  return { sql: text, bindings };
}

export function join(parts: readonly SqlFragment[], separator: string): SqlFragment {
  assertStatic(separator);
  return {
    sql: parts.map((p) => p.sql).join(separator),
    bindings: parts.flatMap((p) => p.bindings),
  };
}

/** Portable constants (SQLite before 3.23 has no TRUE/FALSE keywords). */
export const TRUE: SqlFragment = raw("(1 = 1)");
export const FALSE: SqlFragment = raw("(1 = 0)");

export function isConstant(fragment: SqlFragment, constant: SqlFragment): boolean {
  return fragment.sql === constant.sql && fragment.bindings.length === 0;
}

/** `a AND b AND ...`, folding constants so plans stay readable. */
export function and(parts: readonly SqlFragment[]): SqlFragment {
  if (parts.some((p) => isConstant(p, FALSE))) return FALSE;
  const rest = parts.filter((p) => !isConstant(p, TRUE));
  if (rest.length === 0) return TRUE;
  if (rest.length === 1) return rest[0]!;
  return grouped(rest, " AND ");
}

export function or(parts: readonly SqlFragment[]): SqlFragment {
  if (parts.some((p) => isConstant(p, TRUE))) return TRUE;
  const rest = parts.filter((p) => !isConstant(p, FALSE));
  if (rest.length === 0) return FALSE;
  if (rest.length === 1) return rest[0]!;
  return grouped(rest, " OR ");
}

/** Most terms one AND or OR joins side by side. */
const FLAT_TERMS = 16;

/**
 * `(a AND b AND ...)`, with a long list split into parenthesised groups of groups. SQLite parses
 * `a AND b AND c` into a chain as deep as the list is long and refuses expressions deeper than
 * 1,000; grouped, the depth grows with the logarithm of the length (2,000 terms: 3 levels).
 */
function grouped(parts: readonly SqlFragment[], connective: " AND " | " OR "): SqlFragment {
  if (parts.length <= FLAT_TERMS) return sql`(${join(parts, connective)})`;
  const size = Math.ceil(parts.length / FLAT_TERMS);
  const groups: SqlFragment[] = [];
  for (let i = 0; i < parts.length; i += size) groups.push(grouped(parts.slice(i, i + size), connective));
  return sql`(${join(groups, connective)})`;
}

/** True exactly when `fragment` is not true (false or null): the negation of a filter leaf. */
export function notTrue(fragment: SqlFragment): SqlFragment {
  if (isConstant(fragment, TRUE)) return FALSE;
  if (isConstant(fragment, FALSE)) return TRUE;
  return sql`(NOT COALESCE(${fragment}, ${FALSE}))`;
}
