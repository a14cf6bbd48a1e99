/**
 * Registering a webhook destination with the Procore simulator's Webhooks API, through the
 * connector's own wire client, and what the simulator then delivers.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { WebhookHook, WebhookTrigger } from "@headgate/simulators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ProcoreFixture, startProcoreFixture } from "../testing/procore-fixture.ts";
import { parseProcoreDelivery } from "./parse-procore-delivery.ts";
import { subscribeProcoreChanges } from "./subscribe-procore-changes.ts";
import { webhookResourcesOf } from "./webhook-resources.ts";

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

let fixture: ProcoreFixture;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];

beforeAll(async () => {
  fixture = await startProcoreFixture(0.25, {
    perPageMax: 50,
    // Procore's retry schedule in milliseconds, so that a failing destination cannot hold settled().
    webhooks: { initialRetryDelayMs: 5, maxRetryDelayMs: 20, discardAfterMs: 100, timeoutMs: 1000 },
  });
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/procore/conn-1`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await fixture.close();
});

type HookWithTriggers = WebhookHook & { readonly triggers: readonly WebhookTrigger[] };

/** Every hook the simulator holds, with its triggers and unmasked headers. */
async function simulatorHooks(): Promise<HookWithTriggers[]> {
  const response = await fetch(`${fixture.sim.url}/_simulator/procore/webhooks/hooks`);
  return (await response.json()) as HookWithTriggers[];
}

const triggersOf = (hook: HookWithTriggers | undefined) =>
  (hook?.triggers ?? []).map((t) => `${t.resource_name}:${t.event_type}`).sort();

function subscribe(resources: readonly string[], token: string, url = receiverUrl) {
  return subscribeProcoreChanges(fixture.connector().client, {
    companyId: fixture.data.company.id,
    destination: { url, headers: { Authorization: `Bearer ${token}` } },
    resources,
  });
}

describe("subscribing to Procore's changes", () => {
  it("creates one company hook in the headgate namespace with the destination's headers and a trigger per resource and event", async () => {
    const subscription = await subscribe(["RFIs", "Observation Items", "Projects"], "first-token");
    expect(subscription.resources).toEqual(["RFIs", "Observation Items", "Projects"]);
    const hooks = (await simulatorHooks()).filter((h) => h.destination_url === receiverUrl);
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({
      id: Number(subscription.id),
      namespace: "headgate",
      api_version: "v2",
      owned_by_company_id: fixture.data.company.id,
      owned_by_project_id: null,
      destination_headers: { Authorization: "Bearer first-token" },
    });
    // Procore offers no delete event for projects.
    expect(triggersOf(hooks[0])).toEqual([
      "Observation Items:create",
      "Observation Items:delete",
      "Observation Items:update",
      "Projects:create",
      "Projects:update",
      "RFIs:create",
      "RFIs:delete",
      "RFIs:update",
    ]);
  });

  it("registering again updates the same hook: a new token, triggers added and removed, nothing duplicated", async () => {
    const before = await subscribe(["RFIs", "Observation Items"], "first-token");
    const again = await subscribe(["RFIs", "Submittals"], "second-token");
    expect(again.id).toBe(before.id);
    const hooks = (await simulatorHooks()).filter((h) => h.destination_url === receiverUrl);
    expect(hooks).toHaveLength(1);
    expect(hooks[0]?.destination_headers).toEqual({ Authorization: "Bearer second-token" });
    expect(triggersOf(hooks[0])).toEqual([
      "RFIs:create",
      "RFIs:delete",
      "RFIs:update",
      "Submittals:create",
      "Submittals:delete",
      "Submittals:update",
    ]);
  });

  it("removes the extra hooks an interrupted earlier registration left for the same destination", async () => {
    const client = fixture.connector().client;
    const url = "http://127.0.0.1:9/hooks/procore/interrupted";
    const ctx = { signal: new AbortController().signal, deadline: Date.now() + 10_000 };
    const hook = { namespace: "headgate", destination_url: url };
    for (let i = 0; i < 2; i++)
      await client.sendJson(
        client.url("/rest/v1.0/webhooks/hooks"),
        { method: "POST", body: { company_id: fixture.data.company.id, hook } },
        ctx,
      );
    const subscription = await subscribe([], "token", url);
    const left = (await simulatorHooks()).filter((h) => h.destination_url === url);
    expect(left.map((h) => String(h.id))).toEqual([subscription.id]);
  });

  it("leaves hooks for other destinations alone", async () => {
    const mine = await subscribe(["RFIs"], "token");
    const other = await subscribe([], "token", "http://127.0.0.1:9/hooks/procore/conn-2");
    expect(other.id).not.toBe(mine.id);
    const ids = (await simulatorHooks()).map((h) => String(h.id));
    expect(ids).toEqual(expect.arrayContaining([mine.id, other.id]));
  });

  it("subscribes to every resource of the connector's entity sets, and the simulator delivers their changes with the headers", async () => {
    const sets = (await fixture.connector().describe()).map((d) => d.name);
    const resources = webhookResourcesOf(sets);
    expect(resources).toEqual(
      expect.arrayContaining(["Projects", "RFIs", "Submittals", "Observation Items", "Work Order Contracts"]),
    );
    await subscribe(resources, "all-token");
    const project = fixture.data.tools.find((t) => t.rfis.length > 0)!;
    const rfi = project.rfis[0]!;
    received.length = 0;
    await fetch(`${fixture.sim.url}/_simulator/procore/projects/${project.projectId}/rfis/${rfi.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ subject: "Changed for the hook" }),
    });
    await fixture.definition.webhooks.settled();
    expect(received).toHaveLength(1);
    expect(received[0]?.headers.authorization).toBe("Bearer all-token");
    expect(parseProcoreDelivery(received[0]?.body)).toMatchObject({
      resource: "RFIs",
      event: "update",
      id: rfi.id,
      projectId: project.projectId,
    });
  });
});
