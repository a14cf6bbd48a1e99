/**
 * API key administration, shared by the admin API and the CLI. A new key's plaintext is in the
 * answer to `createKey` and nowhere else, ever: the store keeps only its hash.
 *
 * A key never hands out more than it holds: it may create or revoke only keys whose scopes it
 * has itself, so a workspace admin can neither mint nor revoke an operator key. The CLI acts
 * with the store's full authority (every scope).
 */
import { API_KEY_SCOPES, type ApiKeyScope, type Store } from "@headgate/store";
import { GatewayError } from "../errors/gateway-error.ts";
import { type ApiKeyView, apiKeyView } from "./admin-views.ts";

interface KeyContext {
  readonly store: Store;
}

export interface NewKeyInput {
  readonly name: string;
  /** Default `["query"]`. */
  readonly scopes?: readonly ApiKeyScope[];
}

/** The new key's record, plus its plaintext `key`, shown this once. */
export interface CreatedKeyView extends ApiKeyView {
  readonly key: string;
}

export async function listKeys(context: KeyContext, workspaceId: string): Promise<ApiKeyView[]> {
  return (await context.store.apiKeys.list(workspaceId)).map(apiKeyView);
}

/** `held`: the scopes of the key asking (all of them for the CLI). */
export async function createKey(
  context: KeyContext,
  workspaceId: string,
  input: NewKeyInput,
  held: readonly ApiKeyScope[] = API_KEY_SCOPES,
): Promise<CreatedKeyView> {
  const scopes = input.scopes ?? ["query"];
  assertHeld(held, scopes, "create");
  const created = await context.store.apiKeys.create(workspaceId, { name: input.name, scopes });
  return { ...apiKeyView(created.apiKey), key: created.plaintext };
}

/** Revokes a key of the workspace (idempotent); a key of another workspace is not found. */
export async function revokeKey(
  context: KeyContext,
  workspaceId: string,
  keyId: string,
  held: readonly ApiKeyScope[] = API_KEY_SCOPES,
): Promise<ApiKeyView> {
  assertHeld(held, (await context.store.apiKeys.get(workspaceId, keyId)).scopes, "revoke");
  return apiKeyView(await context.store.apiKeys.revoke(workspaceId, keyId));
}

function assertHeld(held: readonly ApiKeyScope[], wanted: readonly unknown[], action: string): void {
  const missing = wanted.filter((scope) => !(held as readonly unknown[]).includes(scope));
  if (missing.length === 0) return;
  throw new GatewayError(
    "Forbidden",
    `This API key cannot ${action} a key with the scope${missing.length === 1 ? "" : "s"} ${missing.map((s) => `'${String(s)}'`).join(", ")}: a key may only ${action} keys whose scopes it has itself. An operator key (HEADGATE_API_KEY, or \`headgate admin keys create <name> --scope operator\`) can.`,
    "scopes",
  );
}
