import { randomBytes } from "node:crypto";
import { Engine } from "@headgate/engine";
import { beforeAll, describe, expect, it } from "vitest";
import { sampleCatalog } from "../sample/sample-catalog.ts";
import { runQueryText } from "./run-query-text.ts";

let engine: Engine;
beforeAll(async () => {
  engine = new Engine({ catalog: await sampleCatalog(), skipTokenSecret: randomBytes(32), maxPageSize: 50 });
});

describe("answering query text from the command line", () => {
  it("answers in the OData JSON shape, with a next link when the page is cut", async () => {
    const answer = await runQueryText(engine, "Rfis?$select=Id&$count=true");
    expect(answer.ok).toBe(true);
    const body = answer.body as Record<string, unknown>;
    expect(body["@odata.context"]).toBe("$metadata#Rfis");
    expect(body["@odata.count"]).toBe(200);
    expect((body.value as unknown[]).length).toBe(50);
    expect(body["@odata.nextLink"]).toMatch(/^Rfis\?\$select=Id&\$count=true&\$skiptoken=/);
  });

  it("follows its own next link to the following page", async () => {
    const first = (await runQueryText(engine, "Rfis?$select=Id&$orderby=Id")).body as Record<string, unknown>;
    const second = (await runQueryText(engine, String(first["@odata.nextLink"]))).body as {
      value: { Id: number }[];
    };
    expect(second.value[0]).toEqual({ Id: 1050 });
  });

  it("answers /$count with a number", async () => {
    expect((await runQueryText(engine, "Jobs/$count")).body).toBe(40);
  });

  it("returns errors in the OData error format", async () => {
    const answer = await runQueryText(engine, "Jobs?$top=-1");
    expect(answer.ok).toBe(false);
    expect(answer.body).toMatchObject({ error: { code: "SyntaxError", target: "$top" } });
  });

  it("serves the sample's model as a valid catalog", () => {
    expect(engine.model.entitySets.map((s) => s.name)).toEqual(["Jobs", "Rfis"]);
  });
});
