/**
 * `POST /{tenant}/oauth2/v2.0/token`: the client-credentials grant of the Microsoft identity
 * platform. The app authenticates with its secret in the form or with HTTP Basic, asks for
 * `{resource}/.default`, and gets a bearer token with `expires_in` and no refresh token.
 * Anything else is refused with the AADSTS error Entra gives for it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AadError, aad, aadErrorBody } from "./aad-error.ts";
import { type AccessTokens, GRAPH_AUDIENCE } from "./access-tokens.ts";

export interface AppRegistration {
  readonly tenantId: string;
  /** Other names the tenant answers to, e.g. `cascaderidge.onmicrosoft.com`. */
  readonly tenantAliases: readonly string[];
  readonly clientId: string;
  readonly clientSecret: string;
  /** `https://{tenant}.sharepoint.com`: a token for it is issued but Graph refuses it. */
  readonly sharepointResource: string;
}

const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

export function registerTokenEndpoint(
  app: FastifyInstance,
  registration: AppRegistration,
  tokens: AccessTokens,
) {
  app.post<{ Params: { tenant: string } }>("/:tenant/oauth2/v2.0/token", async (request, reply) => {
    try {
      const audience = authorize(request, registration);
      const issued = tokens.issue(audience);
      return sendToken(reply, 200, {
        token_type: "Bearer",
        expires_in: issued.expiresInSeconds,
        ext_expires_in: issued.expiresInSeconds,
        access_token: issued.accessToken,
      });
    } catch (error) {
      if (!(error instanceof AadError)) throw error;
      return sendToken(
        reply,
        error.status,
        aadErrorBody(error, `${request.protocol}://${request.headers.host}`),
      );
    }
  });
}

function sendToken(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply
    .code(status)
    .header("Cache-Control", "no-store, no-cache")
    .header("Pragma", "no-cache")
    .header("Content-Type", "application/json; charset=utf-8")
    .send(JSON.stringify(body));
}

/** Checks the request in Entra's order and returns the audience of the token to issue. */
function authorize(
  request: FastifyRequest<{ Params: { tenant: string } }>,
  registration: AppRegistration,
): string {
  const tenant = request.params.tenant;
  const known = [registration.tenantId, ...registration.tenantAliases].map((t) => t.toLowerCase());
  if (!known.includes(tenant.toLowerCase())) throw aad.tenantNotFound(tenant);
  const form = formOf(request);
  const grant = form.get("grant_type");
  if (!grant) throw aad.missingParameter("grant_type");
  if (grant !== "client_credentials") throw aad.unsupportedGrant(grant);
  const client = clientCredentials(request, form);
  if (!client.id) throw aad.missingParameter("client_id");
  if (client.id !== registration.clientId) throw aad.unknownApplication(client.id, tenant);
  if (!client.secret) throw aad.missingSecret();
  if (client.secret !== registration.clientSecret) throw aad.invalidSecret(client.id);
  const scope = form.get("scope");
  if (!scope) throw aad.missingParameter("scope");
  return audienceOf(scope, registration, tenant);
}

/** Entra reads only form bodies; a JSON body is as good as none. */
function formOf(request: FastifyRequest): Map<string, string> {
  const type = String(request.headers["content-type"] ?? "");
  const body = request.body;
  const form = new Map<string, string>();
  if (!type.includes("application/x-www-form-urlencoded") || typeof body !== "object" || body === null)
    return form;
  for (const [key, value] of Object.entries(body)) if (typeof value === "string") form.set(key, value);
  return form;
}

function clientCredentials(request: FastifyRequest, form: Map<string, string>) {
  const basic = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? "");
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0) {
      return {
        id: decodeURIComponent(decoded.slice(0, colon)),
        secret: decodeURIComponent(decoded.slice(colon + 1)),
      };
    }
  }
  return { id: form.get("client_id"), secret: form.get("client_secret") };
}

function audienceOf(scope: string, registration: AppRegistration, tenant: string): string {
  const scopes = scope.split(/\s+/).filter((s) => s.length > 0);
  const nonDefault = scopes.find((s) => !s.endsWith("/.default"));
  if (nonDefault) throw aad.scopeNotDefault(nonDefault);
  const resources = new Set(scopes.map((s) => canonicalResource(s.slice(0, -"/.default".length))));
  if (resources.size > 1)
    throw new AadError(
      400,
      "invalid_scope",
      28000,
      "Provided value for the input parameter scope is not valid because it contains more than one resource.",
    );
  const [resource] = [...resources];
  if (resource === GRAPH_AUDIENCE || resource === registration.sharepointResource.toLowerCase())
    return resource;
  throw aad.unknownResource(resource ?? scope, tenant);
}

function canonicalResource(resource: string): string {
  const lower = resource.toLowerCase().replace(/\/+$/, "");
  return lower === GRAPH_APP_ID ? GRAPH_AUDIENCE : lower;
}
