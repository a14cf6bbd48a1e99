/**
 * Errors of the Microsoft identity platform token endpoint: OAuth's `error` plus an AADSTS code
 * and description, trace and correlation ids and a timestamp written `2024-05-01 17:03:22Z`.
 */
import { randomUUID } from "node:crypto";

export class AadError extends Error {
  override readonly name = "AadError";

  constructor(
    readonly status: 400 | 401,
    /** OAuth error: `invalid_client`, `invalid_request`, `invalid_scope`... */
    readonly error: string,
    readonly aadsts: number,
    readonly description: string,
  ) {
    super(`AADSTS${aadsts}: ${description}`);
  }
}

function traceFields() {
  return {
    timestamp: `${new Date().toISOString().slice(0, 19).replace("T", " ")}Z`,
    trace_id: randomUUID(),
    correlation_id: randomUUID(),
  };
}

export function aadErrorBody(error: AadError, origin: string): Record<string, unknown> {
  const trace = traceFields();
  return {
    error: error.error,
    error_description: `${error.message}\r\nTrace ID: ${trace.trace_id}\r\nCorrelation ID: ${trace.correlation_id}\r\nTimestamp: ${trace.timestamp}`,
    error_codes: [error.aadsts],
    ...trace,
    error_uri: `${origin}/error?code=${error.aadsts}`,
  };
}

/** An outage of the token endpoint itself: a plain OAuth error, no AADSTS code. */
export function aadOutageBody(error: "temporarily_unavailable" | "server_error"): Record<string, unknown> {
  const trace = traceFields();
  return {
    error,
    error_description: `The service is temporarily unavailable.\r\nTrace ID: ${trace.trace_id}\r\nCorrelation ID: ${trace.correlation_id}\r\nTimestamp: ${trace.timestamp}`,
    ...trace,
  };
}

export const aad = {
  tenantNotFound: (tenant: string) =>
    new AadError(
      400,
      "invalid_request",
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    ),
  missingParameter: (name: string) =>
    new AadError(
      400,
      "invalid_request",
      900144,
      `The request body must contain the following parameter: '${name}'.`,
    ),
  unsupportedGrant: (grant: string) =>
    new AadError(
      400,
      "unsupported_grant_type",
      70003,
      `The app requested an unsupported grant type '${grant}'.`,
    ),
  unknownApplication: (clientId: string, tenant: string) =>
    new AadError(
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  missingSecret: () =>
    new AadError(
      401,
      "invalid_client",
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    ),
  invalidSecret: (clientId: string) =>
    new AadError(
      401,
      "invalid_client",
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  scopeNotDefault: (scope: string) =>
    new AadError(
      400,
      "invalid_scope",
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  unknownResource: (resource: string, tenant: string) =>
    new AadError(
      400,
      "invalid_resource",
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
    ),
};
