/**
 * A real gateway for tests: the store (SQLite in a temporary directory, or a fresh Postgres
 * schema), the demo company's Sage database as a SQLite file, two workspaces with keys, and the
 * Fastify app listening on an ephemeral loopback port. Nothing is mocked.
 *
 * Workspace `acme`: connections `sage` (sage300 over the demo Sage file) and `sample` (memory,
 * entity sets `Sample_Jobs`, `Sample_Rfis`).
 * Workspace `other`: connection `sample` only (`Jobs`, `Rfis`), so isolation tests tell them apart.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryCache } from "@headgate/cache";
import { generateCompany } from "@headgate/demo-world";
import { createSageSqlite } from "@headgate/simulators";
import { openStore, type Store } from "@headgate/store";
import { testDatabaseUrl } from "@headgate/testing";
import type { FastifyInstance } from "fastify";
import knexFactory from "knex";
import { AuditTrail } from "../audit/audit-trail.ts";
import { buildGateway } from "../server/build-gateway.ts";
import { DEFAULT_ACTION_BUDGET, type GatewayContext } from "../server/gateway-context.ts";
import { WorkspaceEngines } from "../workspaces/workspace-engines.ts";

export interface TestWorkspace {
  readonly id: string;
  readonly name: string;
  /** Plaintext keys: `query` scope only, and `query` + `admin`. */
  readonly queryKey: string;
  readonly adminKey: string;
}

export interface TestGateway {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly engines: WorkspaceEngines;
  readonly context: GatewayContext;
  readonly acme: TestWorkspace;
  readonly other: TestWorkspace;
  readonly sageFile: string;
  readonly dataDir: string;
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  /** Use Postgres (a fresh schema, dropped on close) instead of embedded SQLite. */
  readonly postgres?: boolean;
  /** Overrides of the gateway context (budgets, public URL, the shared cache, client rate limits). */
  readonly context?: Partial<Pick<GatewayContext, "actionBudget" | "publicUrl" | "cache" | "rateLimits">>;
  readonly maxPageSize?: number;
  readonly timeoutMs?: number;
  /** Signs paging tokens (random by default); a replica of this gateway needs the same one. */
  readonly skipTokenSecret?: Uint8Array;
}

export const TEST_POSTGRES_URL = testDatabaseUrl();

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const dataDir = await mkdtemp(join(tmpdir(), "headgate-gateway-"));
  const sageFile = join(dataDir, "sage.sqlite");
  const sage = await createSageSqlite(generateCompany({ scale: 1 }), sageFile);
  await sage.knex.destroy();
  const schema = options.postgres ? `gw_${randomUUID().replaceAll("-", "").slice(0, 12)}` : undefined;
  const store = await openStore(
    options.postgres
      ? { databaseUrl: TEST_POSTGRES_URL, schema, secretKey: randomBytes(32).toString("base64") }
      : { dataDir },
  );
  const acme = await seedWorkspace(store, "acme", [
    { name: "sage", kind: "sage300", settings: { dialect: "sqlite", file: sageFile } },
    { name: "sample", kind: "memory", settings: { dataset: "sample", entitySetPrefix: "Sample_" } },
  ]);
  const other = await seedWorkspace(store, "other", [
    { name: "sample", kind: "memory", settings: { dataset: "sample" } },
  ]);
  const engines = new WorkspaceEngines({
    store,
    skipTokenSecret: options.skipTokenSecret ?? randomBytes(32),
    limits: { maxPageSize: options.maxPageSize ?? 200, timeoutMs: options.timeoutMs ?? 30_000 },
    baseDir: dataDir,
    log: { info: () => {}, warn: () => {} },
    drainMs: 0,
  });
  const context: GatewayContext = {
    store,
    cache: new MemoryCache(),
    engines,
    audit: new AuditTrail(store),
    publicUrl: "https://headgate.test",
    connectionsChanged: (id) => engines.invalidate(id),
    actionBudget: DEFAULT_ACTION_BUDGET,
    baseDir: dataDir,
    version: "test",
    ...options.context,
  };
  const app = await buildGateway(context, { logger: false });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  return {
    url: address,
    app,
    store,
    engines,
    context,
    acme,
    other,
    sageFile,
    dataDir,
    close: async () => {
      await app.close();
      await engines.close();
      await store.close();
      if (schema) await dropSchema(schema);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function seedWorkspace(
  store: Store,
  name: string,
  connections: readonly { name: string; kind: string; settings: Record<string, string> }[],
): Promise<TestWorkspace> {
  const workspace = await store.workspaces.create({ name });
  for (const connection of connections) await store.connections.create(workspace.id, connection);
  const query = await store.apiKeys.create(workspace.id, { name: "query", scopes: ["query"] });
  const admin = await store.apiKeys.create(workspace.id, { name: "admin", scopes: ["query", "admin"] });
  return { id: workspace.id, name, queryKey: query.plaintext, adminKey: admin.plaintext };
}

export async function dropSchema(schema: string): Promise<void> {
  const knex = knexFactory({ client: "pg", connection: TEST_POSTGRES_URL });
  try {
    await knex.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
  } finally {
    await knex.destroy();
  }
}
