import type { ProcoreProjectTools } from "@headgate/demo-world";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ErrorBody,
  type ProcoreTestServer,
  readJson,
  startProcoreTestServer,
} from "../procore-test-client.ts";
import type { Hook, Trigger } from "./hook-registry.ts";

let server: ProcoreTestServer;
let company: number;
let project: ProcoreProjectTools;
const HOOKS = "/rest/v1.0/webhooks/hooks";

beforeAll(async () => {
  server = await startProcoreTestServer();
  company = server.data.company.id;
  project = server.data.tools[0]!;
});
afterAll(() => server.close());

const hookBody = (
  hook: Record<string, unknown>,
  scope: Record<string, number> = { company_id: company },
) => ({
  ...scope,
  hook: {
    api_version: "v2",
    namespace: "headgate-test",
    destination_url: "http://127.0.0.1:9/hooks",
    ...hook,
  },
});

async function createHook(hook: Record<string, unknown> = {}, scope?: Record<string, number>): Promise<Hook> {
  const response = await server.send("POST", HOOKS, hookBody(hook, scope));
  expect(response.status).toBe(201);
  return readJson<Hook>(response);
}

describe("Procore's webhook hooks", () => {
  it("creates a company hook and lists it in its namespace, the Authorization header masked", async () => {
    const hook = await createHook({ destination_headers: { Authorization: "Bearer abcdefghij12345" } });
    expect(hook).toMatchObject({
      api_version: "v2",
      namespace: "headgate-test",
      destination_url: "http://127.0.0.1:9/hooks",
      destination_headers: { Authorization: "*****12345" },
      owned_by_company_id: company,
      owned_by_project_id: null,
    });
    expect(hook.id).toEqual(expect.any(Number));
    const listed = await server.list<Hook>(`${HOOKS}?company_id=${company}&namespace=headgate-test`);
    expect(listed).toContainEqual(hook);
    // Without a namespace Procore assumes "procore".
    expect(ids(await server.list<Hook>(`${HOOKS}?company_id=${company}`))).not.toContain(hook.id);
    const unmasked = await readJson<Hook[]>(
      await server.control("GET", "/_simulator/procore/webhooks/hooks"),
    );
    expect(unmasked.find((h) => h.id === hook.id)?.destination_headers).toEqual({
      Authorization: "Bearer abcdefghij12345",
    });
  });

  it("keeps project hooks to their project's scope", async () => {
    const hook = await createHook({}, { project_id: project.projectId });
    expect(hook).toMatchObject({ owned_by_company_id: null, owned_by_project_id: project.projectId });
    const inProject = `${HOOKS}?project_id=${project.projectId}&namespace=headgate-test`;
    expect(ids(await server.list(inProject))).toEqual([hook.id]);
    expect(ids(await server.list(`${HOOKS}?company_id=${company}&namespace=headgate-test`))).not.toContain(
      hook.id,
    );
    expect((await server.send("DELETE", `${HOOKS}/${hook.id}?company_id=${company}`)).status).toBe(404);
  });

  it("updates a hook's destination and deletes a hook with its triggers", async () => {
    const hook = await createHook();
    const patched = await server.send("PATCH", `${HOOKS}/${hook.id}`, {
      company_id: company,
      hook: { destination_url: "https://example.test/procore" },
    });
    expect(await readJson<Hook>(patched)).toMatchObject({
      id: hook.id,
      destination_url: "https://example.test/procore",
    });
    await server.send("POST", `${HOOKS}/${hook.id}/triggers`, {
      company_id: company,
      api_version: "v2",
      trigger: { resource_name: "RFIs", event_type: "update" },
    });
    const deleted = await server.send("DELETE", `${HOOKS}/${hook.id}?company_id=${company}`);
    expect(deleted.status).toBe(200);
    expect(await deleted.text()).toBe("");
    expect((await server.get(`${HOOKS}/${hook.id}/triggers?company_id=${company}`)).status).toBe(404);
  });

  it("refuses a hook without a scope, for another company, or with a bad URL or namespace", async () => {
    const cases: [Record<string, unknown>, Record<string, number>, number, RegExp][] = [
      [{}, {}, 400, /company_id or project_id/],
      [{}, { company_id: 12345 }, 403, /not connected/],
      [{}, { project_id: 999 }, 404, /not found/],
      [{ destination_url: "ftp://example.test" }, { company_id: company }, 400, /http or https/],
      [{ destination_url: undefined }, { company_id: company }, 400, /destination_url/],
      [{ namespace: "Headgate" }, { company_id: company }, 400, /namespace/],
      [{ api_version: "v9" }, { company_id: company }, 400, /api_version/],
      [{ destination_headers: { Authorization: 42 } }, { company_id: company }, 400, /strings/],
    ];
    for (const [hook, scope, status, message] of cases) {
      const response = await server.send("POST", HOOKS, hookBody(hook, scope));
      expect(response.status, JSON.stringify([hook, scope])).toBe(status);
      expect((await readJson<ErrorBody>(response)).errors).toMatch(message);
    }
  });

  it("is an API call like any other: it needs a token and spends the rate-limit budget", async () => {
    expect((await server.get(`${HOOKS}?company_id=${company}`, { authorization: undefined })).status).toBe(
      401,
    );
    const first = await server.get(`${HOOKS}?company_id=${company}`);
    const second = await server.get(`${HOOKS}?company_id=${company}`);
    expect(Number(second.headers.get("x-rate-limit-remaining"))).toBe(
      Number(first.headers.get("x-rate-limit-remaining")) - 1,
    );
  });
});

describe("Procore's webhook triggers", () => {
  it("adds, lists and deletes a hook's triggers of a resource and an event type", async () => {
    const hook = await createHook();
    const base = `${HOOKS}/${hook.id}/triggers`;
    const response = await server.send("POST", base, {
      company_id: company,
      api_version: "v2",
      trigger: { resource_name: "RFIs", event_type: "UPDATE" },
    });
    expect(response.status).toBe(201);
    const trigger = await readJson<Trigger>(response);
    expect(trigger).toEqual({
      id: expect.any(Number),
      webhook_hook_id: hook.id,
      resource_name: "RFIs",
      resource_id: null,
      event_type: "update",
      company_id: company,
      project_id: null,
      user_id: expect.any(Number),
    });
    expect(await server.list(`${base}?company_id=${company}`)).toEqual([trigger]);
    const deleted = await server.send("DELETE", `${base}/${trigger.id}?company_id=${company}`);
    expect(deleted.status).toBe(200);
    expect(await server.list(`${base}?company_id=${company}`)).toEqual([]);
  });

  it("refuses a duplicate trigger, an unknown event type, and a missing trigger object", async () => {
    const hook = await createHook();
    const base = `${HOOKS}/${hook.id}/triggers`;
    const add = (trigger?: Record<string, unknown>) =>
      server.send("POST", base, { company_id: company, api_version: "v2", trigger });
    expect((await add({ resource_name: "Submittals", event_type: "create" })).status).toBe(201);
    expect((await add({ resource_name: "Submittals", event_type: "create" })).status).toBe(422);
    const unknownType = await add({ resource_name: "Submittals", event_type: "upsert" });
    expect(unknownType.status).toBe(400);
    expect((await readJson<ErrorBody>(unknownType)).errors).toMatch(/create, update, delete/);
    expect((await add(undefined)).status).toBe(400);
    expect((await add({ event_type: "create" })).status).toBe(400);
  });
});

function ids(items: readonly { id: number }[]): number[] {
  return items.map((item) => item.id);
}
