/**
 * An ArcGIS Enterprise feature service simulator (default `arcgis` web adaptor): services
 * directory, service and layer metadata, the query operation with a standardized-SQL `where`,
 * paging, statistics and spatial filters, and token security. Pass the definition to
 * `startSimulator`.
 */
import type { FailureKind, SimulatorDefinition } from "../core/start-simulator.ts";
import { ArcgisAuth, type Credentials } from "./auth/arcgis-auth.ts";
import type { FeatureServiceData } from "./model.ts";
import { registerArcgisRoutes } from "./routes.ts";

export interface ArcgisSimulatorOptions extends Partial<Credentials> {
  /** The layers' `maxRecordCount`: the most features one query returns. Default 2000. */
  readonly maxRecordCount?: number;
  /** The longest a token lives (requests may ask for less with `expiration`). Default 3600 s. */
  readonly tokenLifetimeSeconds?: number;
  /** Refuse requests without a token (499). Default true, as on a secured server. */
  readonly requireToken?: boolean;
  /** "Now" for CURRENT_DATE/CURRENT_TIMESTAMP in `where`. Default the real clock. */
  readonly clock?: () => number;
}

export const ARCGIS_DEFAULT_CREDENTIALS: Credentials = {
  username: "gisviewer",
  password: "cascade-ridge-gis",
  clientId: "headgate-gateway",
  clientSecret: "arcgis-client-secret",
};

export interface ArcgisSimulatorDefinition extends SimulatorDefinition {
  /** Token store of this simulator, e.g. `auth.expireAll()` to test the 498 refresh path. */
  readonly auth: ArcgisAuth;
  readonly credentials: Credentials;
}

export function arcgisSimulator(
  data: FeatureServiceData,
  options: ArcgisSimulatorOptions = {},
): ArcgisSimulatorDefinition {
  const credentials: Credentials = {
    username: options.username ?? ARCGIS_DEFAULT_CREDENTIALS.username,
    password: options.password ?? ARCGIS_DEFAULT_CREDENTIALS.password,
    clientId: options.clientId ?? ARCGIS_DEFAULT_CREDENTIALS.clientId,
    clientSecret: options.clientSecret ?? ARCGIS_DEFAULT_CREDENTIALS.clientSecret,
  };
  let auth: ArcgisAuth | undefined;
  const definition: ArcgisSimulatorDefinition = {
    name: "arcgis",
    credentials,
    get auth() {
      if (!auth) throw new Error("the ArcGIS simulator has not been started");
      return auth;
    },
    routes: (app, faults) => {
      auth = new ArcgisAuth(credentials, options.tokenLifetimeSeconds ?? 3600, faults);
      registerArcgisRoutes(app, {
        data,
        auth,
        maxRecordCount: options.maxRecordCount ?? 2000,
        requireToken: options.requireToken ?? true,
        clock: options.clock ?? Date.now,
      });
    },
    renderFailure,
  };
  return definition;
}

/**
 * Forced failures as the real deployment shows them: ArcGIS Online's 429 throttle, the web
 * adaptor's answer when no server machine is reachable, and an internal query failure.
 */
function renderFailure(
  kind: FailureKind,
  reply: Parameters<SimulatorDefinition["renderFailure"]>[1],
  retryAfter?: number,
) {
  if (retryAfter !== undefined) reply.header("Retry-After", String(retryAfter));
  reply.type("application/json; charset=utf-8");
  if (kind === "rateLimit")
    return reply.code(429).send(
      JSON.stringify({
        error: { code: 429, message: "Too many requests. Please try again later.", details: [] },
      }),
    );
  if (kind === "unavailable")
    return reply.code(503).send(
      JSON.stringify({
        status: "error",
        messages: ["Could not access any server machines. Please contact your system administrator."],
      }),
    );
  return reply
    .code(500)
    .send(JSON.stringify({ error: { code: 500, message: "Error performing query operation", details: [] } }));
}
