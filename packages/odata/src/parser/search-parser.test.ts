import { describe, expect, it } from "vitest";
import { notImplementedOf, phrase, sAnd, sNot, sOr, syntaxErrorOf, word } from "../testing/builders.ts";
import { parseQueryOptions, parseSearch } from "./query-options.ts";

describe("$search", () => {
  it("reads words, including digits and - ' _ $ / . , and more", () => {
    expect(parseSearch("blue")).toStrictEqual(word("blue"));
    for (const text of [
      "mountain-bike",
      "O'Neil",
      "snake_case",
      "$5",
      "a/b",
      "v1.2",
      "1,000",
      "C%2B%2B",
      "e-mail@x.org",
    ]) {
      expect(parseSearch(text)).toStrictEqual(word(decodeURIComponent(text)));
    }
  });

  it('reads phrases in double quotes, with \\" and \\\\ escapes', () => {
    expect(parseSearch('"light blue"')).toStrictEqual(phrase("light blue"));
    expect(parseSearch("%22light%20blue%22")).toStrictEqual(phrase("light blue"));
    expect(parseSearch('"say \\"hi\\" \\\\ bye"')).toStrictEqual(phrase('say "hi" \\ bye'));
    expect(parseSearch('"AND"')).toStrictEqual(phrase("AND"));
  });

  it("joins juxtaposed terms with an implicit AND", () => {
    expect(parseSearch("blue green")).toStrictEqual(sAnd(word("blue"), word("green")));
    expect(parseSearch('blue "light green" red')).toStrictEqual(
      sAnd(sAnd(word("blue"), phrase("light green")), word("red")),
    );
  });

  it("reads NOT, AND and OR in upper case only, with precedence NOT > AND > OR", () => {
    expect(parseSearch("a OR b AND c")).toStrictEqual(sOr(word("a"), sAnd(word("b"), word("c"))));
    expect(parseSearch("a AND b OR c")).toStrictEqual(sOr(sAnd(word("a"), word("b")), word("c")));
    expect(parseSearch("NOT a AND b")).toStrictEqual(sAnd(sNot(word("a")), word("b")));
    expect(parseSearch("a b OR c d")).toStrictEqual(
      sOr(sAnd(word("a"), word("b")), sAnd(word("c"), word("d"))),
    );
    expect(parseSearch("a and b")).toStrictEqual(sAnd(sAnd(word("a"), word("and")), word("b")));
    expect(parseSearch("ANDROID ORACLE NOTE")).toStrictEqual(
      sAnd(sAnd(word("ANDROID"), word("ORACLE")), word("NOTE")),
    );
  });

  it("groups with parentheses", () => {
    expect(parseSearch("(a OR b) AND c")).toStrictEqual(sAnd(sOr(word("a"), word("b")), word("c")));
    expect(parseSearch("NOT (a OR b)")).toStrictEqual(sNot(sOr(word("a"), word("b"))));
    expect(parseSearch("NOT(a)")).toStrictEqual(sNot(word("a")));
    expect(parseSearch("( a )")).toStrictEqual(word("a"));
  });

  it("is left-associative", () => {
    expect(parseSearch("a OR b OR c")).toStrictEqual(sOr(sOr(word("a"), word("b")), word("c")));
    expect(parseSearch("a AND b AND c")).toStrictEqual(sAnd(sAnd(word("a"), word("b")), word("c")));
  });

  it("allows whitespace around the value", () => {
    expect(parseQueryOptions("$search=%20blue+")).toStrictEqual({ search: word("blue") });
  });

  it("reports a missing term, a keyword used as a word, and bad phrases", () => {
    expect(syntaxErrorOf(() => parseSearch("blue OR")).message).toBe(
      "expected a search term after 'OR', found end of input at 7",
    );
    expect(syntaxErrorOf(() => parseSearch("a AND OR b")).message).toBe(
      "expected a search term at 6, found 'OR'; to search for the word OR, write it as a phrase: \"OR\"",
    );
    expect(syntaxErrorOf(() => parseSearch('""')).message).toBe("empty phrase at 0");
    expect(syntaxErrorOf(() => parseSearch('"abc')).message).toBe(
      "expected '\"' to close the phrase opened at 0, found end of input at 4",
    );
    expect(syntaxErrorOf(() => parseSearch('"a\\b"')).message).toBe(
      'invalid escape in search phrase at 2: only \\" and \\\\ are allowed',
    );
    expect(syntaxErrorOf(() => parseSearch("(a OR b")).message).toBe(
      "expected a search term, 'AND', 'OR' or ')' to close '(' opened at 0, found end of input at 7",
    );
    expect(syntaxErrorOf(() => parseSearch("a)")).message).toBe(
      "expected a search term or end of input, found ')' at 1",
    );
  });

  it("answers 501 for the single-quoted 4.01 form", () => {
    expect(notImplementedOf(() => parseSearch("'blue green'")).message).toContain(
      "single-quoted $search values",
    );
  });
});
