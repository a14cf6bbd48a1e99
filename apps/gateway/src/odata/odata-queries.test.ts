import type { Row } from "@headgate/model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";
import { type ODataTestClient, odataTestClient } from "./odata-test-support.ts";

let gateway: TestGateway;
let odata: ODataTestClient;
beforeAll(async () => {
  gateway = await startTestGateway();
  odata = odataTestClient(gateway, gateway.acme.queryKey);
});
afterAll(() => gateway.close());

const ROOT = "https://headgate.test/odata";
const rows = async (path: string): Promise<Row[]> => {
  const answer = await odata.get(path);
  expect(answer.status, answer.text).toBe(200);
  return answer.body.value;
};

describe("collections and query options over the Sage entity sets", () => {
  it("answers OData JSON with an absolute context URL that carries the select list", async () => {
    const answer = await odata.get("/Jobs?$select=Job,Description&$top=2");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe(
      "application/json;odata.metadata=minimal;odata.streaming=true",
    );
    expect(answer.body["@odata.context"]).toBe(`${ROOT}/$metadata#Jobs(Job,Description)`);
    expect(answer.body.value).toHaveLength(2);
    for (const row of answer.body.value) expect(Object.keys(row).sort()).toEqual(["Description", "Job"]);
  });

  it("filters, orders, skips and tops", async () => {
    const closed = await rows(
      "/Jobs?$filter=Status eq 'Closed' and Job ge '23'&$orderby=Job desc&$select=Job,Status",
    );
    expect(closed.length).toBeGreaterThan(2);
    expect(closed.every((r) => r.Status === "Closed" && String(r.Job) >= "23")).toBe(true);
    expect(closed.map((r) => r.Job)).toEqual(
      closed
        .map((r) => String(r.Job))
        .sort()
        .reverse(),
    );
    const window = await rows(
      "/Jobs?$filter=Status eq 'Closed' and Job ge '23'&$orderby=Job desc&$select=Job&$skip=1&$top=2",
    );
    expect(window.map((r) => r.Job)).toEqual(closed.slice(1, 3).map((r) => r.Job));
  });

  it("counts with $count=true, ignoring $top", async () => {
    const answer = await odata.get("/Jobs?$filter=Status eq 'Closed'&$count=true&$top=1");
    expect(answer.body["@odata.count"]).toBe(29);
    expect(answer.body.value).toHaveLength(1);
  });

  it("searches with $search", async () => {
    expect(await rows("/Jobs?$search=Transit&$select=Job,Description")).toEqual([
      { Job: "23-104", Description: "Ridgeline Transit Center" },
    ]);
  });

  it("expands navigation with nested options", async () => {
    const [job] = await rows(
      "/Jobs?$filter=Job eq '23-104'&$select=Job&$expand=CostCodes($select=Cost_Code;$top=2)",
    );
    expect(job?.Job).toBe("23-104");
    expect(job?.CostCodes).toHaveLength(2);
    const answer = await odata.get("/Jobs?$top=1&$select=Job&$expand=CostCodes($select=Cost_Code)");
    expect(answer.body["@odata.context"]).toBe(`${ROOT}/$metadata#Jobs(Job,CostCodes(Cost_Code))`);
  });

  it("aggregates with $apply and computes with $compute", async () => {
    const groups = await rows("/Jobs?$apply=groupby((Status),aggregate($count as N))");
    expect(groups.reduce((sum, g) => sum + Number(g.N), 0)).toBe(40);
    const computed = await rows(
      "/Jobs?$filter=Job eq '23-104'&$compute=JTD_Cost mul 2 as Double&$select=JTD_Cost,Double",
    );
    expect(computed[0]?.Double).toBeCloseTo(Number(computed[0]?.JTD_Cost) * 2, 2);
  });

  it("takes 4.01 option names without '$'", async () => {
    const answer = await odata.get("/Jobs?select=Job&top=2&orderby=Job desc");
    expect(answer.status).toBe(200);
    expect(answer.body.value).toHaveLength(2);
    expect(answer.body["@odata.context"]).toBe(`${ROOT}/$metadata#Jobs(Job)`);
  });

  it("matches entity set names like the engine: exact, then ignoring case", async () => {
    const answer = await odata.get("/jobs?$top=1&$select=Job");
    expect(answer.status).toBe(200);
    expect(answer.body["@odata.context"]).toBe(`${ROOT}/$metadata#Jobs(Job)`);
  });
});

describe("server-driven paging", () => {
  it("follows next links to the end without losing or repeating a row", async () => {
    const onePage = await rows("/Vendors?$orderby=Vendor&$select=Vendor,Name");
    expect(onePage).toHaveLength(60);
    const feed = await odata.readAll("/Vendors?$orderby=Vendor&$select=Vendor,Name", {
      prefer: "maxpagesize=7",
    });
    expect(feed.pages).toHaveLength(9);
    expect(feed.rows).toEqual(onePage);
    expect(feed.pages.at(-1)?.body["@odata.nextLink"]).toBeUndefined();
  });

  it("writes absolute next links that keep the query and add a $skiptoken", async () => {
    const answer = await odata.get("/Vendors?$filter=startswith(Vendor,'B')&$select=Vendor", {
      prefer: "odata.maxpagesize=2",
    });
    const nextLink: string = answer.body["@odata.nextLink"];
    expect(nextLink.startsWith(`${ROOT}/Vendors?`)).toBe(true);
    expect(decodeURIComponent(nextLink)).toContain("$filter=startswith(Vendor,'B')");
    expect(nextLink).toContain("$skiptoken=");
  });

  it("keeps $top across pages and repeats @odata.count on each", async () => {
    const feed = await odata.readAll("/JobCostTransactions?$top=25&$count=true&$select=Row_ID", {
      prefer: "maxpagesize=10",
    });
    expect(feed.pages.map((p) => p.body.value.length)).toEqual([10, 10, 5]);
    for (const page of feed.pages) expect(page.body["@odata.count"]).toBe(13326);
    expect(new Set(feed.rows.map((r) => JSON.stringify(r))).size).toBe(25);
  });

  it("pages on its own when a client asks for more than the page limit", async () => {
    const feed = await odata.readAll("/CostCodes?$select=Job,Extra,Cost_Code");
    expect(feed.pages[0]?.body.value).toHaveLength(200);
    expect(feed.rows).toHaveLength(406);
  });

  it("answers Prefer: maxpagesize with Preference-Applied in the client's spelling", async () => {
    const modern = await odata.get("/Vendors?$select=Vendor", { prefer: "maxpagesize=5" });
    expect(modern.headers.get("preference-applied")).toBe("maxpagesize=5");
    expect(modern.body.value).toHaveLength(5);
    const legacy = await odata.get("/Vendors?$select=Vendor", { prefer: "odata.maxpagesize=5000" });
    expect(legacy.headers.get("preference-applied")).toBe("odata.maxpagesize=200");
    expect((await odata.get("/Vendors?$top=1")).headers.get("preference-applied")).toBeNull();
  });

  it("refuses a next link whose query was altered", async () => {
    const first = await odata.get("/Vendors?$select=Vendor", { prefer: "maxpagesize=5" });
    const altered = first.body["@odata.nextLink"].replace("$select=Vendor", "$select=Name");
    const answer = await odata.follow(altered);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("InvalidSkipToken");
  });
});

describe("entities by key and /$count", () => {
  it("reads one entity by a single key", async () => {
    const answer = await odata.get("/Jobs('23-104')");
    expect(answer.status).toBe(200);
    expect(answer.body["@odata.context"]).toBe(`${ROOT}/$metadata#Jobs/$entity`);
    expect(answer.body).toMatchObject({ Job: "23-104", Description: "Ridgeline Transit Center" });
    expect(answer.body.value).toBeUndefined();
  });

  it("reads one entity by a compound key, with $select and $expand", async () => {
    const costCode = await odata.get(
      "/CostCodes(Job='23-104',Extra='',Cost_Code='01-100')?$select=Description",
    );
    expect(costCode.status, costCode.text).toBe(200);
    expect(costCode.body["@odata.context"]).toBe(`${ROOT}/$metadata#CostCodes(Description)/$entity`);
    expect(Object.keys(costCode.body).sort()).toEqual(["@headgate.asOf", "@odata.context", "Description"]);
    const category = await odata.get(
      "/Categories(Job='22-101',Extra='',Cost_Code='01-100',Category='E')?$expand=JobDetails($select=Job)",
    );
    expect(category.status, category.text).toBe(200);
    expect(category.body).toMatchObject({ Category: "E", JobDetails: { Job: "22-101" } });
  });

  it("answers a missing entity with 404 and a malformed key with 400", async () => {
    const missing = await odata.get("/Jobs('99-999')");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("NotFound");
    const wrongType = await odata.get("/Jobs(42)");
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.code).toBe("InvalidKey");
    expect((await odata.get("/Jobs('23-104')?$filter=Job eq '1'")).status).toBe(400);
  });

  it("refuses paths below an entity with 501 for real members, 404 otherwise", async () => {
    const property = await odata.get("/Jobs('23-104')/Description");
    expect(property.status).toBe(501);
    expect(property.body.error.message).toContain("$select=Description");
    expect((await odata.get("/Jobs('23-104')/CostCodes")).status).toBe(501);
    const unknown = await odata.get("/Jobs('23-104')/Descripton");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain("did you mean 'Description'");
  });

  it("counts matching entities as plain text, ignoring $top", async () => {
    const answer = await odata.get("/Jobs/$count?$filter=Status eq 'Closed'&$top=1");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(answer.text).toBe("29");
  });

  it("answers /$count to the Accept headers clients send: text/plain when accepted, else a JSON number", async () => {
    const closed = "/Jobs/$count?$filter=Status eq 'Closed'";
    const expected = (await rows("/Jobs?$filter=Status eq 'Closed'&$select=Job")).length;
    for (const [accept, type] of [
      ["*/*", /^text\/plain/],
      ["text/plain", /^text\/plain/],
      ["application/json", /^application\/json$/],
      ["application/json;odata.metadata=minimal", /^application\/json$/],
    ] as const) {
      const answer = await odata.get(closed, { accept });
      expect(answer.status, accept).toBe(200);
      expect(answer.headers.get("content-type"), accept).toMatch(type);
      expect(answer.text, accept).toBe(String(expected));
    }
    const all = await odata.get("/Jobs/$count?$format=json");
    expect(all.headers.get("content-type")).toBe("application/json");
    expect(all.body).toBe(Number((await odata.get("/Jobs/$count")).text));
    const refused = await odata.get(closed, { accept: "application/xml" });
    expect(refused.status).toBe(406);
    expect(refused.body.error).toMatchObject({ code: "NotAcceptable", target: "Accept" });
    expect(refused.body.error.message).toContain("text/plain");
  });
});

describe("errors in the OData error format", () => {
  it("reports a syntax error with its position (400)", async () => {
    const answer = await odata.get("/Jobs?$filter=Job eq");
    expect(answer.status).toBe(400);
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    expect(answer.body.error).toMatchObject({ code: "SyntaxError", target: "$filter" });
    expect(answer.body.error.message).toMatch(/at \d+/);
  });

  it("names the property it does not know and suggests the nearest (400)", async () => {
    const answer = await odata.get("/Jobs?$select=Descriptoin");
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("UnknownProperty");
    expect(answer.body.error.message).toContain("did you mean 'Description'");
  });

  it("answers an unknown entity set with 404 listing the sets that exist", async () => {
    const answer = await odata.get("/Jbos");
    expect(answer.status).toBe(404);
    expect(answer.body.error).toMatchObject({ code: "UnknownEntitySet", target: "Jbos" });
    expect(answer.body.error.message).toContain("did you mean 'Jobs'");
  });

  it("answers valid OData it does not implement with 501", async () => {
    const answer = await odata.get("/Jobs?$apply=topcount(2,JTD_Cost)");
    expect(answer.status).toBe(501);
    expect(answer.body.error.code).toBe("NotImplemented");
  });

  it("refuses malformed option values with 400", async () => {
    for (const query of ["$top=-1", "$count=maybe", "$top=1&$top=2", "$skiptoken=forged"]) {
      const answer = await odata.get(`/Jobs?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.body.error.message.length, query).toBeGreaterThan(10);
    }
  });
});
