/**
 * REST throughput (issue 6): the same `$top=10` query on the Sage connector's Jobs, through the
 * gateway's `/odata` door and through a bare Fastify route that runs the equivalent knex query
 * and returns the same JSON, each under 50 concurrent connections from autocannon (in a process
 * of its own), in three alternating rounds. The gateway does everything a production request
 * does: API-key authentication against the Postgres store (remembered for a few seconds),
 * parsing, binding, planning, the connector's SQL, shaping, and an audit entry per request
 * (written in batches). Target: the gateway's throughput at least 0.6 times the bare route's;
 * p99 latencies reported.
 *
 * Sage scale 1 is loaded into a fresh Postgres schema (seconds) and the store lives in another;
 * both are dropped afterwards. Postgres: the test database (HEADGATE_TEST_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/test). The gateway's shared cache (where client rate limits
 * are counted) is Redis when REDIS_URL is set, as for `serve`, else memory.
 */
import { randomBytes } from "node:crypto";
import { openCache } from "@headgate/cache";
import { DEFAULT_LIMITS } from "@headgate/config";
import { createSage300Connector } from "@headgate/connector-sage300";
import { generateCompany } from "@headgate/demo-world";
import { startGateway } from "@headgate/gateway";
import { createSagePostgres, sagePostgresKnex } from "@headgate/simulators";
import { openStore } from "@headgate/store";
import { testDatabaseUrl } from "@headgate/testing";
import Fastify from "fastify";
import knexFactory, { type Knex } from "knex";
import { generateLoad, type Load } from "./load-generator.ts";
import { type Figure, median } from "./measure.ts";

const POSTGRES = testDatabaseUrl();
const SAGE_SCHEMA = `sage_bench_rest_${Date.now().toString(36)}`;
const CONNECTIONS = 50;
const DURATION_S = 5;
const ROUNDS = 3;
const UNREACHED = { requestsPerMinute: 1_000_000, burst: 1_000_000 };
const say = (line: string) => process.stdout.write(`${line}\n`);

export async function restThroughput(): Promise<Figure[]> {
  await createSagePostgres(generateCompany({ scale: 1 }), POSTGRES, SAGE_SCHEMA).then((db) =>
    db.knex.destroy(),
  );
  const storeSchema = `bench_store_${Date.now().toString(36)}`;
  const store = await openStore({
    databaseUrl: POSTGRES,
    schema: storeSchema,
    secretKey: randomBytes(32).toString("base64"),
  });
  // The shared cache the gateway would have in production: Redis when REDIS_URL is set, else memory.
  const cache = await openCache({
    redisUrl: process.env.REDIS_URL || undefined,
    keyPrefix: `headgate-bench:rest-throughput:${Date.now().toString(36)}:`,
  });
  say(`  shared cache: ${cache.kind}`);
  const gateway = await startGateway({
    store,
    cache,
    config: {
      kind: "inline",
      baseDir: process.cwd(),
      config: {
        version: 1,
        workspaces: [{ name: "bench" }],
        connections: [
          {
            name: "sage",
            workspace: "bench",
            kind: "sage300",
            settings: { dialect: "postgres", url: POSTGRES, schema: SAGE_SCHEMA, poolMax: 10 },
            secrets: {},
          },
        ],
        relationships: [],
        // Client rate limits checked on every request (their cost is measured) but never reached.
        limits: { ...DEFAULT_LIMITS, perKey: UNREACHED, perWorkspace: UNREACHED },
      },
    },
    host: "127.0.0.1",
    port: 0,
    logger: false,
    version: "bench",
  });
  const sageKnex = sagePostgresKnex(POSTGRES, SAGE_SCHEMA);
  const bare = await startBareRoute(sageKnex, gateway.publicUrl);
  try {
    const workspaceId = gateway.applied().workspaces.get("bench")!;
    const key = (await store.apiKeys.create(workspaceId, { name: "bench", scopes: ["query"] })).plaintext;
    const gatewayUrl = `${gateway.publicUrl}/odata/Jobs?$top=10`;
    const headers = { authorization: `Bearer ${key}` };
    const [viaGateway, viaBare] = await Promise.all([
      fetch(gatewayUrl, { headers }).then((r) => r.json() as Promise<{ value: unknown }>),
      fetch(`${bare.url}/bare/Jobs`).then((r) => r.json() as Promise<{ value: unknown }>),
    ]);
    const same = JSON.stringify(viaGateway.value) === JSON.stringify(viaBare.value);
    say(`  same rows through both routes: ${same}`);
    say(
      `  warming up, then ${ROUNDS} rounds of ${DURATION_S} s per route with ${CONNECTIONS} connections...`,
    );
    await load(gatewayUrl, headers, 2);
    await load(`${bare.url}/bare/Jobs`, {}, 2);
    // Rounds alternate the routes, so a burst of load from elsewhere on the machine hits both;
    // the figures are the medians over the rounds.
    const rounds: { g: Load; b: Load }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const g = await load(gatewayUrl, headers, DURATION_S);
      const b = await load(`${bare.url}/bare/Jobs`, {}, DURATION_S);
      say(`  round ${round + 1}: gateway ${Math.round(g.rps)} req/s, bare ${Math.round(b.rps)} req/s`);
      rounds.push({ g, b });
    }
    const g = medianBy(rounds.map((r) => r.g));
    const b = medianBy(rounds.map((r) => r.b));
    const ratio = median(rounds.map((r) => r.g.rps / r.b.rps));
    return [
      {
        name: "gateway /odata throughput",
        value: Math.round(g.rps),
        unit: "req/s",
        target: "report",
        pass: g.errors === 0,
        note: `p99 ${g.p99} ms, ${g.errors} errors/non-2xx`,
      },
      {
        name: "bare knex route throughput",
        value: Math.round(b.rps),
        unit: "req/s",
        target: "report",
        pass: b.errors === 0,
        note: `p99 ${b.p99} ms`,
      },
      {
        name: "gateway / bare throughput",
        value: Number(ratio.toFixed(2)),
        unit: "x",
        target: ">= 0.6",
        pass: ratio >= 0.6 && same,
        note: same ? "same JSON rows" : "ROWS DIFFER",
      },
    ];
  } finally {
    await bare.close();
    await sageKnex.destroy();
    await gateway.close();
    await cache.close();
    await store.close();
    const admin = knexFactory({ client: "pg", connection: POSTGRES });
    await admin.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [storeSchema]);
    await admin.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [SAGE_SCHEMA]).finally(() => admin.destroy());
  }
}

/** The same query by hand: the Jobs columns through the connector's own column mapping. */
async function startBareRoute(
  knex: Knex,
  publicUrl: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const connector = createSage300Connector({ knex, dialect: "postgres", schema: SAGE_SCHEMA });
  const mapping = (await connector.mappings()).find((m) => m.entitySet === "Jobs")!;
  const key = mapping.columns[0]!;
  const app = Fastify({ logger: false });
  app.get("/bare/Jobs", async (_request, reply) => {
    const rows = await knex
      .withSchema(SAGE_SCHEMA)
      .from(mapping.table)
      .select(mapping.columns.map((c) => c.column))
      .orderBy(key.column)
      .limit(10);
    const value = rows.map((row: Record<string, unknown>) =>
      Object.fromEntries(mapping.columns.map((c) => [c.property, convert(row[c.column], c.convention)])),
    );
    reply.header("content-type", "application/json; charset=utf-8");
    return { "@odata.context": `${publicUrl}/odata/$metadata#Jobs`, value };
  });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  return { url, close: () => app.close() };
}

function convert(value: unknown, convention: string | undefined): unknown {
  if (typeof value !== "string") return value instanceof Date ? value.toISOString().slice(0, 10) : value;
  const trimmed = convention === "trimPadded" || convention === "emptyAsNull" ? value.trimEnd() : value;
  return convention === "emptyAsNull" && trimmed === "" ? null : trimmed;
}

/** The round with the median throughput, with that round's latency and the errors of all rounds. */
function medianBy(loads: readonly Load[]): Load {
  const middle = [...loads].sort((x, y) => x.rps - y.rps)[Math.floor(loads.length / 2)]!;
  return { ...middle, errors: loads.reduce((sum, l) => sum + l.errors, 0) };
}

function load(url: string, headers: Record<string, string>, seconds: number): Promise<Load> {
  return generateLoad({ url, connections: CONNECTIONS, seconds, headers });
}
