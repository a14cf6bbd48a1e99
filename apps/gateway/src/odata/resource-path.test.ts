import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.ts";
import { parseResourcePath } from "./resource-path.ts";

function failure(path: string): GatewayError {
  try {
    parseResourcePath(path);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error(`'${path}' parsed`);
}

describe("OData resource paths", () => {
  it("reads the service root, $metadata, collections and /$count", () => {
    expect(parseResourcePath("")).toEqual({ kind: "serviceDocument" });
    expect(parseResourcePath("/")).toEqual({ kind: "serviceDocument" });
    expect(parseResourcePath("/$metadata")).toEqual({ kind: "metadata" });
    expect(parseResourcePath("/%24metadata")).toEqual({ kind: "metadata" });
    expect(parseResourcePath("/Jobs")).toEqual({ kind: "collection", entitySet: "Jobs" });
    expect(parseResourcePath("/Jobs/")).toEqual({ kind: "collection", entitySet: "Jobs" });
    expect(parseResourcePath("/Jobs/$count")).toEqual({ kind: "count", entitySet: "Jobs" });
  });

  it("hands the key text between the parentheses over percent-decoded", () => {
    expect(parseResourcePath("/Jobs('23-104')")).toEqual({
      kind: "entity",
      entitySet: "Jobs",
      key: "'23-104'",
    });
    expect(parseResourcePath("/Jobs(%2723-104%27)")).toEqual({
      kind: "entity",
      entitySet: "Jobs",
      key: "'23-104'",
    });
    expect(parseResourcePath("/CostCodes(Job='23-104',Extra='',Cost_Code='01-100')")).toMatchObject({
      kind: "entity",
      key: "Job='23-104',Extra='',Cost_Code='01-100'",
    });
  });

  it("keeps slashes, parentheses and doubled quotes inside a quoted key", () => {
    expect(parseResourcePath("/Vendors('A/B (x)')")).toMatchObject({ kind: "entity", key: "'A/B (x)'" });
    expect(parseResourcePath("/Vendors('O''Neil)')")).toMatchObject({ kind: "entity", key: "'O''Neil)'" });
    expect(parseResourcePath("/Vendors('a%2Fb')")).toMatchObject({ kind: "entity", key: "'a/b'" });
  });

  it("returns the segments below an entity for the handler to refuse", () => {
    expect(parseResourcePath("/Jobs('1')/Description/$value")).toEqual({
      kind: "entityMember",
      entitySet: "Jobs",
      key: "'1'",
      segments: ["Description", "$value"],
    });
  });

  it("answers valid OData it does not serve with 501", () => {
    for (const path of [
      "/$batch",
      "/$entity",
      "/$all",
      "/$crossjoin(Jobs,Vendors)",
      "/Jobs/$ref",
      "/Jobs/Ns.Type",
    ]) {
      expect(failure(path).status, path).toBe(501);
    }
  });

  it("answers other shapes with 404 naming what the service serves", () => {
    for (const path of ["/$count", "/$metadata/Jobs", "/Jobs/Description", "/Jobs('1')x", "/Jobs/$count/x"]) {
      const error = failure(path);
      expect(error.status, path).toBe(404);
      expect(error.message).toContain("/odata/<EntitySet>(<key>)");
    }
  });

  it("says what is wrong with an unbalanced key or a broken percent-encoding (400)", () => {
    expect(failure("/Jobs('23-104'").message).toContain("no closing parenthesis");
    expect(failure("/Jobs('it''s)").status).toBe(400);
    expect(failure("/Jobs%ZZ").message).toContain("percent-encoding");
  });

  it("reads any quoted string key back exactly", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const literal = `'${value.replaceAll("'", "''")}'`;
        const path = `/Vendors(${encodeURIComponent(literal)})`;
        expect(parseResourcePath(path)).toEqual({ kind: "entity", entitySet: "Vendors", key: literal });
      }),
    );
  });
});
