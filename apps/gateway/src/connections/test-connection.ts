/**
 * Trying a connection before anyone relies on it: open it (settings, reachability,
 * credentials), describe it, say what it leaves out and what else its administrator should know
 * (a database user that could write), and read one row of every entity set through an engine of
 * that one connection, so "it was saved" means "it answers". A connection that exposes nothing
 * is not ok. What it opened is always closed again, and no message carries a secret: driver
 * text is cut to its first line and secret values are masked.
 */
import { randomBytes } from "node:crypto";
import {
  ConnectionSettingsError,
  type ConnectorInspection,
  type ConnectorWarning,
  type LeftOutItem,
} from "@headgate/connector-kit";
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
  /** The setting or secret at fault (`settings.database`), when one is. */
  readonly target?: string;
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
  /**
   * The connection opened, described itself, exposes at least one entity set, and every set
   * that was read answered.
   */
  readonly ok: boolean;
  readonly durationMs: number;
  /** Where the connection points, without a password; null when it could not be opened. */
  readonly target: string | null;
  readonly entitySets: readonly EntitySetCheck[];
  /** What the connection does not expose (a view without a key, ...), why, and how to include it. */
  readonly leftOut: readonly LeftOutItem[];
  /** What works but its administrator should know (a database user that could write). */
  readonly warnings: readonly ConnectorWarning[];
  /** Why the connection could not be opened or described, or why it exposes nothing. */
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

export interface ProbeResult extends ConnectorInspection {
  readonly target: string;
  readonly entitySets: readonly EntitySetDef[];
}

const DEFAULT_PER_SET_TIMEOUT_MS = 15_000;

/**
 * Opens and describes the connection, with what it leaves out, then closes it. Throws the
 * settings' own 4xx error when they are invalid or the upstream refuses them (no such database,
 * credentials refused: a 400 naming the setting), and a `ConnectionUnavailable` (502) when the
 * upstream cannot be reached.
 */
export async function probeConnection(
  definition: ConnectionDefinition,
  secrets: Secrets,
  options: Pick<TestConnectionOptions, "baseDir">,
): Promise<ProbeResult> {
  const opened = await openConnection(definition, secrets, options);
  try {
    const entitySets = await describeOrThrow(opened, secrets, definition.settings);
    return { target: opened.display, entitySets, ...(await inspect(opened, secrets)) };
  } finally {
    await opened.close().catch(() => {});
  }
}

/**
 * Why a connection that exposes no entity set is of no use: what it left out, or an upstream
 * that offers nothing where the settings point. Undefined when it exposes something.
 */
export function nothingExposed(
  name: string,
  entitySets: readonly unknown[],
  inspection: ConnectorInspection,
): Problem | undefined {
  if (entitySets.length > 0) return undefined;
  const { leftOut } = inspection;
  const why =
    leftOut.length === 0
      ? "its upstream offers nothing to expose where the settings point: check that they name the right database or schema, and that the user may read it"
      : `everything it was offered or asked for is left out (${leftOut.length} ${leftOut.length === 1 ? "item" : "items"}, each with its reason and fix); the first: ${leftOut[0]!.message} ${leftOut[0]!.fix.message}`;
  return { code: "NothingExposed", message: `connection '${name}' exposes no entity sets: ${why}` };
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
      leftOut: [],
      warnings: [],
      error: { code: problem.code, message: maskSecrets(problem.message, secrets) },
    };
  }
  try {
    const report = await testOpenedConnection(opened, secrets, { ...options, settings: definition.settings });
    return { ...report, kind: definition.kind, durationMs: elapsedSince(started) };
  } finally {
    await opened.close().catch(() => {});
  }
}

/** The test of a connection already open (the caller closes it). */
export async function testOpenedConnection(
  opened: OpenedConnection,
  secrets: Secrets,
  options: Omit<TestConnectionOptions, "baseDir"> & {
    /** The connection's settings, to name the one an upstream refuses. */
    readonly settings?: ConnectionDefinition["settings"];
  },
): Promise<ConnectionTestReport> {
  const started = performance.now();
  const report = (
    fields: Pick<ConnectionTestReport, "ok" | "entitySets" | "error"> & Partial<ConnectorInspection>,
  ) => ({
    connection: opened.name,
    kind: opened.connector.kind,
    target: opened.display,
    leftOut: [],
    warnings: [],
    ...fields,
    durationMs: elapsedSince(started),
  });
  let entitySets: readonly EntitySetDef[];
  let checks: EntitySetCheck[];
  try {
    entitySets = await describeOrThrow(opened, secrets, options.settings ?? {});
  } catch (error) {
    return report({ ok: false, entitySets: [], error: problemOf(error) });
  }
  const inspection = await inspect(opened, secrets);
  const empty = nothingExposed(opened.name, entitySets, inspection);
  if (empty !== undefined) return report({ ok: false, entitySets: [], ...inspection, error: empty });
  options.onProgress?.({ type: "opened", target: opened.display, entitySets: entitySets.map((s) => s.name) });
  try {
    checks = await sampleEachSet(opened, entitySets, secrets, options);
  } catch (error) {
    const context = `connection '${opened.name}' could not be checked`;
    return report({
      ok: false,
      entitySets: [],
      ...inspection,
      error: upstreamProblem(context, error, secrets),
    });
  }
  return report({ ok: checks.every((c) => c.ok), entitySets: checks, ...inspection });
}

/**
 * What the connector says it leaves out and warns of; a connector that cannot say (or fails
 * to) leaves nothing out and warns of that.
 */
async function inspect(opened: OpenedConnection, secrets: Secrets): Promise<ConnectorInspection> {
  if (opened.connector.inspect === undefined) return { leftOut: [], warnings: [] };
  try {
    return await opened.connector.inspect();
  } catch (error) {
    const { message } = upstreamProblem(`connection '${opened.name}' could not be inspected`, error, secrets);
    return { leftOut: [], warnings: [{ code: "InspectionFailed", message }] };
  }
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

async function describeOrThrow(
  opened: OpenedConnection,
  secrets: Secrets,
  settings: ConnectionDefinition["settings"],
): Promise<readonly EntitySetDef[]> {
  try {
    return await opened.connector.describe();
  } catch (error) {
    const context = `connection '${opened.name}' could not be read`;
    const { message } = upstreamProblem(context, error, secrets);
    const worded = error instanceof ODataError ? `connection '${opened.name}': ${message}` : message;
    // The upstream refused what the settings say (no such database, credentials refused):
    // the admin's request is at fault, and the error names the setting to change.
    if (error instanceof ConnectionSettingsError) {
      const refused = new GatewayError(
        "InvalidRequest",
        worded,
        settingAtFault(error.settings, settings, secrets),
      );
      throw Object.defineProperty(refused, "cause", { value: error, enumerable: false });
    }
    // A connector's own 4xx (a settings value the upstream cannot use) keeps its code and status.
    if (error instanceof ODataError && error.status < 500)
      throw new ODataError({ code: error.code, message: worded, status: error.status, target: opened.name });
    throw new GatewayError("ConnectionUnavailable", worded, opened.name);
  }
}

/** The upstream was not reached, or refused the settings: what a probe throws past valid settings. */
export function isUpstreamRefusal(error: unknown): error is GatewayError {
  return (
    error instanceof GatewayError &&
    (error.code === "ConnectionUnavailable" || error.cause instanceof ConnectionSettingsError)
  );
}

/** The first of the suspects the connection sets, as a field path; `settings` when it sets none. */
function settingAtFault(
  suspects: readonly string[],
  settings: ConnectionDefinition["settings"],
  secrets: Secrets,
): string {
  for (const name of suspects) {
    if (Object.hasOwn(secrets, name)) return `secrets.${name}`;
    if (Object.hasOwn(settings, name)) return `settings.${name}`;
  }
  return "settings";
}

/** An error `describeOrThrow` raised: already masked and worded for the admin. */
function problemOf(error: unknown): Problem {
  return error instanceof ODataError
    ? {
        code: error.code,
        message: error.message,
        ...(error.target === undefined ? {} : { target: error.target }),
      }
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
