/**
 * The differential corpus: every query answered through the Procore connector (pushing what
 * Procore evaluates, paging with Link headers) equals the engine's in-memory answer over the
 * full data read without filters.
 */
import type { Engine } from "@headgate/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allRows, comparable, corpus } from "./testing/differential-corpus.ts";
import {
  engineOver,
  type ProcoreFixture,
  referenceEngine,
  startProcoreFixture,
} from "./testing/procore-fixture.ts";

let fixture: ProcoreFixture;
let viaProcore: Engine;
let reference: Engine;

beforeAll(async () => {
  fixture = await startProcoreFixture();
  const connector = fixture.connector();
  viaProcore = await engineOver(connector);
  reference = await referenceEngine(fixture.connector());
}, 60_000);
afterAll(() => fixture.close());

describe("the Procore connector's differential corpus", () => {
  it("has at least 60 queries", () => {
    expect(corpus(fixture.data).length).toBeGreaterThanOrEqual(60);
  });

  it("answers every query exactly as the engine does over the unfiltered data", async () => {
    let nonEmpty = 0;
    for (const [entitySet, query] of corpus(fixture.data)) {
      const expected = await allRows(reference, entitySet, query);
      const actual = await allRows(viaProcore, entitySet, query);
      expect(comparable(query, actual.rows), `${entitySet}?${query}`).toEqual(
        comparable(query, expected.rows),
      );
      expect(actual.count, `${entitySet}?${query} count`).toEqual(expected.count);
      if (expected.rows.length > 0) nonEmpty += 1;
    }
    expect(nonEmpty).toBeGreaterThan(50);
  }, 120_000);
});
