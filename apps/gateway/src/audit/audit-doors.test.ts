/**
 * Each door records itself: a query through /odata, the ChatGPT Action's /api, MCP over HTTP,
 * MCP over stdio, and the admin door's connection test each leaves an entry naming the door the
 * client reached, found again with the log's door filter.
 */
import { join } from "node:path";
import type { AuditDoor } from "@headgate/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectClient } from "../mcp/mcp-test-clients.ts";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";

const TSX = join(import.meta.dirname, "../../node_modules/.bin/tsx");
const STDIO_ENTRY = join(import.meta.dirname, "../mcp/stdio-test-entry.ts");

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway?.close());

async function mcpCall(target: Parameters<typeof connectClient>[1], args: Record<string, unknown>) {
  const client = await connectClient("v2-legacy", target);
  try {
    const answer = await client.call("query_entity_set", args);
    expect(answer.isError).toBe(false);
  } finally {
    await client.close();
  }
}

interface DoorCase {
  readonly door: AuditDoor;
  readonly how: string;
  /** Sends one query through the door; the entry it leaves has this query text. */
  readonly ask: () => Promise<void>;
  readonly query: string;
  /** The key the entry names (stdio and the CLI ask without one). */
  readonly keyName: string | null;
}

const DOORS: readonly DoorCase[] = [
  {
    door: "odata",
    how: "GET /odata/Vendors",
    ask: async () => {
      const answer = await http(`${gateway.url}/odata/Vendors?$top=1&$select=Vendor`, {
        key: gateway.acme.queryKey,
      });
      expect(answer.status).toBe(200);
    },
    query: "$select=Vendor&$top=1",
    keyName: "query",
  },
  {
    door: "action",
    how: "GET /api/entity-sets/Vendors/rows",
    ask: async () => {
      const answer = await http(`${gateway.url}/api/entity-sets/Vendors/rows?top=2&select=Vendor`, {
        key: gateway.acme.queryKey,
      });
      expect(answer.status).toBe(200);
    },
    // The page size is the Action's paging, not part of the query it records.
    query: "$select=Vendor",
    keyName: "query",
  },
  {
    door: "mcp-http",
    how: "a tool call on /mcp",
    ask: () =>
      mcpCall({ url: `${gateway.url}/mcp`, key: gateway.acme.queryKey }, { entity_set: "Vendors", top: 3 }),
    query: "$top=3",
    keyName: "query",
  },
  {
    door: "mcp-stdio",
    how: "a tool call over stdio",
    ask: () =>
      mcpCall(
        { command: TSX, args: [STDIO_ENTRY, gateway.dataDir, gateway.acme.id] },
        { entity_set: "Vendors", top: 4 },
      ),
    query: "$top=4",
    keyName: null,
  },
  {
    door: "admin",
    how: "POST /admin/connections/sage/test",
    ask: async () => {
      const answer = await http(`${gateway.url}/admin/connections/sage/test`, {
        method: "POST",
        key: gateway.acme.adminKey,
      });
      expect(answer.status).toBe(200);
      expect(answer.body.ok).toBe(true);
    },
    query: "connection test 'sage'",
    keyName: "admin",
  },
];

describe("the audit log names the door a query came through", () => {
  it.each(DOORS)(
    "$how is recorded as door $door",
    async ({ door, ask, query, keyName }) => {
      await ask();
      const log = await http(`${gateway.url}/admin/audit?door=${door}`, { key: gateway.acme.adminKey });
      expect(log.status).toBe(200);
      expect(log.body.value).toEqual([
        expect.objectContaining({ door, query, keyName, outcome: "ok", rows: expect.any(Number) }),
      ]);
      expect(log.body.value[0].rows).toBeGreaterThan(0);
    },
    30_000,
  );
});
