/**
 * Trying a connection before anyone relies on it: open it (settings, reachability,
 * credentials), describe it, and read one row of every entity set through an engine of that one
 * connection, so "it was saved" means "it answers". What it opened is always closed again, and
 * no message carries a secret: driver text is cut to its first line and secret values are masked.
 */
import { randomBytes } from "node:crypto";
import { Catalog, Engine } from "@headgate/engine";
import type { EntitySetDef, Row } from "@headgate/model";
import { ODataError } from "@headgate/odata";
import { GatewayError } from "../errors/gateway-error.ts";
import { describeProblem } from "../workspaces/workspace-engines.ts";
import { type ConnectionDefinition, type OpenedConnection, openConnection } from "./open-connection.ts";

type Secrets = Readonly<Record<string, string>>;

export interface Problem {
  readonly code: string;
  readonly message: string;
}

export interface EntitySetCheck {
  readonly name: string;
  /** True when a row was read (or the set is empty); false when reading failed. */
  readonly ok: boolean;
  readonly durationMs: number;
  /** The first row, when the set has one. */
  readonly sampleRow?: Row;
  /** Why the set was not read (it cannot be listed without a filter). */
  readonly skipped?: string;
  readonly error?: Problem;
}

export interface ConnectionTestReport {
  readonly connection: string;
  readonly kind: string;
  /** The connection opened, described itself, and every set that was read answered. */
  readonly ok: boolean;
  readonly durationMs: number;
  /** Where the connection points, without a password; null when it could not be opened. */
  readonly target: string | null;
  readonly entitySets: readonly EntitySetCheck[];
  /** Why the connection could not be opened or described. */
  readonly error?: Problem;
}

export type TestProgress =
  | { readonly type: "opened"; readonly target: string; readonly entitySets: readonly string[] }
  | {
      readonly type: "entitySet";
      readonly check: EntitySetCheck;
      readonly index: number;
      readonly total: number;
    };

export interface TestConnectionOptions {
  /** Relative SQLite paths resolve against this directory. */
  readonly baseDir: string;
  readonly onProgress?: (progress: TestProgress) => void;
  /** Time limit for reading one entity set's sample row (default 15 s). */
  readonly perSetTimeoutMs?: number;
}

export interface ProbeResult {
  readonly target: string;
  readonly entitySets: readonly EntitySetDef[];
}

const DEFAULT_PER_SET_TIMEOUT_MS = 15_000;

/**
 * Opens and describes the connection, then closes it. Throws the settings' own 4xx error when
 * they are invalid, and a `ConnectionUnavailable` (502) when the upstream cannot be reached or
 * refuses the credentials.
 */
export async function probeConnection(
  definition: ConnectionDefinition,
  secrets: Secrets,
  options: Pick<TestConnectionOptions, "baseDir">,
): Promise<ProbeResult> {
  const opened = await openConnection(definition, secrets, options);
  try {
    const entitySets = await describeOrThrow(opened, secrets);
    return { target: opened.display, entitySets };
  } finally {
    await opened.close().catch(() => {});
  }
}

/** Opens the connection and reads one row of every entity set; reports, never throws. */
export async function testConnection(
  definition: ConnectionDefinition,
  secrets: Secrets,
  options: TestConnectionOptions,
): Promise<ConnectionTestReport> {
  const started = performance.now();
  let opened: OpenedConnection;
  try {
    opened = await openConnection(definition, secrets, options);
  } catch (error) {
    const problem = describeProblem(definition.name, error);
    return {
      connection: definition.name,
      kind: definition.kind,
      ok: false,
      durationMs: elapsedSince(started),
      target: null,
      entitySets: [],
      error: { code: problem.code, message: maskSecrets(problem.message, secrets) },
    };
  }
  try {
    const report = await testOpenedConnection(opened, secrets, options);
    return { ...report, kind: definition.kind, durationMs: elapsedSince(started) };
  } finally {
    await opened.close().catch(() => {});
  }
}

/** The test of a connection already open (the caller closes it). */
export async function testOpenedConnection(
  opened: OpenedConnection,
  secrets: Secrets,
  options: Omit<TestConnectionOptions, "baseDir">,
): Promise<ConnectionTestReport> {
  const started = performance.now();
  const report = (fields: Pick<ConnectionTestReport, "ok" | "entitySets" | "error">) => ({
    connection: opened.name,
    kind: opened.connector.kind,
    target: opened.display,
    ...fields,
    durationMs: elapsedSince(started),
  });
  let entitySets: readonly EntitySetDef[];
  let checks: EntitySetCheck[];
  try {
    entitySets = await describeOrThrow(opened, secrets);
  } catch (error) {
    return report({ ok: false, entitySets: [], error: problemOf(error) });
  }
  options.onProgress?.({ type: "opened", target: opened.display, entitySets: entitySets.map((s) => s.name) });
  try {
    checks = await sampleEachSet(opened, entitySets, secrets, options);
  } catch (error) {
    const context = `connection '${opened.name}' could not be checked`;
    return report({ ok: false, entitySets: [], error: upstreamProblem(context, error, secrets) });
  }
  return report({ ok: checks.every((c) => c.ok), entitySets: checks });
}

async function sampleEachSet(
  opened: OpenedConnection,
  entitySets: readonly EntitySetDef[],
  secrets: Secrets,
  options: Omit<TestConnectionOptions, "baseDir">,
): Promise<EntitySetCheck[]> {
  const timeoutMs = options.perSetTimeoutMs ?? DEFAULT_PER_SET_TIMEOUT_MS;
  const engine = new Engine({
    catalog: await Catalog.build([{ name: opened.name, connector: opened.connector }]),
    skipTokenSecret: randomBytes(32),
    maxPageSize: 1,
    timeoutMs,
  });
  const checks: EntitySetCheck[] = [];
  for (const [index, entitySet] of entitySets.entries()) {
    const check = await sampleOneSet(engine, entitySet, secrets, timeoutMs);
    checks.push(check);
    options.onProgress?.({ type: "entitySet", check, index, total: entitySets.length });
  }
  return checks;
}

async function sampleOneSet(
  engine: Engine,
  entitySet: EntitySetDef,
  secrets: Secrets,
  timeoutMs: number,
): Promise<EntitySetCheck> {
  const started = performance.now();
  const name = entitySet.name;
  const required = entitySet.entityType.properties.filter((p) => p.capabilities.requiredInFilter);
  if (required.length > 0) {
    const names = required.map((p) => p.name).join(", ");
    return {
      name,
      ok: true,
      durationMs: 0,
      skipped: `listing ${name} needs a filter on ${names} (eq or in), so no sample row was read`,
    };
  }
  try {
    const result = await engine.query({ entitySet: name, options: { top: 1 }, timeoutMs });
    const row = result.rows[0];
    return { name, ok: true, durationMs: elapsedSince(started), ...(row ? { sampleRow: row } : {}) };
  } catch (error) {
    const problem = upstreamProblem(`reading ${name} failed`, error, secrets);
    return { name, ok: false, durationMs: elapsedSince(started), error: problem };
  }
}

async function describeOrThrow(opened: OpenedConnection, secrets: Secrets): Promise<readonly EntitySetDef[]> {
  try {
    return await opened.connector.describe();
  } catch (error) {
    const context = `connection '${opened.name}' could not be read`;
    const { message } = upstreamProblem(context, error, secrets);
    const worded = error instanceof ODataError ? `connection '${opened.name}': ${message}` : message;
    // A connector's own 4xx (a settings value the upstream cannot use) keeps its code and status.
    if (error instanceof ODataError && error.status < 500)
      throw new ODataError({ code: error.code, message: worded, status: error.status, target: opened.name });
    throw new GatewayError("ConnectionUnavailable", worded, opened.name);
  }
}

/** An error `describeOrThrow` raised: already masked and worded for the admin. */
function problemOf(error: unknown): Problem {
  return error instanceof ODataError
    ? { code: error.code, message: error.message }
    : { code: "ConnectionUnavailable", message: String(error) };
}

/**
 * What went wrong upstream, worded for the admin who configured the connection: an ODataError's
 * message plus the first line of the driver error it wraps (connectors keep that out of query
 * answers, but "database 'x' does not exist" is what an admin needs), or any other error's first
 * line after `context`. Secret values are masked either way.
 */
function upstreamProblem(context: string, error: unknown, secrets: Secrets): Problem {
  if (error instanceof ODataError) {
    const cause = error.cause instanceof Error ? firstLine(error.cause.message) : "";
    const said =
      cause === "" || error.message.includes(cause) ? "" : ` The upstream said: ${sentence(cause)}`;
    return { code: error.code, message: maskSecrets(`${error.message}${said}`, secrets) };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { code: "UpstreamError", message: maskSecrets(`${context}: ${firstLine(text)}`, secrets) };
}

/** Ends `text` with a full stop unless it already ends a sentence. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? "").trim();
}

/** Replaces every secret value (as given, and URL-encoded) found in `text`. */
export function maskSecrets(text: string, secrets: Secrets): string {
  let masked = text;
  for (const value of Object.values(secrets)) {
    if (value.length < 3) continue;
    for (const form of new Set([value, encodeURIComponent(value)])) masked = masked.split(form).join("****");
  }
  return masked;
}

function elapsedSince(started: number): number {
  return Math.round(performance.now() - started);
}
