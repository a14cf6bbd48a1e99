/**
 * The settings and secrets each connection kind takes, declared once. `headgate.yaml`, the admin
 * API and the CLI all check a connection against these, so a misspelt setting is refused the
 * same way at every door instead of being ignored while the connection exposes something else.
 * What each value must look like is checked where the kind reads it (the gateway's settings
 * readers); this says which names exist, nested ones included.
 */

export const CONNECTION_KINDS = ["memory", "sql", "sage300", "procore", "arcgis", "sharepoint"] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];

/** One setting: what it means and, for a nested one, the fields inside. */
export interface SettingSpec {
  readonly description: string;
  /** The value is an object with these fields. */
  readonly fields?: SettingFields;
  /** The value is a list of objects with these fields. */
  readonly items?: SettingFields;
  /** The value maps names of the admin's choosing (entity sets) to objects with these fields. */
  readonly values?: SettingFields;
}

export type SettingFields = Readonly<Record<string, SettingSpec>>;

export interface KindSettings {
  readonly settings: SettingFields;
  /** Secret name → what it holds. */
  readonly secrets: Readonly<Record<string, string>>;
}

const leaf = (description: string): SettingSpec => ({ description });

/** Every kind takes these (the gateway applies them around any connector). */
const COMMON: SettingFields = {
  entitySetPrefix: leaf("Put before every entity set name, for two connections that expose the same names."),
  cache: {
    description:
      "How long scans are kept in the shared cache: off, or { ttl, staleWhileRevalidate, entitySets }.",
    fields: {
      ttl: leaf(
        "How long a cached scan answers: seconds or 30s, 5m, 1h; off or 0: not cached (at most 24h).",
      ),
      staleWhileRevalidate: leaf(
        "How long an expired scan may still answer while it is read again (default 0).",
      ),
      entitySets: {
        description: "Per entity set: off, or { ttl }, replacing the connection's ttl.",
        values: { ttl: leaf("How long this entity set's scans are cached; off or 0: not cached.") },
      },
    },
  },
};

const DATABASE: SettingFields = {
  ...COMMON,
  dialect: leaf("postgres (default), sqlite or mssql."),
  url: leaf("postgres://user@host:5432/database (the password goes in the secrets)."),
  host: leaf("The database server (instead of url)."),
  port: leaf("The server's port (5432, SQL Server 1433)."),
  database: leaf("The database name."),
  user: leaf("The database user."),
  instanceName: leaf("SQL Server: a named instance, instead of a port."),
  encrypt: leaf("SQL Server: TLS to the server (default true)."),
  trustServerCertificate: leaf("SQL Server: accept a self-signed certificate (default false)."),
  file: leaf("SQLite: the database file, opened read-only."),
  schema: leaf("The schema holding the tables (public, dbo, main)."),
  poolMax: leaf("Pooled connections (default 5)."),
  timeoutMs: leaf("Longest a statement may run."),
  maxRows: leaf("Most rows one scan may read."),
  pageSize: leaf("Rows per statement when a result streams in pages."),
  preparedStatements: leaf("Postgres: keep statements prepared (default true)."),
};

const DATABASE_SECRETS = {
  password: "The database user's password.",
  url: "The whole connection URL, password included.",
} as const;

const NAVIGATION: SettingFields = {
  name: leaf("The navigation property's name."),
  target: leaf("The entity set it leads to."),
  collection: leaf("true when it leads to many rows."),
  on: {
    description: "How rows join: this set's local property equals the target's remote property.",
    items: { local: leaf("A property of this set."), remote: leaf("A property of the target.") },
  },
  description: leaf("What the navigation means."),
};

const PROPERTY: SettingFields = {
  name: leaf("The OData property name."),
  column: leaf("The column behind it."),
  convention: leaf("How fixed-width text is stored: trimPadded or emptyAsNull."),
  fixedWidth: leaf("The width values are padded to."),
  type: leaf("Edm.Decimal or Edm.Boolean, to expose the column as that type."),
  scale: leaf("Decimals of an Edm.Decimal."),
  precision: leaf("Digits of an Edm.Decimal."),
  storedAtScale: leaf("The float column only holds values at scale."),
  description: leaf("What the value means."),
  allowedValues: leaf("The values the property can take."),
  searchable: leaf("The property takes part in $search."),
};

const TABLE: SettingFields = {
  table: leaf("The table or view, as the database spells it."),
  entitySet: leaf("The entity set name."),
  entityType: leaf("The entity type name."),
  key: leaf("Key columns (views and tables without a primary key need them)."),
  columns: leaf("Expose only these columns."),
  exclude: leaf("Hide these columns."),
  searchable: leaf("Columns $search looks in, or true for every text column."),
  description: leaf("What a row is."),
  properties: { description: "The properties to expose, each with its column.", items: PROPERTY },
  union: {
    description: "More tables whose rows belong to this entity set too.",
    fields: {
      tables: leaf("The other tables or views."),
      source: {
        description: "A text property telling which table a row came from.",
        fields: {
          property: leaf("The property's name."),
          values: leaf("Its value per table name."),
          description: leaf("What the property means."),
        },
      },
    },
  },
  navigation: { description: "Navigation properties, for $expand.", items: NAVIGATION },
};

/**
 * The kinds a connector serves. arcgis and sharepoint have none yet (opening one says so), so
 * nothing about their settings is known.
 */
export const KIND_SETTINGS: Readonly<Partial<Record<ConnectionKind, KindSettings>>> = {
  memory: {
    settings: { ...COMMON, dataset: leaf("sample: the small built-in sample.") },
    secrets: {},
  },
  sql: {
    settings: {
      ...DATABASE,
      tables: { description: "Which tables and views, and how each is exposed.", items: TABLE },
    },
    secrets: DATABASE_SECRETS,
  },
  sage300: { settings: DATABASE, secrets: DATABASE_SECRETS },
  procore: {
    settings: {
      ...COMMON,
      baseUrl: leaf("The API host, e.g. https://api.procore.com."),
      companyId: leaf("Your Procore company id."),
      clientId: leaf("The client id of your Procore app (may be a secret instead)."),
      grant: leaf("client_credentials (default) or authorization_code."),
      tokenUrl: leaf("The token endpoint (default {baseUrl}/oauth/token)."),
      projectScope: leaf("fan-out (default) or require-filter."),
      concurrency: leaf("Requests in flight at once."),
      requestsPerSecond: leaf("Request rate limit."),
      timeoutMs: leaf("Longest a request may take."),
      maxPerPage: leaf("Rows per Procore page."),
      budgetViewId: leaf("The budget view to read (default: the first)."),
      rateLimit: {
        description:
          "Procore's spike window, when it is not 25 requests per 10 s; its headers win when they say.",
        fields: {
          spikeLimit: leaf("Requests allowed in the spike window (default 25)."),
          spikeWindowSeconds: leaf("Length of the spike window in seconds (default 10)."),
        },
      },
    },
    secrets: {
      clientId: "The client id of your Procore app.",
      clientSecret: "The client secret of your Procore app.",
      refreshToken: "With the authorization_code grant: the refresh token of the first consent.",
    },
  },
};
