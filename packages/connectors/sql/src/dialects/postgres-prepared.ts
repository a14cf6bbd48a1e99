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

/** Statement names per connection, least recently used first (a Map keeps insertion order). */
const preparedByConnection = new WeakMap<object, Map<string, true>>();

export async function runPreparedSelect(
  connection: unknown,
  sql: string,
  bindings: readonly unknown[],
  maxPrepared: number = MAX_PREPARED,
): Promise<Record<string, unknown>[]> {
  const client = connection as PgClient;
  const parsed = client.connection?.parsedStatements;
  // Without pg's statement record we could not deallocate: run unnamed, as knex would.
  if (parsed === undefined) return (await client.query({ text: sql, values: bindings })).rows;
  if (!(await plansEachRun(client))) return (await client.query({ text: sql, values: bindings })).rows;
  const name = statementName(sql);
  await makeRoom(client, parsed, name, maxPrepared);
  try {
    return (await client.query({ name, text: sql, values: bindings })).rows;
  } catch (error) {
    if (!isStalePlan(error)) throw error;
    await deallocate(client, parsed, name);
    return (await client.query({ text: sql, values: bindings })).rows;
  }
}

/** Per connection: whether `force_custom_plan` took (asked once, on the connection's first query). */
const customPlans = new WeakMap<object, Promise<boolean>>();

function plansEachRun(client: PgClient): Promise<boolean> {
  let answer = customPlans.get(client);
  if (answer === undefined) {
    answer = client.query({ text: "SET plan_cache_mode = force_custom_plan", values: [] }).then(
      () => true,
      () => false,
    );
    customPlans.set(client, answer);
  }
  return answer;
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
  parsed: Record<string, string>,
  name: string,
  maxPrepared: number,
): Promise<void> {
  let names = preparedByConnection.get(client);
  if (names === undefined) {
    names = new Map();
    preparedByConnection.set(client, names);
  }
  names.delete(name);
  names.set(name, true);
  while (names.size > maxPrepared) {
    const oldest = names.keys().next().value as string;
    names.delete(oldest);
    await deallocate(client, parsed, oldest);
  }
}

async function deallocate(client: PgClient, parsed: Record<string, string>, name: string): Promise<void> {
  preparedByConnection.get(client)?.delete(name);
  if (parsed[name] === undefined) return;
  delete parsed[name];
  // The name is our own hash (letters, digits, '-', '_'), quoted as an identifier.
  await client.query({ text: `DEALLOCATE "${name}"`, values: [] });
}

/** SQLSTATE 0A000 from a prepared statement whose table changed shape since it was prepared. */
function isStalePlan(error: unknown): boolean {
  return field(error, "code") === "0A000" && /cached plan/i.test(String(field(error, "message") ?? ""));
}
