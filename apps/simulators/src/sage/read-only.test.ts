import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateCompany } from "@headgate/demo-world";
import { testDatabaseConnection } from "@headgate/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSageDatabase } from "./load-sage-database.ts";
import { createSageSqlite, openSageSqliteReadOnly, sagePostgresKnex } from "./open-database.ts";
import { createReadOnlyRole, dropReadOnlyRole } from "./read-only-role.ts";

const PG = testDatabaseConnection();
const company = generateCompany({ scale: 1 });
/** Master tables only: what a read-only check needs, without streaming the transactions. */
const tables = ["APM_MASTER__VENDOR", "GLM_MASTER__ACCOUNT"] as const;

describe("a read-only SQLite file", () => {
  const dir = mkdtempSync(join(tmpdir(), "sage-"));
  const filename = join(dir, "sage.sqlite");

  beforeAll(async () => {
    const { knex } = await createSageSqlite(company, filename, { tables: [...tables] });
    await knex.destroy();
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("answers SELECTs and refuses writes", async () => {
    const knex = openSageSqliteReadOnly(filename);
    try {
      const vendors = await knex("APM_MASTER__VENDOR").count({ n: "*" });
      expect(vendors).toEqual([{ n: company.vendors.length }]);
      await expect(knex("GLM_MASTER__ACCOUNT").del()).rejects.toThrow(/readonly/i);
    } finally {
      await knex.destroy();
    }
  });
});

describe("a read-only Postgres role", () => {
  const suffix = randomBytes(6).toString("hex");
  const schema = `sage_test_${suffix}`;
  const role = `sage_reader_${suffix}`;
  const admin = sagePostgresKnex(PG, schema);

  beforeAll(async () => {
    await loadSageDatabase(admin, company, { schema, tables: [...tables] });
    await createReadOnlyRole(admin, schema, role, { login: true });
  });

  afterAll(async () => {
    await admin.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
    await dropReadOnlyRole(admin, role);
    await admin.destroy();
  });

  it("lets the connector's login read the schema and nothing else", async () => {
    const reader = sagePostgresKnex({ ...PG, user: role }, schema);
    try {
      const [row] = (await reader.raw(`SELECT COUNT(*) AS n FROM "APM_MASTER__VENDOR"`)).rows;
      expect(row).toEqual({ n: company.vendors.length });
      await expect(reader("GLM_MASTER__ACCOUNT").del()).rejects.toMatchObject({ code: "42501" });
      await expect(reader.raw(`CREATE TABLE "JCM_MASTER__EXTRA" (x INTEGER)`)).rejects.toMatchObject({
        code: "42501",
      });
    } finally {
      await reader.destroy();
    }
  });
});
