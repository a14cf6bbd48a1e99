/**
 * `headgate mcp [--workspace W]`: the MCP server on stdio for one workspace of the local store,
 * for Claude Desktop, Claude Code and Cursor. stdout belongs to the protocol; everything else
 * goes to stderr. The workspace is --workspace, else HEADGATE_API_KEY's, else `default`.
 */
import { parseArgs } from "node:util";
import { runMcpStdio } from "../../mcp/run-stdio.ts";
import { HEADGATE_VERSION } from "../../version.ts";
import { openLocalWorkspace } from "../local-workspace.ts";
import type { CliIo } from "./cli-io.ts";

export async function runMcpCommand(args: readonly string[], io: CliIo): Promise<number | undefined> {
  const { values } = parseArgs({ args: [...args], options: { workspace: { type: "string" } } });
  const local = await openLocalWorkspace(io.env, values.workspace, io.cwd);
  const publicUrl = io.env.HEADGATE_PUBLIC_URL?.replace(/\/+$/, "");
  const handle = runMcpStdio({
    store: local.store,
    engines: local.engines,
    principal: local.principal,
    version: HEADGATE_VERSION,
    ...(publicUrl ? { odataRoot: `${publicUrl}/odata` } : {}),
  });
  io.stderr.write(`headgate mcp: serving workspace '${local.workspaceName}' on stdio\n`);
  process.stdin.on("end", () => {
    void handle
      .close()
      .then(() => local.close())
      .finally(() => process.exit(0));
  });
  return undefined;
}
