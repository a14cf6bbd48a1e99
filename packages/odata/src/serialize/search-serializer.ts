/**
 * `$search` back to text: explicit `AND` for every conjunction (implicit AND reads back the same),
 * words unquoted when they are valid words, everything else as a phrase with `\"` and `\\`.
 */

import type { SearchExpr } from "../ast.ts";
import { isSearchWord } from "../parser/search-parser.ts";

const OR = 1;
const AND = 2;
const NOT = 3;
const TERM = 4;

export function writeSearch(search: SearchExpr, minPrecedence = 0): string {
  const [text, precedence] = writeBare(search);
  return precedence < minPrecedence ? `(${text})` : text;
}

function writeBare(search: SearchExpr): [string, number] {
  switch (search.kind) {
    case "term":
      return [!search.phrase && isSearchWord(search.text) ? search.text : writePhrase(search.text), TERM];
    case "not":
      return [`NOT ${writeSearch(search.operand, NOT)}`, NOT];
    case "and":
      return [`${writeSearch(search.left, AND)} AND ${writeSearch(search.right, NOT)}`, AND];
    case "or":
      return [`${writeSearch(search.left, OR)} OR ${writeSearch(search.right, AND)}`, OR];
  }
}

function writePhrase(text: string): string {
  return `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}
