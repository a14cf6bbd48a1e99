/**
 * `--setting key=value` and `--secret key=value` on the command line. Setting values that read
 * as JSON are JSON (`port=5432`, `tables=[{"table":"jobs"}]`), others are text; quote to force
 * text (`database='"2024"'`). `--secret-env key=VAR` takes the value from the environment, so
 * it stays out of the shell history. Messages name keys and variables, never values.
 */
import type { JsonObject, JsonValue } from "@headgate/store";
import { UsageError } from "./usage-error.ts";

export function splitPair(text: string, option: string): [string, string] {
  const equals = text.indexOf("=");
  if (equals <= 0)
    throw new UsageError(`--${option} takes key=value (e.g. --${option} ${example(option)}).`, `--${option}`);
  return [text.slice(0, equals), text.slice(equals + 1)];
}

function example(option: string): string {
  if (option === "secret-env") return "password=PGPASSWORD";
  if (option === "secret") return "password=...";
  return "dialect=sqlite";
}

export function settingsFrom(pairs: readonly string[], base: JsonObject = {}): JsonObject {
  const settings: Record<string, JsonValue> = { ...base };
  for (const pair of pairs) {
    const [key, text] = splitPair(pair, "setting");
    settings[key] = jsonOrText(text);
  }
  return settings;
}

function jsonOrText(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

export function secretsFrom(
  pairs: readonly string[],
  fromEnv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const secrets: Record<string, string> = {};
  for (const pair of pairs) {
    const [key, value] = splitPair(pair, "secret");
    secrets[key] = value;
  }
  for (const pair of fromEnv) {
    const [key, variable] = splitPair(pair, "secret-env");
    const value = env[variable];
    if (value === undefined || value === "")
      throw new UsageError(
        `--secret-env ${key}=${variable}: the environment variable ${variable} is not set (or empty).`,
        "--secret-env",
      );
    secrets[key] = value;
  }
  return secrets;
}
