import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateCompany } from "@headgate/demo-world";
import { createSageSqlite } from "@headgate/simulators";
import { openStore } from "@headgate/store";
import { testDatabaseConnection } from "@headgate/testing";
import knexFactory from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAdminCommand } from "./run-admin-command.ts";

const SECRET = "s3cr3t-value";
const TEST_DATABASE = testDatabaseConnection();
let dir: string;
let env: Record<string, string>;
/** Everything every command printed, to prove the secret never appears. */
const transcript: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "headgate-admin-cli-"));
  const sage = await createSageSqlite(generateCompany({ scale: 1 }), join(dir, "sage.sqlite"));
  await sage.knex.destroy();
  env = { HEADGATE_DATA_DIR: join(dir, "data"), PG_SECRET: SECRET };
});
afterAll(async () => {
  expect(transcript.join("\n")).not.toContain(SECRET);
  await rm(dir, { recursive: true, force: true });
});

async function admin(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runAdminCommand(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
    cwd: dir,
  });
  transcript.push(stdout, stderr);
  return { code, stdout, stderr };
}

const json = async (...argv: string[]) => {
  const answer = await admin(...argv, "--json");
  expect(answer.code, answer.stderr).toBe(0);
  return JSON.parse(answer.stdout);
};

describe("headgate admin: usage", () => {
  it("prints the usage on --help, and on no command to stderr with exit code 2", async () => {
    const help = await admin("--help");
    expect(help).toMatchObject({ code: 0 });
    expect(help.stdout).toContain("connections add --name <name> --kind");
    const none = await admin();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Usage: headgate admin");
  });

  it("suggests the nearest command or option for a typo", async () => {
    const group = await admin("conections", "list");
    expect(group.code).toBe(2);
    expect(group.stderr).toContain("did you mean 'connections'");
    const action = await admin("connections", "lst");
    expect(action.stderr).toContain("did you mean 'list'");
    const option = await admin("connections", "add", "--nmae", "x");
    expect(option.stderr).toContain("did you mean '--name'");
    const misplaced = await admin("keys", "create", "x", "--kind", "sql");
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toContain("'keys create' has no option --kind");
  });
});

describe("headgate admin: workspaces and connections", () => {
  it("creates and lists workspaces", async () => {
    expect((await admin("workspaces", "create", "acme")).stdout).toContain("Created workspace 'acme'");
    const listed = await admin("workspaces", "list");
    expect(listed.stdout).toMatch(/^NAME\s+ID\s+CREATED\s+MANAGED BY\n/);
    expect(listed.stdout).toContain("acme");
    expect((await admin("workspaces", "create", "Not A Slug")).stderr).toContain("for example 'not-a-slug'");
  });

  it("removes a workspace with everything in it, through the operator's operation", async () => {
    expect((await admin("workspaces", "create", "scratch")).code).toBe(0);
    const key = await json("keys", "create", "k", "--workspace", "scratch");
    const removed = await admin("workspaces", "remove", "scratch");
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain("Removed workspace 'scratch'");
    expect((await json("workspaces", "list")).value.map((w: { name: string }) => w.name)).not.toContain(
      "scratch",
    );
    const store = await openStore({ dataDir: env.HEADGATE_DATA_DIR });
    expect(await store.apiKeys.authenticate(key.key)).toBeNull();
    await store.close();
    const missing = await admin("workspaces", "remove", "scratch");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("No workspace 'scratch'");
  });

  it("refuses a workspace that does not exist, saying how to create it", async () => {
    const answer = await admin("connections", "list", "--workspace", "nosuch");
    expect(answer.code).toBe(1);
    expect(answer.stderr).toContain("headgate admin workspaces create nosuch");
  });

  it("adds a connection after testing it, then lists and shows it", async () => {
    const added = await admin(
      ...["connections", "add", "--workspace", "acme", "--name", "sage", "--kind", "sage300"],
      ...["--setting", "dialect=sqlite", "--setting", "file=sage.sqlite", "--setting", "poolMax=1"],
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain("Checking connection 'sage'");
    expect(added.stdout).toContain("Added connection 'sage' to workspace 'acme'");
    const listed = await admin("connections", "list", "--workspace", "acme");
    expect(listed.stdout.split("\n")[0]).toMatch(/^NAME\s+KIND\s+SECRETS\s+UPDATED\s+SETTINGS$/);
    expect(listed.stdout).toMatch(/sage\s+sage300/);
    const shown = await json("connections", "show", "sage", "--workspace", "acme");
    expect(shown).toMatchObject({
      name: "sage",
      kind: "sage300",
      settings: { dialect: "sqlite", poolMax: 1 },
    });
  });

  it("takes secrets from the environment and never prints them", async () => {
    const added = await admin(
      ...["connections", "add", "--workspace", "acme", "--name", "sample", "--kind", "sql"],
      ...[
        "--setting",
        "dialect=sqlite",
        "--setting",
        "file=sage.sqlite",
        "--setting",
        "entitySetPrefix=Sample_",
      ],
      ...["--secret-env", "password=PG_SECRET", "--json"],
    );
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ name: "sample", secretNames: ["password"] });
    const missing = await admin(
      ...["connections", "add", "--workspace", "acme", "--name", "x", "--kind", "memory"],
      ...["--secret-env", "token=NOT_SET_ANYWHERE"],
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("NOT_SET_ANYWHERE is not set");
  });

  it("refuses a misspelt setting or secret with the field and a did-you-mean, tested or not, and saves nothing", async () => {
    const base = ["connections", "add", "--workspace", "acme", "--name", "erp", "--kind", "sql"];
    const sqlite = ["--setting", "dialect=sqlite", "--setting", "file=sage.sqlite"];
    const tables = ["--setting", 'tabels=[{"table":"JCM_MASTER__JOB"}]'];
    for (const extra of [[], ["--no-test"]]) {
      const refused = await admin(...base, ...sqlite, ...tables, ...extra);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        "settings.tabels: unknown setting 'tabels' for a sql connection; did you mean 'tables'?",
      );
    }
    const secret = await admin(...base, ...sqlite, "--secret-env", "pasword=PG_SECRET");
    expect(secret.code).toBe(1);
    expect(secret.stderr).toContain("secrets.pasword: unknown secret 'pasword'");
    const update = await admin(
      ...["connections", "update", "sage", "--workspace", "acme", "--setting", "poolMx=2"],
    );
    expect(update.code).toBe(1);
    expect(update.stderr).toContain("did you mean 'poolMax'?");
    const listed = await json("connections", "list", "--workspace", "acme");
    expect(listed.value.map((c: { name: string }) => c.name)).not.toContain("erp");
  });

  it("refuses an unreachable database with the reason, saves nothing, and saves it with --no-test", async () => {
    const args = [
      "--workspace",
      "acme",
      "--name",
      "pg",
      "--kind",
      "sql",
      "--setting",
      `host=${TEST_DATABASE.host}`,
    ];
    const more = [
      "--setting",
      `port=${TEST_DATABASE.port}`,
      "--setting",
      "database=headgate_no_such_db",
      "--setting",
      `user=${TEST_DATABASE.user}`,
      "--secret-env",
      "password=PG_SECRET",
    ];
    const refused = await admin("connections", "add", ...args, ...more);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('database "headgate_no_such_db" does not exist');
    expect(refused.stderr).toContain("--no-test");
    expect((await json("connections", "list", "--workspace", "acme")).value).toHaveLength(2);
    const saved = await admin("connections", "add", ...args, ...more, "--no-test");
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toContain("(untested)");
  });

  it("tests a connection with a progress line per entity set", async () => {
    const tested = await admin("connections", "test", "sage", "--workspace", "acme");
    expect(tested.code, tested.stderr).toBe(0);
    expect(tested.stdout).toContain("Opened sqlite:");
    expect(tested.stdout).toMatch(/\[1\/\d+\] ok {4}\w+ \(\d+ ms\)/);
    expect(tested.stdout).toMatch(/OK: all \d+ entity sets answered/);
    const broken = await admin("connections", "test", "pg", "--workspace", "acme", "--json");
    expect(broken.code).toBe(1);
    // Its database does not exist: the settings' fault, named.
    expect(JSON.parse(broken.stdout)).toMatchObject({
      ok: false,
      error: { code: "InvalidRequest", target: "settings.database" },
    });
    expect(broken.stderr).toContain("Testing connection 'pg'");
  });

  it("says what a connection leaves out, and how to include it, when it is added and tested", async () => {
    const keyless = knexFactory({
      client: "better-sqlite3",
      connection: { filename: join(dir, "keyless.sqlite") },
      useNullAsDefault: true,
    });
    await keyless.raw("CREATE TABLE jobs (id INTEGER PRIMARY KEY, name TEXT)");
    await keyless.raw("CREATE VIEW v_jobs AS SELECT id, name FROM jobs");
    await keyless.destroy();
    const settings = ["dialect=sqlite", "file=keyless.sqlite", "entitySetPrefix=Keyless_"];
    const added = await admin(
      ...["connections", "add", "--workspace", "acme", "--name", "keyless", "--kind", "sql"],
      ...settings.flatMap((setting) => ["--setting", setting]),
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(
      "Exposes 1 entity sets.\n\nLeft out (1):\n  v_jobs (view, NoKey): View 'v_jobs' has no key (a view has no primary key); it is not exposed.\n    Fix: Set its 'key' to the column(s) whose values identify one row, for example ['id'].",
    );
    expect(added.stdout).toContain('    Settings: {"tables":[{"table":"v_jobs","key":["id"]}]}');
    const tested = await admin("connections", "test", "keyless", "--workspace", "acme");
    expect(tested.code, tested.stderr).toBe(0);
    expect(tested.stdout).toMatch(
      /OK: all 1 entity sets answered \(\d+ ms\)\.\n\nLeft out \(1\):\n {2}v_jobs \(view, NoKey\)/,
    );
    expect((await admin("connections", "remove", "keyless", "--workspace", "acme")).code).toBe(0);
  });

  it("lists a connection's entity sets", async () => {
    const answer = await admin("connections", "entity-sets", "sage", "--workspace", "acme");
    expect(answer.stdout).toMatch(/^NAME\s+KEY\s+PROPERTIES/);
    expect(answer.stdout).toMatch(/\nJobs\s+Job\s+\d+/);
  });

  it("updates settings by merging them, and secrets by name", async () => {
    const updated = await json(
      ...[
        "connections",
        "update",
        "pg",
        "--workspace",
        "acme",
        "--setting",
        "poolMax=2",
        "--remove-secret",
        "password",
      ],
      "--no-test",
    );
    expect(updated).toMatchObject({
      settings: { host: TEST_DATABASE.host, database: "headgate_no_such_db", poolMax: 2 },
      secretNames: [],
    });
    const renamed = await admin("connections", "update", "pg", "--workspace", "acme", "--name", "sage");
    expect(renamed.code).toBe(1);
    expect(renamed.stderr).toContain("'sage' already exists");
  });

  it("removes a connection", async () => {
    expect((await admin("connections", "remove", "pg", "--workspace", "acme")).stdout).toContain(
      "Removed connection 'pg'",
    );
    const again = await admin("connections", "remove", "pg", "--workspace", "acme");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("No connection 'pg'");
  });
});

describe("headgate admin: keys and the audit log", () => {
  it("creates a key, prints it once, lists and revokes it", async () => {
    const created = await admin("keys", "create", "ci", "--scope", "admin", "--workspace", "acme");
    expect(created.code, created.stderr).toBe(0);
    const key = /\n {2}(hg_acme_\S+)\n/.exec(created.stdout)?.[1];
    expect(key).toBeDefined();
    expect(created.stdout).toContain("scopes: query, admin");
    const listed = await admin("keys", "list", "--workspace", "acme");
    expect(listed.stdout).not.toContain(key);
    expect(listed.stdout).toMatch(/ci\s+query,admin\s+hg_acme_/);
    const store = await openStore({ dataDir: env.HEADGATE_DATA_DIR });
    expect(await store.apiKeys.authenticate(key ?? "")).not.toBeNull();
    await store.close();
    expect((await admin("keys", "revoke", "ci", "--workspace", "acme")).stdout).toContain(
      "Revoked API key 'ci'",
    );
    expect((await json("keys", "list", "--workspace", "acme")).value[0].revokedAt).not.toBeNull();
    const operator = await json("keys", "create", "ops", "--scope", "operator", "--workspace", "acme");
    expect(operator.scopes).toEqual(["query", "admin", "operator"]);
    const typo = await admin("keys", "create", "x", "--scope", "operatr", "--workspace", "acme");
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("did you mean 'operator'");
  });

  it("pages through the audit log", async () => {
    const store = await openStore({ dataDir: env.HEADGATE_DATA_DIR });
    const workspace = await store.workspaces.findByName("acme");
    for (const query of ["Jobs?$top=1", "Vendors?$top=2", "GlAccounts"])
      await store.audit.record({
        workspaceId: workspace?.id ?? "",
        door: "mcp-stdio",
        entitySet: query.split("?")[0] ?? null,
        query,
        upstreamCalls: 1,
        rows: 1,
        bytes: 10,
        durationMs: 3,
        outcome: "ok",
      });
    await store.close();
    const first = await admin("audit", "--door", "mcp-stdio", "--limit", "2", "--workspace", "acme");
    expect(first.stdout).toMatch(/^AT\s+DOOR\s+KEY\s+OUTCOME/);
    expect(first.stdout).toContain("(local)");
    expect(first.stdout).toContain("headgate admin audit --door mcp-stdio --before ");
    const cursor = /--before (\S+)/.exec(first.stdout)?.[1] ?? "";
    const second = await json(
      "audit",
      "--door",
      "mcp-stdio",
      "--limit",
      "2",
      "--before",
      cursor,
      "--workspace",
      "acme",
    );
    expect(second.value.map((e: { query: string }) => e.query)).toEqual(["Jobs?$top=1"]);
    expect((await admin("audit", "--limit", "nine", "--workspace", "acme")).code).toBe(2);
  });

  it("records the connection tests run here as the admin door, without a key", async () => {
    const tests = await json("audit", "--door", "admin", "--workspace", "acme");
    expect(tests.value).toEqual([
      expect.objectContaining({ query: "connection test 'keyless'", outcome: "ok" }),
      expect.objectContaining({
        query: "connection test 'pg'",
        outcome: "error",
        errorCode: "InvalidRequest",
      }),
      expect.objectContaining({ query: "connection test 'sage'", outcome: "ok", keyId: null }),
    ]);
    const unknown = await admin("audit", "--door", "api", "--workspace", "acme");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("use one of odata, action, mcp-http, mcp-stdio, admin");
  });
});

describe("headgate admin: workspaces a configuration manages", () => {
  it("refuses connection writes in one a running gateway recorded as managed, without being told the file", async () => {
    const store = await openStore({ dataDir: env.HEADGATE_DATA_DIR });
    const acme = await store.workspaces.findByName("acme");
    await store.workspaces.setManagedWorkspaces([acme!.id], "the configuration file /srv/headgate.yaml");
    await store.close();
    try {
      const refused = await admin("connections", "remove", "sage", "--workspace", "acme");
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        "Workspace 'acme' is managed by the configuration file /srv/headgate.yaml, which the gateway applies again at every start, so its connections cannot be changed through the admin API or the CLI",
      );
      expect((await admin("connections", "show", "sage", "--workspace", "acme")).code).toBe(0);
      const removal = await admin("workspaces", "remove", "acme");
      expect(removal.code).toBe(1);
      expect(removal.stderr).toContain("so it cannot be deleted through the admin API or the CLI");
      expect((await admin("workspaces", "list")).stdout).toMatch(
        /\nacme\s+\S+\s+\S+ \S+\s+the configuration file \/srv\/headgate\.yaml\n/,
      );
    } finally {
      const again = await openStore({ dataDir: env.HEADGATE_DATA_DIR });
      await again.workspaces.setManagedWorkspaces([], "");
      await again.close();
    }
  });

  it("refuses connection writes in one the headgate.yaml it is given declares, and still reads", async () => {
    const config = join(dir, "headgate.yaml");
    await writeFile(
      config,
      "version: 1\nworkspaces:\n  - name: acme\nconnections:\n  - name: sample\n    kind: memory\n",
    );
    const refused = await admin("connections", "remove", "sage", "--workspace", "acme", "--config", config);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Workspace 'acme' is managed by the configuration file ${config}`);
    env = { ...env, HEADGATE_CONFIG: config };
    const added = await admin("connections", "add", "--name", "x", "--kind", "memory", "--workspace", "acme");
    expect(added.code).toBe(1);
    expect((await admin("connections", "list", "--workspace", "acme")).code).toBe(0);
    const { HEADGATE_CONFIG: _, ...rest } = env;
    env = rest;
  });
});
