/** `headgate mcp [--workspace W]`: the MCP server on stdio for one workspace. */
import { parseArgs } from "node:util";
import type { CliIo } from "./cli-io.ts";

export async function runMcpCommand(args: readonly string[], io: CliIo): Promise<number | undefined> {
  parseArgs({ args: [...args], options: { workspace: { type: "string" } } });
  io.stderr.write("headgate mcp: the stdio MCP server is being wired in (issue 7).\n");
  return 1;
}
