import { describe, expect, it } from "vitest";
import { EngineError } from "../errors.ts";
import { everythingPushed, jobRows, nothingPushed, q, rfiRows } from "../testing/fixture.ts";

const jobs = jobRows();
const rfis = rfiRows(jobs);

async function errorOf(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

describe.each([
  ["everything pushed", everythingPushed],
  ["nothing pushed", nothingPushed],
])("getByKey with %s", (_, makeEngine) => {
  it("reads one entity by its key text or key object", async () => {
    const engine = await makeEngine();
    const byText = await engine.getByKey({ entitySet: "Jobs", key: "'23-104'" });
    expect(byText.entitySet).toBe("Jobs");
    expect(byText.row).toEqual(jobs[4]);
    const byObject = await engine.getByKey({ entitySet: "rfis", key: { Id: 7 } });
    expect(byObject.entitySet).toBe("Rfis");
    expect(byObject.row).toEqual(rfis[6]);
    expect(byObject.plan.entitySet).toBe("Rfis");
  });

  it("applies $select and $expand exactly as a query does", async () => {
    const engine = await makeEngine();
    const options = q("$select=JobNumber,Name&$expand=Rfis($select=Id;$orderby=Id)");
    const lookup = await engine.getByKey({ entitySet: "Jobs", key: "JobNumber='23-104'", options });
    const query = await engine.query({
      entitySet: "Jobs",
      options: { ...options, filter: q("$filter=JobNumber eq '23-104'").filter },
    });
    expect(lookup.row).toEqual(query.rows[0]);
    expect(Object.keys(lookup.row)).toEqual(["JobNumber", "Name", "Rfis"]);
    expect(lookup.row.Rfis).toEqual(rfis.filter((r) => r.JobNumber === "23-104").map((r) => ({ Id: r.Id })));
  });

  it("answers NotFound (404) naming the set and key, and pointing to $filter", async () => {
    const engine = await makeEngine();
    const error = await errorOf(engine.getByKey({ entitySet: "Jobs", key: "'23-999'" }));
    expect(error.code).toBe("NotFound");
    expect(error.status).toBe(404);
    expect(error.message).toContain("'Jobs'");
    expect(error.message).toContain("'23-999'");
    expect(error.message).toContain("$filter");
  });
});

describe("getByKey refusals", () => {
  it("refuses a malformed key with InvalidKey (400)", async () => {
    const engine = await everythingPushed();
    const error = await errorOf(engine.getByKey({ entitySet: "Rfis", key: "'seven'" }));
    expect(error.code).toBe("InvalidKey");
    expect(error.status).toBe(400);
  });

  it("refuses options other than $select and $expand, naming the option", async () => {
    const engine = await everythingPushed();
    const error = await errorOf(
      engine.getByKey({ entitySet: "Jobs", key: "'23-104'", options: q("$top=5") }),
    );
    expect(error.status).toBe(400);
    expect(error.target).toBe("$top");
  });

  it("names the nearest entity sets for an unknown one", async () => {
    const engine = await everythingPushed();
    const error = await errorOf(engine.getByKey({ entitySet: "Jbos", key: "'23-104'" }));
    expect(error.code).toBe("UnknownEntitySet");
  });
});
