import { describe, expect, it } from "vitest";
import { ODataLimitError } from "./errors.ts";
import { QUERY_LIMITS } from "./limits.ts";
import {
  parseApply,
  parseExpand,
  parseFilter,
  parseQueryOptions,
  parseSelect,
} from "./parser/query-options.ts";
import { limitErrorOf } from "./testing/builders.ts";

const PLAIN = { urlEncoded: false } as const;
const repeat = (n: number, item: (i: number) => string, separator: string) =>
  Array.from({ length: n }, (_, i) => item(i)).join(separator);
/** `n` operators: `A add A add ...` */
const operators = (n: number) => repeat(n + 1, () => "A", " add ");
/** `Job eq '0' or Job eq '1' ...`: `2n + 1` operators. */
const ors = (n: number) => repeat(n + 1, (i) => `Job eq '${i}'`, " or ");
const nested = (levels: number, inner: string) => `${"(".repeat(levels)}${inner}${")".repeat(levels)}`;
const values = (n: number) => `Units in (${repeat(n, (i) => String(i), ",")})`;
const expandChain = (levels: number) => {
  let text = "";
  for (let i = levels; i >= 1; i--) text = text === "" ? `N${i}` : `N${i}($expand=${text})`;
  return text;
};

describe("each query limit lets through exactly what it promises and refuses one more", () => {
  it.each([
    ["depth", (n: number) => parseFilter(nested(n, "A"), PLAIN)],
    ["operators", (n: number) => parseFilter(operators(n), PLAIN)],
    ["listValues", (n: number) => parseFilter(values(n), PLAIN)],
    [
      "listItems",
      (n: number) =>
        parseSelect(
          repeat(n, (i) => `P${i}`, ","),
          PLAIN,
        ),
    ],
    [
      "applySteps",
      (n: number) =>
        parseApply(
          repeat(n, () => "identity", "/"),
          PLAIN,
        ),
    ],
    ["expandDepth", (n: number) => parseExpand(expandChain(n), PLAIN)],
  ] as const)("%s", (limit, parseWith) => {
    const max = QUERY_LIMITS[limit];
    expect(() => parseWith(max)).not.toThrow();
    const error = limitErrorOf(() => parseWith(max + 1));
    expect(error.limit).toBe(limit);
    expect(error.max).toBe(max);
    expect(error.status).toBe(400);
    expect(error.code).toBe("QueryLimitExceeded");
    expect(error.message).toContain(`more than ${max.toLocaleString("en-US")} `);
    expect(error.message).toContain(`(limit '${limit}')`);
    expect(error.message).toContain(`at ${error.position}:`);
  });
});

describe("a refusal says where and how to rewrite the query", () => {
  it("points at the operator that went over, in the option that holds it", () => {
    const text = ors(QUERY_LIMITS.operators / 2);
    const error = limitErrorOf(() => parseQueryOptions(`$top=5&$filter=${encodeURIComponent(text)}`));
    expect(error.target).toBe("$filter");
    const raw = `$top=5&$filter=${encodeURIComponent(text)}`;
    expect(raw.slice(error.position, error.position + 2)).toBe("eq");
    expect(error.message).toContain("with in, e.g. Job in ('23-101','23-102')");
    expect(error.toJSON().error).toMatchObject({ code: "QueryLimitExceeded", target: "$filter" });
  });

  it("names the option for nested $apply steps and $expand levels", () => {
    const steps = `groupby((A),${repeat(QUERY_LIMITS.applySteps, () => "identity", "/")})`;
    expect(limitErrorOf(() => parseQueryOptions(`$apply=${steps}`)).target).toBe("$apply");
    const expand = limitErrorOf(() =>
      parseQueryOptions(`$expand=${expandChain(QUERY_LIMITS.expandDepth + 1)}`),
    );
    expect(expand.target).toBe("$expand");
    expect(expand.message).toContain("query a deeper entity set directly");
  });
});

describe("limits count per query option, the same on every door", () => {
  it("counts each option on its own, as a door that parses options one by one does", () => {
    const filter = encodeURIComponent(operators(QUERY_LIMITS.operators));
    const orderby = encodeURIComponent(operators(QUERY_LIMITS.operators));
    expect(() => parseQueryOptions(`$filter=${filter}&$orderby=${orderby}`)).not.toThrow();
  });

  it("counts the values of every list in the option together", () => {
    const half = QUERY_LIMITS.listValues / 2;
    expect(() => parseFilter(`${values(half)} and ${values(half)}`, PLAIN)).not.toThrow();
    expect(limitErrorOf(() => parseFilter(`${values(half)} and ${values(half + 1)}`, PLAIN)).limit).toBe(
      "listValues",
    );
  });

  it("counts a parameter alias wherever it is used, so a short query cannot stand for a huge tree", () => {
    const alias = encodeURIComponent(operators(900));
    expect(() => parseQueryOptions(`$filter=@p and @p&@p=${alias}`)).not.toThrow();
    const error = limitErrorOf(() => parseQueryOptions(`$filter=@p and @p and @p&@p=${alias}`));
    expect(error.limit).toBe("operators");
    const deepAlias = encodeURIComponent(nested(60, "A"));
    expect(() => parseQueryOptions(`$filter=${nested(30, "@p eq 1")}&@p=${deepAlias}`)).not.toThrow();
    expect(
      limitErrorOf(() => parseQueryOptions(`$filter=@p eq 1 or ${nested(50, "@p eq 1")}&@p=${deepAlias}`))
        .limit,
    ).toBe("depth");
  });

  it("refuses with the same limit whether the option came URL-encoded or as plain text", () => {
    const text = operators(QUERY_LIMITS.operators + 1);
    const url = limitErrorOf(() => parseFilter(encodeURIComponent(text)));
    const plain = limitErrorOf(() => parseFilter(text, PLAIN));
    expect([url.limit, url.max]).toEqual([plain.limit, plain.max]);
    expect(url).toBeInstanceOf(ODataLimitError);
  });

  it("counts case branches as operators", () => {
    const branches = (n: number) => `case(${repeat(n, (i) => `A eq ${i} : ${i}`, ",")})`;
    expect(limitErrorOf(() => parseFilter(`${branches(1001)} eq 1`, PLAIN)).limit).toBe("operators");
  });
});
