/**
 * headgate.yaml's `limits` reach the data doors of a gateway started from the file, defaults
 * included, and an edited file applies on reload without a restart.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type Store } from "@headgate/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningGateway, startGateway } from "../server/start-gateway.ts";
import { http } from "../testing/http.ts";

const YAML = (limits: string) => `version: 1
workspaces: [{ name: acme }]
connections:
  - name: sample
    kind: memory
${limits}`;

let dir: string;
let file: string;
let store: Store;
let gateway: RunningGateway;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "headgate-limits-"));
  file = join(dir, "headgate.yaml");
  await writeFile(file, YAML(""));
  store = await openStore({ dataDir: dir, env: {} });
  gateway = await startGateway({
    store,
    config: { kind: "file", path: file },
    host: "127.0.0.1",
    port: 0,
    logger: false,
    version: "test",
  });
});
afterAll(async () => {
  await gateway?.close();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

async function newKey(): Promise<string> {
  const workspaceId = gateway.applied().workspaces.get("acme")!;
  return (await store.apiKeys.create(workspaceId, { name: `k${Math.random()}`, scopes: ["query"] }))
    .plaintext;
}

const jobs = (key: string) => http(`${gateway.publicUrl}/odata/Jobs?$top=1`, { key });

describe("the limits of headgate.yaml", () => {
  it("apply their defaults when the file says nothing: 300 requests at once per key", async () => {
    const answer = await jobs(await newKey());
    expect(answer.status).toBe(200);
    expect(answer.headers.get("ratelimit-limit")).toBe("300");
    expect(answer.headers.get("ratelimit-remaining")).toBe("299");
  });

  it("apply what the file sets, and what an edited file sets after a reload", async () => {
    await writeFile(file, YAML("limits:\n  perKey: { requestsPerMinute: 1, burst: 1 }\n"));
    await gateway.reload();
    const key = await newKey();
    expect((await jobs(key)).status).toBe(200);
    const refused = await jobs(key);
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toContain("the per-key limit is 1 requests a minute");
    await writeFile(file, YAML("limits:\n  perKey: off\n  perWorkspace: off\n"));
    await gateway.reload();
    const unlimited = await jobs(key);
    expect(unlimited.status).toBe(200);
    expect(unlimited.headers.get("ratelimit-limit")).toBeNull();
  });
});
