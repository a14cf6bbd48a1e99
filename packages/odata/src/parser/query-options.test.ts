import { describe, expect, it } from "vitest";
import { MAX_COUNT } from "../limits.ts";
import {
  and,
  bin,
  eq,
  int,
  m,
  notImplementedOf,
  nul,
  str,
  syntaxErrorOf,
  word,
} from "../testing/builders.ts";
import { parseCount, parseQueryOptions } from "./query-options.ts";

describe("parseQueryOptions", () => {
  it("reads every system option of a query string", () => {
    expect(
      parseQueryOptions(
        "?$filter=Price gt 5&$select=Name&$expand=Orders&$orderby=Name desc&$top=10&$skip=20&$count=true" +
          "&$search=blue&$apply=top(1)&$compute=Price mul 2 as P2&$skiptoken=abc%2F1&$format=json",
      ),
    ).toStrictEqual({
      filter: bin("gt", m("Price"), int(5)),
      select: [{ kind: "path", path: ["Name"], options: null }],
      expand: [{ path: ["Orders"], suffix: null, options: {} }],
      orderby: [{ expr: m("Name"), direction: "desc" }],
      top: 10,
      skip: 20,
      count: true,
      search: word("blue"),
      apply: [{ kind: "top", count: 1 }],
      compute: [{ expr: bin("mul", m("Price"), int(2)), alias: "P2" }],
      skiptoken: "abc/1",
      format: "json",
    });
  });

  it("accepts option names with or without $, in any case", () => {
    expect(parseQueryOptions("filter=A eq 1&TOP=5&$Count=FALSE")).toStrictEqual({
      filter: eq(m("A"), int(1)),
      top: 5,
      count: false,
    });
  });

  it("returns an empty object for an empty query", () => {
    expect(parseQueryOptions("")).toStrictEqual({});
    expect(parseQueryOptions("?")).toStrictEqual({});
    expect(parseQueryOptions("&&")).toStrictEqual({});
  });

  it("collects other names as custom options, decoded", () => {
    expect(parseQueryOptions("debug=true&x-trace=a+b%26c&flag")).toStrictEqual({
      custom: { debug: "true", "x-trace": "a b&c", flag: "" },
    });
  });

  it("substitutes parameter aliases defined anywhere in the query", () => {
    expect(parseQueryOptions("$filter=Name eq @name and Age gt @age&@name='Ann'&@age=30")).toStrictEqual({
      filter: and(eq(m("Name"), str("Ann")), bin("gt", m("Age"), int(30))),
    });
    expect(parseQueryOptions("$filter=A eq @undefined")).toStrictEqual({ filter: eq(m("A"), nul) });
    expect(parseQueryOptions("$orderby=@p&@p=Name")).toStrictEqual({
      orderby: [{ expr: m("Name"), direction: "asc" }],
    });
  });

  it("keeps a literal's + when it is sent as %2B, and reads a raw + as a space", () => {
    expect(parseQueryOptions("$filter=Name+eq+'a%2Bb'")).toStrictEqual({ filter: eq(m("Name"), str("a+b")) });
  });

  it("formats: json, xml, atom or a media type", () => {
    expect(parseQueryOptions("$format=application/json;odata.metadata=minimal")).toStrictEqual({
      format: "application/json;odata.metadata=minimal",
    });
    expect(syntaxErrorOf(() => parseQueryOptions("$format=csv")).message).toBe(
      "invalid $format 'csv' at 8; expected json, xml, atom or a media type such as application/json",
    );
  });
});

describe("query option errors", () => {
  it("reject a repeated system option, however it is spelt", () => {
    const error = syntaxErrorOf(() => parseQueryOptions("$top=1&TOP=2"));
    expect(error.message).toBe("duplicate system query option '$top' at 7 (first given at 0)");
    expect(error.position).toBe(7);
    expect(error.target).toBe("$top");
    expect(syntaxErrorOf(() => parseQueryOptions("@p=1&@p=2")).message).toBe(
      "duplicate parameter alias '@p' at 5 (first given at 0)",
    );
    expect(syntaxErrorOf(() => parseQueryOptions("x=1&x=2")).message).toBe(
      "duplicate query option 'x' at 4 (first given at 0)",
    );
  });

  it("require non-negative integers for $top and $skip", () => {
    const error = syntaxErrorOf(() => parseQueryOptions("$filter=true&$top=-1"));
    expect(error.message).toBe("expected a non-negative integer for $top, found '-' at 18");
    expect(error.target).toBe("$top");
    expect(error.expected).toStrictEqual(["a non-negative integer"]);
    expect(syntaxErrorOf(() => parseQueryOptions("$skip=1.5")).message).toBe(
      "expected the end of the $skip value, found '.' at 7",
    );
    expect(syntaxErrorOf(() => parseQueryOptions("$top=99999999999999999999")).message).toBe(
      "$top 99999999999999999999 at 5 is too large (at most 9007199254740991)",
    );
    expect(syntaxErrorOf(() => parseQueryOptions("$top=")).message).toBe(
      "expected a non-negative integer for $top, found end of input at 5",
    );
  });

  it("require true or false for $count", () => {
    expect(syntaxErrorOf(() => parseQueryOptions("$count=yes")).message).toBe(
      "expected 'true' or 'false' for $count, found 'yes' at 7",
    );
  });

  it("require '=' after a system option, and a value for $skiptoken", () => {
    expect(syntaxErrorOf(() => parseQueryOptions("$top&$skip=1")).message).toBe(
      "expected '=' after '$top', found '&' at 4",
    );
    expect(syntaxErrorOf(() => parseQueryOptions("$skiptoken=")).message).toBe(
      "expected a value for $skiptoken, found end of input at 11",
    );
  });

  it("suggest the intended name for an unknown $ option", () => {
    expect(syntaxErrorOf(() => parseQueryOptions("$fitler=A eq 1")).message).toBe(
      "unknown system query option '$fitler' at 0; did you mean '$filter'?",
    );
  });

  it("reject $levels outside $expand and malformed alias names", () => {
    expect(syntaxErrorOf(() => parseQueryOptions("$levels=2")).message).toBe(
      "'$levels' at 0 is only allowed in the options of an $expand item",
    );
    expect(syntaxErrorOf(() => parseQueryOptions("@1=2")).message).toBe(
      "invalid parameter alias name '@1' at 0",
    );
  });

  it("report positions in the whole query string and the option as target", () => {
    const error = syntaxErrorOf(() => parseQueryOptions("?$top=5&$filter=contains(Name,'x'"));
    expect(error.message).toBe("expected ')' to close 'contains(' opened at 16, found end of input at 33");
    expect(error.position).toBe(33);
    expect(error.target).toBe("$filter");
    expect(error.status).toBe(400);
    expect(error.toJSON()).toStrictEqual({
      error: { code: "SyntaxError", message: error.message, target: "$filter" },
    });
  });

  it("answer 501 for $index, $schemaversion, $deltatoken and $id", () => {
    for (const name of ["$index=1", "schemaversion=2", "$deltatoken=x", "$id=Products(1)"]) {
      const error = notImplementedOf(() => parseQueryOptions(name));
      expect(error.status).toBe(501);
      expect(error.code).toBe("NotImplemented");
    }
  });
});

describe("a count given on its own reads as $top and $skip do", () => {
  it("takes digits, up to the largest integer held exactly", () => {
    expect(parseCount("0", "top")).toBe(0);
    expect(parseCount("0050", "top")).toBe(50);
    expect(parseCount(String(MAX_COUNT), "skip")).toBe(MAX_COUNT);
    expect(MAX_COUNT).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each(["1e400", "-1", "1.5", "abc", "", " 5", "+5", "0x10", "Infinity", "5 "])(
    "refuses %j, naming the parameter as the caller spelt it",
    (text) => {
      const error = syntaxErrorOf(() => parseCount(text, "skip"));
      expect(error.target).toBe("skip");
      expect(error.status).toBe(400);
      expect(error.message).toBe(
        `skip must be a whole number from 0 to ${MAX_COUNT}, written in digits; found '${text}'`,
      );
    },
  );

  it("refuses a number too large to hold exactly, as $top does", () => {
    const tooLarge = String(2 ** 53);
    expect(syntaxErrorOf(() => parseCount(tooLarge, "top")).message).toBe(
      `top ${tooLarge} at 0 is too large (at most ${MAX_COUNT})`,
    );
    expect(syntaxErrorOf(() => parseQueryOptions(`$top=${tooLarge}`)).message).toBe(
      `$top ${tooLarge} at 5 is too large (at most ${MAX_COUNT})`,
    );
  });
});
