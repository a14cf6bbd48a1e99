/**
 * The service through a third-party OData v4 client (`@odata/client` from npm), not only our own
 * requests: what it sends (Basic credentials, `Accept: application/json`, its own query strings)
 * must work unchanged. The library reads no $metadata and does not follow next links itself, so
 * paging is driven here the way its users do it: by requesting the next link relative to the root.
 */
import { OData } from "@odata/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";

interface Job {
  Job: string;
  Description: string;
  Status: string;
}

let gateway: TestGateway;
let client: ReturnType<typeof OData.New4>;
beforeAll(async () => {
  gateway = await startTestGateway();
  client = OData.New4({
    serviceEndpoint: `${gateway.url}/odata/`,
    credential: { username: "powerbi", password: gateway.acme.queryKey },
  });
});
afterAll(() => gateway.close());

describe("@odata/client against the OData service", () => {
  it("reads an entity set with a filter, a projection and an order", async () => {
    const jobs = client.getEntitySet<Job>("Jobs");
    const options = client
      .newOptions()
      .filter(client.newFilter().property("Status").eqString("Closed").property("Job").ge("'23'"))
      .select(["Job", "Status"])
      .orderby("Job", "asc")
      .top(5);
    const closed = await jobs.query(options);
    expect(closed).toHaveLength(5);
    for (const job of closed)
      expect(job).toEqual({ Job: expect.stringMatching(/^2[3-9]-/), Status: "Closed" });
    expect(closed.map((j) => j.Job)).toEqual(closed.map((j) => j.Job).sort());
  });

  it("counts and searches", async () => {
    const jobs = client.getEntitySet<Job>("Jobs");
    expect(await jobs.count(client.newFilter().property("Status").eqString("Closed"))).toBe(29);
    const found = await jobs.query(client.newOptions().search("Transit", false).select(["Job"]));
    expect(found).toEqual([{ Job: "23-104" }]);
  });

  it("retrieves entities by single and compound key", async () => {
    const job = await client.getEntitySet<Job>("Jobs").retrieve("23-104");
    expect(job).toMatchObject({ Job: "23-104", Description: "Ridgeline Transit Center" });
    const costCode = await client
      .getEntitySet("CostCodes")
      .retrieve({ Job: "23-104", Extra: "", Cost_Code: "01-100" });
    expect(costCode).toMatchObject({ Job: "23-104", Cost_Code: "01-100" });
  });

  it("pages through a feed by following @odata.nextLink relative to the service root", async () => {
    const paged = OData.New4({
      serviceEndpoint: `${gateway.url}/odata/`,
      credential: { username: "powerbi", password: gateway.acme.queryKey },
      commonHeaders: { Prefer: "odata.maxpagesize=25" },
    });
    const root = `${gateway.context.publicUrl}/odata/`;
    const seen: string[] = [];
    // The library types no next link on its responses; it is read from the JSON as sent.
    type Page = { value?: { Vendor: string }[]; "@odata.nextLink"?: string };
    let page: Page = await paged.newRequest<{ Vendor: string }>({
      collection: "Vendors",
      params: paged.newOptions().select(["Vendor"]).orderby("Vendor", "asc"),
    });
    for (;;) {
      seen.push(...(page.value ?? []).map((row) => row.Vendor));
      const next = page["@odata.nextLink"];
      if (next === undefined) break;
      expect(next.startsWith(root)).toBe(true);
      page = await paged.newRequest<{ Vendor: string }>({ collection: next.slice(root.length) });
    }
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
    expect(seen).toEqual([...seen].sort());
  });

  it("surfaces the service's actionable error messages through the library", async () => {
    await expect(client.getEntitySet("Jbos").query()).rejects.toThrow(/did you mean 'Jobs'/);
    const typo = client.newOptions().filter(client.newFilter().property("Descriptoin").eqString("x"));
    await expect(client.getEntitySet("Jobs").query(typo)).rejects.toThrow(/did you mean 'Description'/);
  });

  it("sends a Bearer key as a common header just as well, scoped to its workspace", async () => {
    const other = OData.New4({
      serviceEndpoint: `${gateway.url}/odata/`,
      commonHeaders: { Authorization: `Bearer ${gateway.other.queryKey}` },
    });
    expect((await other.getEntitySet("Jobs").query(other.newOptions().top(2))).length).toBe(2);
    await expect(other.getEntitySet("CostCodes").query()).rejects.toThrow(/unknown entity set 'CostCodes'/);
  });
});
