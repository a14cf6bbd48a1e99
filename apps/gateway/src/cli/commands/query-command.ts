/**
 * `headgate query|explain|metadata`: the engine of one workspace, from the terminal, with the
 * same answers the doors give (OData JSON, the explain plan, CSDL).
 */
import { parseArgs } from "node:util";
import { renderCsdlJson, renderCsdlXml } from "@headgate/model";
import { ODataError } from "@headgate/odata";
import { openLocalWorkspace } from "../local-workspace.ts";
import { runQueryText } from "../run-query-text.ts";
import type { CliIo } from "./cli-io.ts";

export async function runQueryCommand(
  command: "query" | "explain" | "metadata",
  args: readonly string[],
  io: CliIo,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: { workspace: { type: "string" }, json: { type: "boolean" } },
    allowPositionals: true,
  });
  const text = positionals.join(" ").trim();
  if (command !== "metadata" && text === "") {
    io.stderr.write(
      `headgate ${command}: give the query text, e.g. headgate ${command} "Jobs?$top=3" --workspace demo\n`,
    );
    return 2;
  }
  const local = await openLocalWorkspace(io.env, values.workspace, io.cwd);
  try {
    const engine = await local.engines.engine(local.principal.workspaceId);
    if (command === "metadata") {
      io.stdout.write(
        values.json
          ? `${JSON.stringify(renderCsdlJson(engine.model), null, 2)}\n`
          : `${renderCsdlXml(engine.model)}\n`,
      );
      return 0;
    }
    const target = command === "explain" ? text.replace(/^([^?]*)/, "$1/$explain") : text;
    const answer = await runQueryText(engine, target);
    io.stdout.write(`${JSON.stringify(answer.body, null, 2)}\n`);
    return answer.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof ODataError) {
      io.stderr.write(`${JSON.stringify(error.toJSON(), null, 2)}\n`);
      return 1;
    }
    throw error;
  } finally {
    await local.close();
  }
}
