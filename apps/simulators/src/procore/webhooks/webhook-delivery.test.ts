import type { ProcoreProjectTools } from "@headgate/demo-world";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ProcoreTestServer, readJson, startProcoreTestServer } from "../procore-test-client.ts";
import type { Hook } from "./hook-registry.ts";
import type { WebhookDelivery } from "./webhook-dispatcher.ts";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-test-receiver.ts";

let server: ProcoreTestServer;
let receiver: WebhookReceiver;
let company: number;
let first: ProcoreProjectTools;
let second: ProcoreProjectTools;
const clock = Date.parse("2026-03-02T09:00:00Z");

beforeAll(async () => {
  server = await startProcoreTestServer({
    now: () => clock,
    // Procore's schedule (1 s doubling to 1 h, discard after 12 h, 5 s timeout) in milliseconds.
    webhooks: { initialRetryDelayMs: 5, maxRetryDelayMs: 20, discardAfterMs: 100, timeoutMs: 300 },
  });
  company = server.data.company.id;
  const busy = server.data.tools.filter((t) => t.rfis.length > 3 && t.observations.length > 0);
  first = busy[0]!;
  second = busy[1]!;
});
afterAll(() => server.close());
beforeEach(async () => {
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  server.definition.webhooks.resetFaults();
  await receiver.close();
});

type Scope = { company_id: number } | { project_id: number };

async function hookWithTriggers(
  triggers: [string, string][],
  scope: Scope = { company_id: company },
  hook: Record<string, unknown> = {},
): Promise<Hook> {
  const created = await readJson<Hook>(
    await server.send("POST", "/rest/v1.0/webhooks/hooks", {
      ...scope,
      hook: { api_version: "v2", namespace: "headgate", destination_url: receiver.url, ...hook },
    }),
  );
  for (const [resource_name, event_type] of triggers) {
    await server.send("POST", `/rest/v1.0/webhooks/hooks/${created.id}/triggers`, {
      ...scope,
      api_version: "v2",
      trigger: { resource_name, event_type },
    });
  }
  return created;
}

async function removeHook(hook: Hook): Promise<void> {
  const scope = hook.owned_by_project_id ? `project_id=${hook.owned_by_project_id}` : `company_id=${company}`;
  await server.send("DELETE", `/rest/v1.0/webhooks/hooks/${hook.id}?${scope}`);
}

const renameRfi = (tools: ProcoreProjectTools, index: number, subject: string) =>
  server.control("PATCH", `/_simulator/procore/projects/${tools.projectId}/rfis/${tools.rfis[index]!.id}`, {
    subject,
  });

const deliveriesOf = (hook: Hook) =>
  server.definition.webhooks.deliveries().filter((d) => d.hook_id === hook.id);

describe("webhook deliveries for changes made through the test endpoint", () => {
  it("POST the legacy v2.0 event to the destination with the hook's headers", async () => {
    const hook = await hookWithTriggers(
      [["RFIs", "update"]],
      { company_id: company },
      {
        destination_headers: { Authorization: "Bearer gateway-secret" },
      },
    );
    const rfi = first.rfis[0]!;
    await renameRfi(first, 0, "Slab edge detail");
    await server.definition.webhooks.settled();
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(delivery!.headers.authorization).toBe("Bearer gateway-secret");
    expect(delivery!.headers["content-type"]).toBe("application/json");
    expect(delivery!.body).toEqual({
      id: expect.any(Number),
      ulid: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      timestamp: new Date(clock).toISOString(),
      metadata: {
        source_user_id: expect.any(Number),
        source_project_id: first.projectId,
        source_operation_id: null,
        source_company_id: company,
        source_application_id: null,
      },
      user_id: expect.any(Number),
      company_id: company,
      project_id: first.projectId,
      api_version: "v2.0",
      event_type: "update",
      resource_name: "RFIs",
      resource_id: rfi.id,
    });
    expect(deliveriesOf(hook)).toMatchObject([{ outcome: "ok", attempt: 1, response_status: 200 }]);
    await removeHook(hook);
  });

  it("fire only for a trigger's resource and event type, and a project hook only for its project", async () => {
    const companyHook = await hookWithTriggers([
      ["RFIs", "delete"],
      ["Observation Items", "create"],
    ]);
    const projectHook = await hookWithTriggers([["RFIs", "delete"]], { project_id: second.projectId });
    await renameRfi(first, 1, "Not a delete");
    await server.control(
      "DELETE",
      `/_simulator/procore/projects/${first.projectId}/rfis/${first.rfis[2]!.id}`,
    );
    await server.control(
      "DELETE",
      `/_simulator/procore/projects/${second.projectId}/rfis/${second.rfis[2]!.id}`,
    );
    await server.control("POST", `/_simulator/procore/projects/${second.projectId}/observations`, {});
    await server.definition.webhooks.settled();
    const heard = (hook: Hook) =>
      deliveriesOf(hook).map((d) => [d.event.project_id, d.event.resource_name, d.event.event_type]);
    expect(heard(companyHook)).toEqual([
      [first.projectId, "RFIs", "delete"],
      [second.projectId, "RFIs", "delete"],
      [second.projectId, "Observation Items", "create"],
    ]);
    expect(heard(projectHook)).toEqual([[second.projectId, "RFIs", "delete"]]);
    await removeHook(companyHook);
    await removeHook(projectHook);
  });

  it("fire for projects too, and use the hook's payload format (v3.0 adds related_resources, v4.0 strings)", async () => {
    const v3 = await hookWithTriggers(
      [["Projects", "update"]],
      { company_id: company },
      { api_version: "v3.0" },
    );
    const v4 = await hookWithTriggers(
      [["Projects", "update"]],
      { company_id: company },
      { api_version: "v4.0" },
    );
    await server.control("PATCH", `/_simulator/procore/projects/${first.projectId}`, { name: "Renamed" });
    await server.definition.webhooks.settled();
    const bodies = receiver.received.map((r) => r.body);
    expect(bodies).toContainEqual(
      expect.objectContaining({ api_version: "v3.0", resource_name: "Projects", related_resources: [] }),
    );
    const modern = bodies.find((b) => "reason" in b)!;
    expect(modern).toEqual({
      id: expect.stringMatching(/^[0-9A-Z]{26}$/),
      timestamp: new Date(clock).toISOString(),
      reason: "update",
      company_id: String(company),
      project_id: String(first.projectId),
      user_id: expect.any(String),
      resource_type: "Projects",
      resource_id: String(first.projectId),
    });
    await removeHook(v3);
    await removeHook(v4);
  });
});

describe("webhook delivery failures", () => {
  it("retry a failing endpoint with backoff, keeping the hook's events in order", async () => {
    const hook = await hookWithTriggers([["RFIs", "update"]]);
    receiver.failNext(2, 503);
    await renameRfi(first, 0, "First change");
    await renameRfi(first, 1, "Second change");
    await server.definition.webhooks.settled();
    expect(
      deliveriesOf(hook).map((d) => [d.event.resource_id, d.attempt, d.outcome, d.response_status]),
    ).toEqual([
      [first.rfis[0]!.id, 1, "retried", 503],
      [first.rfis[0]!.id, 2, "retried", 503],
      [first.rfis[0]!.id, 3, "ok", 200],
      [first.rfis[1]!.id, 1, "ok", 200],
    ]);
    expect(deliveriesOf(hook)[0]!.response_body).toBe("receiver failing");
    await removeHook(hook);
  });

  it("retry an endpoint that does not answer in time", async () => {
    const hook = await hookWithTriggers([["RFIs", "update"]]);
    receiver.hangNext(1);
    await renameRfi(first, 0, "Slow endpoint");
    await server.definition.webhooks.settled();
    expect(deliveriesOf(hook)).toMatchObject([
      { outcome: "retried", response_status: null, response_error: "No answer within 300 ms" },
      { outcome: "ok", attempt: 2 },
    ]);
    await removeHook(hook);
  });

  it("discard the hook's queue after continuous failure, then deliver again once the endpoint recovers", async () => {
    const hook = await hookWithTriggers([["RFIs", "update"]]);
    receiver.failNext(50);
    await renameRfi(first, 0, "Lost one");
    await renameRfi(first, 1, "Lost two");
    await server.definition.webhooks.settled();
    const failed = deliveriesOf(hook);
    // Delays 5, 10, 20, 20, 20, 20 ms fit in 100 ms; the seventh failure would pass it.
    expect(failed.map((d) => d.outcome)).toEqual([...Array(6).fill("retried"), "discarded", "discarded"]);
    expect(failed.at(-1)).toMatchObject({ event_id: expect.any(Number), started_at: null });
    receiver.recover();
    await renameRfi(first, 0, "After recovery");
    await server.definition.webhooks.settled();
    expect(deliveriesOf(hook).at(-1)).toMatchObject({
      outcome: "ok",
      event: { resource_id: first.rfis[0]!.id },
    });
    await removeHook(hook);
  });
});

describe("webhook fault switches", () => {
  it("deliver an event twice, with the same id and ulid, as Procore may", async () => {
    const hook = await hookWithTriggers([["RFIs", "update"]]);
    server.definition.webhooks.setFaults({ duplicate: { times: 1 } });
    await renameRfi(first, 0, "Twice");
    await renameRfi(first, 1, "Once");
    await server.definition.webhooks.settled();
    const ids = receiver.received.map((r) => [r.body.id, r.body.ulid, r.body.resource_id]);
    expect(ids).toHaveLength(3);
    expect(ids[0]).toEqual(ids[1]);
    expect(ids[2]![2]).toBe(first.rfis[1]!.id);
    await removeHook(hook);
  });

  it("lose an event, switched over HTTP", async () => {
    const hook = await hookWithTriggers([["RFIs", "update"]]);
    const set = await server.control("PUT", "/_simulator/procore/webhooks/faults", { drop: { times: 1 } });
    expect(await set.json()).toEqual({ drop: { times: 1 } });
    await renameRfi(first, 0, "Lost");
    await renameRfi(first, 1, "Kept");
    await server.definition.webhooks.settled();
    expect(receiver.received.map((r) => r.body.resource_id)).toEqual([first.rfis[1]!.id]);
    expect(deliveriesOf(hook).map((d) => d.outcome)).toEqual(["discarded", "ok"]);
    expect(await (await server.control("DELETE", "/_simulator/procore/webhooks/faults")).json()).toEqual({});
    await removeHook(hook);
  });
});

describe("the delivery history", () => {
  it("is listed by Procore's deliveries endpoint with its status filter, and in full under /_simulator", async () => {
    const hook = await hookWithTriggers([["RFIs", "update"]]);
    receiver.failNext(1);
    await renameRfi(first, 0, "History");
    await server.definition.webhooks.settled();
    const base = `/rest/v1.0/webhooks/hooks/${hook.id}/deliveries?company_id=${company}`;
    const all = await server.list<Omit<WebhookDelivery, "hook_id" | "attempt">>(base);
    expect(all.map((d) => d.outcome)).toEqual(["retried", "ok"]);
    expect(Object.keys(all[0]!).sort()).toEqual(
      [
        "completed_at",
        "event",
        "event_id",
        "id",
        "outcome",
        "response_body",
        "response_error",
        "response_headers",
        "response_status",
        "started_at",
      ].sort(),
    );
    expect((await server.list(`${base}&filters[status]=failing`)).length).toBe(1);
    expect((await server.list(`${base}&filters[status]=successful`)).length).toBe(1);
    expect((await server.get(`${base}&filters[status]=bogus`)).status).toBe(400);
    const control = await readJson<WebhookDelivery[]>(
      await server.control("GET", `/_simulator/procore/webhooks/deliveries?hook_id=${hook.id}`),
    );
    expect(control.map((d) => [d.hook_id, d.attempt, d.outcome])).toEqual([
      [hook.id, 1, "retried"],
      [hook.id, 2, "ok"],
    ]);
    await removeHook(hook);
  });

  it("stops when a hook is deleted: nothing more is sent to it", async () => {
    const hook = await hookWithTriggers([["RFIs", "update"]]);
    await removeHook(hook);
    await renameRfi(first, 0, "Nobody listens");
    await server.definition.webhooks.settled();
    expect(receiver.received).toEqual([]);
    expect(deliveriesOf(hook)).toEqual([]);
  });
});
