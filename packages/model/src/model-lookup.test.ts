import { describe, expect, it } from "vitest";
import { ModelError } from "./errors.ts";
import {
  entityTypes,
  findEntitySet,
  findNavigation,
  findProperty,
  navigationTarget,
  propertyNames,
} from "./model-lookup.ts";
import { FIXTURE_MODEL, JOB, JOBS, RFI, RFIS } from "./testing/fixture-model.ts";
import type { ServiceModel } from "./types.ts";

describe("findEntitySet", () => {
  it("finds a set by its exact name", () => {
    expect(findEntitySet(FIXTURE_MODEL, "Jobs")).toBe(JOBS);
  });

  it("falls back to a case-insensitive match", () => {
    expect(findEntitySet(FIXTURE_MODEL, "jobs")).toBe(JOBS);
    expect(findEntitySet(FIXTURE_MODEL, "RFIS")).toBe(RFIS);
  });

  it("prefers the exact name over a case-insensitive one", () => {
    const lower = { ...RFIS, name: "rfis" };
    const model: ServiceModel = { namespace: "Headgate", entitySets: [lower, RFIS] };
    expect(findEntitySet(model, "Rfis")).toBe(RFIS);
  });

  it("finds nothing when the name is unknown or matches several sets ignoring case", () => {
    expect(findEntitySet(FIXTURE_MODEL, "Projects")).toBeUndefined();
    const model: ServiceModel = { namespace: "Headgate", entitySets: [{ ...RFIS, name: "rfis" }, RFIS] };
    expect(findEntitySet(model, "RFIS")).toBeUndefined();
  });
});

describe("findProperty and findNavigation", () => {
  it("find members by their exact, case-sensitive name", () => {
    expect(findProperty(JOB, "Amount")?.type).toBe("Edm.Decimal");
    expect(findProperty(JOB, "amount")).toBeUndefined();
    expect(findNavigation(JOB, "Rfis")?.target).toBe("Rfis");
    expect(findNavigation(JOB, "rfis")).toBeUndefined();
  });

  it("keep properties and navigation properties apart", () => {
    expect(findProperty(JOB, "Rfis")).toBeUndefined();
    expect(findNavigation(JOB, "Status")).toBeUndefined();
  });
});

describe("propertyNames", () => {
  it("lists structural properties in declaration order, without navigation", () => {
    expect(propertyNames(RFI)).toEqual(["Id", "JobNumber", "Subject"]);
  });
});

describe("entityTypes", () => {
  it("lists each entity type once, even when sets share it", () => {
    const model: ServiceModel = {
      namespace: "Headgate",
      entitySets: [JOBS, { ...JOBS, name: "ArchivedJobs" }, RFIS],
    };
    expect(entityTypes(model)).toEqual([JOB, RFI]);
  });
});

describe("navigationTarget", () => {
  it("resolves a navigation to its target entity set", () => {
    const [rfis] = JOB.navigation;
    expect(rfis && navigationTarget(FIXTURE_MODEL, JOBS, rfis)).toBe(RFIS);
  });

  it("names the missing target set and the sets there are", () => {
    const dangling = { name: "Project", target: "Projects", collection: false, on: [] };
    expect(() => navigationTarget(FIXTURE_MODEL, JOBS, dangling)).toThrow(ModelError);
    expect(() => navigationTarget(FIXTURE_MODEL, JOBS, dangling)).toThrow(
      'Entity set "Jobs": navigation "Project" targets entity set "Projects", which is not in the model; ' +
        "target one of: Jobs, Rfis.",
    );
  });
});
