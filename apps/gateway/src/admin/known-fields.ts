/**
 * Request bodies with a misspelt field ("secret" for "secrets") are refused, not silently
 * trimmed: the admin would otherwise believe a setting was applied. Fastify's validator drops
 * unknown fields when a schema forbids them, so the admin routes check here instead.
 */
import { didYouMean } from "@headgate/odata";
import { GatewayError } from "../errors/gateway-error.ts";

export function assertKnownFields(body: object, allowed: readonly string[]): void {
  for (const field of Object.keys(body)) {
    if (allowed.includes(field)) continue;
    throw new GatewayError(
      "InvalidRequest",
      `unknown field '${field}'${didYouMean(field, allowed) || `; the fields are ${allowed.join(", ")}.`}`,
      field,
    );
  }
}
