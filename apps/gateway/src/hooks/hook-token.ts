/**
 * The token a webhook delivery must carry for one connection: HMAC-SHA256 of the connection's id
 * under a key of its own derived from HEADGATE_SECRET_KEY (`store.deriveKey`, purpose
 * "webhook-tokens", apart from the skip-token and OAuth keys). Every replica derives the same
 * token, nothing is stored, and the token says nothing about the secret key or another
 * connection. Rotating the secret key changes every token: register the hooks again afterwards.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { Store } from "@headgate/store";

export const WEBHOOK_TOKEN_PURPOSE = "webhook-tokens";

/** The key webhook tokens are derived with. */
export function webhookTokenKey(store: Pick<Store, "deriveKey">): Buffer {
  return store.deriveKey(WEBHOOK_TOKEN_PURPOSE);
}

/** The connection's token (base64url, 43 characters), scoped to the upstream kind that sends it. */
export function webhookToken(key: Uint8Array, kind: string, connectionId: string): string {
  return createHmac("sha256", key).update(`${kind}:${connectionId}`).digest("base64url");
}

/** Whether an Authorization header carries the connection's token, compared in constant time. */
export function carriesWebhookToken(
  authorization: string | undefined,
  key: Uint8Array,
  kind: string,
  connectionId: string,
): boolean {
  const given = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "")?.[1];
  if (given === undefined) return false;
  // Digests of both make the comparison constant-time whatever the length sent.
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(webhookToken(key, kind, connectionId)));
}
