import { describe, expect, it } from "vitest";
import { ModelError, type ModelErrorCode } from "./errors.ts";
import { isNamespace, isSimpleIdentifier, validateModel } from "./model-validation.ts";
import { FIXTURE_MODEL, JOB, JOBS, RFI, RFIS } from "./testing/fixture-model.ts";
import type { EntityTypeDef, NavigationDef, PropertyDef, ServiceModel } from "./types.ts";
import { NO_PUSHDOWN } from "./types.ts";

function withJob(change: Partial<EntityTypeDef>): ServiceModel {
  return { namespace: "Headgate", entitySets: [{ ...JOBS, entityType: { ...JOB, ...change } }, RFIS] };
}

function withJobProperty(name: string, change: Partial<PropertyDef>): ServiceModel {
  return withJob({ properties: JOB.properties.map((p) => (p.name === name ? { ...p, ...change } : p)) });
}

function withJobNavigation(change: Partial<NavigationDef>): ServiceModel {
  const [rfis] = JOB.navigation;
  if (rfis === undefined) throw new Error("the fixture's Job has a navigation");
  return withJob({ navigation: [{ ...rfis, ...change }] });
}

function property(name: string, type: PropertyDef["type"], extra: Partial<PropertyDef> = {}): PropertyDef {
  return { name, type, nullable: false, capabilities: NO_PUSHDOWN, ...extra };
}

function expectModelError(model: ServiceModel, code: ModelErrorCode, target: string, message: string): void {
  let thrown: unknown;
  try {
    validateModel(model);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ModelError);
  expect(thrown).toMatchObject({ code, target, message, status: 500, name: "ModelError" });
}

const IDENTIFIER_RULE =
  "use a letter or underscore followed by letters, digits or underscores, at most 128 characters";

describe("validateModel", () => {
  it("accepts the fixture model", () => {
    expect(() => validateModel(FIXTURE_MODEL)).not.toThrow();
  });

  it("accepts two entity sets sharing one entity type object", () => {
    const archived = { ...JOBS, name: "ArchivedJobs" };
    expect(() => validateModel({ namespace: "Headgate", entitySets: [JOBS, archived, RFIS] })).not.toThrow();
  });

  describe("identifiers", () => {
    it("rejects a namespace that is not dotted identifiers", () => {
      expectModelError(
        { namespace: "Head gate", entitySets: [] },
        "InvalidIdentifier",
        "Head gate",
        'Namespace "Head gate" is not a valid OData namespace; use identifiers separated by dots, each a letter ' +
          'or underscore followed by letters, digits or underscores, e.g. "Headgate".',
      );
    });

    it("rejects a reserved namespace", () => {
      expectModelError(
        { namespace: "Edm", entitySets: [] },
        "DuplicateName",
        "Edm",
        'Namespace "Edm" is reserved; choose another, e.g. "Headgate".',
      );
    });

    it("rejects an entity set name that is not an identifier, suggesting one", () => {
      expectModelError(
        { namespace: "Headgate", entitySets: [{ ...RFIS, name: "Open RFIs" }] },
        "InvalidIdentifier",
        "Open RFIs",
        `Entity set name "Open RFIs" is not a valid OData identifier; ${IDENTIFIER_RULE}, e.g. "Open_RFIs".`,
      );
    });

    it("rejects a name longer than 128 characters", () => {
      const long = `J${"o".repeat(128)}`;
      expectModelError(
        { namespace: "Headgate", entitySets: [{ ...RFIS, name: long }] },
        "InvalidIdentifier",
        long,
        `Entity set name "${long}" is not a valid OData identifier; ${IDENTIFIER_RULE}, e.g. "${long.slice(0, 128)}".`,
      );
    });

    it("rejects an entity type name that is not an identifier", () => {
      expectModelError(
        withJob({ name: "Job-Type" }),
        "InvalidIdentifier",
        "Jobs",
        `Entity set "Jobs": entity type name "Job-Type" is not a valid OData identifier; ${IDENTIFIER_RULE}, e.g. "Job_Type".`,
      );
    });

    it("rejects a property name that is not an identifier", () => {
      expectModelError(
        withJob({ properties: [...JOB.properties, property("2ndPhone", "Edm.String")] }),
        "InvalidIdentifier",
        "Jobs/2ndPhone",
        `Entity set "Jobs": property name "2ndPhone" is not a valid OData identifier; ${IDENTIFIER_RULE}, e.g. "_2ndPhone".`,
      );
    });

    it("rejects __proto__, which no JavaScript row can hold", () => {
      expectModelError(
        withJob({ properties: [...JOB.properties, property("__proto__", "Edm.String")] }),
        "InvalidIdentifier",
        "Jobs/__proto__",
        'Entity set "Jobs": property name "__proto__" cannot be used by Headgate; rename it, e.g. "proto".',
      );
    });

    it("accepts letters beyond ASCII, as CSDL does", () => {
      expect(isSimpleIdentifier("Aufträge")).toBe(true);
      expect(isSimpleIdentifier("_x0020_Title")).toBe(true);
      expect(isSimpleIdentifier("Shape__Area")).toBe(true);
      expect(isSimpleIdentifier("")).toBe(false);
      expect(isNamespace("Acme.Field.V1")).toBe(true);
      expect(isNamespace("Acme..V1")).toBe(false);
    });
  });

  describe("unique names", () => {
    it("rejects an entity set defined twice", () => {
      expectModelError(
        { namespace: "Headgate", entitySets: [JOBS, RFIS, JOBS] },
        "DuplicateName",
        "Jobs",
        'Entity set "Jobs" is defined more than once; give each entity set its own name.',
      );
    });

    it("rejects entity set names that differ only in case", () => {
      expectModelError(
        { namespace: "Headgate", entitySets: [JOBS, RFIS, { ...JOBS, name: "jobs" }] },
        "DuplicateName",
        "jobs",
        'Entity sets "Jobs" and "jobs" differ only in case; rename one, because entity set lookup ignores case.',
      );
    });

    it("rejects two different entity types with one name", () => {
      const otherJob: EntityTypeDef = { ...JOB, navigation: [] };
      expectModelError(
        { namespace: "Headgate", entitySets: [JOBS, RFIS, { name: "ArchivedJobs", entityType: otherJob }] },
        "DuplicateName",
        "ArchivedJobs",
        'Entity sets "Jobs" and "ArchivedJobs" use two different entity types named "Job"; rename one, ' +
          "or let both sets share one EntityTypeDef object.",
      );
    });

    it("rejects an entity type named like the entity container", () => {
      expectModelError(
        withJob({ name: "Container" }),
        "DuplicateName",
        "Jobs",
        'Entity set "Jobs": entity type "Container" clashes with the entity container of the same name; rename the entity type.',
      );
    });

    it("rejects a navigation property named like a property", () => {
      expectModelError(
        withJobNavigation({ name: "Status" }),
        "DuplicateName",
        "Jobs/Status",
        'Entity set "Jobs": entity type "Job" declares "Status" more than once; ' +
          "properties and navigation properties need distinct names.",
      );
    });

    it("rejects a member named like its entity type", () => {
      expectModelError(
        withJobNavigation({ name: "Job" }),
        "DuplicateName",
        "Jobs/Job",
        'Entity set "Jobs": navigation property "Job" has the name of its entity type; rename the navigation property.',
      );
    });
  });

  describe("keys", () => {
    it("rejects an entity type without a key", () => {
      expectModelError(
        withJob({ key: [] }),
        "InvalidKey",
        "Jobs",
        'Entity set "Jobs": entity type "Job" has no key; list the properties that identify a row in "key".',
      );
    });

    it("rejects a key naming a missing property, listing the properties", () => {
      expectModelError(
        withJob({ key: ["JobNo"] }),
        "InvalidKey",
        "Jobs/JobNo",
        'Entity set "Jobs": key property "JobNo" is not a property of entity type "Job"; ' +
          "key on one of: JobNumber, Amount, Status, StartDate, UpdatedAt, Site, Tags.",
      );
    });

    it("rejects a key property listed twice", () => {
      expectModelError(
        withJob({ key: ["JobNumber", "JobNumber"] }),
        "InvalidKey",
        "Jobs/JobNumber",
        'Entity set "Jobs": key property "JobNumber" is listed more than once; list each key property once.',
      );
    });

    it("rejects a collection key property", () => {
      expectModelError(
        withJob({ key: ["Tags"] }),
        "InvalidKey",
        "Jobs/Tags",
        'Entity set "Jobs": key property "Tags" is a collection; a key property must be single-valued.',
      );
    });

    it("rejects a nullable key property", () => {
      expectModelError(
        withJobProperty("JobNumber", { nullable: true }),
        "InvalidKey",
        "Jobs/JobNumber",
        'Entity set "Jobs": key property "JobNumber" is nullable; declare it with nullable: false.',
      );
    });

    it("rejects a key property of a type that cannot identify a row", () => {
      expectModelError(
        withJob({ key: ["Ratio"], properties: [...JOB.properties, property("Ratio", "Edm.Double")] }),
        "InvalidKey",
        "Jobs/Ratio",
        'Entity set "Jobs": key property "Ratio" has type Edm.Double, which cannot be a key; ' +
          "key on a string, integer, decimal, boolean, date, time, duration or guid property.",
      );
    });
  });

  describe("navigation", () => {
    it("rejects a navigation to an entity set that is not in the model", () => {
      expectModelError(
        withJobNavigation({ target: "RFIs" }),
        "InvalidNavigation",
        "Jobs/Rfis",
        'Entity set "Jobs": navigation "Rfis" targets entity set "RFIs", which is not in the model; ' +
          "target one of: Jobs, Rfis.",
      );
    });

    it("rejects a navigation without a join condition", () => {
      expectModelError(
        withJobNavigation({ on: [] }),
        "InvalidNavigation",
        "Jobs/Rfis",
        'Entity set "Jobs": navigation "Rfis" has no join condition; list at least one { local, remote } pair in "on".',
      );
    });

    it("rejects a join on a property missing from the source", () => {
      expectModelError(
        withJobNavigation({ on: [{ local: "JobNo", remote: "JobNumber" }] }),
        "InvalidNavigation",
        "Jobs/Rfis",
        'Entity set "Jobs": navigation "Rfis" joins on "JobNo", which is not a property of entity type "Job" ' +
          '(entity set "Jobs"); use one of: JobNumber, Amount, Status, StartDate, UpdatedAt, Site, Tags.',
      );
    });

    it("rejects a join to a property missing from the target", () => {
      expectModelError(
        withJobNavigation({ on: [{ local: "JobNumber", remote: "Job" }] }),
        "InvalidNavigation",
        "Jobs/Rfis",
        'Entity set "Jobs": navigation "Rfis" joins to "Job", which is not a property of entity type "Rfi" ' +
          '(entity set "Rfis"); use one of: Id, JobNumber, Subject.',
      );
    });

    it("rejects a join between properties of different types", () => {
      expectModelError(
        withJobNavigation({ on: [{ local: "JobNumber", remote: "Id" }] }),
        "InvalidNavigation",
        "Jobs/Rfis",
        'Entity set "Jobs": navigation "Rfis" joins "JobNumber" (Edm.String) to "Id" (Edm.Int64); ' +
          "both sides of a join need the same type.",
      );
    });

    it("rejects a join on a collection property", () => {
      expectModelError(
        withJobNavigation({ on: [{ local: "Tags", remote: "Subject" }] }),
        "InvalidNavigation",
        "Jobs/Rfis",
        'Entity set "Jobs": navigation "Rfis" joins on "Tags" of entity set "Jobs", which is a collection; ' +
          "join properties must be single-valued.",
      );
    });
  });

  describe("facets", () => {
    it("rejects maxLength on a property that is not a string", () => {
      expectModelError(
        withJobProperty("Amount", { maxLength: 10 }),
        "InvalidFacet",
        "Jobs/Amount",
        'Entity set "Jobs": property "Amount" has maxLength, which only Edm.String properties have; remove it.',
      );
    });

    it("rejects a maxLength that is not a positive integer", () => {
      expectModelError(
        withJobProperty("JobNumber", { maxLength: 0 }),
        "InvalidFacet",
        "Jobs/JobNumber",
        'Entity set "Jobs": property "JobNumber" has maxLength 0; maxLength must be a positive integer.',
      );
    });

    it("rejects precision on a type without one", () => {
      expectModelError(
        withJobProperty("StartDate", { precision: 3 }),
        "InvalidFacet",
        "Jobs/StartDate",
        'Entity set "Jobs": property "StartDate" has precision, which only Edm.Decimal, Edm.DateTimeOffset, ' +
          "Edm.TimeOfDay and Edm.Duration properties have; remove it.",
      );
    });

    it("rejects a decimal precision that is not a positive integer", () => {
      expectModelError(
        withJobProperty("Amount", { precision: 0, scale: undefined }),
        "InvalidFacet",
        "Jobs/Amount",
        'Entity set "Jobs": property "Amount" has precision 0; the precision of an Edm.Decimal must be a positive integer.',
      );
    });

    it("rejects a temporal precision beyond 12 decimals", () => {
      expectModelError(
        withJobProperty("UpdatedAt", { precision: 13 }),
        "InvalidFacet",
        "Jobs/UpdatedAt",
        'Entity set "Jobs": property "UpdatedAt" has precision 13; the precision (decimals of seconds) of an ' +
          "Edm.DateTimeOffset must be an integer from 0 to 12.",
      );
    });

    it("rejects scale on a property that is not a decimal", () => {
      expectModelError(
        withJobProperty("UpdatedAt", { scale: 2 }),
        "InvalidFacet",
        "Jobs/UpdatedAt",
        'Entity set "Jobs": property "UpdatedAt" has scale, which only Edm.Decimal properties have; remove it.',
      );
    });

    it("rejects a negative scale", () => {
      expectModelError(
        withJobProperty("Amount", { scale: -1 }),
        "InvalidFacet",
        "Jobs/Amount",
        'Entity set "Jobs": property "Amount" has scale -1; scale must be a non-negative integer.',
      );
    });

    it("rejects a scale greater than the precision", () => {
      expectModelError(
        withJobProperty("Amount", { precision: 4, scale: 5 }),
        "InvalidFacet",
        "Jobs/Amount",
        'Entity set "Jobs": property "Amount" has scale 5 greater than its precision 4; ' +
          "lower the scale or raise the precision.",
      );
    });
  });

  describe("allowed values", () => {
    it("rejects allowed values on a geography property", () => {
      expectModelError(
        withJobProperty("Site", { allowedValues: ["POLYGON((0 0,1 0,1 1,0 0))"] }),
        "InvalidAllowedValue",
        "Jobs/Site",
        'Entity set "Jobs": property "Site" lists allowedValues, but Edm.GeographyPolygon values have no ' +
          "literal form; remove allowedValues.",
      );
    });

    it("rejects an allowed value that is not a literal of the property's type", () => {
      expectModelError(
        withJob({
          properties: [
            ...JOB.properties,
            property("Priority", "Edm.Int32", { allowedValues: ["1", "high"] }),
          ],
        }),
        "InvalidAllowedValue",
        "Jobs/Priority",
        'Entity set "Jobs": allowed value "high" of property "Priority" is not an Edm.Int32 literal such as "42"; ' +
          "fix or remove it.",
      );
    });
  });

  it("checks entity types of every set, including the navigation target's", () => {
    const brokenRfi: EntityTypeDef = { ...RFI, key: ["Number"] };
    expectModelError(
      { namespace: "Headgate", entitySets: [JOBS, { ...RFIS, entityType: brokenRfi }] },
      "InvalidKey",
      "Rfis/Number",
      'Entity set "Rfis": key property "Number" is not a property of entity type "Rfi"; key on one of: Id, JobNumber, Subject.',
    );
  });
});
