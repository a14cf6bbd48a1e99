import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";
import { type ODataTestClient, odataTestClient } from "./odata-test-support.ts";

let gateway: TestGateway;
let acme: ODataTestClient;
let other: ODataTestClient;
beforeAll(async () => {
  gateway = await startTestGateway();
  acme = odataTestClient(gateway, gateway.acme.queryKey);
  other = odataTestClient(gateway, gateway.other.queryKey);
});
afterAll(() => gateway.close());

const SAGE_SETS = ["Jobs", "CostCodes", "Categories", "JobCostTransactions", "Commitments", "Vendors"];
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

describe("the service document", () => {
  it("lists the workspace's entity sets with an absolute context URL, at /odata and /odata/", async () => {
    for (const path of ["", "/"]) {
      const answer = await acme.get(path);
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toBe(
        "application/json;odata.metadata=minimal;odata.streaming=true",
      );
      expect(answer.headers.get("odata-version")).toBe("4.0");
      expect(answer.body["@odata.context"]).toBe("https://headgate.test/odata/$metadata");
      expect(answer.body.value).toContainEqual({ name: "Jobs", kind: "EntitySet", url: "Jobs" });
      expect(answer.body.value.map((e: { name: string }) => e.name)).toEqual(
        expect.arrayContaining([...SAGE_SETS, "Sample_Jobs", "Sample_Rfis"]),
      );
    }
  });
});

describe("$metadata", () => {
  it("is CSDL XML by default, naming every entity set and its key", async () => {
    const answer = await acme.get("/$metadata");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/xml");
    expect(answer.text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\s*<edmx:Edmx Version="4.0"/);
    for (const name of SAGE_SETS) expect(answer.text).toContain(`<EntitySet Name="${name}"`);
    expect(answer.text).toMatch(/<PropertyRef Name="Cost_Code"\/>/);
    expect(answer.text.trim().endsWith("</edmx:Edmx>")).toBe(true);
  });

  it("is CSDL JSON for Accept: application/json or $format=json", async () => {
    for (const answer of [
      await acme.get("/$metadata", { accept: "application/json" }),
      await acme.get("/$metadata?$format=json"),
      await acme.get("/$metadata?format=application/json"),
    ]) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
      expect(answer.body.$EntityContainer).toBe("Headgate.Container");
      expect(answer.body.Headgate.Container.Jobs).toMatchObject({
        $Collection: true,
        $Type: "Headgate.SageJob",
      });
    }
  });

  it("is a 4.0 document, and says so in OData-Version, to 4.0 and 4.01 clients alike", async () => {
    const maxVersions: Record<string, string>[] = [
      {},
      { "odata-maxversion": "4.0" },
      { "odata-maxversion": "4.01" },
    ];
    for (const maxVersion of maxVersions) {
      const xml = await acme.get("/$metadata", maxVersion);
      expect(xml.text).toMatch(/<edmx:Edmx Version="4.0"/);
      expect(xml.headers.get("odata-version")).toBe("4.0");
      const json = await acme.get("/$metadata?$format=json", maxVersion);
      expect(json.body.$Version).toBe("4.0");
      expect(json.headers.get("odata-version")).toBe("4.0");
    }
  });

  it("stays XML for clients that also accept XML, such as Power Query, and refuses others with 406", async () => {
    expect((await acme.get("/$metadata", { accept: "application/json, */*" })).text).toMatch(/^<\?xml/);
    const powerQuery = await acme.get("/$metadata", {
      accept:
        "application/json;odata.metadata=minimal;q=1.0,application/json;odata=minimalmetadata;q=0.9,application/atomsvc+xml;q=0.8,application/atom+xml;q=0.8,application/xml;q=0.7,text/plain;q=0.7",
      "odata-maxversion": "4.0",
      maxdataserviceversion: "3.0",
    });
    expect(powerQuery.headers.get("content-type")).toBe("application/xml");
    expect(powerQuery.headers.get("odata-version")).toBe("4.0");
    const refused = await acme.get("/$metadata", { accept: "text/html" });
    expect(refused.status).toBe(406);
    expect(refused.body.error).toMatchObject({ code: "NotAcceptable", target: "Accept" });
    expect(refused.body.error.message).toContain("application/xml");
  });
});

describe("protocol headers", () => {
  it("says OData-Version 4.0 on every answer, errors included, and 4.01 to clients that read it", async () => {
    expect((await acme.get("/Nope")).headers.get("odata-version")).toBe("4.0");
    expect((await http(`${gateway.url}/odata/Jobs`)).headers.get("odata-version")).toBe("4.0");
    expect(
      (await acme.get("/Jobs?$top=1", { "odata-maxversion": "4.01" })).headers.get("odata-version"),
    ).toBe("4.01");
  });

  it("refuses a client that caps the version below 4.0", async () => {
    const answer = await acme.get("/Jobs", { "odata-maxversion": "3.0" });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "InvalidRequest", target: "OData-MaxVersion" });
  });

  it("answers data as JSON only (406 otherwise) and honours odata.metadata=none", async () => {
    expect((await acme.get("/Jobs", { accept: "application/atom+xml" })).status).toBe(406);
    expect((await acme.get("/Jobs?$format=atom")).status).toBe(406);
    const none = await acme.get("/Jobs?$top=1&$count=true", {
      accept: "application/json;odata.metadata=none",
    });
    expect(none.headers.get("content-type")).toContain("odata.metadata=none");
    expect(none.body["@odata.context"]).toBeUndefined();
    expect(none.body["@odata.count"]).toBe(40);
  });
});

describe("authentication and workspace isolation", () => {
  it("refuses a request without a key with 401 and offers Bearer and Basic", async () => {
    for (const path of ["/odata", "/odata/$metadata", "/odata/Jobs"]) {
      const answer = await http(`${gateway.url}${path}`);
      expect(answer.status, path).toBe(401);
      expect(answer.body.error).toMatchObject({ code: "Unauthorized", target: "Authorization" });
      expect(answer.headers.get("www-authenticate")).toContain("Bearer");
      expect(answer.headers.get("www-authenticate")).toContain("Basic");
    }
  });

  it("accepts the API key as the password of HTTP Basic (what Excel and Power BI send)", async () => {
    const answer = await http(`${gateway.url}/odata/Jobs?$top=1`, {
      headers: { authorization: basic("excel", gateway.acme.queryKey) },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.value).toHaveLength(1);
    const wrong = await http(`${gateway.url}/odata/Jobs`, {
      headers: { authorization: basic("excel", "nope") },
    });
    expect(wrong.status).toBe(401);
  });

  it("refuses a key without the query scope with 403", async () => {
    const adminOnly = await gateway.store.apiKeys.create(gateway.acme.id, {
      name: "admin-only",
      scopes: ["admin"],
    });
    const answer = await http(`${gateway.url}/odata/Jobs`, { key: adminOnly.plaintext });
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toContain("'query' scope");
  });

  it("shows a workspace only its own entity sets", async () => {
    const names = (await other.get("")).body.value.map((e: { name: string }) => e.name);
    expect(names.sort()).toEqual(["Jobs", "Rfis"]);
    expect((await other.get("/$metadata")).text).not.toContain("SageJob");
    const jobs = await other.get("/Jobs?$top=3");
    expect(jobs.status).toBe(200);
    expect(Object.keys(jobs.body.value[0])).toContain("JobNumber");
    expect(Object.keys(jobs.body.value[0])).not.toContain("Project_Manager");
    const costCodes = await other.get("/CostCodes");
    expect(costCodes.status).toBe(404);
    expect(costCodes.body.error.message).toContain("Available entity sets: Jobs, Rfis.");
    expect((await other.get("/Jobs('23-104')?$select=Project_Manager")).status).toBe(400);
  });
});

describe("what the service does not serve", () => {
  it("answers writes and $batch with 501, after authentication", async () => {
    const post = await http(`${gateway.url}/odata/Jobs`, { key: gateway.acme.queryKey, json: { Job: "x" } });
    expect(post.status).toBe(501);
    expect(post.body.error.message).toContain("read-only");
    expect((await http(`${gateway.url}/odata/Jobs`, { method: "DELETE" })).status).toBe(401);
    expect((await acme.get("/$batch")).status).toBe(501);
  });

  it("answers unknown paths with 404 naming the shapes it serves", async () => {
    const answer = await acme.get("/Jobs/Description");
    expect(answer.status).toBe(404);
    expect(answer.body.error.message).toContain("/odata/<EntitySet>/$count");
  });
});

describe("the audit log", () => {
  it("records answered and refused data requests as the odata door", async () => {
    await acme.get("/Jobs?$top=2&$select=Job");
    await acme.get("/Jobs?$filter=Job eq");
    await acme.get("/Jobs('23-104')?$select=Job");
    await vi.waitFor(async () => {
      const entries = await gateway.store.audit.list({ workspaceId: gateway.acme.id, limit: 20 });
      expect(entries).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            door: "odata",
            entitySet: "Jobs",
            query: "$select=Job&$top=2",
            rows: 2,
            outcome: "ok",
          }),
          expect.objectContaining({
            door: "odata",
            entitySet: "Jobs",
            outcome: "error",
            errorCode: "SyntaxError",
          }),
          expect.objectContaining({ door: "odata", query: "('23-104')?$select=Job", rows: 1, outcome: "ok" }),
        ]),
      );
      const ok = entries.find((e) => e.query === "$select=Job&$top=2");
      expect(ok?.bytes).toBeGreaterThan(50);
    });
  });
});
