import type { EntitySetDef, PropertyDef } from "@headgate/model";
import { NO_PUSHDOWN } from "@headgate/model";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EngineError } from "../errors.ts";
import { JOBS, RFIS } from "../testing/fixture.ts";
import { parseKeyPredicate } from "./parse-key-predicate.ts";

const prop = (name: string, type: PropertyDef["type"]): PropertyDef => ({
  name,
  type,
  nullable: false,
  capabilities: NO_PUSHDOWN,
});

const COSTS: EntitySetDef = {
  name: "CostCodes",
  entityType: {
    name: "CostCode",
    key: ["Job", "Cost_Code"],
    properties: [prop("Job", "Edm.String"), prop("Cost_Code", "Edm.String"), prop("Budget", "Edm.Decimal")],
    navigation: [],
  },
};

const single = (type: PropertyDef["type"]): EntitySetDef => ({
  name: "Things",
  entityType: { name: "Thing", key: ["K"], properties: [prop("K", type)], navigation: [] },
});

type Key = Parameters<typeof parseKeyPredicate>[1];
type Syntax = Parameters<typeof parseKeyPredicate>[2];

const values = (set: EntitySetDef, key: Key, syntax?: Syntax) =>
  parseKeyPredicate(set, key, syntax).map((k) => [k.property.name, k.literal]);

function invalidKeyMessage(set: EntitySetDef, key: Key, syntax?: Syntax): string {
  try {
    parseKeyPredicate(set, key, syntax);
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe("InvalidKey");
    expect((error as EngineError).status).toBe(400);
    return (error as EngineError).message;
  }
  throw new Error(`expected InvalidKey for ${JSON.stringify(key)}`);
}

describe("key predicate text", () => {
  it("reads a single value for a single-property key", () => {
    expect(values(JOBS, "'23-104'")).toEqual([["JobNumber", { kind: "string", value: "23-104" }]]);
    expect(values(RFIS, "42")).toEqual([["Id", { kind: "integer", value: 42n }]]);
  });

  it("reads the named form, in key order whatever the order written", () => {
    expect(values(JOBS, "JobNumber='23-104'")).toEqual([["JobNumber", { kind: "string", value: "23-104" }]]);
    expect(values(COSTS, "Cost_Code='01-100', Job='23-104'")).toEqual([
      ["Job", { kind: "string", value: "23-104" }],
      ["Cost_Code", { kind: "string", value: "01-100" }],
    ]);
  });

  it("keeps commas, equals signs and doubled quotes inside strings", () => {
    expect(values(COSTS, "Job='a,b=c',Cost_Code='O''Neil'")).toEqual([
      ["Job", { kind: "string", value: "a,b=c" }],
      ["Cost_Code", { kind: "string", value: "O'Neil" }],
    ]);
  });

  it("reads dates, GUIDs and quoted numbers by the property's type", () => {
    expect(values(single("Edm.Date"), "2024-01-31")).toEqual([["K", { kind: "date", value: "2024-01-31" }]]);
    expect(values(single("Edm.Guid"), "0F8FAD5B-D9CB-469F-A165-70867728950E")).toEqual([
      ["K", { kind: "guid", value: "0f8fad5b-d9cb-469f-a165-70867728950e" }],
    ]);
    expect(values(single("Edm.Int64"), "'42'")).toEqual([["K", { kind: "integer", value: 42n }]]);
  });

  it("refuses a single value for a composite key, showing the named form", () => {
    expect(invalidKeyMessage(COSTS, "'23-104'")).toContain("Job=value,Cost_Code=value");
  });

  it("quotes the key as given in every refusal, so the caller sees which key was wrong", () => {
    expect(invalidKeyMessage(COSTS, " '23-104' ")).toMatch(/^invalid key \('23-104'\) for 'CostCodes': /);
    expect(invalidKeyMessage(RFIS, 4.5)).toMatch(/^invalid key \(4\.5\) for 'Rfis': /);
    expect(invalidKeyMessage(COSTS, { Job: "1" })).toMatch(/^invalid key \(Job="1"\) for 'CostCodes': /);
    expect(invalidKeyMessage(RFIS, "9".repeat(200))).toContain(`(${"9".repeat(80)}...)`);
  });

  it("refuses unknown names with a did-you-mean, and non-key properties by name", () => {
    expect(invalidKeyMessage(COSTS, "Job='1',CostCode='2'")).toContain("did you mean 'Cost_Code'");
    expect(invalidKeyMessage(COSTS, "Job='1',Budget=2")).toContain("'Budget' is not part of the key");
  });

  it("refuses missing, repeated and extra parts", () => {
    expect(invalidKeyMessage(COSTS, "Job='1'")).toContain("'Cost_Code' is missing");
    expect(invalidKeyMessage(COSTS, "Job='1',Job='2'")).toContain("given twice");
    expect(invalidKeyMessage(COSTS, "Job='1',Cost_Code='2','3'")).toContain("Name=value");
  });

  it("names the expected literal form when a value has the wrong type or syntax", () => {
    expect(invalidKeyMessage(JOBS, "23-104")).toContain(
      "'JobNumber' is Edm.String: write a string in single quotes",
    );
    expect(invalidKeyMessage(RFIS, "'abc'")).toContain("'Id' is Edm.Int64: write an integer");
    expect(invalidKeyMessage(RFIS, "null")).toContain("cannot be null");
    expect(invalidKeyMessage(RFIS, "")).toContain("'Id' is Edm.Int64");
    expect(invalidKeyMessage(single("Edm.Int32"), "3000000000")).toContain("Edm.Int32");
    expect(invalidKeyMessage(RFIS, "@id")).toContain("parameter aliases");
  });

  it("turns any text into a key or an InvalidKey error, never another failure", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          parseKeyPredicate(COSTS, text);
        } catch (error) {
          expect((error as EngineError).code).toBe("InvalidKey");
        }
      }),
    );
  });
});

describe("key objects (JSON)", () => {
  it("coerces values by the property's EDM type", () => {
    expect(values(JOBS, { JobNumber: "23-104" })).toEqual([
      ["JobNumber", { kind: "string", value: "23-104" }],
    ]);
    expect(values(RFIS, { Id: 42 })).toEqual([["Id", { kind: "integer", value: 42n }]]);
    expect(values(RFIS, { id: "42" })).toEqual([["Id", { kind: "integer", value: 42n }]]);
    expect(values(single("Edm.Date"), { K: "2024-02-29" })).toEqual([
      ["K", { kind: "date", value: "2024-02-29" }],
    ]);
    expect(values(single("Edm.Decimal"), { K: 1.5 })).toEqual([["K", { kind: "decimal", value: "1.5" }]]);
    expect(values(single("Edm.Boolean"), { K: true })).toEqual([["K", { kind: "boolean", value: true }]]);
  });

  it("refuses wrong types, naming the property and the expected form", () => {
    expect(invalidKeyMessage(JOBS, { JobNumber: 23 })).toContain("'JobNumber' is Edm.String");
    expect(invalidKeyMessage(RFIS, { Id: 4.5 })).toContain("'Id' is Edm.Int64");
    expect(invalidKeyMessage(single("Edm.Date"), { K: "2024-02-30" })).toContain("e.g. 2024-01-31");
    expect(invalidKeyMessage(RFIS, { Id: null })).toContain("cannot be null");
    expect(invalidKeyMessage(COSTS, { Job: "1", Cost_Cod: "2" })).toContain("did you mean 'Cost_Code'");
  });

  it("does not read string values as OData literal text", () => {
    expect(values(JOBS, { JobNumber: "'quoted'" })).toEqual([
      ["JobNumber", { kind: "string", value: "'quoted'" }],
    ]);
  });
});

describe("keys as people and models write them (lenient syntax)", () => {
  it("reads a string key bare, in single or double quotes, or as a number", () => {
    for (const key of [
      "23-104",
      "'23-104'",
      '"23-104"',
      " 23-104 ",
      "JobNumber=23-104",
      "jobnumber='23-104'",
    ])
      expect(values(JOBS, key, "lenient")).toEqual([["JobNumber", { kind: "string", value: "23-104" }]]);
    expect(values(JOBS, 2783000, "lenient")).toEqual([["JobNumber", { kind: "string", value: "2783000" }]]);
    expect(values(JOBS, { JobNumber: 42 }, "lenient")).toEqual([
      ["JobNumber", { kind: "string", value: "42" }],
    ]);
  });

  it("keeps a bare string's text as written: leading zeros, dates, words, commas", () => {
    expect(values(JOBS, "0042", "lenient")).toEqual([["JobNumber", { kind: "string", value: "0042" }]]);
    expect(values(JOBS, "2024-01-31", "lenient")).toEqual([
      ["JobNumber", { kind: "string", value: "2024-01-31" }],
    ]);
    expect(values(JOBS, "null", "lenient")).toEqual([["JobNumber", { kind: "string", value: "null" }]]);
    expect(values(JOBS, "Smith, Jones Ltd", "lenient")).toEqual([
      ["JobNumber", { kind: "string", value: "Smith, Jones Ltd" }],
    ]);
  });

  it("reads a numeric key as a number, bare, quoted or JSON", () => {
    for (const key of [2783000, "2783000", "'2783000'", '"2783000"', "Id=2783000"])
      expect(values(RFIS, key, "lenient")).toEqual([["Id", { kind: "integer", value: 2783000n }]]);
  });

  it("reads compound keys with bare values, an empty one included", () => {
    expect(values(COSTS, "Job=23-104,Cost_Code=", "lenient")).toEqual([
      ["Job", { kind: "string", value: "23-104" }],
      ["Cost_Code", { kind: "string", value: "" }],
    ]);
    expect(values(COSTS, "Cost_Code='01-100',Job=23-104", "lenient")).toEqual([
      ["Job", { kind: "string", value: "23-104" }],
      ["Cost_Code", { kind: "string", value: "01-100" }],
    ]);
  });

  it("still refuses what no reading makes a key, naming the key and the fix", () => {
    expect(invalidKeyMessage(COSTS, "23-104", "lenient")).toBe(
      "invalid key (23-104) for 'CostCodes': it has a composite key; name each part: Job=value,Cost_Code=value",
    );
    expect(invalidKeyMessage(COSTS, 7, "lenient")).toContain("Job=value,Cost_Code=value");
    expect(invalidKeyMessage(RFIS, "abc", "lenient")).toContain("'Id' is Edm.Int64: write an integer");
    expect(invalidKeyMessage(RFIS, 4.5, "lenient")).toContain("'Id' is Edm.Int64");
    expect(invalidKeyMessage(JOBS, "JobNumbr=23-104", "lenient")).toContain("did you mean 'JobNumber'");
  });

  it("leaves the OData syntax strict: a bare string is not a key in a URL", () => {
    expect(invalidKeyMessage(JOBS, "23-104")).toContain("write a string in single quotes");
    expect(invalidKeyMessage(JOBS, 42)).toContain("'JobNumber' is Edm.String");
  });

  it("reads any bare text without quotes or '=' as a single string key's value, exactly", () => {
    const bare = fc
      .string({ minLength: 1 })
      .map((text) => text.trim())
      .filter((text) => text !== "" && !/^['"]/.test(text) && !text.includes("="));
    fc.assert(
      fc.property(bare, (text) => {
        expect(values(JOBS, text, "lenient")).toEqual([["JobNumber", { kind: "string", value: text }]]);
      }),
    );
  });

  it("turns any text or number into a key or an InvalidKey error, never another failure", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true })), (key) => {
        for (const set of [COSTS, RFIS, JOBS])
          try {
            parseKeyPredicate(set, key, "lenient");
          } catch (error) {
            expect((error as EngineError).code).toBe("InvalidKey");
          }
      }),
    );
  });
});
