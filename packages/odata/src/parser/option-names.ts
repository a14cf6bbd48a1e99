/**
 * System query option names. 4.01 lets every one be written with or without `$`, in any case
 * (`$filter`, `filter`, `$FILTER`), so names are folded to the AST's key (`filter`) on reading.
 */

import type { QueryOptionName } from "../ast.ts";
import { closestMatches } from "../suggest.ts";
import { DOLLAR } from "./chars.ts";
import type { Scanner } from "./scanner.ts";
import type { UnsupportedKey } from "./unsupported.ts";

export const SYSTEM_OPTIONS: readonly QueryOptionName[] = [
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
];

const BY_LOWER_NAME: ReadonlyMap<string, QueryOptionName> = new Map(SYSTEM_OPTIONS.map((n) => [n, n]));

/** Valid system query options Headgate answers with 501. */
const UNSUPPORTED_OPTIONS: ReadonlyMap<string, UnsupportedKey> = new Map([
  ["index", "index"],
  ["schemaversion", "schemaversion"],
  ["deltatoken", "deltatoken"],
  ["id", "id"],
]);

/** The AST key for an option name with or without `$`, in any case; undefined if not a system option. */
export function systemOptionNamed(name: string): QueryOptionName | undefined {
  const bare = name.charCodeAt(0) === DOLLAR ? name.slice(1) : name;
  return BY_LOWER_NAME.get(bare.toLowerCase());
}

export function isUnsupportedOptionName(name: string): UnsupportedKey | undefined {
  const bare = name.charCodeAt(0) === DOLLAR ? name.slice(1) : name;
  return UNSUPPORTED_OPTIONS.get(bare.toLowerCase());
}

/** `; did you mean '$filter'?` for a misspelt `$`-name, or `""`. */
export function suggestOption(name: string, allowed: readonly QueryOptionName[] = SYSTEM_OPTIONS): string {
  const bare = name.charCodeAt(0) === DOLLAR ? name.slice(1) : name;
  const matches = closestMatches(bare, allowed);
  if (matches.length === 0) return "";
  return `; did you mean ${matches.map((m) => `'$${m}'`).join(" or ")}?`;
}

/** Reads `[$]identifier` at the cursor; null (nothing consumed) when no name starts there. */
export function readOptionName(sc: Scanner): string | null {
  const start = sc.pos;
  sc.eat(DOLLAR);
  if (sc.readIdentifier() === null) {
    sc.pos = start;
    return null;
  }
  return sc.text.slice(start, sc.pos);
}
