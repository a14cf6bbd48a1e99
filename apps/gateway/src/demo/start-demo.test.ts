import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http } from "../testing/http.ts";
import { DEMO_ACTION_PATH, DEMO_MCP_CALL } from "./demo-banner.ts";
import { DEMO_KEY_FILE } from "./demo-key.ts";
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
  let firstKey = "";

  it("starts the upstreams and the gateway, and prints where everything is with a working key", async () => {
    await withDemo(undefined, async (demo) => {
      firstKey = demo.apiKey;
      for (const part of [
        "/odata",
        "/openapi.json",
        "/mcp",
        "headgate mcp",
        demo.apiKey,
        "Jobs",
        "JobCostTransactions",
      ])
        expect(demo.banner).toContain(part);
      const keys = await http(`${demo.publicUrl}/admin/keys`, { key: demo.apiKey });
      expect(keys.status).toBe(200);
      const action = await http(`${demo.publicUrl}${DEMO_ACTION_PATH}`, { key: demo.apiKey });
      expect(action.status).toBe(200);
      expect(action.body.rows).toHaveLength(5);
      const mcp = await http(`${demo.publicUrl}/mcp`, {
        key: demo.apiKey,
        json: DEMO_MCP_CALL,
        headers: { accept: "application/json, text/event-stream" },
      });
      expect(mcp.status).toBe(200);
      expect(mcp.text).toContain('"Job":');
      expect(mcp.text).not.toContain('"isError":true');
      const file = join(dataDir, DEMO_KEY_FILE);
      expect((await readFile(file, "utf8")).trim()).toBe(demo.apiKey);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    });
  });

  it("keeps the same key across restarts, so clients stay configured", async () => {
    await withDemo(undefined, async (demo) => {
      expect(demo.apiKey).toBe(firstKey);
      expect((await http(`${demo.publicUrl}/admin/keys`, { key: firstKey })).status).toBe(200);
    });
  });

  it("uses HEADGATE_API_KEY instead when given", async () => {
    await withDemo("my-own-demo-key-0123456789", async (demo) => {
      expect(demo.apiKey).toBe("my-own-demo-key-0123456789");
      expect(demo.banner).toContain("(from HEADGATE_API_KEY)");
      expect((await http(`${demo.publicUrl}/admin/keys`, { key: "my-own-demo-key-0123456789" })).status).toBe(
        200,
      );
    });
  });
});
