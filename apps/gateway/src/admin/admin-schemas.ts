/**
 * JSON schemas of the admin API: they validate requests, shape responses (a response carries
 * only the properties listed here, so nothing unlisted such as a secret can slip out), and
 * document every operation at /docs.
 */
import { ADMIN_TAG } from "../openapi/register-openapi.ts";

const text = (description: string) => ({ type: "string", description }) as const;
const nullableText = (description: string) => ({ type: ["string", "null"], description }) as const;
const instant = (description: string) => ({ type: "string", format: "date-time", description }) as const;
const count = (description: string) => ({ type: "integer", minimum: 0, description }) as const;

/** An object whose keys are free (settings, rows), still listing `properties` for the description. */
const freeObject = (description: string) =>
  ({ type: "object", description, properties: {}, additionalProperties: true }) as const;

export const errorBody = {
  type: "object",
  description: "An OData error: a code, a message that says what to do, and the offending field.",
  properties: {
    error: {
      type: "object",
      properties: {
        code: text("Machine-readable code, e.g. InvalidRequest, NotFound, Conflict, ManagedByConfig."),
        message: text("What went wrong and how to fix it."),
        target: text("The field or name at fault."),
        details: {
          type: "array",
          items: {
            type: "object",
            properties: { code: text("Code."), message: text("Message."), target: text("Field.") },
          },
        },
      },
    },
  },
} as const;

const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, { ...errorBody, description: ERROR_TEXT[status] }]));

const ERROR_TEXT: Record<number, string> = {
  400: "The request is invalid (the message names the field), the connection's settings are, the upstream refused them (no such database, credentials refused), or the connection would expose nothing (NothingExposed: each thing left out is a detail). Nothing was saved.",
  401: "No API key, or an unknown or revoked one.",
  403: "The API key lacks the scope needed here ('admin'; 'operator' for /admin/workspaces), or asks to create or revoke a key with a scope it lacks itself.",
  404: "No such connection or key in this workspace (or workspace in this store).",
  409: "The name is taken; or the workspace is managed by a configuration such as headgate.yaml (ManagedByConfig), re-applied at every start; or an operator key asked to delete its own workspace.",
  501: "The connection kind is not available in this version.",
  502: "The connection test failed: the upstream could not be reached (down, or the wrong host or port). Nothing was saved.",
};

export const noContent = { type: "null", description: "Done; no body." } as const;

export const connection = {
  type: "object",
  description: "A connection to an upstream system. Secret values are never returned, only their names.",
  properties: {
    id: text("Stable identifier."),
    name: text("The connection's name, unique in the workspace (ignoring case)."),
    kind: text("The connector: sql, sage300, memory (procore, arcgis, sharepoint in later versions)."),
    settings: freeObject("Non-secret settings of the connector (dialect, file, host, database, ...)."),
    secretNames: { type: "array", items: { type: "string" }, description: "Names of the secrets set." },
    createdAt: instant("When it was created."),
    updatedAt: instant("When it last changed."),
  },
} as const;

const secretValues = {
  type: "object",
  description: "Secret values by name (password, url, ...), stored encrypted and never shown again.",
  additionalProperties: { type: "string", minLength: 1 },
} as const;

const testFlag = {
  type: "boolean",
  default: true,
  description:
    "Reach the upstream (reachability, credentials, schema) before saving; when it fails nothing is saved. false saves without trying.",
} as const;

export const newConnection = {
  type: "object",
  required: ["name", "kind"],
  properties: {
    name: text("1 to 64 letters, digits, spaces, '.', '_' and '-'."),
    kind: text("sql, sage300 or memory."),
    settings: { type: "object", description: "Connector settings; secrets go in 'secrets'." },
    secrets: secretValues,
    test: testFlag,
  },
} as const;

export const connectionPatch = {
  type: "object",
  properties: {
    name: text("A new name."),
    kind: text("A new kind."),
    settings: { type: "object", description: "Replaces the settings object as a whole." },
    secrets: {
      type: "object",
      description: "Secrets to set; null removes one; secrets not named stay as they are.",
      additionalProperties: { type: ["string", "null"] },
    },
    test: {
      ...testFlag,
      description: `${testFlag.description} Only done when kind, settings or secrets change.`,
    },
  },
} as const;

export const connectionParams = {
  type: "object",
  required: ["connection"],
  properties: { connection: text("The connection's name or id.") },
} as const;

const entitySetCheck = {
  type: "object",
  properties: {
    name: text("Entity set name."),
    ok: { type: "boolean", description: "A row was read (or the set is empty)." },
    durationMs: count("Time taken."),
    sampleRow: freeObject("The first row."),
    skipped: text("Why no row was read (the set needs a filter)."),
    error: { type: "object", properties: { code: text("Error code."), message: text("What failed.") } },
  },
} as const;

const leftOutItem = {
  type: "object",
  description:
    "Something the upstream holds, or the settings ask for, that the connection does not expose, with why and how to include it.",
  properties: {
    name: text("As the upstream names it: a table or view, or a column as table.column."),
    kind: text("What it is: table, view, column."),
    reason: text("Why, as a code: NoKey, NotFound, UnsupportedType, KeyNotExposed, ..."),
    message: text("What is left out and why."),
    fix: {
      type: "object",
      properties: {
        message: text("How to include it (or, when it cannot be, how to stop asking for it)."),
        settings: freeObject(
          "Settings that include it: a fragment of the connection's settings (a list holds the entry to add, or to put in place of the one at 'setting').",
        ),
      },
    },
    setting: text("Where the settings ask for it, e.g. tables[2]."),
  },
} as const;

const connectorWarning = {
  type: "object",
  description: "Something that works but the administrator should know.",
  properties: {
    code: text("UserCanWrite (the database user could change data), SettingIgnored, ..."),
    message: text("What, and what to do."),
  },
} as const;

const leftOutList = {
  type: "array",
  items: leftOutItem,
  description: "Everything the connection does not expose, why, and how to include it.",
} as const;
const warningList = {
  type: "array",
  items: connectorWarning,
  description: "What the administrator should know.",
} as const;

/** A created or changed connection, with what its test found. */
const savedConnection = {
  ...connection,
  properties: {
    ...connection.properties,
    check: {
      type: "object",
      description: "What the test before saving found (absent when saved untested).",
      properties: {
        entitySets: { type: "array", items: { type: "string" }, description: "The entity sets it exposes." },
        leftOut: leftOutList,
        warnings: warningList,
      },
    },
  },
} as const;

export const testReport = {
  type: "object",
  description: "What a connection test found: opened, described, one row read per entity set.",
  properties: {
    connection: text("Connection name."),
    kind: text("Connection kind."),
    ok: {
      type: "boolean",
      description: "Everything that was tried worked, and the connection exposes at least one entity set.",
    },
    durationMs: count("Total time."),
    target: nullableText("Where the connection points (no password); null when it could not be opened."),
    entitySets: { type: "array", items: entitySetCheck },
    leftOut: leftOutList,
    warnings: warningList,
    error: {
      type: "object",
      description:
        "Why the connection could not be opened or described, or why it exposes nothing (NothingExposed).",
      properties: {
        code: text("Error code."),
        message: text("What failed and why."),
        target: text("The setting or secret at fault, e.g. settings.database."),
      },
    },
  },
} as const;

const entitySetSummary = {
  type: "object",
  properties: {
    name: text("Entity set name, as queried under /odata."),
    description: nullableText("What the set holds."),
    key: { type: "array", items: { type: "string" }, description: "Key properties." },
    propertyCount: count("Number of properties."),
    navigationCount: count("Number of navigation properties."),
    requiredFilter: {
      type: "array",
      items: { type: "string" },
      description: "Properties a query must filter on to list the set.",
    },
  },
} as const;

export const apiKey = {
  type: "object",
  properties: {
    id: text("Key id (for revoking)."),
    name: text("The key's name."),
    scopes: { type: "array", items: { type: "string", enum: ["query", "admin", "operator"] } },
    prefix: text("The start of the key, to recognise it."),
    createdAt: instant("When it was created."),
    lastUsedAt: { ...instant("When it was last used (to the minute)."), type: ["string", "null"] },
    revokedAt: { ...instant("When it was revoked."), type: ["string", "null"] },
  },
} as const;

export const newKey = {
  type: "object",
  required: ["name"],
  properties: {
    name: text("1 to 64 letters, digits, spaces, '.', '_' and '-'; unique among active keys."),
    scopes: {
      type: "array",
      minItems: 1,
      items: { type: "string", enum: ["query", "admin", "operator"] },
      default: ["query"],
      description:
        "'query' reads data; 'admin' administers the workspace; 'operator' administers the store's workspaces. A key can only give scopes it has itself.",
    },
  },
} as const;

export const workspace = {
  type: "object",
  description: "A workspace: connections, API keys and an audit log of their own.",
  properties: {
    id: text("Stable identifier."),
    name: text("The workspace's name (lowercase letters, digits and hyphens); keys start hg_<name>_."),
    createdAt: instant("When it was created."),
    managedBy: nullableText(
      "The configuration that manages its connections (e.g. a headgate.yaml), re-applied at every start; null when its admins do.",
    ),
  },
} as const;

const newWorkspace = {
  type: "object",
  required: ["name"],
  properties: {
    name: text("1 to 40 lowercase letters, digits and hyphens, e.g. acme-builders."),
    adminKeyName: { ...text("The name of its first admin key."), default: "admin" },
  },
} as const;

const auditEntry = {
  type: "object",
  properties: {
    id: text("Entry id."),
    at: instant("When the query was answered."),
    keyId: nullableText("The API key that asked (null for the local CLI)."),
    keyName: nullableText("That key's name."),
    door: text(
      "Where the query came in: odata, action (the ChatGPT Action's /api), mcp-http, mcp-stdio or admin (a connection test). Entries from earlier versions say rest (odata or action) or mcp (either MCP door).",
    ),
    entitySet: nullableText("The entity set queried."),
    query: text("The query, in OData text."),
    pushed: nullableText("What went to the upstream."),
    residual: nullableText("What the gateway evaluated itself."),
    upstreamCalls: count("Calls made upstream."),
    rows: count("Rows returned."),
    bytes: count("Response size."),
    durationMs: count("Time taken."),
    outcome: text("ok or error."),
    errorCode: nullableText("The error's code, for outcome error."),
  },
} as const;

const list = (items: object, description: string) =>
  ({ type: "object", description, properties: { value: { type: "array", items } } }) as const;

const base = { tags: [ADMIN_TAG] };

export const schemas = {
  listConnections: {
    ...base,
    summary: "List the workspace's connections",
    operationId: "listConnections",
    response: { 200: list(connection, "The connections."), ...errors(401, 403) },
  },
  createConnection: {
    ...base,
    summary: "Create a connection (tested first)",
    description:
      "Validates the kind and settings, then (unless test is false) reaches the upstream; when anything fails nothing is stored and the error says why.",
    operationId: "createConnection",
    body: newConnection,
    response: { 201: savedConnection, ...errors(400, 401, 403, 409, 501, 502) },
  },
  showConnection: {
    ...base,
    summary: "Show a connection",
    operationId: "showConnection",
    params: connectionParams,
    response: { 200: connection, ...errors(401, 403, 404) },
  },
  updateConnection: {
    ...base,
    summary: "Change a connection",
    description:
      "Changes the given fields; secrets merge (null removes one). A changed kind, settings or secrets is tested like a new connection.",
    operationId: "updateConnection",
    params: connectionParams,
    body: connectionPatch,
    response: { 200: savedConnection, ...errors(400, 401, 403, 404, 409, 501, 502) },
  },
  deleteConnection: {
    ...base,
    summary: "Delete a connection and its secrets",
    operationId: "deleteConnection",
    params: connectionParams,
    response: { 204: noContent, ...errors(401, 403, 404, 409) },
  },
  testConnection: {
    ...base,
    summary: "Test a connection",
    description:
      "Opens the connection, describes it and reads one row of each entity set. Answers 200 with ok: false when something failed; the report says what.",
    operationId: "testConnection",
    params: connectionParams,
    response: { 200: testReport, ...errors(401, 403, 404) },
  },
  listEntitySets: {
    ...base,
    summary: "List a connection's entity sets",
    operationId: "listConnectionEntitySets",
    params: connectionParams,
    response: { 200: list(entitySetSummary, "The entity sets."), ...errors(400, 401, 403, 404, 501, 502) },
  },
  listKeys: {
    ...base,
    summary: "List the workspace's API keys",
    operationId: "listApiKeys",
    response: { 200: list(apiKey, "The keys, newest first, revoked ones included."), ...errors(401, 403) },
  },
  createKey: {
    ...base,
    summary: "Create an API key (shown once)",
    description: "The answer's 'key' is the only time the key is shown: store it now.",
    operationId: "createApiKey",
    body: newKey,
    response: {
      201: {
        ...apiKey,
        description: "The new key's record and its plaintext.",
        properties: { ...apiKey.properties, key: text("The key itself (hg_...); never shown again.") },
      },
      ...errors(400, 401, 403, 409),
    },
  },
  revokeKey: {
    ...base,
    summary: "Revoke an API key",
    description:
      "The key stops working at once. Revoking the key this request uses is allowed: it is the last request that key makes.",
    operationId: "revokeApiKey",
    params: { type: "object", required: ["id"], properties: { id: text("The key's id.") } },
    response: { 204: noContent, ...errors(401, 403, 404) },
  },
  listWorkspaces: {
    ...base,
    summary: "List the store's workspaces (operator key)",
    description: "Needs a key with the 'operator' scope; a workspace admin key is refused with 403.",
    operationId: "listWorkspaces",
    response: { 200: list(workspace, "The workspaces, by name."), ...errors(401, 403) },
  },
  createWorkspace: {
    ...base,
    summary: "Create a workspace and its first admin key (operator key)",
    description:
      "Needs a key with the 'operator' scope. The answer's adminKey.key is the only time the new workspace's admin key is shown: store it now.",
    operationId: "createWorkspace",
    body: newWorkspace,
    response: {
      201: {
        ...workspace,
        description: "The new workspace, with its first admin key (scopes query and admin).",
        properties: {
          ...workspace.properties,
          adminKey: {
            ...apiKey,
            properties: { ...apiKey.properties, key: text("The key itself (hg_...); never shown again.") },
          },
        },
      },
      ...errors(400, 401, 403, 409),
    },
  },
  deleteWorkspace: {
    ...base,
    summary: "Delete a workspace and everything in it (operator key)",
    description:
      "Deletes its connections, secrets, keys and audit log. Refused (409) for a workspace a configuration manages, and for the workspace of the key asking.",
    operationId: "deleteWorkspace",
    params: {
      type: "object",
      required: ["workspace"],
      properties: { workspace: text("The workspace's name or id.") },
    },
    response: { 204: noContent, ...errors(401, 403, 404, 409) },
  },
  listAudit: {
    ...base,
    summary: "Read the audit log",
    description: "One entry per query answered or refused, newest first. Follow 'next' for older entries.",
    operationId: "listAudit",
    querystring: {
      type: "object",
      properties: {
        limit: { type: "integer", minimum: 1, maximum: 1000, default: 50, description: "Entries per page." },
        before: text("The 'next' cursor of the previous page."),
        door: text(
          "Only entries of this door: odata, action, mcp-http, mcp-stdio, admin, or an earlier version's rest, mcp, cli.",
        ),
      },
    },
    response: {
      200: {
        ...list(auditEntry, "A page of entries."),
        properties: {
          value: { type: "array", items: auditEntry },
          next: text("Cursor of the next (older) page; absent on the last page."),
        },
      },
      ...errors(400, 401, 403),
    },
  },
} as const;
