/**
 * `$search`: a term matches a row when one of the searchable string properties contains it,
 * ignoring case; a phrase (`"blue pump"`) matches as one contiguous substring, spaces included.
 * NOT, AND and OR combine matches as booleans (a search never yields null).
 *
 * Each property's text is lower-cased at most once per row, and only when a term needs it:
 * a row that the first term settles never pays for the other properties.
 */
import type { SearchExpr } from "@headgate/odata";
import type { Row } from "./types.ts";

type Matcher = () => boolean;

function compileTree(search: SearchExpr, hasTerm: (term: string) => boolean): Matcher {
  switch (search.kind) {
    case "term": {
      const term = search.text.toLowerCase();
      return () => hasTerm(term);
    }
    case "not": {
      const operand = compileTree(search.operand, hasTerm);
      return () => !operand();
    }
    case "and": {
      const left = compileTree(search.left, hasTerm);
      const right = compileTree(search.right, hasTerm);
      return () => left() && right();
    }
    case "or": {
      const left = compileTree(search.left, hasTerm);
      const right = compileTree(search.right, hasTerm);
      return () => left() || right();
    }
  }
}

/** Separates the items of a string collection so a phrase never spans two of them. */
const ITEM_SEPARATOR = "\u0000";

function searchableText(value: unknown): string | null {
  if (typeof value === "string") return value.toLowerCase();
  if (Array.isArray(value)) {
    const strings = value.filter((item): item is string => typeof item === "string");
    return strings.length === 0 ? null : strings.join(ITEM_SEPARATOR).toLowerCase();
  }
  return null;
}

function read(row: Row, path: readonly string[]): unknown {
  let value: unknown = row;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return null;
    value = (value as Row)[key];
  }
  return value;
}

/**
 * A matcher over `properties` (names, or `A/B` paths into complex values). Values that are not
 * strings (or collections of strings) never match.
 */
export function compileSearch(search: SearchExpr, properties: readonly string[]): (row: Row) => boolean {
  const paths = properties.map((property) => property.split("/"));
  const texts: (string | null)[] = paths.map(() => null);
  const loaded = paths.map(() => false);
  let current: Row = {};
  const textAt = (i: number): string | null => {
    if (!loaded[i]) {
      texts[i] = searchableText(read(current, paths[i]!));
      loaded[i] = true;
    }
    return texts[i]!;
  };
  const hasTerm = (term: string): boolean => {
    for (let i = 0; i < paths.length; i++) {
      const text = textAt(i);
      if (text?.includes(term)) return true;
    }
    return false;
  };
  const matches = compileTree(search, hasTerm);
  return (row) => {
    current = row;
    loaded.fill(false);
    return matches();
  };
}

function textsOf(value: unknown): string[] {
  const direct = searchableText(value);
  if (direct !== null) return [direct];
  if (typeof value !== "object" || value === null) return [];
  const texts: string[] = [];
  for (const member of Object.values(value)) {
    const text = searchableText(member);
    if (text !== null) texts.push(text);
  }
  return texts;
}

/**
 * A matcher over every string in a value: the value itself when it is a string, else the
 * string properties of an object. Used where no searchable properties are declared (elements
 * of `Nav/$count($search=...)`, `$apply=search(...)` without a property list).
 */
export function compileSearchInValue(search: SearchExpr): (value: unknown) => boolean {
  let texts: readonly string[] = [];
  const matches = compileTree(search, (term) => texts.some((text) => text.includes(term)));
  return (value) => {
    texts = textsOf(value);
    return matches();
  };
}
