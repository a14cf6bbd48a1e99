/**
 * API-key authentication for the OData service. Besides `Authorization: Bearer <key>`, it takes
 * HTTP Basic with the key as the password, because that is what Excel and Power BI can send from
 * their credential dialog (their "Web API" option puts the key in the URL instead, which would
 * leak it into logs). Only /odata accepts Basic; the other doors stay Bearer-only.
 */
import type { Store } from "@headgate/store";
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from "fastify";
import { authenticate } from "../auth/require-api-key.ts";
import { GatewayError } from "../errors/gateway-error.ts";

const BASIC = /^Basic[ \t]+([A-Za-z0-9+/=_-]+)[ \t]*$/i;
const BEARER = /^Bearer[ \t]/i;

const HOW_TO_SEND =
  "send 'Authorization: Bearer <key>', or HTTP Basic authentication with the API key as the password (any user name; Excel and Power BI: choose 'Basic')";

/**
 * The bearer form of an OData request's credentials: a Bearer header as is, a Basic header as
 * `Bearer <password>` (or `Bearer <user name>` when the password is empty, for clients that put
 * the key there). Returns undefined when no credentials were sent.
 */
export function bearerFromODataAuthorization(authorization: string | undefined): string | undefined {
  if (authorization === undefined || authorization.trim() === "") return undefined;
  if (BEARER.test(authorization)) return authorization;
  const basic = BASIC.exec(authorization);
  if (!basic?.[1]) {
    throw new GatewayError(
      "Unauthorized",
      `The Authorization header is not understood: ${HOW_TO_SEND}.`,
      "Authorization",
    );
  }
  const decoded = Buffer.from(basic[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const user = colon < 0 ? decoded : decoded.slice(0, colon);
  const password = colon < 0 ? "" : decoded.slice(colon + 1);
  const key = (password.trim() || user.trim()).trim();
  if (key === "") {
    throw new GatewayError(
      "Unauthorized",
      `The Basic credentials carry no API key: ${HOW_TO_SEND}.`,
      "Authorization",
    );
  }
  return `Bearer ${key}`;
}

/** A preHandler admitting requests whose key (Bearer or Basic) carries the `query` scope. */
export function requireODataKey(store: Store): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      const bearer = bearerFromODataAuthorization(request.headers.authorization);
      if (bearer === undefined) {
        throw new GatewayError(
          "Unauthorized",
          `The OData service needs an API key: ${HOW_TO_SEND}.`,
          "Authorization",
        );
      }
      request.principal = await authenticate(store, bearer);
    } catch (error) {
      if (error instanceof GatewayError && error.code === "Unauthorized") {
        reply.header("WWW-Authenticate", [
          'Bearer realm="headgate"',
          'Basic realm="headgate", charset="UTF-8"',
        ]);
      }
      throw error;
    }
    if (!request.principal.scopes.includes("query")) {
      throw new GatewayError(
        "Forbidden",
        `This API key lacks the 'query' scope the OData service needs (it has: ${request.principal.scopes.join(", ") || "none"}). Use a key created with --scope query.`,
        "Authorization",
      );
    }
  };
}
