/** `headgate admin audit`: the newest audit entries, with the command for the next page. */
import { listAudit } from "../../admin/audit.ts";
import { single } from "./admin-arguments.ts";
import type { CommandInput } from "./command-input.ts";
import { clip, shortInstant, textTable } from "./text-table.ts";
import { UsageError } from "./usage-error.ts";

export async function auditCommand({ out, workspace, args }: CommandInput): Promise<number> {
  if (args.positionals.length > 0)
    throw new UsageError(`audit takes no arguments; found '${args.positionals[0]}'.`);
  const limitText = single(args, "limit");
  const limit = limitText === undefined ? undefined : Number(limitText);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 1000))
    throw new UsageError("--limit must be a whole number from 1 to 1000.", "--limit");
  const before = single(args, "before");
  const door = single(args, "door");
  const { workspace: ws, context } = await workspace();
  const page = await listAudit(context, ws.id, {
    ...(limit === undefined ? {} : { limit }),
    ...(before === undefined ? {} : { before }),
    ...(door === undefined ? {} : { door }),
  });
  out.result(page, () => {
    if (page.value.length === 0)
      return `No audit entries${door ? ` of door ${door}` : ""}${before ? " before that point" : ""} in workspace '${ws.name}'.`;
    const table = textTable(
      ["AT", "DOOR", "KEY", "OUTCOME", "ROWS", "MS", "QUERY"],
      page.value.map((e) => [
        shortInstant(e.at),
        e.door,
        e.keyName ?? e.keyId ?? "(local)",
        e.outcome === "ok" ? "ok" : `error ${e.errorCode ?? ""}`.trim(),
        String(e.rows),
        String(e.durationMs),
        clip(e.query, 80),
      ]),
    );
    return page.next === undefined
      ? table
      : `${table}\n\nOlder entries: headgate admin audit${door ? ` --door ${door}` : ""} --before ${page.next}`;
  });
  return 0;
}
