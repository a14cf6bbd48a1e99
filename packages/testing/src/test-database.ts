/**
 * The PostgreSQL database every test suite and benchmark uses: HEADGATE_TEST_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/test (the machine's server, trust auth, database `test`, as
 * `.ci/run` starts it). Suites work in schemas and roles of their own and drop them afterwards,
 * so one database serves every run.
 *
 * Tests that need a neighbouring address (another role, a database that does not exist, a closed
 * port) derive it from this one with `changes`, so they follow the variable too.
 */

export const TEST_DATABASE_VARIABLE = "HEADGATE_TEST_DATABASE_URL";
export const DEFAULT_TEST_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test";

export interface TestDatabaseChanges {
  readonly user?: string;
  /** A password to put in, or null to leave out the one the variable has. */
  readonly password?: string | null;
  readonly port?: number;
  readonly database?: string;
}

/** The same place as fields, the shape knex's `pg` client and the connection settings take. */
export interface TestDatabaseConnection {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password?: string;
  readonly database: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The test database's URL, with `changes` applied. */
export function testDatabaseUrl(changes: TestDatabaseChanges = {}, env: Env = process.env): string {
  const url = configuredUrl(env);
  if (changes.user !== undefined) url.username = encodeURIComponent(changes.user);
  if (changes.password !== undefined) url.password = encodeURIComponent(changes.password ?? "");
  if (changes.port !== undefined) url.port = String(changes.port);
  if (changes.database !== undefined) url.pathname = `/${encodeURIComponent(changes.database)}`;
  return url.href;
}

/** The test database as connection fields, with `changes` applied. */
export function testDatabaseConnection(
  changes: TestDatabaseChanges = {},
  env: Env = process.env,
): TestDatabaseConnection {
  const url = new URL(testDatabaseUrl(changes, env));
  const user = decodeURIComponent(url.username) || "postgres";
  const password = decodeURIComponent(url.password);
  return {
    host: url.hostname || "127.0.0.1",
    port: url.port ? Number(url.port) : 5432,
    user,
    ...(password ? { password } : {}),
    database: decodeURIComponent(url.pathname.slice(1)) || user,
  };
}

function configuredUrl(env: Env): URL {
  const text = env[TEST_DATABASE_VARIABLE]?.trim() || DEFAULT_TEST_DATABASE_URL;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(
      `${TEST_DATABASE_VARIABLE} is not a URL; expected ${DEFAULT_TEST_DATABASE_URL} or alike.`,
    );
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new Error(`${TEST_DATABASE_VARIABLE} must be a postgres:// URL, not ${url.protocol}//...`);
  }
  return url;
}
