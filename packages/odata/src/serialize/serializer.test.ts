import { describe, expect, it } from "vitest";
import type { Expr, Literal } from "../ast.ts";
import { parseExpression } from "../parser/query-options.ts";
import {
  and,
  bin,
  dbl,
  dec,
  eq,
  inList,
  int,
  lit,
  m,
  neg,
  not,
  or,
  phrase,
  sAnd,
  sNot,
  sOr,
  str,
  word,
} from "../testing/builders.ts";
import {
  serializeApply,
  serializeExpand,
  serializeExpression,
  serializeLiteral,
  serializeQueryOptions,
  serializeSearch,
  serializeSelect,
} from "./index.ts";

const plain = (expr: Expr): string => serializeExpression(expr, { urlEncoded: false });
const A = m("A");
const B = m("B");
const C = m("C");

describe("literals", () => {
  const cases: [Literal, string][] = [
    [{ kind: "null" }, "null"],
    [{ kind: "boolean", value: true }, "true"],
    [{ kind: "integer", value: -42n }, "-42"],
    [{ kind: "decimal", value: "1.50" }, "1.50"],
    [{ kind: "double", value: 1.5 }, "1.5e0"],
    [{ kind: "double", value: 1e21 }, "1e21"],
    [{ kind: "double", value: -0 }, "-0e0"],
    [{ kind: "double", value: Number.NEGATIVE_INFINITY }, "-INF"],
    [{ kind: "double", value: Number.NaN }, "NaN"],
    [{ kind: "string", value: "O'Neil" }, "'O''Neil'"],
    [{ kind: "dateTimeOffset", value: "2024-01-31T10:00:00+01:00" }, "2024-01-31T10:00:00+01:00"],
    [{ kind: "duration", value: "P1DT2H" }, "duration'P1DT2H'"],
    [{ kind: "binary", value: "AAEC" }, "binary'AAEC'"],
    [{ kind: "enum", typeName: "Ns.Color", value: "Red,Blue" }, "Ns.Color'Red,Blue'"],
    [
      { kind: "geo", family: "geography", srid: 4326, shape: { type: "Point", coordinates: [-122, 47] } },
      "geography'SRID=4326;Point(-122 47)'",
    ],
    [
      {
        kind: "geo",
        family: "geometry",
        srid: 0,
        shape: {
          type: "Polygon",
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 0],
            ],
          ],
        },
      },
      "geometry'SRID=0;Polygon((0 0,1 0,1 1,0 0))'",
    ],
  ];
  it.each(cases)("%o is written %s", (literal, text) => {
    expect(serializeLiteral(literal, { urlEncoded: false })).toBe(text);
  });

  it("writes doubles with an exponent so they are not read back as decimals", () => {
    expect(serializeLiteral({ kind: "double", value: 0.1 }, { urlEncoded: false })).toBe("1e-1");
    expect(parseExpression("1e-1")).toStrictEqual(dbl(0.1));
    expect(parseExpression("0.1")).toStrictEqual(dec("0.1"));
  });
});

describe("parentheses", () => {
  it("are only written where precedence or associativity needs them", () => {
    expect(plain(bin("sub", bin("sub", A, B), C))).toBe("A sub B sub C");
    expect(plain(bin("sub", A, bin("sub", B, C)))).toBe("A sub (B sub C)");
    expect(plain(and(or(A, B), C))).toBe("(A or B) and C");
    expect(plain(or(and(A, B), C))).toBe("A and B or C");
    expect(plain(or(A, and(B, C)))).toBe("A or B and C");
    expect(plain(bin("mul", bin("add", A, B), C))).toBe("(A add B) mul C");
    expect(plain(not(eq(A, B)))).toBe("not (A eq B)");
    expect(plain(eq(not(A), B))).toBe("not A eq B");
    expect(plain(neg(bin("add", A, B)))).toBe("-(A add B)");
  });

  it("distinguish a negative literal from the negation of a literal", () => {
    expect(plain(int(-5))).toBe("-5");
    expect(plain(neg(int(5)))).toBe("-(5)");
    expect(plain(neg(int(-5)))).toBe("-(-5)");
    expect(plain(neg(neg(A)))).toBe("--A");
    expect(parseExpression("-(5)")).toStrictEqual(neg(int(5)));
  });

  it("tell a list on the right of in from a grouped expression", () => {
    expect(plain(inList(A, int(1), int(2)))).toBe("A in (1,2)");
    expect(plain(inList(A, str("x")))).toBe("A in ('x')");
    expect(plain(inList(A, m("Tags")))).toBe("A in [Tags]");
    expect(plain({ kind: "in", left: A, right: m("Tags") })).toBe("A in Tags");
    expect(plain({ kind: "in", left: A, right: eq(B, C) })).toBe("A in (B eq C)");
    expect(plain(eq(A, { kind: "list", items: [int(1)] }))).toBe("A eq [1]");
  });

  it("keep case branches apart where digits meet across the colon", () => {
    const tree: Expr = { kind: "case", branches: [{ when: bin("gt", A, int(10)), then: int(20) }] };
    expect(plain(tree)).toBe("case(A gt 10 :20)");
    expect(parseExpression(plain(tree))).toStrictEqual(tree);
  });
});

describe("URL encoding", () => {
  it("encodes %, &, #, + and non-ASCII in values, keeping spaces readable in a single value", () => {
    expect(serializeExpression(eq(m("Name"), str("a+b & c#1 50% é")))).toBe(
      "Name eq 'a%2Bb %26 c%231 50%25 %C3%A9'",
    );
  });

  it("encodes spaces too in a query string", () => {
    expect(serializeQueryOptions({ filter: eq(m("Name"), str("x y")), top: 5 })).toBe(
      "$filter=Name%20eq%20'x%20y'&$top=5",
    );
  });

  it("writes a date-time offset's + as %2B", () => {
    expect(serializeExpression(lit({ kind: "dateTimeOffset", value: "2024-01-31T10:00:00+01:00" }))).toBe(
      "2024-01-31T10:00:00%2B01:00",
    );
  });

  it("encodes custom option names and values", () => {
    expect(serializeQueryOptions({ custom: { "a=b": "c&d" } })).toBe("a%3Db=c%26d");
  });
});

describe("$search", () => {
  it("writes explicit AND, quotes what is not a word, and escapes phrases", () => {
    expect(serializeSearch(sAnd(word("blue"), word("green")), { urlEncoded: false })).toBe("blue AND green");
    expect(serializeSearch(sOr(sAnd(word("a"), word("b")), sNot(word("c"))), { urlEncoded: false })).toBe(
      "a AND b OR NOT c",
    );
    expect(serializeSearch(sAnd(sOr(word("a"), word("b")), word("c")), { urlEncoded: false })).toBe(
      "(a OR b) AND c",
    );
    expect(serializeSearch(phrase('say "hi" \\'), { urlEncoded: false })).toBe('"say \\"hi\\" \\\\"');
    expect(serializeSearch(word("OR"), { urlEncoded: false })).toBe('"OR"');
  });
});

describe("$apply, $select and $expand", () => {
  it("write transformations separated by /", () => {
    expect(
      serializeApply(
        [
          {
            kind: "groupby",
            properties: [["A"], ["N", "B"]],
            apply: [
              { kind: "aggregate", items: [{ kind: "aggregate", expr: m("X"), method: "sum", alias: "S" }] },
            ],
          },
          { kind: "top", count: 3 },
        ],
        { urlEncoded: false },
      ),
    ).toBe("groupby((A,N/B),aggregate(X with sum as S))/top(3)");
  });

  it("write nested options with ; and omit empty ones", () => {
    expect(
      serializeExpand([
        {
          path: ["Orders"],
          suffix: null,
          options: { filter: bin("gt", m("A"), int(1)), top: 2, levels: "max" },
        },
        { path: ["*"], suffix: "$ref", options: {} },
      ]),
    ).toBe("Orders($filter=A gt 1;$top=2;$levels=max),*/$ref");
    expect(serializeSelect([{ kind: "path", path: ["Tags"], options: {} }, { kind: "star" }])).toBe("Tags,*");
  });
});
