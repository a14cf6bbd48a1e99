/**
 * The shape of `headgate.yaml`, checked field by field. Every problem is collected (an admin
 * fixes a file in one pass, not one error per restart), with a did-you-mean for misspelt kinds
 * and references.
 */
import { didYouMean } from "@headgate/odata";
import { ConfigError, type ConfigIssue } from "./config-error.ts";
import { CONNECTION_KINDS, type ConnectionKind } from "./connection-settings/kind-settings.ts";
import { formatPath, unknownSettings } from "./connection-settings/unknown-settings.ts";

export interface WorkspaceConfig {
  readonly name: string;
}

export interface ConnectionConfig {
  readonly name: string;
  readonly workspace: string;
  readonly kind: ConnectionKind;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly secrets: Readonly<Record<string, string>>;
}

/** `connection.EntitySet.property`, e.g. `sage.Jobs.Job`. */
export interface PropertyReference {
  readonly connection: string;
  readonly entitySet: string;
  readonly property: string;
}

export interface RelationshipConfig {
  readonly name: string;
  readonly workspace: string;
  readonly from: PropertyReference;
  readonly to: PropertyReference;
  readonly collection: boolean;
}

/** A client's token bucket: it refills at `requestsPerMinute` and holds at most `burst` requests. */
export interface RequestRateLimit {
  readonly requestsPerMinute: number;
  readonly burst: number;
}

/** A rate limit on clients' requests, or `off`. */
export type ClientRateLimit = RequestRateLimit | "off";

export interface LimitsConfig {
  readonly maxPageSize: number;
  readonly timeoutMs: number;
  /** Requests of one API key (or one OAuth sign-in made with it), at every door but /admin. */
  readonly perKey: ClientRateLimit;
  /** Requests of all the keys of one workspace together. */
  readonly perWorkspace: ClientRateLimit;
}

export interface HeadgateConfig {
  readonly version: 1;
  readonly workspaces: readonly WorkspaceConfig[];
  readonly connections: readonly ConnectionConfig[];
  readonly relationships: readonly RelationshipConfig[];
  readonly limits: LimitsConfig;
}

/**
 * Far above what one person's assistant or an Excel refresh asks for (a refresh follows a few
 * hundred next links back to back, which the burst absorbs), low enough that a runaway script
 * cannot take the gateway, or its workspace's share of it, for itself.
 */
const DEFAULT_RATE_LIMITS = {
  perKey: { requestsPerMinute: 600, burst: 300 },
  perWorkspace: { requestsPerMinute: 3000, burst: 1500 },
} as const satisfies Record<string, RequestRateLimit>;

export const DEFAULT_LIMITS: LimitsConfig = { maxPageSize: 1000, timeoutMs: 30_000, ...DEFAULT_RATE_LIMITS };

type Position = (path: readonly (string | number)[]) => { line: number; column: number };
type Path = readonly (string | number)[];

const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

class Checker {
  readonly issues: ConfigIssue[] = [];
  constructor(private readonly position: Position) {}

  fail(path: Path, message: string): void {
    this.issues.push({ ...this.position(path), path: formatPath(path), message });
  }

  object(value: unknown, path: Path): Record<string, unknown> | undefined {
    if (typeof value === "object" && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
    this.fail(path, `expected a mapping (key: value lines), found ${describe(value)}`);
    return undefined;
  }

  list(value: unknown, path: Path): unknown[] {
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value;
    this.fail(path, `expected a list (lines starting with '- '), found ${describe(value)}`);
    return [];
  }

  name(value: unknown, path: Path): string | undefined {
    if (typeof value === "string" && NAME.test(value)) return value;
    this.fail(
      path,
      `expected a name of letters, digits, '-' or '_' starting with a letter (at most 64), found ${describe(value)}`,
    );
    return undefined;
  }

  /** A whole number from 1 to `max`; `fallback` when absent (or wrong, after saying so). */
  wholeNumber(raw: unknown, path: Path, fallback: number, max: number): number {
    if (raw === undefined) return fallback;
    if (typeof raw === "number" && Number.isInteger(raw) && raw > 0 && raw <= max) return raw;
    this.fail(path, `expected a whole number from 1 to ${max}, found ${describe(raw)}`);
    return fallback;
  }

  unknownKeys(object: Record<string, unknown>, allowed: readonly string[], path: Path): void {
    for (const key of Object.keys(object)) {
      if (!allowed.includes(key))
        this.fail(
          [...path, key],
          `unknown setting '${key}'${didYouMean(key, allowed) || `; expected one of ${allowed.join(", ")}`}`,
        );
    }
  }
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `${typeof value} ${JSON.stringify(value)}`;
}

export function validateConfig(value: unknown, file: string, position: Position): HeadgateConfig {
  const check = new Checker(position);
  const root = check.object(value, []) ?? {};
  check.unknownKeys(root, ["version", "workspaces", "connections", "relationships", "limits"], []);
  if (root.version !== 1) check.fail(["version"], `expected version: 1, found ${describe(root.version)}`);
  const workspaces = readWorkspaces(check, root.workspaces);
  const connections = readConnections(check, root.connections, workspaces);
  const relationships = readRelationships(check, root.relationships, connections);
  const limits = readLimits(check, root.limits);
  if (check.issues.length > 0) throw new ConfigError(file, check.issues);
  return { version: 1, workspaces, connections, relationships, limits };
}

function readWorkspaces(check: Checker, value: unknown): WorkspaceConfig[] {
  const seen = new Set<string>();
  const items = check.list(value, ["workspaces"]);
  if (items.length === 0)
    check.fail(["workspaces"], "declare at least one workspace, e.g.\nworkspaces:\n  - name: main");
  return items.flatMap((item, i) => {
    const object = check.object(item, ["workspaces", i]);
    if (!object) return [];
    check.unknownKeys(object, ["name"], ["workspaces", i]);
    const name = check.name(object.name, ["workspaces", i, "name"]);
    if (name === undefined) return [];
    if (seen.has(name.toLowerCase()))
      check.fail(["workspaces", i, "name"], `workspace '${name}' is declared twice`);
    seen.add(name.toLowerCase());
    return [{ name }];
  });
}

function readConnections(
  check: Checker,
  value: unknown,
  workspaces: readonly WorkspaceConfig[],
): ConnectionConfig[] {
  const seen = new Set<string>();
  const workspaceNames = [...new Set(workspaces.map((w) => w.name))];
  return check.list(value, ["connections"]).flatMap((item, i) => {
    const path = ["connections", i] as const;
    const object = check.object(item, path);
    if (!object) return [];
    check.unknownKeys(object, ["name", "workspace", "kind", "settings", "secrets"], path);
    const name = check.name(object.name, [...path, "name"]);
    const workspace =
      object.workspace === undefined && workspaceNames.length === 1 ? workspaceNames[0] : object.workspace;
    if (typeof workspace !== "string" || !workspaceNames.includes(workspace)) {
      check.fail(
        [...path, "workspace"],
        `unknown workspace ${describe(workspace)}${typeof workspace === "string" ? didYouMean(workspace, workspaceNames) : ""}; declared workspaces: ${workspaceNames.join(", ") || "none"}`,
      );
    }
    const kind = object.kind;
    const knownKind = typeof kind === "string" && (CONNECTION_KINDS as readonly string[]).includes(kind);
    if (!knownKind) {
      const hint = typeof kind === "string" ? didYouMean(kind, CONNECTION_KINDS) : "";
      check.fail(
        [...path, "kind"],
        `unknown connection kind ${describe(kind)}${hint}; valid kinds: ${CONNECTION_KINDS.join(", ")}`,
      );
    }
    const settings =
      object.settings === undefined ? {} : check.object(object.settings, [...path, "settings"]);
    const secrets = readSecrets(check, object.secrets, [...path, "secrets"]);
    if (knownKind && settings && secrets)
      for (const problem of unknownSettings(kind as ConnectionKind, settings, secrets))
        check.fail([...path, ...problem.path], problem.message);
    if (name === undefined || typeof workspace !== "string" || !settings || !secrets) return [];
    const unique = `${workspace}/${name}`.toLowerCase();
    if (seen.has(unique))
      check.fail([...path, "name"], `connection '${name}' is declared twice in workspace '${workspace}'`);
    seen.add(unique);
    return [{ name, workspace, kind: kind as ConnectionKind, settings, secrets }];
  });
}

function readSecrets(check: Checker, value: unknown, path: Path): Record<string, string> | undefined {
  if (value === undefined) return {};
  const object = check.object(value, path);
  if (!object) return undefined;
  const secrets: Record<string, string> = {};
  for (const [key, secret] of Object.entries(object)) {
    // The value is never echoed: it may be a real secret, even when its type is wrong.
    if (typeof secret !== "string" || secret === "")
      check.fail(
        [...path, key],
        "a secret must be a non-empty text value; use ${ENV_VAR} to take it from the environment",
      );
    else secrets[key] = secret;
  }
  return secrets;
}

function readRelationships(
  check: Checker,
  value: unknown,
  connections: readonly ConnectionConfig[],
): RelationshipConfig[] {
  return check.list(value, ["relationships"]).flatMap((item, i) => {
    const path = ["relationships", i] as const;
    const object = check.object(item, path);
    if (!object) return [];
    check.unknownKeys(object, ["name", "from", "to", "collection"], path);
    const name = check.name(object.name, [...path, "name"]);
    const from = readReference(check, object.from, [...path, "from"], connections);
    const to = readReference(check, object.to, [...path, "to"], connections);
    if (object.collection !== undefined && typeof object.collection !== "boolean")
      check.fail([...path, "collection"], "expected true or false");
    if (!name || !from || !to) return [];
    const fromWorkspace = connections.find((c) => c.name === from.connection)!.workspace;
    const toWorkspace = connections.find((c) => c.name === to.connection)!.workspace;
    if (fromWorkspace !== toWorkspace) {
      check.fail(
        path,
        `a relationship joins connections of one workspace; '${from.connection}' is in '${fromWorkspace}', '${to.connection}' in '${toWorkspace}'`,
      );
      return [];
    }
    return [{ name, workspace: fromWorkspace, from, to, collection: object.collection === true }];
  });
}

function readReference(
  check: Checker,
  value: unknown,
  path: Path,
  connections: readonly ConnectionConfig[],
): PropertyReference | undefined {
  const parts = typeof value === "string" ? value.split(".") : [];
  if (parts.length !== 3 || parts.some((p) => p === "")) {
    check.fail(path, `expected connection.EntitySet.property, e.g. sage.Jobs.Job, found ${describe(value)}`);
    return undefined;
  }
  const [connection, entitySet, property] = parts as [string, string, string];
  const names = connections.map((c) => c.name);
  if (!names.includes(connection)) {
    check.fail(
      path,
      `unknown connection '${connection}'${didYouMean(connection, names) || `; declared connections: ${names.join(", ") || "none"}`}`,
    );
    return undefined;
  }
  return { connection, entitySet, property };
}

function readLimits(check: Checker, value: unknown): LimitsConfig {
  if (value === undefined || value === null) return DEFAULT_LIMITS;
  const object = check.object(value, ["limits"]);
  if (!object) return DEFAULT_LIMITS;
  check.unknownKeys(object, ["maxPageSize", "timeoutMs", "perKey", "perWorkspace"], ["limits"]);
  const { maxPageSize, timeoutMs } = DEFAULT_LIMITS;
  return {
    maxPageSize: check.wholeNumber(object.maxPageSize, ["limits", "maxPageSize"], maxPageSize, 100_000),
    timeoutMs: check.wholeNumber(object.timeoutMs, ["limits", "timeoutMs"], timeoutMs, 600_000),
    perKey: readRateLimit(check, object.perKey, "perKey"),
    perWorkspace: readRateLimit(check, object.perWorkspace, "perWorkspace"),
  };
}

/**
 * `off`, or `{ requestsPerMinute, burst }` where either may be left out: the rate falls back to
 * the default, the burst to half a minute of the rate (as in the defaults).
 */
function readRateLimit(
  check: Checker,
  value: unknown,
  name: keyof typeof DEFAULT_RATE_LIMITS,
): ClientRateLimit {
  const fallback = DEFAULT_RATE_LIMITS[name];
  if (value === undefined || value === null) return fallback;
  if (value === "off" || value === false) return "off";
  const path = ["limits", name];
  if (typeof value !== "object" || Array.isArray(value)) {
    check.fail(
      path,
      `expected off, or a mapping such as { requestsPerMinute: ${fallback.requestsPerMinute}, burst: ${fallback.burst} }, found ${describe(value)}`,
    );
    return fallback;
  }
  const object = value as Record<string, unknown>;
  check.unknownKeys(object, ["requestsPerMinute", "burst"], path);
  const rate = check.wholeNumber(
    object.requestsPerMinute,
    [...path, "requestsPerMinute"],
    fallback.requestsPerMinute,
    1_000_000,
  );
  const burst = check.wholeNumber(object.burst, [...path, "burst"], Math.ceil(rate / 2), 1_000_000);
  return { requestsPerMinute: rate, burst };
}
