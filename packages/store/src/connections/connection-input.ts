/**
 * The rules a connection's fields follow, checked before anything is written. Messages name the
 * field and the rule; for secrets they name the secret, never its value.
 */
import { invalidInput } from "../errors.ts";
import type { JsonObject, JsonValue } from "./json-value.ts";

const CONNECTION_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9 ._-]{0,62}[A-Za-z0-9._-])?$/;
const KIND = /^[a-z][a-z0-9-]{0,31}$/;
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
const MAX_SECRET_BYTES = 16_384;
const MAX_SETTINGS_CHARACTERS = 65_536;

/**
 * Setting names that almost always hold a secret. Refusing them in `settings` (stored in
 * clear) steers the value into `secrets` (encrypted) before it ever reaches the disk.
 */
const SECRET_LIKE_SETTINGS = new Set([
  "password",
  "passwd",
  "secret",
  "clientsecret",
  "apikey",
  "token",
  "accesstoken",
  "refreshtoken",
  "bearertoken",
  "privatekey",
  "sharedsecret",
]);

export function validateConnectionName(name: unknown): string {
  if (typeof name === "string" && CONNECTION_NAME.test(name)) return name;
  throw invalidInput(
    "name",
    "A connection name must be 1 to 64 characters: letters, digits, spaces, '.', '_' and '-', starting with a letter or digit and not ending in a space.",
  );
}

export function validateKind(kind: unknown): string {
  if (typeof kind === "string" && KIND.test(kind)) return kind;
  throw invalidInput(
    "kind",
    "A connection kind is a lowercase identifier such as 'procore', 'sage300', 'arcgis', 'sharepoint' or 'sql'.",
  );
}

export function validateSettings(settings: unknown): JsonObject {
  if (!isPlainObject(settings)) {
    throw invalidInput(
      "settings",
      'Connection settings must be a JSON object, for example { "baseUrl": "https://..." }.',
    );
  }
  checkJson(settings, "settings");
  if (JSON.stringify(settings).length > MAX_SETTINGS_CHARACTERS) {
    throw invalidInput(
      "settings",
      `Connection settings must stay under ${MAX_SETTINGS_CHARACTERS} characters of JSON.`,
    );
  }
  return settings as JsonObject;
}

function checkJson(value: unknown, path: string): asserts value is JsonValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw invalidInput(path, `${path} must be a finite number.`);
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) checkJson(item, `${path}[${i}]`);
    return;
  }
  if (!isPlainObject(value)) throw invalidInput(path, `${path} is not JSON (a ${typeof value}).`);
  for (const [key, item] of Object.entries(value)) {
    const itemPath = `${path}.${key}`;
    if (SECRET_LIKE_SETTINGS.has(key.toLowerCase().replace(/[-_]/g, ""))) {
      throw invalidInput(
        itemPath,
        `${itemPath} looks like a secret; put it in the connection's secrets, which are encrypted at rest, instead of its settings.`,
      );
    }
    checkJson(item, itemPath);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Secrets to set (a string) or remove (`null`). */
export type SecretsPatch = Readonly<Record<string, string | null>>;

export function validateSecrets(secrets: unknown, allowRemoval: boolean): SecretsPatch {
  if (!isPlainObject(secrets)) {
    throw invalidInput("secrets", "Connection secrets must be an object of names to string values.");
  }
  for (const [name, value] of Object.entries(secrets)) {
    if (!SECRET_NAME.test(name)) {
      throw invalidInput(
        `secrets.${name}`,
        `Secret name '${name}' is not valid: use up to 64 letters, digits, '_', '.' and '-', starting with a letter or '_'.`,
      );
    }
    if (value === null && allowRemoval) continue;
    if (typeof value !== "string" || value.length === 0) {
      throw invalidInput(
        `secrets.${name}`,
        `Secret '${name}' must be a non-empty string${allowRemoval ? " (or null to remove it)" : ""}.`,
      );
    }
    if (Buffer.byteLength(value, "utf8") > MAX_SECRET_BYTES) {
      throw invalidInput(`secrets.${name}`, `Secret '${name}' is longer than ${MAX_SECRET_BYTES} bytes.`);
    }
  }
  return secrets as SecretsPatch;
}
