/**
 * Registering a connection's webhook through the admin API, against the Procore simulator's
 * Webhooks API, and the destination an admin can enter by hand instead.
 */
import { generateCompany, generateProcoreData } from "@headgate/demo-world";
import {
  DEFAULT_PROCORE_CREDENTIALS,
  procoreSimulator,
  type RunningSimulator,
  startSimulator,
  type WebhookHook,
  type WebhookTrigger,
} from "@headgate/simulators";
import type { Connection } from "@headgate/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookToken, webhookTokenKey } from "../hooks/hook-token.ts";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";

let gateway: TestGateway;
let simulator: RunningSimulator;
let procore: Connection;

beforeAll(async () => {
  const data = generateProcoreData(generateCompany({ seed: 7, scale: 0.25 }));
  simulator = await startSimulator(procoreSimulator(data));
  gateway = await startTestGateway({ context: { publicUrl: "https://data.example.com" } });
  procore = await gateway.store.connections.create(gateway.acme.id, {
    name: "procore",
    kind: "procore",
    settings: {
      baseUrl: simulator.url,
      companyId: data.company.id,
      clientId: DEFAULT_PROCORE_CREDENTIALS.clientId,
    },
    secrets: { clientSecret: DEFAULT_PROCORE_CREDENTIALS.clientSecret },
  });
  gateway.engines.invalidate(gateway.acme.id);
});
afterAll(async () => {
  await gateway.close();
  await simulator.close();
});

const call = (path: string, init: { method?: string; key?: string } = {}) =>
  http(`${gateway.url}/admin${path}`, { key: gateway.acme.adminKey, ...init });

type HookWithTriggers = WebhookHook & { readonly triggers: readonly WebhookTrigger[] };

async function simulatorHooks(): Promise<HookWithTriggers[]> {
  return (await (
    await fetch(`${simulator.url}/_simulator/procore/webhooks/hooks`)
  ).json()) as HookWithTriggers[];
}

describe("admin API: a connection's webhook", () => {
  it("registers one Procore hook delivering to /hooks/procore/{connection id} with the connection's token, and never answers the token", async () => {
    const answer = await call("/connections/procore/webhooks", { method: "POST" });
    expect(answer.status).toBe(200);
    const url = `https://data.example.com/hooks/procore/${procore.id}`;
    expect(answer.body).toEqual({
      connection: "procore",
      subscriptionId: expect.any(String),
      url,
      resources: expect.arrayContaining(["Projects", "RFIs", "Submittals", "Observation Items"]),
    });
    const token = webhookToken(webhookTokenKey(gateway.store), "procore", procore.id);
    expect(answer.text).not.toContain(token);
    const hooks = (await simulatorHooks()).filter((h) => h.destination_url === url);
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({
      id: Number(answer.body.subscriptionId),
      namespace: "headgate",
      destination_headers: { Authorization: `Bearer ${token}` },
    });
    expect(hooks[0]!.triggers.map((t) => `${t.resource_name}:${t.event_type}`)).toEqual(
      expect.arrayContaining(["RFIs:create", "RFIs:update", "RFIs:delete"]),
    );
  });

  it("registering again keeps the one hook", async () => {
    const first = await call("/connections/procore/webhooks", { method: "POST" });
    const again = await call(`/connections/${procore.id}/webhooks`, { method: "POST" });
    expect(again.status).toBe(200);
    expect(again.body.subscriptionId).toBe(first.body.subscriptionId);
    const url = `https://data.example.com/hooks/procore/${procore.id}`;
    expect((await simulatorHooks()).filter((h) => h.destination_url === url)).toHaveLength(1);
  });

  it("shows the destination to enter by hand in Procore: the URL and the Authorization header", async () => {
    const answer = await call("/connections/procore/webhooks/destination");
    expect(answer.status).toBe(200);
    const token = webhookToken(webhookTokenKey(gateway.store), "procore", procore.id);
    expect(answer.body).toEqual({
      connection: "procore",
      url: `https://data.example.com/hooks/procore/${procore.id}`,
      headers: { Authorization: `Bearer ${token}` },
    });
  });

  it("answers 501 for a connection kind whose upstream has no webhooks, saying so", async () => {
    for (const path of ["/connections/sage/webhooks", "/connections/sage/webhooks/destination"]) {
      const answer = await call(path, { method: path.endsWith("destination") ? "GET" : "POST" });
      expect(answer.status).toBe(501);
      expect(answer.body.error.message).toContain(
        "Connection 'sage' (kind sage300) cannot announce its changes: Headgate receives webhooks from procore connections only. Its cached scans expire with their TTL.",
      );
    }
  });

  it("answers 404 for an unknown connection, and needs an admin key", async () => {
    expect((await call("/connections/nope/webhooks", { method: "POST" })).status).toBe(404);
    const asQuery = await call("/connections/procore/webhooks", {
      method: "POST",
      key: gateway.acme.queryKey,
    });
    expect(asQuery.status).toBe(403);
    const otherWorkspace = await call("/connections/procore/webhooks", {
      method: "POST",
      key: gateway.other.adminKey,
    });
    expect(otherWorkspace.status).toBe(404);
  });
});
