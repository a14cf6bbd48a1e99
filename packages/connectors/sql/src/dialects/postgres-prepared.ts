/**
 * Postgres SELECTs as named prepared statements. The connector's statements are long (one
 * expression per exposed column) and repeat with new values, so parsing and planning them anew
 * for every query cost Postgres more than running them: kept prepared on each pooled connection,
 * a repeated query shape is parsed and analysed once per connection. It is still planned for
 * each run's values (`plan_cache_mode = force_custom_plan` on the connection): a generic plan,
 * which Postgres would otherwise adopt after five runs, knows neither the filter's values nor
 * the page size, and made the Sage benchmark's top-50 query 40 % slower. A statement without
 * parameters (an unfiltered page: the page window is written out) has nothing to plan for, and
 * Postgres reuses its one plan. Servers before Postgres 12, which cannot force custom plans, run
 * the statements unnamed. The setting stays on the connector's pooled sessions.
 *
 * The statement's name is a hash of its text, so the same text always finds its statement and
 * different texts never share a name. Each connection keeps at most `MAX_PREPARED` statements;
 * the least recently used one is deallocated beyond that. A statement that the schema changed
 * under ("cached plan must not change result type") is deallocated and run once more.
 */
import { createHash } from "node:crypto";
import { field } from "./dialect.ts";

const MAX_PREPARED = 200;

interface PgResult {
  readonly rows: Record<string, unknown>[];
}

interface PgClient {
  query(config: { name?: string; text: string; values: readonly unknown[] }): Promise<PgResult>;
  /** pg's record of the statements this connection has parsed (pg/lib/connection.js). */
  readonly connection?: { parsedStatements?: Record<string, string> };
}

/** What this module keeps about one pooled connection. */
interface Session {
  /** Whether `force_custom_plan` took (asked once, before the connection's first statement). */
  readonly plansEachRun: Promise<boolean>;
  /** Names of the statements prepared here, least recently used first (a Set keeps insertion order). */
  readonly prepared: Set<string>;
}

const sessions = new WeakMap<object, Session>();

function sessionOf(client: PgClient): Session {
  let session = sessions.get(client);
  if (session === undefined) {
    const plansEachRun = client.query({ text: "SET plan_cache_mode = force_custom_plan", values: [] }).then(
      () => true,
      () => false,
    );
    session = { plansEachRun, prepared: new Set() };
    sessions.set(client, session);
  }
  return session;
}

export async function runPreparedSelect(
  connection: unknown,
  sql: string,
  bindings: readonly unknown[],
  maxPrepared: number = MAX_PREPARED,
): Promise<Record<string, unknown>[]> {
  const client = connection as PgClient;
  const unnamed = async () => (await client.query({ text: sql, values: bindings })).rows;
  const parsed = client.connection?.parsedStatements;
  // Without pg's statement record we could not deallocate: run unnamed, as knex would.
  if (parsed === undefined) return unnamed();
  const session = sessionOf(client);
  if (!(await session.plansEachRun)) return unnamed();
  const name = statementName(sql);
  await makeRoom(client, session, parsed, name, maxPrepared);
  try {
    return (await client.query({ name, text: sql, values: bindings })).rows;
  } catch (error) {
    if (!isStalePlan(error)) throw error;
    await deallocate(client, session, parsed, name);
    return unnamed();
  }
}

/** Names of recent statement texts, so a repeated text is not hashed again. */
const namesByText = new Map<string, string>();
const MAX_NAMES = 1_000;

function statementName(sql: string): string {
  let name = namesByText.get(sql);
  if (name === undefined) {
    name = `hg_${createHash("sha1").update(sql).digest("base64url")}`;
    if (namesByText.size >= MAX_NAMES) namesByText.clear();
    namesByText.set(sql, name);
  }
  return name;
}

async function makeRoom(
  client: PgClient,
  session: Session,
  parsed: Record<string, string>,
  name: string,
  maxPrepared: number,
): Promise<void> {
  session.prepared.delete(name);
  session.prepared.add(name);
  while (session.prepared.size > maxPrepared) {
    const oldest = session.prepared.values().next().value as string;
    await deallocate(client, session, parsed, oldest);
  }
}

async function deallocate(
  client: PgClient,
  session: Session,
  parsed: Record<string, string>,
  name: string,
): Promise<void> {
  session.prepared.delete(name);
  if (parsed[name] === undefined) return;
  delete parsed[name];
  // The name is our own hash (letters, digits, '-', '_'), quoted as an identifier.
  await client.query({ text: `DEALLOCATE "${name}"`, values: [] });
}

/** SQLSTATE 0A000 from a prepared statement whose table changed shape since it was prepared. */
function isStalePlan(error: unknown): boolean {
  return field(error, "code") === "0A000" && /cached plan/i.test(String(field(error, "message") ?? ""));
}
