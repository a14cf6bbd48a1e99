import { ODataNotImplementedError } from "@headgate/odata";
import { beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../engine.ts";
import { EngineError } from "../errors.ts";
import { fixtureEngine, q } from "../testing/fixture.ts";

let engine: Engine;
beforeAll(async () => {
  engine = await fixtureEngine();
});

function bindError(entitySet: string, query: string): EngineError {
  try {
    engine.bind(entitySet, q(query));
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error(`expected ${query} to fail binding`);
}

describe("binding names", () => {
  it("names the nearest entity set when one is misspelt", () => {
    expect(() => engine.bind("Jbos", {})).toThrow(
      "unknown entity set 'Jbos'; did you mean 'Jobs'? Available entity sets: Jobs, Rfis, Submittals.",
    );
  });

  it("resolves entity sets and properties case-insensitively to their model spelling", () => {
    const bound = engine.bind("jobs", q("$filter=status eq 'Closed'&$select=name"));
    expect(bound.entitySet.name).toBe("Jobs");
    expect(bound.options.filter).toEqual({
      kind: "binary",
      op: "eq",
      left: { kind: "member", path: ["Status"] },
      right: { kind: "literal", literal: { kind: "string", value: "Closed" } },
    });
    expect(bound.options.select).toEqual([{ kind: "path", path: ["Name"], options: null }]);
  });

  it("suggests the nearest property and lists the valid ones", () => {
    const error = bindError("Jobs", "$filter=Staus eq 'Closed'");
    expect(error.code).toBe("UnknownProperty");
    expect(error.target).toBe("$filter");
    expect(error.message).toBe(
      "unknown property 'Staus'; did you mean 'Status'? Valid properties: JobNumber, Name, Status, Amount, Cost, StartDate, UpdatedAt, Units, Tags.",
    );
  });

  it("reports unknown properties in $select and $orderby with their option as target", () => {
    expect(bindError("Jobs", "$select=Nmae").target).toBe("$select");
    expect(bindError("Jobs", "$orderby=Amout desc").message).toContain("did you mean 'Amount'?");
  });

  it("explains that a navigation property is expanded, not filtered", () => {
    expect(() => engine.bind("Jobs", q("$filter=Rfis/Status eq 'open'"))).toThrow(ODataNotImplementedError);
  });

  it("rejects $expand of an unknown navigation, listing the valid ones", () => {
    expect(bindError("Jobs", "$expand=Rfs").message).toBe(
      "unknown navigation property 'Rfs'. Valid navigation properties: Rfis.",
    );
    expect(bindError("Jobs", "$expand=Name").message).toBe(
      "'Name' is a property, not a navigation; list it in $select instead",
    );
  });
});

describe("binding types", () => {
  it("rejects a text literal compared with a number, showing the literal form to use", () => {
    const error = bindError("Jobs", "$filter=Amount eq 'abc'");
    expect(error.code).toBe("TypeMismatch");
    expect(error.message).toBe(
      "Amount is Edm.Decimal; compare it with a number without quotes, like 1250.50, not the text 'abc'",
    );
  });

  it("names the operators a property supports when an operator does not fit", () => {
    const error = bindError("Jobs", "$filter=contains(Amount,'5')");
    expect(error.message).toBe("contains() expects string as argument 1; Amount is Edm.Decimal");
    expect(bindError("Jobs", "$filter=Tags eq 'union'").message).toBe(
      "Tags is a collection; test its items with any(), e.g. Tags/any(t: t eq ...)",
    );
  });

  it("accepts 4.01 string literals where dates, date-times and GUIDs are expected", () => {
    const bound = engine.bind("Jobs", q("$filter=StartDate ge '2024-03-01' and UpdatedAt lt '2024-06-01'"));
    expect(JSON.stringify(bound.options.filter, (_, v) => (typeof v === "bigint" ? String(v) : v))).toContain(
      '{"kind":"dateTimeOffset","value":"2024-06-01T00:00:00Z"}',
    );
  });

  it("treats a date compared with a date-time as midnight UTC", () => {
    const bound = engine.bind("Jobs", q("$filter=UpdatedAt ge 2024-03-01"));
    expect(bound.options.filter).toMatchObject({
      right: { literal: { kind: "dateTimeOffset", value: "2024-03-01T00:00:00Z" } },
    });
  });

  it("rejects values outside a property's vocabulary with a did-you-mean", () => {
    expect(bindError("Jobs", "$filter=Status eq 'In Progres'").message).toBe(
      "'In Progres' is not a value of Status; did you mean 'In Progress'? Valid values: 'In Progress', 'Closed', 'Bid'.",
    );
    expect(bindError("Jobs", "$filter=Status in ('Closed','Won')").code).toBe("InvalidValue");
  });

  it("requires a boolean $filter", () => {
    expect(bindError("Jobs", "$filter=Amount add 1").message).toContain(
      "$filter needs a true/false condition",
    );
  });

  it("rejects arithmetic on text", () => {
    expect(bindError("Jobs", "$filter=Name add 1 eq 2").message).toBe(
      "'add' works on numbers; Name is Edm.String",
    );
  });

  it("binds lambdas over collection properties with the element type", () => {
    expect(() => engine.bind("Jobs", q("$filter=Tags/any(t: t eq 'union')"))).not.toThrow();
    expect(bindError("Jobs", "$filter=Tags/any(t: t eq 5)").code).toBe("TypeMismatch");
  });
});

describe("binding text values", () => {
  it.each([
    ["$filter=contains(Name,'a%00')", "$filter"],
    ["$filter=endswith(Name,'%00')", "$filter"],
    ["$filter=JobNumber in ('23-104','x%00y')", "$filter"],
    ["$filter=Tags/any(t: t eq '%00')", "$filter"],
    ["$filter=Name eq @p&@p='a%00'", "$filter"],
    ["$orderby=concat(Name,'%00')", "$orderby"],
    ["$search=%22a%00b%22", "$search"],
    ["$search=pump OR a%00", "$search"],
    ["$apply=search(a%00)", "$apply"],
    ["$apply=filter(Name eq 'a%00')", "$apply"],
    ["$expand=Rfis($filter=Subject eq 'a%00')", "$filter"],
  ])("refuse the NUL character in %s, which no database compares alike", (query, target) => {
    const error = bindError("Jobs", query);
    expect(error.code).toBe("InvalidValue");
    expect(error.status).toBe(400);
    expect(error.target).toBe(target);
    expect(error.message).toContain("holds the NUL character (U+0000, %00 in a URL)");
  });

  it("show where the NUL is, written so that it can be read", () => {
    expect(bindError("Jobs", "$filter=Name eq 'ab%00c'").message).toMatch(
      /^the text 'ab\\u0000c' holds the NUL character \(U\+0000, %00 in a URL\) at character 3;/,
    );
  });

  it("accept every other control character, as text", () => {
    expect(() => engine.bind("Jobs", q("$filter=Name eq 'a%01%09%0A%7F'"))).not.toThrow();
  });
});

describe("required filters", () => {
  it("rejects listing an entity set without its required filter, naming the property", () => {
    const error = bindError("Submittals", "$top=5");
    expect(error.code).toBe("MissingRequiredFilter");
    expect(error.message).toBe(
      "Submittals can only be listed for given ProjectId values: add a filter like $filter=ProjectId eq <value> (or ProjectId in (<value>,<value>))",
    );
  });

  it("accepts eq or in on the required property as a top-level conjunct", () => {
    expect(() => engine.bind("Submittals", q("$filter=ProjectId eq 7 and Title ne 'x'"))).not.toThrow();
    expect(() => engine.bind("Submittals", q("$filter=ProjectId in (7,8)"))).not.toThrow();
    expect(bindError("Submittals", "$filter=ProjectId eq 7 or Title eq 'x'").code).toBe(
      "MissingRequiredFilter",
    );
  });
});

describe("binding $apply and $compute", () => {
  it("exposes grouped properties and aggregate aliases to the options after $apply", () => {
    const bound = engine.bind(
      "Jobs",
      q(
        "$apply=groupby((Status),aggregate(Amount with sum as Total))&$filter=Total gt 100&$orderby=Total desc",
      ),
    );
    expect([...bound.resultShape.properties.keys()]).toEqual(["Status", "Total"]);
    expect(bindError("Jobs", "$apply=groupby((Status))&$filter=Amount gt 1").message).toContain(
      "unknown property 'Amount'",
    );
  });

  it("rejects sum over text", () => {
    expect(bindError("Jobs", "$apply=aggregate(Name with sum as S)").message).toBe(
      "'sum' needs a number; the aggregated value is Edm.String",
    );
  });

  it("lets $filter and $select use $compute aliases", () => {
    const bound = engine.bind(
      "Jobs",
      q("$compute=Amount sub Cost as Margin&$filter=Margin gt 0&$select=JobNumber,Margin"),
    );
    expect(bound.resultShape.properties.get("Margin")?.type).toBe("Edm.Decimal");
  });
});
