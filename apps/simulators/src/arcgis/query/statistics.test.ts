import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArcgisTestClient, attributesOf } from "../test-support/arcgis-client.ts";
import { demoLayer } from "../test-support/demo-data.ts";

const assets = demoLayer(2).features.map((f) => f.attributes);
const sites = demoLayer(0).features.map((f) => f.attributes);
const stats = (definitions: object[]) => JSON.stringify(definitions);

let client: ArcgisTestClient;
beforeAll(async () => {
  client = await ArcgisTestClient.start();
  await client.signIn();
});
afterAll(() => client.close());

function sampleStddev(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
}

describe("query: outStatistics", () => {
  it("computes every statistic type over the whole layer", async () => {
    const body = await client.query(0, {
      where: "1=1",
      outStatistics: stats(
        ["count", "sum", "min", "max", "avg", "stddev", "var"].map((type) => ({
          statisticType: type,
          onStatisticField: "CONTRACT_VALUE",
          outStatisticFieldName: `${type}_value`,
        })),
      ),
    });
    const values = sites.map((s) => s.CONTRACT_VALUE as number);
    const [row] = attributesOf(body);
    expect(row!.count_value).toBe(values.length);
    expect(row!.sum_value).toBeCloseTo(
      values.reduce((a, b) => a + b, 0),
      2,
    );
    expect(row!.min_value).toBe(Math.min(...values));
    expect(row!.max_value).toBe(Math.max(...values));
    expect(row!.avg_value).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 4);
    expect(row!.stddev_value).toBeCloseTo(sampleStddev(values), 4);
    expect(row!.var_value).toBeCloseTo(sampleStddev(values) ** 2, 0);
    expect(body.fields).toEqual(
      expect.arrayContaining([
        { name: "count_value", type: "esriFieldTypeInteger", alias: "count_value" },
        { name: "avg_value", type: "esriFieldTypeDouble", alias: "avg_value" },
      ]),
    );
  });

  it("groups by fields, skips NULLs, and orders by a statistic", async () => {
    const body = await client.query(2, {
      where: "UTILITY_SYSTEM <> 'Electric'",
      groupByFieldsForStatistics: "UTILITY_SYSTEM,ASSET_TYPE",
      outStatistics: stats([
        { statisticType: "count", onStatisticField: "OBJECTID", outStatisticFieldName: "assets" },
        { statisticType: "count", onStatisticField: "CONDITION", outStatisticFieldName: "rated" },
        { statisticType: "avg", onStatisticField: "CONDITION", outStatisticFieldName: "avg_condition" },
        { statisticType: "max", onStatisticField: "LAST_INSPECTION", outStatisticFieldName: "latest" },
      ]),
      orderByFields: "assets DESC",
    });
    const rows = attributesOf(body);
    const counts = rows.map((r) => r.assets as number);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    for (const row of rows) {
      const members = assets.filter(
        (a) => a.UTILITY_SYSTEM === row.UTILITY_SYSTEM && a.ASSET_TYPE === row.ASSET_TYPE,
      );
      const rated = members.map((m) => m.CONDITION).filter((c): c is number => c !== null);
      const inspected = members.map((m) => m.LAST_INSPECTION).filter((d): d is number => d !== null);
      expect(row.assets).toBe(members.length);
      expect(row.rated).toBe(rated.length);
      if (rated.length > 0)
        expect(row.avg_condition).toBeCloseTo(rated.reduce((a, b) => a + b, 0) / rated.length, 6);
      expect(row.latest).toBe(inspected.length > 0 ? Math.max(...inspected) : null);
    }
    expect(rows.some((r) => r.UTILITY_SYSTEM === "Electric")).toBe(false);
    expect(body.fields).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "latest", type: "esriFieldTypeDate" })]),
    );
  });

  it("names an unnamed statistic after its type and field, and counts zero rows as 0", async () => {
    const body = await client.query(0, {
      where: "1=0",
      outStatistics: stats([
        { statisticType: "count", onStatisticField: "OBJECTID" },
        { statisticType: "sum", onStatisticField: "CONTRACT_VALUE" },
      ]),
    });
    expect(attributesOf(body)).toEqual([{ count_OBJECTID: 0, sum_CONTRACT_VALUE: null }]);
  });

  it("refuses malformed or impossible statistics with the outStatistics error", async () => {
    for (const outStatistics of [
      "not json",
      "[]",
      stats([{ statisticType: "median", onStatisticField: "CONTRACT_VALUE" }]),
      stats([{ statisticType: "sum", onStatisticField: "PROJECT_NAME" }]),
      stats([{ statisticType: "count", onStatisticField: "NOPE" }]),
    ]) {
      const body = await client.query(0, { where: "1=1", outStatistics });
      expect(body.error?.details, outStatistics).toEqual(["'outStatistics' parameter is invalid"]);
    }
  });
});
