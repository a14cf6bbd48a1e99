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
  const rateLimit = readRateLimit(settings);
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
    ...(rateLimit === undefined ? {} : { rateLimit }),
    ...(tokens === undefined ? {} : { tokens: seeded(tokens, secrets.refreshToken) }),
    ...Object.fromEntries(Object.entries(numbers).filter(([, v]) => v !== undefined)),
  };
}

/** `rateLimit: { spikeLimit, spikeWindowSeconds }`: Procore's spike window, when not 25 per 10 s. */
function readRateLimit(settings: Settings): ProcoreConnectorOptions["rateLimit"] | undefined {
  const value = settings.rateLimit;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value))
    throw invalid(
      "settings.rateLimit",
      "settings.rateLimit must be an object, e.g. { spikeLimit: 25, spikeWindowSeconds: 10 }.",
    );
  const fields = value as Settings;
  const spikeLimit = nestedInteger(fields, "rateLimit.spikeLimit", 1, 100_000);
  const spikeWindowSeconds = nestedInteger(fields, "rateLimit.spikeWindowSeconds", 1, 3_600);
  return {
    ...(spikeLimit === undefined ? {} : { spikeLimit }),
    ...(spikeWindowSeconds === undefined ? {} : { spikeWindowMs: spikeWindowSeconds * 1000 }),
  };
}

function nestedInteger(fields: Settings, path: string, min: number, max: number): number | undefined {
  const value = fields[path.slice(path.lastIndexOf(".") + 1)];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
    throw invalid(
      `settings.${path}`,
      `settings.${path} must be a whole number from ${min} to ${max}; found ${JSON.stringify(value)}.`,
    );
  return value;
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
