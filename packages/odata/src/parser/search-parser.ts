/**
 * `$search` (4.01): words, "phrases", `NOT`, `AND`, `OR` (upper-case only; `and` is a word),
 * implicit AND between juxtaposed terms, and parentheses. Precedence: grouping > NOT > AND > OR,
 * both binary operators left-associative.
 *
 * A word is a run of anything but whitespace, parentheses, `"` and `;` (the ABNF's comment on
 * `searchWord`; `;` ends a nested option), not starting with `'`. A phrase is `"..."` where `\"` and
 * `\\` stand for `"` and `\`.
 */

import type { SearchExpr } from "../ast.ts";
import { BACKSLASH, CLOSE, DQUOTE, isWhitespace, OPEN, SEMI, SQUOTE } from "./chars.ts";
import { closing } from "./expression-parser.ts";
import type { Scanner } from "./scanner.ts";

type Keyword = "AND" | "OR" | "NOT";

export function isSearchWordChar(c: number): boolean {
  return !(
    isWhitespace(c) ||
    c === OPEN ||
    c === CLOSE ||
    c === DQUOTE ||
    c === SEMI ||
    Number.isNaN(c) ||
    c < 0
  );
}

/** Is `text` a search word as written (so it needs no quotes)? */
export function isSearchWord(text: string): boolean {
  if (text.length === 0 || text.charCodeAt(0) === SQUOTE || keywordOf(text) !== null) return false;
  for (let i = 0; i < text.length; i++) if (!isSearchWordChar(text.charCodeAt(i))) return false;
  return true;
}

function keywordOf(word: string): Keyword | null {
  return word === "AND" || word === "OR" || word === "NOT" ? word : null;
}

/** The search expression at the cursor; stops before `)`, `;` or the end. */
export function parseSearchExpr(sc: Scanner): SearchExpr {
  sc.skipBws();
  if (sc.peek() === SQUOTE) throw sc.unsupported("searchIncomplete", sc.pos);
  return parseOr(sc);
}

function parseOr(sc: Scanner): SearchExpr {
  let left = parseAnd(sc);
  for (;;) {
    const before = sc.pos;
    if (!sc.skipRws() || keywordAt(sc) !== "OR") {
      sc.pos = before;
      return left;
    }
    const opStart = sc.pos;
    sc.pos += 2;
    sc.countOperator(opStart);
    left = { kind: "or", left, right: parseAnd(afterKeyword(sc, "OR")) };
  }
}

function parseAnd(sc: Scanner): SearchExpr {
  let left = parseUnary(sc);
  for (;;) {
    const before = sc.pos;
    if (!sc.skipRws()) return left;
    const keyword = keywordAt(sc);
    const opStart = sc.pos;
    if (keyword === "AND") {
      sc.pos += 3;
      afterKeyword(sc, "AND");
    } else if (keyword === "OR" || !startsTerm(sc)) {
      sc.pos = before;
      return left;
    }
    sc.countOperator(opStart);
    left = { kind: "and", left, right: parseUnary(sc) };
  }
}

function parseUnary(sc: Scanner): SearchExpr {
  const start = sc.pos;
  if (keywordAt(sc) !== "NOT") return parsePrimary(sc);
  sc.pos += 3;
  afterKeyword(sc, "NOT");
  sc.enter(start);
  const operand = parseUnary(sc);
  sc.leave();
  return { kind: "not", operand };
}

/** Operators need whitespace after them, or a `(` (lenient: `NOT(a)`). */
function afterKeyword(sc: Scanner, keyword: Keyword): Scanner {
  if (!sc.skipRws() && sc.peek() !== OPEN)
    throw sc.expected(sc.pos, ["a search term"], ` after '${keyword}'`);
  return sc;
}

function startsTerm(sc: Scanner): boolean {
  const c = sc.peek();
  return c === OPEN || c === DQUOTE || (isSearchWordChar(c) && c !== SQUOTE);
}

function parsePrimary(sc: Scanner): SearchExpr {
  const start = sc.pos;
  const c = sc.peek();
  if (c === OPEN) {
    sc.pos++;
    sc.enter(start);
    sc.skipBws();
    const inner = parseOr(sc);
    sc.skipBws();
    if (!sc.eat(CLOSE))
      throw sc.expected(sc.pos, ["a search term", "'AND'", "'OR'", "')'"], closing("(", sc, start));
    sc.leave();
    return inner;
  }
  if (c === DQUOTE) return { kind: "term", text: scanPhrase(sc), phrase: true };
  const keyword = keywordAt(sc);
  if (keyword !== null || !startsTerm(sc)) {
    const hint =
      keyword === null ? "" : `; to search for the word ${keyword}, write it as a phrase: "${keyword}"`;
    throw sc.error(start, `expected a search term at ${sc.at(start)}, found ${sc.found(start)}${hint}`, [
      "a search word",
      "a phrase in double quotes",
      "'('",
      "'NOT'",
    ]);
  }
  while (isSearchWordChar(sc.peek())) sc.pos++;
  return { kind: "term", text: sc.text.slice(start, sc.pos), phrase: false };
}

/** The keyword spelled exactly at the cursor as a whole word, or null. */
function keywordAt(sc: Scanner): Keyword | null {
  let end = sc.pos;
  while (end - sc.pos < 4 && isSearchWordChar(sc.text.charCodeAt(end))) end++;
  return keywordOf(sc.text.slice(sc.pos, end));
}

/** `"..."` with `\"` and `\\` escapes; at least one character. */
function scanPhrase(sc: Scanner): string {
  const open = sc.pos;
  const parts: string[] = [];
  let from = open + 1;
  for (let i = from; i < sc.length; i++) {
    const c = sc.text.charCodeAt(i);
    if (c === DQUOTE) {
      parts.push(sc.text.slice(from, i));
      sc.pos = i + 1;
      const phrase = parts.join("");
      if (phrase.length === 0)
        throw sc.error(open, `empty phrase at ${sc.at(open)}`, ["a phrase with at least one character"]);
      return phrase;
    }
    if (c !== BACKSLASH) continue;
    const escaped = sc.text.charCodeAt(i + 1);
    if (escaped !== DQUOTE && escaped !== BACKSLASH) {
      throw sc.error(i, `invalid escape in search phrase at ${sc.at(i)}: only \\" and \\\\ are allowed`, [
        '\\"',
        "\\\\",
      ]);
    }
    parts.push(sc.text.slice(from, i));
    from = i + 1;
    i++;
  }
  throw sc.error(
    sc.length,
    `expected '"' to close the phrase opened at ${sc.at(open)}, found end of input at ${sc.at(sc.length)}`,
    ["'\"'"],
  );
}
