/**
 * `headgate admin keys ...`: API keys of a workspace. A created key is printed once, with the
 * warning that it cannot be shown again.
 */
import { didYouMean } from "@headgate/odata";
import { API_KEY_SCOPES, type ApiKeyScope } from "@headgate/store";
import type { ApiKeyView } from "../../admin/admin-views.ts";
import { createKey, listKeys, revokeKey } from "../../admin/keys.ts";
import { GatewayError } from "../../errors/gateway-error.ts";
import { all, single } from "./admin-arguments.ts";
import type { CommandInput } from "./command-input.ts";
import { shortInstant, textTable } from "./text-table.ts";
import { UsageError } from "./usage-error.ts";

export async function listKeysCommand({ out, workspace }: CommandInput): Promise<number> {
  const { workspace: ws, context } = await workspace();
  const keys = await listKeys(context, ws.id);
  out.result({ value: keys }, () =>
    keys.length === 0
      ? `Workspace '${ws.name}' has no API keys yet; create one with \`headgate admin keys create <name>\`.`
      : textTable(
          ["ID", "NAME", "SCOPES", "PREFIX", "CREATED", "LAST USED", "STATUS"],
          keys.map((k) => [
            k.id,
            k.name,
            k.scopes.join(","),
            `${k.prefix}...`,
            shortInstant(k.createdAt),
            shortInstant(k.lastUsedAt),
            k.revokedAt === null ? "active" : `revoked ${shortInstant(k.revokedAt)}`,
          ]),
        ),
  );
  return 0;
}

export async function createKeyCommand({ out, workspace, args }: CommandInput): Promise<number> {
  const name = single(args, "name") ?? args.positionals[0];
  if (name === undefined)
    throw new UsageError("keys create needs a name: headgate admin keys create <name>.", "--name");
  const scopes = scopesFrom(all(args, "scope"));
  const { workspace: ws, context } = await workspace();
  const created = await createKey(context, ws.id, { name, scopes });
  out.result(created, () =>
    [
      `Created API key '${created.name}' in workspace '${ws.name}' (scopes: ${created.scopes.join(", ")}).`,
      "This is the only time the key is shown; store it now:",
      "",
      `  ${created.key}`,
      "",
      "Send it as the header 'Authorization: Bearer <key>'.",
    ].join("\n"),
  );
  return 0;
}

export async function revokeKeyCommand({ out, workspace, args }: CommandInput): Promise<number> {
  const [target] = args.positionals;
  if (target === undefined) throw new UsageError("keys revoke needs the key's id or name.");
  const { workspace: ws, context } = await workspace();
  const key = chooseKey(await listKeys(context, ws.id), target);
  const revoked = await revokeKey(context, ws.id, key.id);
  out.result(revoked, () => `Revoked API key '${revoked.name}' (${revoked.id}); it stops working at once.`);
  return 0;
}

/**
 * Each scope brings the ones before it: `--scope admin` makes an admin key, which can query too;
 * `--scope operator` one that also administers the store's workspaces; no --scope a query key.
 */
function scopesFrom(given: readonly string[]): ApiKeyScope[] {
  for (const scope of given)
    if (!(API_KEY_SCOPES as readonly string[]).includes(scope))
      throw new UsageError(
        `unknown scope '${scope}'${didYouMean(scope, API_KEY_SCOPES) || `; use ${API_KEY_SCOPES.map((s) => `--scope ${s}`).join(", ")}.`}`,
        "--scope",
      );
  const widest = Math.max(0, ...given.map((scope) => API_KEY_SCOPES.indexOf(scope as ApiKeyScope)));
  return API_KEY_SCOPES.slice(0, widest + 1);
}

/** A key by id, or by the name of an active key (names are unique among active keys). */
function chooseKey(keys: readonly ApiKeyView[], target: string): ApiKeyView {
  const byId = keys.find((k) => k.id === target);
  if (byId) return byId;
  const byName = keys.filter((k) => k.name.toLowerCase() === target.toLowerCase() && k.revokedAt === null);
  if (byName[0]) return byName[0];
  throw new GatewayError(
    "NotFound",
    `No API key with id or active name '${target}' in this workspace; list them with \`headgate admin keys list\`.`,
    target,
  );
}
