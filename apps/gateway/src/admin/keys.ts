/**
 * API key administration, shared by the admin API and the CLI. A new key's plaintext is in the
 * answer to `createKey` and nowhere else, ever: the store keeps only its hash.
 */
import type { ApiKeyScope } from "@headgate/store";
import type { AdminContext } from "./admin-context.ts";
import { type ApiKeyView, apiKeyView } from "./admin-views.ts";

export interface NewKeyInput {
  readonly name: string;
  /** Default `["query"]`. */
  readonly scopes?: readonly ApiKeyScope[];
}

/** The new key's record, plus its plaintext `key`, shown this once. */
export interface CreatedKeyView extends ApiKeyView {
  readonly key: string;
}

export async function listKeys(context: AdminContext, workspaceId: string): Promise<ApiKeyView[]> {
  return (await context.store.apiKeys.list(workspaceId)).map(apiKeyView);
}

export async function createKey(
  context: AdminContext,
  workspaceId: string,
  input: NewKeyInput,
): Promise<CreatedKeyView> {
  const created = await context.store.apiKeys.create(workspaceId, {
    name: input.name,
    scopes: input.scopes ?? ["query"],
  });
  return { ...apiKeyView(created.apiKey), key: created.plaintext };
}

/** Revokes a key of the workspace (idempotent); a key of another workspace is not found. */
export async function revokeKey(
  context: AdminContext,
  workspaceId: string,
  keyId: string,
): Promise<ApiKeyView> {
  return apiKeyView(await context.store.apiKeys.revoke(workspaceId, keyId));
}
