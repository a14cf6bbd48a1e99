/**
 * /admin/connections/{name}/webhooks: asks the connection's upstream to announce its changes to
 * the gateway (Procore: a company hook with triggers, see docs/webhooks.md), so that a change
 * forgets exactly the cached scans that hold it instead of waiting for their TTL.
 *
 *   POST .../webhooks              registers (again: it replaces, never duplicates); answers the
 *                                  subscription and where deliveries go, never the token
 *   GET  .../webhooks/destination  the URL and Authorization header to enter by hand in
 *                                  Procore's Webhooks tool, for an admin who cannot use POST
 */
import type { FastifyInstance } from "fastify";
import { principalOf } from "../auth/require-api-key.ts";
import { GatewayError } from "../errors/gateway-error.ts";
import { webhookToken, webhookTokenKey } from "../hooks/hook-token.ts";
import { PROCORE_HOOK_PATH } from "../hooks/procore-hook-route.ts";
import { ADMIN_TAG } from "../openapi/register-openapi.ts";
import type { GatewayContext } from "../server/gateway-context.ts";
import { connectionParams, errorBody } from "./admin-schemas.ts";
import { findConnection } from "./find-connection.ts";

interface Params {
  readonly connection: string;
}

type WebhookContext = Pick<GatewayContext, "store" | "engines" | "publicUrl">;

export async function webhookRoutes(app: FastifyInstance, context: WebhookContext): Promise<void> {
  app.post<{ Params: Params }>(
    "/connections/:connection/webhooks",
    { schema: registerSchema },
    async (request) => {
      const workspaceId = principalOf(request).workspaceId;
      const { connection, destination } = await destinationOf(
        context,
        workspaceId,
        request.params.connection,
      );
      const runtime = await context.engines.runtime(workspaceId);
      if (!runtime.connections.some((c) => c.name === connection.name)) {
        const problem = runtime.problems.find((p) => p.connection === connection.name);
        throw new GatewayError(
          "ConnectionUnavailable",
          `Connection '${connection.name}' is not open, so its webhook cannot be registered: ${problem?.message ?? "it failed to open"}`,
          connection.name,
        );
      }
      const subscription = await runtime.subscribeToChanges(connection.name, destination);
      return {
        connection: connection.name,
        subscriptionId: subscription.id,
        url: destination.url,
        resources: subscription.resources,
      };
    },
  );

  app.get<{ Params: Params }>(
    "/connections/:connection/webhooks/destination",
    { schema: destinationSchema },
    async (request) => {
      const workspaceId = principalOf(request).workspaceId;
      const { connection, destination } = await destinationOf(
        context,
        workspaceId,
        request.params.connection,
      );
      return { connection: connection.name, url: destination.url, headers: destination.headers };
    },
  );
}

/** Where a connection's upstream delivers its changes, with the connection's own token. */
async function destinationOf(context: WebhookContext, workspaceId: string, reference: string) {
  const connection = await findConnection(context.store, workspaceId, reference);
  if (connection.kind !== "procore")
    throw new GatewayError(
      "NotImplemented",
      `Connection '${connection.name}' (kind ${connection.kind}) cannot announce its changes: Headgate receives webhooks from procore connections only. Its cached scans expire with their TTL.`,
      reference,
    );
  const token = webhookToken(webhookTokenKey(context.store), "procore", connection.id);
  const destination = {
    url: `${context.publicUrl}${PROCORE_HOOK_PATH}/${connection.id}`,
    headers: { Authorization: `Bearer ${token}` },
  };
  return { connection, destination };
}

const text = (description: string) => ({ type: "string", description }) as const;

const ERRORS: Readonly<Record<number, string>> = {
  401: "No API key, or an unknown or revoked one.",
  403: "The API key lacks the 'admin' scope.",
  404: "No such connection in this workspace.",
  501: "The connection's kind has no webhooks Headgate receives (only procore connections do).",
  502: "The connection is not open, or the upstream refused or failed the registration (the message says which).",
};

const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, { ...errorBody, description: ERRORS[status] }]));

const registerSchema = {
  tags: [ADMIN_TAG],
  summary: "Register the connection's webhook with its upstream",
  description:
    "Procore: creates (or updates) one company hook in the 'headgate' namespace that delivers create, update and delete events of every resource the connection exposes to /hooks/procore/{connection id}, with the connection's token as its Authorization header. Registering again replaces the hook's token and triggers; it never adds a second hook. The token itself is never answered.",
  operationId: "registerConnectionWebhook",
  params: connectionParams,
  response: {
    200: {
      type: "object",
      description: "The subscription the upstream now holds.",
      properties: {
        connection: text("The connection's name."),
        subscriptionId: text("The upstream's id of the subscription (Procore: the hook's id)."),
        url: text("Where the upstream delivers its changes."),
        resources: {
          type: "array",
          items: { type: "string" },
          description: "The upstream resources whose creates, updates and deletes are announced.",
        },
      },
    },
    ...errors(401, 403, 404, 501, 502),
  },
} as const;

const destinationSchema = {
  tags: [ADMIN_TAG],
  summary: "Show where the upstream should deliver the connection's webhooks",
  description:
    "The destination URL and the Authorization header to enter by hand in Procore's Webhooks tool (company level, any namespace), when the webhook is not registered through POST .../webhooks. The header holds the connection's token: treat it as a password.",
  operationId: "showConnectionWebhookDestination",
  params: connectionParams,
  response: {
    200: {
      type: "object",
      properties: {
        connection: text("The connection's name."),
        url: text("The destination URL."),
        headers: {
          type: "object",
          description: "Headers every delivery must carry.",
          properties: { Authorization: text("Bearer and the connection's token.") },
        },
      },
    },
    ...errors(401, 403, 404, 501),
  },
} as const;
