/**
 * POST /hooks/procore/{connectionId} on a real gateway with a Procore connection on the
 * simulator: who may deliver, what is a delivery, and the answer Procore gets.
 */
import { randomUUID } from "node:crypto";
import { generateCompany, generateProcoreData } from "@headgate/demo-world";
import {
  DEFAULT_PROCORE_CREDENTIALS,
  procoreSimulator,
  type RunningSimulator,
  startSimulator,
} from "@headgate/simulators";
import type { Connection } from "@headgate/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";
import { webhookToken, webhookTokenKey } from "./hook-token.ts";

let gateway: TestGateway;
let simulator: RunningSimulator;
let procore: Connection;
let companyId: number;

beforeAll(async () => {
  const data = generateProcoreData(generateCompany({ seed: 7, scale: 0.25 }));
  companyId = data.company.id;
  simulator = await startSimulator(procoreSimulator(data));
  gateway = await startTestGateway();
  procore = await gateway.store.connections.create(gateway.acme.id, {
    name: "procore",
    kind: "procore",
    settings: { baseUrl: simulator.url, companyId, clientId: DEFAULT_PROCORE_CREDENTIALS.clientId },
    secrets: { clientSecret: DEFAULT_PROCORE_CREDENTIALS.clientSecret },
  });
  gateway.engines.invalidate(gateway.acme.id);
});
afterAll(async () => {
  await gateway.close();
  await simulator.close();
});

const tokenOf = (connectionId: string) =>
  webhookToken(webhookTokenKey(gateway.store), "procore", connectionId);

/** A v2.0 delivery, as Procore sends it. */
const delivery = (fields: Record<string, unknown> = {}) => ({
  id: 900000001,
  ulid: "01JNMX3Q9V6W2T8K4R0P5S7YZA",
  timestamp: "2026-03-02T09:00:00.000Z",
  user_id: 42,
  company_id: companyId,
  project_id: 7001,
  api_version: "v2.0",
  event_type: "update",
  resource_name: "RFIs",
  resource_id: 512,
  ...fields,
});

function deliver(connectionId: string, body: unknown, authorization?: string) {
  return http(`${gateway.url}/hooks/procore/${connectionId}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(authorization === undefined ? {} : { authorization }),
    },
    ...(typeof body === "string" ? {} : { json: body }),
  });
}

describe("a Procore webhook delivery", () => {
  it("is accepted with 204 when it carries the connection's token", async () => {
    const answer = await deliver(procore.id, delivery(), `Bearer ${tokenOf(procore.id)}`);
    expect(answer.status).toBe(204);
    expect(answer.text).toBe("");
  });

  it("is accepted in payload format v4.0 too, and for a resource the connection does not expose", async () => {
    const bearer = `Bearer ${tokenOf(procore.id)}`;
    const v4 = {
      id: "01JNMX3Q9V6W2T8K4R0P5S7YZA",
      reason: "delete",
      company_id: String(companyId),
      project_id: "7001",
      resource_type: "Observation Items",
      resource_id: "513",
    };
    expect((await deliver(procore.id, v4, bearer)).status).toBe(204);
    const other = delivery({ resource_name: "Timecard Entries" });
    expect((await deliver(procore.id, other, bearer)).status).toBe(204);
  });

  it("is refused with 401 without the token, with a wrong one, or with another connection's", async () => {
    for (const authorization of [
      undefined,
      "Bearer nope",
      `Bearer ${tokenOf(randomUUID())}`,
      tokenOf(procore.id),
    ]) {
      const answer = await deliver(procore.id, delivery(), authorization);
      expect(answer.status, String(authorization)).toBe(401);
      expect(answer.body.error.code).toBe("Unauthorized");
    }
  });

  it("is refused with 401 before its body is read", async () => {
    const answer = await http(`${gateway.url}/hooks/procore/${procore.id}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      json: undefined,
    });
    expect(answer.status).toBe(401);
  });

  it("is answered 404 for a connection that does not exist or is not a Procore one", async () => {
    const missing = randomUUID();
    const answer = await deliver(missing, delivery(), `Bearer ${tokenOf(missing)}`);
    expect(answer.status).toBe(404);
    expect(answer.body.error.message).toContain("No Procore connection has this id");
    const sage = await gateway.store.connections.findByName(gateway.acme.id, "sage");
    expect((await deliver(sage!.id, delivery(), `Bearer ${tokenOf(sage!.id)}`)).status).toBe(404);
    expect((await deliver("procore", delivery(), `Bearer ${tokenOf("procore")}`)).status).toBe(404);
  });

  it("is refused with 400 when the body is not a delivery, saying why", async () => {
    const bearer = `Bearer ${tokenOf(procore.id)}`;
    const answer = await deliver(procore.id, { hello: "world" }, bearer);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(
      /^Not a Procore webhook delivery: the body is not a Procore webhook delivery/,
    );
    const v5 = await deliver(procore.id, delivery({ api_version: "v5.0" }), bearer);
    expect(v5.status).toBe(400);
    expect(v5.body.error.message).toContain('api_version "v5.0" is not a payload format Headgate reads');
    const broken = await fetch(`${gateway.url}/hooks/procore/${procore.id}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: bearer },
      body: "{not json",
    });
    expect(broken.status).toBe(400);
  });
});
