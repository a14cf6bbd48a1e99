/**
 * The settings of a `procore` connection, checked before the connector exists, and the tokens it
 * starts from. With the authorization-code grant an admin pastes the refresh token of the first
 * consent as a secret; from then on the rotating tokens live in the store (`oauth_tokens`).
 */
import type { TokenStore } from "@headgate/connector-kit";
import type { ProcoreConnectorOptions } from "@headgate/connector-procore";
import { GatewayError } from "../errors/gateway-error.ts";
import { optionalInteger, optionalString } from "./database-settings.ts";

type Settings = Readonly<Record<string, unknown>>;
type Secrets = Readonly<Record<string, string>>;

export function readProcoreSettings(
  settings: Settings,
  secrets: Secrets,
  tokens: TokenStore | undefined,
): ProcoreConnectorOptions {
  const baseUrl = requiredUrl(settings, "baseUrl", "https://api.procore.com");
  const companyId = optionalInteger(settings, "companyId", 1, Number.MAX_SAFE_INTEGER);
  if (companyId === undefined)
    throw invalid(
      "settings.companyId",
      "settings.companyId must be your Procore company id (a number; it is sent as Procore-Company-Id).",
    );
  const clientId = secrets.clientId ?? optionalString(settings, "clientId");
  if (clientId === undefined)
    throw invalid("settings.clientId", "settings.clientId must be the client id of your Procore app.");
  const clientSecret = secrets.clientSecret;
  if (clientSecret === undefined)
    throw invalid(
      "secrets.clientSecret",
      "secrets.clientSecret must be the client secret of your Procore app.",
    );
  const grant = settings.grant ?? "client_credentials";
  if (grant !== "client_credentials" && grant !== "authorization_code")
    throw invalid(
      "settings.grant",
      "settings.grant must be client_credentials (a service account) or authorization_code.",
    );
  if (grant === "authorization_code" && tokens === undefined && secrets.refreshToken === undefined)
    throw invalid(
      "secrets.refreshToken",
      "the authorization_code grant needs secrets.refreshToken: the refresh token of the first consent.",
    );
  const projectScope = settings.projectScope ?? "fan-out";
  if (projectScope !== "fan-out" && projectScope !== "require-filter")
    throw invalid("settings.projectScope", "settings.projectScope must be fan-out or require-filter.");
  const tokenUrl = optionalString(settings, "tokenUrl");
  const numbers = {
    concurrency: optionalInteger(settings, "concurrency", 1, 32),
    requestsPerSecond: optionalInteger(settings, "requestsPerSecond", 1, 1000),
    timeoutMs: optionalInteger(settings, "timeoutMs", 100, 600_000),
    maxPerPage: optionalInteger(settings, "maxPerPage", 1, 1000),
    budgetViewId: optionalInteger(settings, "budgetViewId", 1, Number.MAX_SAFE_INTEGER),
  };
  return {
    baseUrl,
    companyId,
    oauth: { clientId, clientSecret, grant, ...(tokenUrl === undefined ? {} : { tokenUrl }) },
    projectScope,
    ...(tokens === undefined ? {} : { tokens: seeded(tokens, secrets.refreshToken) }),
    ...Object.fromEntries(Object.entries(numbers).filter(([, v]) => v !== undefined)),
  };
}

/** The stored tokens, or on first use the refresh token the admin pasted (already expired access). */
function seeded(tokens: TokenStore, refreshToken: string | undefined): TokenStore {
  if (refreshToken === undefined) return tokens;
  return {
    ...tokens,
    load: async () => (await tokens.load()) ?? { accessToken: "", refreshToken, expiresAt: new Date(0) },
  };
}

function requiredUrl(settings: Settings, name: string, example: string): string {
  const text = optionalString(settings, name);
  if (text === undefined)
    throw invalid(`settings.${name}`, `settings.${name} must be the API's base URL, e.g. ${example}.`);
  try {
    const url = new URL(text);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("protocol");
  } catch {
    throw invalid(
      `settings.${name}`,
      `settings.${name} is not an http(s) URL: '${text}'; expected e.g. ${example}.`,
    );
  }
  return text.replace(/\/+$/, "");
}

function invalid(target: string, message: string): GatewayError {
  return new GatewayError("InvalidRequest", message, target);
}
