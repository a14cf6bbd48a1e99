import { describe, expect, it } from "vitest";
import { PROCORE_ENTITY_SETS } from "../entity-sets/index.ts";
import { eventTypesOf, isKnownWebhookResource, webhookResourcesOf } from "./webhook-resources.ts";

describe("Procore's webhook resources for a connection's entity sets", () => {
  it("name at least one resource for every entity set the connector exposes", () => {
    for (const set of PROCORE_ENTITY_SETS)
      expect(webhookResourcesOf([set.definition.name]), set.definition.name).not.toEqual([]);
  });

  it("use Procore's own names, each once", () => {
    expect(webhookResourcesOf(["Observations", "Commitments", "RFIs", "RFIs", "Unknown"])).toEqual([
      "Observation Items",
      "Purchase Order Contracts",
      "Work Order Contracts",
      "RFIs",
    ]);
  });

  it("subscribe to create, update and delete, except where Procore offers fewer", () => {
    expect(eventTypesOf("RFIs")).toEqual(["create", "update", "delete"]);
    expect(eventTypesOf("Projects")).toEqual(["create", "update"]);
    expect(eventTypesOf("Company Vendors")).toEqual(["create", "update"]);
  });

  it("recognise a delivered resource name in any case, and nothing else", () => {
    expect(isKnownWebhookResource("observation items")).toBe(true);
    expect(isKnownWebhookResource("Timecard Entries")).toBe(false);
  });
});
