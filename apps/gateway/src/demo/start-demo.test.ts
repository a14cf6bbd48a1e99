import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CacheUnavailableError } from "@headgate/cache";
import { testRedisUrl } from "@headgate/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAdminCommand } from "../cli/admin/run-admin-command.ts";
import { http } from "../testing/http.ts";
import { DEMO_ACTION_PATH, DEMO_MCP_CALL } from "./demo-banner.ts";
import { DEMO_ADMIN_KEY_FILE, DEMO_QUERY_KEY_FILE } from "./demo-key.ts";
import { type RunningDemo, startDemo } from "./start-demo.ts";

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "headgate-demo-"));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

async function withDemo(
  apiKey: string | undefined,
  check: (demo: RunningDemo) => Promise<void>,
): Promise<void> {
  const demo = await startDemo({
    dataDir,
    host: "127.0.0.1",
    port: 0,
    version: "test",
    ...(apiKey ? { apiKey } : {}),
  });
  try {
    await check(demo);
  } finally {
    await demo.close();
  }
}

describe("the demo (pnpm start)", () => {
  let first: RunningDemo["keys"] | undefined;

  it("starts the upstreams and the gateway, and prints where everything is", async () => {
    await withDemo(undefined, async (demo) => {
      first = demo.keys;
      for (const part of ["/odata", "/openapi.json", "/mcp", "headgate mcp", "Jobs", "JobCostTransactions"])
        expect(demo.banner).toContain(part);
      const action = await http(`${demo.publicUrl}${DEMO_ACTION_PATH}`, { key: demo.queryKey });
      expect(action.status).toBe(200);
      expect(action.body.rows).toHaveLength(5);
      const mcp = await http(`${demo.publicUrl}/mcp`, {
        key: demo.queryKey,
        json: DEMO_MCP_CALL,
        headers: { accept: "application/json, text/event-stream" },
      });
      expect(mcp.status).toBe(200);
      expect(mcp.text).toContain('"Job":');
      expect(mcp.text).not.toContain('"isError":true');
    });
  });

  it("hands assistants a query key and labels the admin key as one never to paste into them", async () => {
    await withDemo(undefined, async (demo) => {
      expect(demo.queryKey).not.toBe(demo.adminKey);
      const lineOf = (key: string) => demo.banner.split("\n").find((line) => line.includes(key)) ?? "";
      expect(lineOf(demo.queryKey)).toMatch(/^\s*Query key\b/);
      expect(lineOf(demo.adminKey)).toMatch(/^\s*Admin key\b/);
      expect(demo.banner).toMatch(/Admin key.*\n.*never paste it into an assistant/);
      // Every request the banner invites pasting (as ChatGPT, as an MCP client) uses the query key.
      const requests = demo.banner.slice(demo.banner.indexOf("Ask like ChatGPT"));
      expect(requests).toContain(demo.queryKey);
      expect(requests).not.toContain(demo.adminKey);
      // The query key reads data and cannot manage the gateway; the admin key can.
      expect((await http(`${demo.publicUrl}/admin/keys`, { key: demo.queryKey })).status).toBe(403);
      const keys = await http(`${demo.publicUrl}/admin/keys`, { key: demo.adminKey });
      expect(keys.status).toBe(200);
      const active = keys.body.value.filter((k: { revokedAt?: string | null }) => !k.revokedAt);
      expect(active.map((k: { scopes: string[] }) => k.scopes).sort()).toEqual([
        ["query"],
        ["query", "admin"],
      ]);
    });
  });

  it("keeps both keys across restarts in owner-only files, so clients stay configured", async () => {
    await withDemo(undefined, async (demo) => {
      expect([demo.queryKey, demo.adminKey]).toEqual([first?.query.key, first?.admin.key]);
      expect([demo.keys.query.source, demo.keys.admin.source]).toEqual(["kept", "kept"]);
      for (const [name, key] of [
        [DEMO_QUERY_KEY_FILE, demo.queryKey],
        [DEMO_ADMIN_KEY_FILE, demo.adminKey],
      ] as const) {
        const file = join(dataDir, name);
        expect((await readFile(file, "utf8")).trim()).toBe(key);
        expect((await stat(file)).mode & 0o777).toBe(0o600);
      }
      expect((await http(`${demo.publicUrl}${DEMO_ACTION_PATH}`, { key: demo.queryKey })).status).toBe(200);
    });
  });

  it("refuses changes to the demo workspace the same way at the admin API and the CLI, saying why", async () => {
    await withDemo(undefined, async (demo) => {
      const reason =
        "Workspace 'demo' is managed by the demo's built-in configuration (pnpm start), which the gateway applies again at every start";
      const api = await http(`${demo.publicUrl}/admin/connections`, {
        key: demo.adminKey,
        json: { name: "mine", kind: "memory" },
      });
      expect(api.status).toBe(409);
      expect(api.body.error.message).toContain(reason);
      let stderr = "";
      const code = await runAdminCommand(
        ["connections", "add", "--workspace", "demo", "--name", "mine", "--kind", "memory"],
        {
          stdout: { write: () => true },
          stderr: { write: (text: string) => (stderr += text) },
          env: { HEADGATE_DATA_DIR: dataDir },
          cwd: dataDir,
        },
      );
      expect(code).toBe(1);
      expect(stderr).toContain(reason);
      const listed = await http(`${demo.publicUrl}/admin/connections`, { key: demo.adminKey });
      expect(listed.body.value.map((c: { name: string }) => c.name)).toEqual(["procore", "sage"]);
    });
  });

  it("creates its data directory owner-only, so the store has nothing to warn about", async () => {
    const parent = await mkdtemp(join(tmpdir(), "headgate-demo-fresh-"));
    try {
      const fresh = join(parent, "nested", ".headgate");
      const demo = await startDemo({ dataDir: fresh, host: "127.0.0.1", port: 0, version: "test" });
      try {
        expect((await stat(fresh)).mode & 0o777).toBe(0o700);
        expect(demo.store.warnings).toEqual([]);
      } finally {
        await demo.close();
      }
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });

  it("keeps the one key of an earlier version as the admin key", async () => {
    const earlierDir = await mkdtemp(join(tmpdir(), "headgate-demo-earlier-"));
    try {
      const earlierKey = `hg_demo_${"e".repeat(32)}`;
      await writeFile(join(earlierDir, "demo-api-key"), `${earlierKey}\n`, { mode: 0o600 });
      const demo = await startDemo({ dataDir: earlierDir, host: "127.0.0.1", port: 0, version: "test" });
      try {
        expect(demo.adminKey).toBe(earlierKey);
        expect((await http(`${demo.publicUrl}/admin/keys`, { key: earlierKey })).status).toBe(200);
        expect((await readFile(join(earlierDir, DEMO_ADMIN_KEY_FILE), "utf8")).trim()).toBe(earlierKey);
      } finally {
        await demo.close();
      }
    } finally {
      await rm(earlierDir, { recursive: true, force: true });
    }
  });

  it("takes the admin key from HEADGATE_API_KEY when given, and keeps the query key", async () => {
    await withDemo("my-own-demo-key-0123456789", async (demo) => {
      expect(demo.adminKey).toBe("my-own-demo-key-0123456789");
      expect(demo.queryKey).toBe(first?.query.key);
      expect(demo.banner).toMatch(/Admin key\s+my-own-demo-key-0123456789\s+\(from HEADGATE_API_KEY\)/);
      expect((await http(`${demo.publicUrl}/admin/keys`, { key: "my-own-demo-key-0123456789" })).status).toBe(
        200,
      );
    });
  });

  it("keeps its cache in memory unless REDIS_URL is given, then on Redis as serve does", async () => {
    const base = { dataDir, host: "127.0.0.1", port: 0, version: "test" };
    const inMemory = await startDemo(base);
    await inMemory.close();
    expect(inMemory.cache.kind).toBe("memory");
    const onRedis = await startDemo({ ...base, redisUrl: testRedisUrl() });
    try {
      expect(onRedis.cache.kind).toBe("redis");
      await expect(onRedis.cache.ping()).resolves.toBeUndefined();
    } finally {
      await onRedis.close();
    }
  });

  it("refuses to start when REDIS_URL does not answer", async () => {
    const starting = startDemo({
      dataDir,
      host: "127.0.0.1",
      port: 0,
      version: "test",
      redisUrl: testRedisUrl({ port: 1 }),
    });
    await expect(starting).rejects.toThrow(CacheUnavailableError);
  });
});
