import type { SageTableName } from "@headgate/demo-world";
import { generateCompany } from "@headgate/demo-world";
import { describe, expect, it } from "vitest";
import { SageLoadError } from "./errors.ts";
import { createSageSqlite } from "./open-database.ts";

const company = generateCompany({ scale: 1 });

describe("loading options", () => {
  it("load only the tables asked for, leaving the others absent", async () => {
    const { knex, summary } = await createSageSqlite(company, ":memory:", {
      tables: ["JCM_MASTER__JOB", "APM_MASTER__VENDOR"],
    });
    try {
      expect(summary.rowCounts.JCM_MASTER__JOB).toBe(company.projects.length);
      expect(summary.rowCounts.JCT_CURRENT__TRANSACTION).toBe(0);
      expect(await knex.schema.hasTable("JCT_CURRENT__TRANSACTION")).toBe(false);
      // Job-to-date totals still come from the streamed transactions, even though none are stored.
      const [job] = await knex("JCM_MASTER__JOB").sum({ cost: "JTD_Cost" });
      expect(job?.cost).toBeGreaterThan(0);
    } finally {
      await knex.destroy();
    }
  });

  it("give the same tables whatever the batch size", async () => {
    const small = await createSageSqlite(company, ":memory:", {
      batchSize: 7,
      tables: ["JCM_MASTER__CATEGORY"],
    });
    const large = await createSageSqlite(company, ":memory:", { tables: ["JCM_MASTER__CATEGORY"] });
    try {
      const all = (db: typeof small) =>
        db.knex("JCM_MASTER__CATEGORY").select().orderBy(["Job", "Cost_Code", "Category"]);
      expect(await all(small)).toEqual(await all(large));
    } finally {
      await small.knex.destroy();
      await large.knex.destroy();
    }
  });

  it("reject unknown tables and batch sizes that are not positive integers", async () => {
    const tables = ["JCM_MASTER__JOBS"] as unknown as SageTableName[];
    await expect(createSageSqlite(company, ":memory:", { tables })).rejects.toThrow(SageLoadError);
    await expect(createSageSqlite(company, ":memory:", { batchSize: 0 })).rejects.toThrow(
      "batchSize must be a positive integer, got 0",
    );
  });
});
