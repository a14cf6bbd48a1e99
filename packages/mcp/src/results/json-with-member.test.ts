import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonWithMember } from "./json-with-member.ts";

describe("jsonWithMember", () => {
  it("serializes exactly as JSON.stringify when the member's JSON is given", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.string(),
        fc.jsonValue(),
        (rest, key, member) => {
          const value = { ...rest, [key]: member };
          expect(jsonWithMember(value, key, JSON.stringify(member))).toBe(JSON.stringify(value));
        },
      ),
    );
  });

  it("leaves out undefined members, as JSON.stringify does", () => {
    const value = { a: 1, gone: undefined, rows: [1, 2], b: "x" };
    expect(jsonWithMember(value, "rows", "[1,2]")).toBe(JSON.stringify(value));
  });

  it("splices the given text verbatim, so a wrong text shows", () => {
    expect(jsonWithMember({ a: 1, rows: [] }, "rows", "[7]")).toBe('{"a":1,"rows":[7]}');
  });
});
