import { describe, expect, it } from "vitest";
import { eq, int, m, syntaxErrorOf } from "../testing/builders.ts";
import { parseExpression } from "./query-options.ts";
import { describeAlternatives, newSession, Scanner } from "./scanner.ts";

const scannerOver = (text: string): Scanner => Scanner.over(text, newSession(undefined, true));

describe("Scanner", () => {
  it("matches keywords in any case, only as whole words", () => {
    const sc = scannerOver("AnD andy");
    expect(sc.isWordAt("and")).toBe(true);
    expect(sc.isWordAt("and", 4)).toBe(false);
  });

  it("reads identifiers with Unicode letters, raw or percent-encoded", () => {
    expect(parseExpression("Größe eq 1")).toStrictEqual(eq(m("Größe"), int(1)));
    expect(parseExpression("Gr%C3%B6%C3%9Fe eq 1")).toStrictEqual(eq(m("Größe"), int(1)));
    expect(parseExpression("_x1/名前")).toStrictEqual(m("_x1", "名前"));
  });

  it("limits identifiers to 128 characters", () => {
    expect(parseExpression("a".repeat(128))).toStrictEqual(m("a".repeat(128)));
    expect(syntaxErrorOf(() => parseExpression(`A eq ${"b".repeat(129)}`)).message).toBe(
      "identifier at 5 is 129 characters long; at most 128 are allowed",
    );
  });

  it("treats spaces and tabs, raw or encoded, as whitespace", () => {
    expect(parseExpression("A\teq%09%201")).toStrictEqual(eq(m("A"), int(1)));
  });

  it("describes what it found: a name, a number, a character or the end", () => {
    const sc = scannerOver("Name 123 ( ");
    expect([0, 5, 9, 11].map((pos) => sc.found(pos))).toStrictEqual([
      "'Name'",
      "'123'",
      "'('",
      "end of input",
    ]);
  });

  it("lists alternatives readably", () => {
    expect(describeAlternatives(["')'"])).toBe("')'");
    expect(describeAlternatives(["')'", "','"])).toBe("')' or ','");
    expect(describeAlternatives(["an operator", "','", "')'"])).toBe("an operator, ',' or ')'");
  });
});
