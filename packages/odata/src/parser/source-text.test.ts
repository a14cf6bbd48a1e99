import { describe, expect, it } from "vitest";
import { ODataSyntaxError } from "../errors.ts";
import { eq, int, m, str, syntaxErrorOf } from "../testing/builders.ts";
import { parseFilter, parseQueryOptions } from "./query-options.ts";
import { decodeSource, rawOffsetOf } from "./source-text.ts";

describe("decoding URL text", () => {
  it("reads percent-encoded characters as the characters they encode", () => {
    expect(decodeSource("%27a%27%3A%2C%28%29", 0, 19, true).text).toBe("'a':,()");
  });

  it("reads %20 and %09 as whitespace, so they separate operators", () => {
    expect(parseFilter("A%20eq%095")).toStrictEqual(eq(m("A"), int(5)));
  });

  it("reads a raw + as a space (form encoding) and %2B as a plus", () => {
    expect(decodeSource("a+b%2Bc", 0, 7, true).text).toBe("a b+c");
    expect(parseFilter("Name+eq+'C%2B%2B'")).toStrictEqual(eq(m("Name"), str("C++")));
  });

  it("decodes UTF-8 sequences, including characters outside the BMP", () => {
    expect(decodeSource("%C3%A9%E2%82%AC%F0%9F%98%80", 0, 27, true).text).toBe("é€😀");
    expect(parseFilter("Name eq '%C3%A9t%C3%A9'")).toStrictEqual(eq(m("Name"), str("été")));
  });

  it("passes raw non-ASCII characters through", () => {
    expect(parseFilter("Name eq 'été'")).toStrictEqual(eq(m("Name"), str("été")));
  });

  it("leaves text alone when it is not URL-encoded", () => {
    expect(decodeSource("a+b%2B", 0, 6, false).text).toBe("a+b%2B");
    expect(parseFilter("Name eq '50%+'", { urlEncoded: false })).toStrictEqual(eq(m("Name"), str("50%+")));
  });

  it("maps every decoded position back to its offset in the raw text", () => {
    const source = decodeSource("x=%27ab%27+c", 2, 12, true);
    expect(source.text).toBe("'ab' c");
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => rawOffsetOf(source, i))).toStrictEqual([2, 5, 6, 7, 10, 11, 12]);
  });

  it("reports errors at raw offsets, past any escapes before them", () => {
    const error = syntaxErrorOf(() => parseFilter("Name%20eq%20%27x%27%20eqq%201"));
    expect(error.position).toBe(22);
    expect(error.message).toBe("expected an operator or end of input, found 'eqq' at 22; did you mean 'eq'?");
  });
});

describe("invalid percent-encoding", () => {
  it("is a syntax error at the '%' when two hex digits do not follow", () => {
    const error = syntaxErrorOf(() => parseFilter("Name eq '50%'"));
    expect(error.position).toBe(11);
    expect(error.message).toBe(
      "invalid percent-encoding at 11: '%' must be followed by two hexadecimal digits (write '%25' for a literal '%')",
    );
    expect(error.target).toBe("$filter");
  });

  it("is a syntax error at the sequence start for malformed UTF-8", () => {
    for (const bad of ["%C3", "%C3%28", "%80", "%ED%A0%80", "%E0%80%80", "%F5%80%80%80"]) {
      const error = syntaxErrorOf(() => parseFilter(`'${bad}'`));
      expect(error.position).toBe(1);
      expect(error.message).toBe("invalid UTF-8 sequence in percent-encoding at 1");
    }
  });

  it("reports positions in the whole query string", () => {
    const error = syntaxErrorOf(() => parseQueryOptions("$top=1&$filter=A eq %G1"));
    expect(error).toBeInstanceOf(ODataSyntaxError);
    expect(error.position).toBe(20);
    expect(error.target).toBe("$filter");
  });
});
