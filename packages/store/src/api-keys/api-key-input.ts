/** The rules for API key names and scopes. */
import { invalidInput } from "../errors.ts";

/**
 * `query` reads data; `admin` administers the key's workspace (connections, keys, audit log);
 * `operator` administers the store's workspaces (list, create, delete), never their data.
 */
export const API_KEY_SCOPES = ["query", "admin", "operator"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

const KEY_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9 ._-]{0,62}[A-Za-z0-9._-])?$/;

export function validateKeyName(name: unknown): string {
  if (typeof name === "string" && KEY_NAME.test(name)) return name;
  throw invalidInput(
    "name",
    "An API key name must be 1 to 64 characters: letters, digits, spaces, '.', '_' and '-', starting with a letter or digit.",
  );
}

/** The scopes, deduplicated in canonical order; at least one. */
export function validateScopes(scopes: unknown): ApiKeyScope[] {
  const valid = `Valid scopes: ${API_KEY_SCOPES.map((s) => `'${s}'`).join(", ")}.`;
  if (!Array.isArray(scopes) || scopes.length === 0) {
    throw invalidInput("scopes", `An API key needs at least one scope. ${valid}`);
  }
  for (const scope of scopes) {
    if (!(API_KEY_SCOPES as readonly unknown[]).includes(scope)) {
      throw invalidInput("scopes", `Unknown scope ${JSON.stringify(scope)}. ${valid}`);
    }
  }
  return API_KEY_SCOPES.filter((scope) => scopes.includes(scope));
}

export function parseStoredScopes(text: string): ApiKeyScope[] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? API_KEY_SCOPES.filter((scope) => parsed.includes(scope)) : [];
}
