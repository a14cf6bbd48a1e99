import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "./config-error.ts";
import { loadConfigFile } from "./load-config-file.ts";
import { parseConfig } from "./parse-config.ts";
import { DEFAULT_LIMITS } from "./validate-config.ts";

const VALID = `
version: 1
workspaces:
  - name: acme
connections:
  - name: sage
    kind: sage300
    settings:
      dialect: postgres
      url: postgres://reader@db/sage
    secrets:
      password: \${SAGE_PASSWORD}
  - name: procore
    kind: procore
    settings:
      baseUrl: \${PROCORE_URL:-https://api.procore.com}
relationships:
  - name: Project
    from: sage.Jobs.Job
    to: procore.Projects.project_number
limits:
  maxPageSize: 500
`;

function problems(text: string, env: Record<string, string> = {}): string[] {
  try {
    parseConfig(text, { env });
  } catch (error) {
    if (error instanceof ConfigError)
      return error.issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error("expected the configuration to be rejected");
}

describe("headgate.yaml", () => {
  it("reads workspaces, connections, relationships and limits, resolving ${ENV} with defaults", () => {
    const config = parseConfig(VALID, { env: { SAGE_PASSWORD: "s3cret" } });
    expect(config.workspaces).toEqual([{ name: "acme" }]);
    expect(config.connections[0]).toEqual({
      name: "sage",
      workspace: "acme",
      kind: "sage300",
      settings: { dialect: "postgres", url: "postgres://reader@db/sage" },
      secrets: { password: "s3cret" },
    });
    expect(config.connections[1]!.settings).toEqual({ baseUrl: "https://api.procore.com" });
    expect(config.relationships[0]).toEqual({
      name: "Project",
      workspace: "acme",
      from: { connection: "sage", entitySet: "Jobs", property: "Job" },
      to: { connection: "procore", entitySet: "Projects", property: "project_number" },
      collection: false,
    });
    expect(config.limits).toEqual({ ...DEFAULT_LIMITS, maxPageSize: 500 });
  });

  it("names an unset environment variable with its line, column and path", () => {
    expect(problems(VALID)).toEqual([
      "12:17 connections[0].secrets.password: environment variable SAGE_PASSWORD is not set (write ${SAGE_PASSWORD:-default} to give a default)",
    ]);
  });

  it("never lets a variable's value change the document's structure", () => {
    const config = parseConfig(VALID, { env: { SAGE_PASSWORD: "x\nkind: memory\n  - evil: true" } });
    expect(config.connections[0]!.kind).toBe("sage300");
    expect(config.connections[0]!.secrets.password).toBe("x\nkind: memory\n  - evil: true");
  });

  it("reports every problem at once, with did-you-mean and the valid choices", () => {
    const text = `version: 1
workspaces:
  - name: acme
  - name: acme
connections:
  - name: sage
    kind: sage3000
    workspace: acmee
    setings: {}
relationships:
  - name: Project
    from: sagee.Jobs.Job
    to: nonsense
limits:
  maxPageSize: -5
`;
    expect(problems(text)).toEqual([
      "4:11 workspaces[1].name: workspace 'acme' is declared twice",
      "9:14 connections[0].setings: unknown setting 'setings'; did you mean 'settings'?",
      "8:16 connections[0].workspace: unknown workspace string \"acmee\"; did you mean 'acme'?; declared workspaces: acme",
      "7:11 connections[0].kind: unknown connection kind string \"sage3000\"; did you mean 'sage300'?; valid kinds: memory, sql, sage300, procore, arcgis, sharepoint",
      "12:11 relationships[0].from: unknown connection 'sagee'; did you mean 'sage'?",
      '13:9 relationships[0].to: expected connection.EntitySet.property, e.g. sage.Jobs.Job, found string "nonsense"',
      "15:16 limits.maxPageSize: expected a whole number from 1 to 100000, found number -5",
    ]);
  });

  it("refuses a misspelt setting or secret of a connection, nested ones too, with line, column and did-you-mean", () => {
    const text = `version: 1
workspaces: [{name: acme}]
connections:
  - name: erp
    kind: sql
    settings:
      dialect: sqlite
      file: erp.sqlite
      tabels:
        - table: jobs
      tables:
        - table: rfis
          entitySett: Rfis
          navigation:
            - name: Job
              target: Jobs
              on: [{local: job, remot: id}]
    secrets:
      pasword: \${PW}
      host: db
`;
    expect(problems(text, { PW: "x" })).toEqual([
      "10:9 connections[0].settings.tabels: unknown setting 'tabels' for a sql connection; did you mean 'tables'?",
      "13:23 connections[0].settings.tables[0].entitySett: unknown field 'entitySett' in settings.tables[0]; did you mean 'entitySet'?",
      "17:40 connections[0].settings.tables[0].navigation[0].on[0].remot: unknown field 'remot' in settings.tables[0].navigation[0].on[0]; did you mean 'remote'?",
      "19:16 connections[0].secrets.pasword: unknown secret 'pasword' for a sql connection; did you mean 'password'?",
      "20:13 connections[0].secrets.host: 'host' is a setting of a sql connection, not a secret: put it under settings",
    ]);
  });

  it("rejects a secret that is not text without echoing it", () => {
    const messages = problems(
      "version: 1\nworkspaces: [{name: a}]\nconnections:\n  - name: c\n    kind: sql\n    secrets:\n      password: 123456789\n",
    );
    expect(messages).toEqual([
      "7:17 connections[0].secrets.password: a secret must be a non-empty text value; use ${ENV_VAR} to take it from the environment",
    ]);
    expect(messages.join()).not.toContain("123456789");
  });

  it("reports YAML syntax errors with their position", () => {
    expect(problems("version: 1\nworkspaces:\n  - name: [unclosed\n")[0]).toMatch(/^4:1 : /);
  });

  it("requires version 1 and at least one workspace", () => {
    expect(problems("connections: []\n")).toEqual([
      "1:1 version: expected version: 1, found nothing",
      "1:1 workspaces: declare at least one workspace, e.g.\nworkspaces:\n  - name: main",
    ]);
  });

  it("reads a file from disk, and says so when it does not exist", async () => {
    const dir = await mkdtemp(join(tmpdir(), "headgate-config-"));
    const file = join(dir, "headgate.yaml");
    await writeFile(file, VALID);
    expect((await loadConfigFile(file, { SAGE_PASSWORD: "p" })).connections).toHaveLength(2);
    await expect(loadConfigFile(join(dir, "missing.yaml"))).rejects.toThrow(
      /the file does not exist; check the path given with --config or HEADGATE_CONFIG/,
    );
  });
});
