import { parseQueryOptions } from "@headgate/odata";
import { describe, expect, it } from "vitest";
import { collectionContext, entityContext, serviceRoot } from "./context-url.ts";

const root = serviceRoot("https://data.example.com/");
const context = (query: string, rows: Record<string, unknown>[] = []) =>
  collectionContext(root, "Jobs", parseQueryOptions(query), rows);

describe("@odata.context", () => {
  it("is absolute and names the entity set", () => {
    expect(root).toBe("https://data.example.com/odata");
    expect(context("")).toBe("https://data.example.com/odata/$metadata#Jobs");
    expect(context("$filter=Status eq 'Open'&$top=5")).toBe("https://data.example.com/odata/$metadata#Jobs");
  });

  it("lists the selected properties and expanded navigation", () => {
    expect(context("$select=Job,Description")).toBe(`${root}/$metadata#Jobs(Job,Description)`);
    expect(context("$select=*")).toBe(`${root}/$metadata#Jobs(*)`);
    expect(context("$select=Job&$expand=CostCodes($select=Cost_Code)")).toBe(
      `${root}/$metadata#Jobs(Job,CostCodes(Cost_Code))`,
    );
    expect(context("$select=Job&$expand=CostCodes")).toBe(`${root}/$metadata#Jobs(Job,CostCodes())`);
  });

  it("names the dynamic properties of aggregated results", () => {
    expect(context("$apply=groupby((Status))", [{ Status: "Open" }])).toBe(`${root}/$metadata#Jobs(Status)`);
  });

  it("marks a single entity with /$entity", () => {
    expect(entityContext(root, "Jobs", {})).toBe(`${root}/$metadata#Jobs/$entity`);
    expect(entityContext(root, "Jobs", parseQueryOptions("$select=Job"))).toBe(
      `${root}/$metadata#Jobs(Job)/$entity`,
    );
  });
});
