import type { EntitySetDef, PropertyDef } from "@headgate/model";
import { describe, expect, it } from "vitest";
import { describeEntitySet, renderDescription } from "./describe-entity-set.ts";
import { oneLine } from "./list-entity-sets.ts";

const cheap = {
  filter: ["eq", "in", "ge"],
  sortable: true,
  requiredInFilter: false,
  searchable: false,
} as const;
const property = (
  name: string,
  type: PropertyDef["type"],
  extra: Partial<PropertyDef> = {},
): PropertyDef => ({
  name,
  type,
  nullable: true,
  capabilities: cheap,
  ...extra,
});

/** An RFI list that, like Procore's, cannot be read without a project. */
const rfis: EntitySetDef = {
  name: "Rfis",
  description: "Requests for information, e.g. about drawings. One row per RFI.",
  entityType: {
    name: "Rfi",
    key: ["id"],
    properties: [
      property("id", "Edm.Int64", { nullable: false }),
      property("project_id", "Edm.Int64", { capabilities: { ...cheap, requiredInFilter: true } }),
      property("status", "Edm.String", { allowedValues: ["open", "closed"] }),
      property("cost_impact", "Edm.Decimal"),
      property("due_date", "Edm.Date", { description: "When an answer is due." }),
    ],
    navigation: [
      { name: "Project", target: "Projects", collection: false, on: [{ local: "project_id", remote: "id" }] },
    ],
  },
};

describe("describeEntitySet", () => {
  it("puts the required filter into every example and says to fill in its value", () => {
    const description = describeEntitySet(rfis, "procore");
    expect(description.examples).toHaveLength(3);
    expect(description.examples[0]?.parameters.filter).toBe(
      "project_id eq <project_id> and status eq 'open'",
    );
    expect(description.examples[1]?.parameters).toMatchObject({
      filter: "project_id eq <project_id>",
      orderby: "cost_impact desc",
    });
    expect(description.examples[2]?.parameters.apply).toBe(
      "filter(project_id eq <project_id>)/groupby((status),aggregate(cost_impact with sum as Total,$count as Rows))",
    );
    expect(description.notes.join(" ")).toContain("eq or in filter on project_id");
    expect(description.properties.find((p) => p.name === "project_id")).toMatchObject({
      requiredInFilter: true,
    });
  });

  it("lists how to write each type's literal, and the navigation for expand", () => {
    const description = describeEntitySet(rfis, undefined);
    expect(Object.keys(description.literals).sort()).toEqual([
      "Edm.Date",
      "Edm.Decimal",
      "Edm.Int64",
      "Edm.String",
    ]);
    expect(description.notes.join(" ")).toContain("expand=Project($top=5)");
    expect(description).not.toHaveProperty("connection");
  });

  it("leaves out property details, never property names, to fit a small budget", () => {
    const description = describeEntitySet(rfis, "procore");
    const whole = JSON.stringify(description).length;
    expect(renderDescription(description, whole)).toBe(JSON.stringify(description));
    for (const [budget, says] of [
      [whole - 100, "were left out"],
      [700, "Only property names and types fit"],
    ] as const) {
      const text = renderDescription(description, budget);
      expect(text.length).toBeLessThanOrEqual(budget);
      for (const p of rfis.entityType.properties) expect(text).toContain(p.name);
      expect(text).toContain(says);
    }
  });
});

describe("oneLine", () => {
  it("keeps the first sentence, not cut at an abbreviation", () => {
    expect(oneLine(rfis.description ?? "")).toBe("Requests for information, e.g. about drawings.");
    expect(oneLine("No full stop here")).toBe("No full stop here");
    expect(oneLine("x".repeat(300))).toHaveLength(200);
  });
});
