import { describe, expect, it } from "vitest";
import { renderCsdlJson } from "./csdl-json.ts";
import { ModelError } from "./errors.ts";
import { FIXTURE_MODEL, JOBS } from "./testing/fixture-model.ts";
import type { ServiceModel } from "./types.ts";
import { PUSHABLE_OPERATORS } from "./types.ts";

const VOCABULARIES = "https://oasis-tcs.github.io/odata-vocabularies/vocabularies";
const DESCRIPTION = "@Org.OData.Core.V1.Description";
const PUSHDOWN = "@Headgate.Vocabulary.V1.Pushdown";
const SEARCHABLE = "@Headgate.Vocabulary.V1.Searchable";

describe("renderCsdlJson", () => {
  const document = renderCsdlJson(FIXTURE_MODEL);

  it("names the version, the entity container and the referenced vocabularies", () => {
    expect(Object.keys(document)).toEqual([
      "$Version",
      "$EntityContainer",
      "$Reference",
      "Headgate",
      "Headgate.Vocabulary.V1",
    ]);
    expect(document.$Version).toBe("4.0");
    expect(document.$EntityContainer).toBe("Headgate.Container");
    expect(document.$Reference).toEqual({
      [`${VOCABULARIES}/Org.OData.Core.V1.json`]: { $Include: [{ $Namespace: "Org.OData.Core.V1" }] },
      [`${VOCABULARIES}/Org.OData.Capabilities.V1.json`]: {
        $Include: [{ $Namespace: "Org.OData.Capabilities.V1" }],
      },
      [`${VOCABULARIES}/Org.OData.Validation.V1.json`]: {
        $Include: [{ $Namespace: "Org.OData.Validation.V1" }],
      },
    });
  });

  it("renders the fixture schema exactly: types, facets, annotations, container", () => {
    expect(document.Headgate).toEqual({
      Job: {
        $Kind: "EntityType",
        $Key: ["JobNumber"],
        JobNumber: {
          $Type: "Edm.String",
          $MaxLength: 20,
          [DESCRIPTION]: "Job number as printed on contracts",
          [PUSHDOWN]: { Filter: ["eq", "in", "startswith"], Sortable: true },
        },
        Amount: {
          $Type: "Edm.Decimal",
          $Nullable: true,
          $Precision: 19,
          $Scale: 4,
          [DESCRIPTION]: "Contract amount in USD",
          [PUSHDOWN]: { Filter: ["eq", "gt", "lt"], Sortable: true },
        },
        Status: {
          $Type: "Edm.String",
          "@Org.OData.Validation.V1.AllowedValues": [
            { Value: "Open" },
            { Value: "Closed" },
            { Value: "On Hold" },
          ],
          [PUSHDOWN]: { Filter: ["eq", "in"], Sortable: false },
        },
        StartDate: { $Type: "Edm.Date", $Nullable: true },
        UpdatedAt: { $Type: "Edm.DateTimeOffset", $Precision: 3 },
        Site: {
          $Type: "Edm.GeographyPolygon",
          $Nullable: true,
          [PUSHDOWN]: { Filter: ["geo.intersects"], Sortable: false },
        },
        Tags: { $Collection: true, $Type: "Edm.String", [SEARCHABLE]: true },
        Rfis: {
          $Kind: "NavigationProperty",
          $Collection: true,
          $Type: "Headgate.Rfi",
          [DESCRIPTION]: "Requests for information raised on the job",
        },
        [DESCRIPTION]: "A construction job",
      },
      Rfi: {
        $Kind: "EntityType",
        $Key: ["Id"],
        Id: { $Type: "Edm.Int64", [PUSHDOWN]: { Filter: ["eq"], Sortable: false } },
        JobNumber: {
          $Type: "Edm.String",
          $MaxLength: 20,
          [PUSHDOWN]: { Filter: ["eq", "in"], Sortable: false },
        },
        Subject: { $Type: "Edm.String", $Nullable: true, [SEARCHABLE]: true },
        Job: { $Kind: "NavigationProperty", $Nullable: true, $Type: "Headgate.Job" },
      },
      Container: {
        $Kind: "EntityContainer",
        Jobs: {
          $Collection: true,
          $Type: "Headgate.Job",
          $NavigationPropertyBinding: { Rfis: "Rfis" },
          [DESCRIPTION]: "Jobs from Sage 300 CRE",
        },
        Rfis: {
          $Collection: true,
          $Type: "Headgate.Rfi",
          $NavigationPropertyBinding: { Job: "Jobs" },
          "@Org.OData.Capabilities.V1.FilterRestrictions": {
            RequiresFilter: true,
            RequiredProperties: ["JobNumber"],
          },
        },
      },
    });
  });

  it("defines the Headgate vocabulary: a Pushdown record term and a Searchable flag", () => {
    const vocabulary = document["Headgate.Vocabulary.V1"];
    expect(vocabulary).toMatchObject({
      PushdownCapabilities: {
        $Kind: "ComplexType",
        Filter: {
          $Collection: true,
          $Type: "Edm.String",
          "@Org.OData.Validation.V1.AllowedValues": PUSHABLE_OPERATORS.map((Value) => ({ Value })),
        },
        Sortable: { $Type: "Edm.Boolean" },
      },
      Pushdown: {
        $Kind: "Term",
        $Type: "Headgate.Vocabulary.V1.PushdownCapabilities",
        $AppliesTo: ["Property"],
      },
      Searchable: { $Kind: "Term", $Type: "Edm.Boolean", $AppliesTo: ["Property"] },
    });
  });

  it("writes allowed values of a numeric property as JSON numbers", () => {
    const priority = {
      name: "Priority",
      type: "Edm.Int32",
      nullable: true,
      allowedValues: ["1", "2", "3"],
      capabilities: { filter: [], sortable: false, requiredInFilter: false, searchable: false },
    } as const;
    const model: ServiceModel = {
      namespace: "Headgate",
      entitySets: [
        {
          name: "Jobs",
          entityType: {
            ...JOBS.entityType,
            navigation: [],
            properties: [...JOBS.entityType.properties, priority],
          },
        },
      ],
    };
    expect(renderCsdlJson(model).Headgate).toMatchObject({
      Job: {
        Priority: { "@Org.OData.Validation.V1.AllowedValues": [{ Value: 1 }, { Value: 2 }, { Value: 3 }] },
      },
    });
  });

  it("refuses an invalid model with a ModelError", () => {
    expect(() => renderCsdlJson({ namespace: "Bad Namespace", entitySets: [] })).toThrow(ModelError);
  });
});
