/**
 * Bearer API-key authentication as a Fastify hook. Bodies of 401/403 say exactly what is wrong
 * (no header, not a bearer header, unknown or revoked key, missing scope) and never echo the key.
 */

import type { ApiKeyScope, Store } from "@headgate/store";
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from "fastify";
import { GatewayError } from "../errors/gateway-error.ts";
import type { Principal } from "./principal.ts";

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** Resolves the principal of `request`, or throws the 401 it deserves. */
export async function authenticate(store: Store, authorization: string | undefined): Promise<Principal> {
  if (authorization === undefined || authorization.trim() === "") {
    throw new GatewayError(
      "Unauthorized",
      "This endpoint needs an API key: send the header 'Authorization: Bearer <key>'. An admin creates one with `headgate admin keys create <name>` or POST /admin/keys.",
      "Authorization",
    );
  }
  const key = bearerTokenOf(authorization);
  if (key === undefined) {
    throw new GatewayError(
      "Unauthorized",
      "The Authorization header must have the form 'Bearer <key>' (the key starts with 'hg_').",
      "Authorization",
    );
  }
  const principal = await store.apiKeys.authenticate(key);
  if (principal === null) {
    throw new GatewayError(
      "Unauthorized",
      "The API key is not valid: it is unknown or has been revoked. Ask an admin for a current key.",
      "Authorization",
    );
  }
  return { workspaceId: principal.workspaceId, keyId: principal.keyId, scopes: principal.scopes };
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerTokenOf(authorization: string | undefined): string | undefined {
  return authorization === undefined ? undefined : (BEARER.exec(authorization)?.[1] ?? undefined);
}

/** A preHandler that admits requests whose key carries `scope`. */
export function requireApiKey(store: Store, scope: ApiKeyScope): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      request.principal = await authenticate(store, request.headers.authorization);
    } catch (error) {
      if (error instanceof GatewayError && error.code === "Unauthorized")
        reply.header("WWW-Authenticate", 'Bearer realm="headgate"');
      throw error;
    }
    if (!request.principal.scopes.includes(scope)) {
      throw new GatewayError(
        "Forbidden",
        `This API key lacks the '${scope}' scope needed here (it has: ${request.principal.scopes.join(", ") || "none"}). Use a key created with --scope ${scope}.`,
        "Authorization",
      );
    }
  };
}

/** The principal of an authenticated request; a route behind `requireApiKey` always has one. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === undefined)
    throw new GatewayError("InternalError", "route is missing authentication");
  return request.principal;
}
