/**
 * A stdio MCP server over a test gateway's store, for tests and the benchmark until the
 * `headgate mcp` CLI command is wired: `tsx stdio-test-entry.ts <dataDir> <workspaceId>`.
 * It opens the same SQLite store the test gateway created and serves as that workspace. With
 * HEADGATE_TEST_STORE_FAILURE set, the store's connection list fails with that message.
 */
import { randomBytes } from "node:crypto";
import { openStore } from "@headgate/store";
import { storeFailingConnections } from "../testing/failing-store.ts";
import { WorkspaceEngines } from "../workspaces/workspace-engines.ts";
import { runMcpStdio, stderrLogger } from "./run-stdio.ts";

const [dataDir, workspaceId, maxResultTokens] = process.argv.slice(2);
if (!dataDir || !workspaceId) {
  process.stderr.write("usage: stdio-test-entry.ts <dataDir> <workspaceId> [maxResultTokens]\n");
  process.exit(2);
}
const opened = await openStore({ dataDir });
const failure = process.env.HEADGATE_TEST_STORE_FAILURE;
const store = failure ? storeFailingConnections(opened, new Error(failure)) : opened;
const engines = new WorkspaceEngines({
  store,
  skipTokenSecret: randomBytes(32),
  limits: { maxPageSize: 200, timeoutMs: 30_000 },
  baseDir: dataDir,
  log: stderrLogger,
  drainMs: 0,
});
const handle = runMcpStdio({
  store,
  engines,
  principal: { workspaceId, keyId: null, scopes: ["query"] },
  odataRoot: "https://headgate.test/odata",
  ...(maxResultTokens ? { maxResultTokens: Number(maxResultTokens) } : {}),
});
process.stdin.on("end", async () => {
  await handle.close();
  await engines.close();
  await store.close();
});
