/**
 * Webhook invalidation end to end: a gateway (started as `serve` starts it, with its scan cache)
 * with a Procore connection on the simulator registers its hook through the admin API; an RFI
 * changed in "Procore" is delivered to /hooks/procore/{id}, which forgets exactly that project's
 * cached list of RFIs, so the next answer shows the change for one upstream read of that list
 * while the other project stays cached. A duplicated delivery forgets nothing more.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { generateCompany, generateProcoreData, type ProcoreProjectTools } from "@headgate/demo-world";
import {
  DEFAULT_PROCORE_CREDENTIALS,
  type ProcoreSimulatorDefinition,
  procoreSimulator,
  type RunningSimulator,
  startSimulator,
} from "@headgate/simulators";
import { openStore, type Store } from "@headgate/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningGateway, startGateway } from "../server/start-gateway.ts";
import { http } from "../testing/http.ts";

let dir: string;
let store: Store;
let gateway: RunningGateway;
let simulator: RunningSimulator;
let definition: ProcoreSimulatorDefinition;
let key: string;
let connectionId: string;
let first: ProcoreProjectTools;
let second: ProcoreProjectTools;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  const data = generateProcoreData(generateCompany({ seed: 7, scale: 0.25 }));
  const busy = data.tools.filter((t) => t.rfis.length > 2);
  first = busy[0]!;
  second = busy[1]!;
  definition = procoreSimulator(data, {
    // Procore's retry schedule, in milliseconds.
    webhooks: { initialRetryDelayMs: 5, maxRetryDelayMs: 20, discardAfterMs: 100, timeoutMs: 5000 },
  });
  simulator = await startSimulator(definition);
  dir = await mkdtemp(join(tmpdir(), "headgate-webhooks-"));
  store = await openStore({ dataDir: dir, env: {} });
  const workspace = await store.workspaces.create({ name: "acme" });
  const connection = await store.connections.create(workspace.id, {
    name: "procore",
    kind: "procore",
    settings: {
      baseUrl: simulator.url,
      companyId: data.company.id,
      clientId: DEFAULT_PROCORE_CREDENTIALS.clientId,
      cache: { ttl: "1h" },
    },
    secrets: { clientSecret: DEFAULT_PROCORE_CREDENTIALS.clientSecret },
  });
  connectionId = connection.id;
  key = (await store.apiKeys.create(workspace.id, { name: "admin", scopes: ["query", "admin"] })).plaintext;
  gateway = await startGateway({
    store,
    config: { kind: "none", baseDir: dir },
    host: "127.0.0.1",
    port: 0,
    logger: { level: "info", stream: collect(logLines) },
    version: "test",
  });
});
afterAll(async () => {
  await gateway.close();
  await store.close();
  await simulator.close();
  await rm(dir, { recursive: true, force: true });
});

/** A log destination keeping each JSON line. */
function collect(lines: Record<string, unknown>[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n"))
        if (line.trim() !== "") lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
}

/** The subjects of a project's RFIs, as a client asks for them. */
async function subjects(project: ProcoreProjectTools): Promise<Map<number, string>> {
  const query = `$filter=project_id eq ${project.projectId}&$select=id,subject&$orderby=id`;
  const answer = await http(`${gateway.publicUrl}/odata/RFIs?${encodeURI(query)}`, { key });
  expect(answer.status, answer.text).toBe(200);
  return new Map(answer.body.value.map((r: { id: number; subject: string }) => [r.id, r.subject]));
}

/** Upstream API requests the simulator answered while `run` ran. */
async function upstreamRequests(run: () => Promise<unknown>): Promise<number> {
  definition.resetUsage();
  await run();
  return definition.usage().requests;
}

async function renameRfi(project: ProcoreProjectTools, rfiId: number, subject: string): Promise<void> {
  const response = await fetch(
    `${simulator.url}/_simulator/procore/projects/${project.projectId}/rfis/${rfiId}`,
    {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ subject }),
    },
  );
  expect(response.status).toBe(200);
  await definition.webhooks.settled();
}

const webhookLines = () => logLines.filter((line) => line.webhook === "procore");

describe("webhook invalidation over the Procore simulator", () => {
  let coldReadOfFirst = 0;

  it("registers the hook through the admin API", async () => {
    const answer = await http(`${gateway.publicUrl}/admin/connections/procore/webhooks`, {
      method: "POST",
      key,
    });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.url).toBe(`${gateway.publicUrl}/hooks/procore/${connectionId}`);
  });

  it("caches each project's RFIs once asked", async () => {
    // One request: the project's whole list of RFIs fits one page.
    coldReadOfFirst = await upstreamRequests(() => subjects(first));
    expect(coldReadOfFirst).toBe(1);
    await subjects(second);
    expect(await upstreamRequests(() => Promise.all([subjects(first), subjects(second)]))).toBe(0);
  });

  it("forgets exactly the changed project's RFIs when Procore announces the change", async () => {
    const rfi = first.rfis[0]!;
    await renameRfi(first, rfi.id, "Slab edge detail, revised");
    const delivered = definition.webhooks.deliveries().at(-1);
    expect(delivered).toMatchObject({ outcome: "ok", response_status: 204 });
    expect(webhookLines().at(-1)).toMatchObject({
      connection: "procore",
      connectionId,
      resource: "RFIs",
      event: "update",
      projectId: first.projectId,
      recordId: rfi.id,
      scansForgotten: 1,
    });
    // The other project is still answered from the cache; the changed one is read again, once.
    expect(await upstreamRequests(() => subjects(second))).toBe(0);
    let answered = new Map<number, string>();
    const reread = await upstreamRequests(async () => {
      answered = await subjects(first);
    });
    expect(answered.get(rfi.id)).toBe("Slab edge detail, revised");
    expect(reread).toBe(coldReadOfFirst);
    expect(await upstreamRequests(() => subjects(first))).toBe(0);
  });

  it("forgets nothing more for a duplicated delivery", async () => {
    definition.webhooks.setFaults({ duplicate: { times: 1 } });
    const rfi = first.rfis[2]!;
    const before = webhookLines().length;
    await renameRfi(first, rfi.id, "Delivered twice");
    const lines = webhookLines().slice(before);
    expect(lines.map((l) => l.scansForgotten)).toEqual([1, 0]);
    expect(lines[0]!.eventId).toBe(lines[1]!.eventId);
    let answered = new Map<number, string>();
    const reread = await upstreamRequests(async () => {
      answered = await subjects(first);
    });
    expect(answered.get(rfi.id)).toBe("Delivered twice");
    expect(reread).toBe(coldReadOfFirst);
  });

  it("propagates a deletion", async () => {
    const rfi = first.rfis[1]!;
    const response = await fetch(
      `${simulator.url}/_simulator/procore/projects/${first.projectId}/rfis/${rfi.id}`,
      { method: "DELETE" },
    );
    expect(response.status).toBe(200);
    await definition.webhooks.settled();
    expect(webhookLines().at(-1)).toMatchObject({ event: "delete", scansForgotten: 1 });
    expect((await subjects(first)).has(rfi.id)).toBe(false);
  });
});
