import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseConfig } from "@headgate/config";
import { openStore, type Store } from "@headgate/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http } from "../testing/http.ts";
import { type RunningGateway, startGateway } from "./start-gateway.ts";

const YAML = (extra = "") => `version: 1
workspaces:
  - name: acme
connections:
  - name: sample
    workspace: acme
    kind: memory
    settings:
      dataset: sample
${extra}`;
const WITH_SECOND = YAML(`  - name: archive
    workspace: acme
    kind: memory
    settings:
      dataset: sample
      entitySetPrefix: Archive_
`);

let dir: string;
let file: string;
let store: Store;
let gateway: RunningGateway;
let key: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "headgate-start-"));
  file = join(dir, "headgate.yaml");
  await writeFile(file, YAML());
  store = await openStore({ dataDir: dir, env: {} });
  gateway = await startGateway({
    store,
    config: { kind: "file", path: file },
    host: "127.0.0.1",
    port: 0,
    logger: false,
    version: "test",
  });
  const workspaceId = gateway.applied().workspaces.get("acme")!;
  key = (await store.apiKeys.create(workspaceId, { name: "admin", scopes: ["query", "admin"] })).plaintext;
});
afterAll(async () => {
  await gateway.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function entitySets(): Promise<string[]> {
  const runtime = await gateway.engines.runtime(gateway.applied().workspaces.get("acme")!);
  return runtime.engine.model.entitySets.map((s) => s.name);
}

describe("starting a gateway from headgate.yaml", () => {
  it("applies the file at start-up and serves on the public URL it derived", async () => {
    expect(await entitySets()).toEqual(["Jobs", "Rfis"]);
    expect(gateway.publicUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await http(`${gateway.publicUrl}/healthz`)).status).toBe(200);
  });

  it("marks the declared workspace as managed by the file", async () => {
    const answer = await http(`${gateway.publicUrl}/admin/connections`, {
      key,
      json: { name: "x", kind: "memory" },
    });
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe("ManagedByConfig");
  });

  it("applies an edited file without a restart", async () => {
    await writeFile(file, WITH_SECOND);
    // The watcher reloads on its own; poll rather than sleep a fixed time.
    for (let i = 0; i < 100 && !(await entitySets()).includes("Archive_Jobs"); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect((await entitySets()).sort()).toEqual(["Archive_Jobs", "Archive_Rfis", "Jobs", "Rfis"]);
  });

  it("keeps the configuration in force when the edited file is broken", async () => {
    await writeFile(file, "version: 1\nconnections:\n  - name: sample\n    kind: nonsense\n");
    await gateway.reload();
    expect((await entitySets()).sort()).toEqual(["Archive_Jobs", "Archive_Rfis", "Jobs", "Rfis"]);
    await writeFile(file, YAML());
    await gateway.reload();
    expect(await entitySets()).toEqual(["Jobs", "Rfis"]);
  });
});

describe("headgate.example.yaml", () => {
  it("is a valid configuration", () => {
    const path = fileURLToPath(new URL("../../../../headgate.example.yaml", import.meta.url));
    const config = parseConfig(readFileSync(path, "utf8"), {
      file: "headgate.example.yaml",
      env: { SAGE_DB_PASSWORD: "x" },
    });
    expect(config.connections.map((c) => c.name)).toEqual(["sage", "warehouse"]);
  });
});
