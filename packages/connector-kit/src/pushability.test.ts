import type { EntityTypeDef, PropertyDef, PushableOperator } from "@headgate/model";
import { parseFilter } from "@headgate/odata";
import { describe, expect, it } from "vitest";
import { isPushable, pushableOperators, referencedProperties } from "./pushability.ts";

const property = (name: string, filter: PushableOperator[]): PropertyDef => ({
  name,
  type: "Edm.String",
  nullable: true,
  capabilities: { filter, sortable: false, requiredInFilter: false, searchable: false },
});

const RFI: EntityTypeDef = {
  name: "Rfi",
  key: ["id"],
  properties: [
    property("id", ["eq", "in"]),
    property("status", ["eq"]),
    property("subject", ["contains", "tolower", "eq"]),
    property("updated_at", ["ge", "gt", "le", "lt", "eq"]),
    property("assignee", []),
  ],
  navigation: [],
};

const pushable = (filter: string) => isPushable(parseFilter(filter), pushableOperators(RFI));

describe("what a connector takes", () => {
  it("takes comparisons a property advertises, on either side of the operator", () => {
    expect(pushable("status eq 'open'")).toBe(true);
    expect(pushable("'open' eq status")).toBe(true);
    expect(pushable("updated_at ge 2024-01-01T00:00:00Z")).toBe(true);
  });

  it("refuses operators a property does not advertise", () => {
    expect(pushable("status ne 'open'")).toBe(false);
    expect(pushable("assignee eq 'x'")).toBe(false);
    expect(pushable("contains(status,'op')")).toBe(false);
  });

  it("takes 'in' only over a list of literals on a property advertising 'in'", () => {
    expect(pushable("id in (1,2,3)")).toBe(true);
    expect(pushable("status in ('open','closed')")).toBe(false);
  });

  it("takes and/or/not only when every part is pushable", () => {
    expect(pushable("status eq 'open' or id eq 4")).toBe(true);
    expect(pushable("status eq 'open' or assignee eq 'x'")).toBe(false);
    expect(pushable("not (status eq 'open')")).toBe(true);
  });

  it("takes a function of a property only when the property advertises both the function and the operator", () => {
    expect(pushable("tolower(subject) eq 'pump'")).toBe(true);
    expect(pushable("contains(subject,'pump')")).toBe(true);
    expect(pushable("toupper(subject) eq 'PUMP'")).toBe(false);
  });

  it("never takes arithmetic, comparisons of two properties' functions, or lambdas", () => {
    expect(pushable("length(subject) gt 4")).toBe(false);
    expect(pushable("id add 1 eq 3")).toBe(false);
  });
});

describe("referenced properties", () => {
  it("lists every property an expression reads, not lambda variables", () => {
    const expr = parseFilter(
      "status eq 'open' and (contains(subject,'x') or updated_at gt 2024-01-01T00:00:00Z)",
    );
    expect([...referencedProperties(expr)].sort()).toEqual(["status", "subject", "updated_at"]);
  });
});
