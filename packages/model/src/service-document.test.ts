import { describe, expect, it } from "vitest";
import { ModelError } from "./errors.ts";
import { renderServiceDocument } from "./service-document.ts";
import { FIXTURE_MODEL, RFIS } from "./testing/fixture-model.ts";
import type { EntityTypeDef } from "./types.ts";
import { NO_PUSHDOWN } from "./types.ts";

const ORDER: EntityTypeDef = {
  name: "Auftrag",
  key: ["Nummer"],
  properties: [{ name: "Nummer", type: "Edm.String", nullable: false, capabilities: NO_PUSHDOWN }],
  navigation: [],
};

describe("renderServiceDocument", () => {
  it("lists every entity set relative to the service root, with $metadata as context", () => {
    expect(renderServiceDocument(FIXTURE_MODEL)).toEqual({
      "@odata.context": "$metadata",
      value: [
        { name: "Jobs", kind: "EntitySet", url: "Jobs" },
        { name: "Rfis", kind: "EntitySet", url: "Rfis" },
      ],
    });
  });

  it("uses the context URL a front door passes", () => {
    const document = renderServiceDocument(FIXTURE_MODEL, "https://gw.example/odata/$metadata");
    expect(document["@odata.context"]).toBe("https://gw.example/odata/$metadata");
  });

  it("percent-encodes a set name with letters beyond ASCII in its URL", () => {
    const document = renderServiceDocument({
      namespace: "Headgate",
      entitySets: [{ name: "Aufträge", entityType: ORDER }],
    });
    expect(document.value).toEqual([{ name: "Aufträge", kind: "EntitySet", url: "Auftr%C3%A4ge" }]);
  });

  it("refuses an invalid model", () => {
    expect(() => renderServiceDocument({ namespace: "Headgate", entitySets: [RFIS, RFIS] })).toThrow(
      ModelError,
    );
  });
});
