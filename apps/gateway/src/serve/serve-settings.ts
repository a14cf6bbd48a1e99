/**
 * `headgate serve` reads its settings from the environment (and a few flags) and refuses to
 * start on anything missing or malformed, listing every problem at once with the fix.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";

export interface ServeSettings {
  readonly publicUrl: string;
  /** Postgres; absent means the embedded SQLite store (one replica only). */
  readonly databaseUrl: string | undefined;
  readonly redisUrl: string | undefined;
  readonly configPath: string | undefined;
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  /** Things that work but deserve the operator's attention. */
  readonly warnings: readonly string[];
}

export class ServeSettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`headgate serve cannot start:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export function readServeSettings(
  env: Env,
  flags: { config?: string | undefined },
  cwd: string,
): ServeSettings {
  const problems: string[] = [];
  const warnings: string[] = [];
  const publicUrl = readPublicUrl(env.HEADGATE_PUBLIC_URL, problems, warnings);
  const databaseUrl = nonEmpty(env.DATABASE_URL);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl))
    problems.push("DATABASE_URL must be a Postgres URL: postgres://user:password@host:5432/database");
  if (databaseUrl !== undefined && nonEmpty(env.HEADGATE_SECRET_KEY) === undefined)
    problems.push(
      "HEADGATE_SECRET_KEY is required with DATABASE_URL (the same on every replica): generate one with `openssl rand -base64 32`",
    );
  if (databaseUrl === undefined)
    warnings.push(
      "DATABASE_URL is not set: using the embedded SQLite store, which suits a single replica only",
    );
  const redisUrl = nonEmpty(env.REDIS_URL);
  if (redisUrl !== undefined && !/^rediss?:\/\/[^/]/.test(redisUrl))
    problems.push("REDIS_URL must look like redis://[:password@]host:6379[/db] (or rediss:// for TLS)");
  const configPath = readConfigPath(flags.config ?? nonEmpty(env.HEADGATE_CONFIG), cwd, problems);
  const port = Number(env.PORT ?? "8080");
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT must be a port number, not '${env.PORT}'`);
  const logLevel = env.LOG_LEVEL ?? "info";
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`);
  if (problems.length > 0) throw new ServeSettingsError(problems);
  return {
    publicUrl: publicUrl!,
    databaseUrl,
    redisUrl,
    configPath,
    dataDir: resolve(cwd, env.HEADGATE_DATA_DIR ?? ".headgate"),
    host: env.HOST ?? "0.0.0.0",
    port,
    logLevel,
    warnings,
  };
}

function readPublicUrl(text: string | undefined, problems: string[], warnings: string[]): string | undefined {
  if (nonEmpty(text) === undefined) {
    problems.push(
      "HEADGATE_PUBLIC_URL is required: the URL clients reach this gateway at, e.g. https://data.example.com (it goes into the OpenAPI document and every next link)",
    );
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(text!);
  } catch {
    problems.push(`HEADGATE_PUBLIC_URL is not a URL: '${text}'`);
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    problems.push(
      `HEADGATE_PUBLIC_URL must start with https:// (or http:// for local use), not ${url.protocol}`,
    );
    return undefined;
  }
  if (url.protocol === "http:" && !["localhost", "127.0.0.1", "[::1]"].includes(url.hostname))
    warnings.push("HEADGATE_PUBLIC_URL is not https: ChatGPT Actions and remote MCP clients require HTTPS");
  return url.toString().replace(/\/+$/, "");
}

function readConfigPath(given: string | undefined, cwd: string, problems: string[]): string | undefined {
  if (given !== undefined) {
    const path = resolve(cwd, given);
    if (!existsSync(path))
      problems.push(`the configuration file ${path} does not exist (from --config or HEADGATE_CONFIG)`);
    return path;
  }
  const fallback = resolve(cwd, "headgate.yaml");
  return existsSync(fallback) ? fallback : undefined;
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === "" ? undefined : text.trim();
}
