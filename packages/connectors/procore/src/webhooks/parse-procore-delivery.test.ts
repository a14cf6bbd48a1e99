import { describe, expect, it } from "vitest";
import { isDeliveryProblem, parseProcoreDelivery } from "./parse-procore-delivery.ts";

/** A v2.0 delivery as Procore's webhooks guide shows one (and the simulator sends). */
const V2 = {
  id: 900000001,
  ulid: "01JNMX3Q9V6W2T8K4R0P5S7YZA",
  timestamp: "2026-03-02T09:00:00.000Z",
  metadata: {
    source_user_id: 42,
    source_project_id: 7001,
    source_operation_id: null,
    source_company_id: 8089,
    source_application_id: null,
  },
  user_id: 42,
  company_id: 8089,
  project_id: 7001,
  api_version: "v2.0",
  event_type: "update",
  resource_name: "RFIs",
  resource_id: 512,
};

const V4 = {
  id: "01JNMX3Q9V6W2T8K4R0P5S7YZA",
  timestamp: "2026-03-02T09:00:00.000Z",
  reason: "delete",
  company_id: "8089",
  project_id: "7001",
  user_id: "42",
  resource_type: "Observation Items",
  resource_id: "513",
};

function refusal(body: unknown): string {
  const parsed = parseProcoreDelivery(body);
  if (!isDeliveryProblem(parsed)) throw new Error(`expected a refusal, got ${JSON.stringify(parsed)}`);
  return parsed.problem;
}

describe("reading a Procore webhook delivery", () => {
  it("reads payload format v2.0: resource, event, record, project, and the event's ulid", () => {
    expect(parseProcoreDelivery(V2)).toEqual({
      resource: "RFIs",
      event: "update",
      id: 512,
      projectId: 7001,
      companyId: 8089,
      format: "v2.0",
      eventId: "01JNMX3Q9V6W2T8K4R0P5S7YZA",
    });
  });

  it("reads payload format v3.0, which adds related resources", () => {
    const parsed = parseProcoreDelivery({ ...V2, api_version: "v3.0", related_resources: [] });
    expect(parsed).toMatchObject({ resource: "RFIs", event: "update", projectId: 7001, format: "v3.0" });
  });

  it("reads payload format v4.0: string ids, reason and resource_type", () => {
    expect(parseProcoreDelivery(V4)).toEqual({
      resource: "Observation Items",
      event: "delete",
      id: "513",
      projectId: "7001",
      companyId: "8089",
      format: "v4.0",
      eventId: "01JNMX3Q9V6W2T8K4R0P5S7YZA",
    });
  });

  it("reads a company-level resource, which has no project", () => {
    const parsed = parseProcoreDelivery({ ...V2, resource_name: "Company Vendors", project_id: null });
    expect(parsed).toMatchObject({ resource: "Company Vendors", event: "update", id: 512 });
    expect(parsed).not.toHaveProperty("projectId");
  });

  it("takes a legacy delivery without api_version as v2.0, and event types in any case", () => {
    const { api_version: _format, ...unversioned } = V2;
    expect(parseProcoreDelivery({ ...unversioned, event_type: "Create" })).toMatchObject({
      event: "create",
      format: "v2.0",
    });
  });
});

describe("refusing what is not a delivery", () => {
  it.each([
    [null, "a JSON object; this body is null"],
    [[V2], "a JSON object; this body is a list"],
    ["update RFIs", "a JSON object"],
    [{ hello: "world" }, "neither event_type and resource_name"],
  ])("refuses %j", (body, reason) => {
    expect(refusal(body)).toContain(reason);
  });

  it("refuses a payload format it does not know, naming the ones it reads", () => {
    expect(refusal({ ...V2, api_version: "v5.0" })).toBe(
      'api_version "v5.0" is not a payload format Headgate reads with event_type and resource_name (v2.0, v3.0); v4.0 uses reason and resource_type',
    );
  });

  it("refuses an event type other than create, update or delete", () => {
    expect(refusal({ ...V2, event_type: "archive" })).toBe(
      'event_type must be create, update or delete (payload v2.0); found "archive"',
    );
    expect(refusal({ ...V4, reason: undefined })).toContain("reason must be create, update or delete");
  });

  it("refuses a delivery without a resource name", () => {
    expect(refusal({ ...V2, resource_name: " " })).toContain("resource_name must name the Procore resource");
    expect(refusal({ ...V4, resource_type: 12 })).toContain("resource_type must name the Procore resource");
  });

  it("refuses ids that are not Procore ids", () => {
    expect(refusal({ ...V2, project_id: "7001; drop" })).toContain("project_id must be a Procore id");
    expect(refusal({ ...V4, resource_id: -1 })).toContain("resource_id must be a Procore id");
    expect(refusal({ ...V2, company_id: { id: 1 } })).toContain("found an object");
  });
});
