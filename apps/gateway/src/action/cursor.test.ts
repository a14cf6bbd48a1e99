import { randomBytes } from "node:crypto";
import { createCursorCodec } from "@headgate/engine";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cursorAfter, readCursor } from "./cursor.ts";
import { pageQueryOf } from "./page-query.ts";

/** The part of a workspace engine that seals cursors, for one workspace and secret. */
const sealer = (workspaceId: string, secret = SECRET) => ({
  cursors: (door: string) => createCursorCodec(secret, door, workspaceId),
});
const SECRET = randomBytes(32);
const acme = sealer("acme-id");

describe("nextCursor", () => {
  it("carries the whole query and advances skip past the rows delivered", () => {
    const page = pageQueryOf({
      filter: "Status eq 'In Progress' and contains(Description,'a & b')",
      select: "Job,Description",
      orderby: "Job desc",
      apply: "groupby((Status),aggregate(Amount with sum as Total))",
      count: true,
      skip: 10,
      top: 20,
    });
    const next = readCursor(acme, cursorAfter(acme, "Jobs", page, 7), "jobs");
    expect(next.pageSize).toBe(20);
    expect(next.options).toEqual({ ...page.options, skip: 17 });
  });

  it("round-trips any skip and page size", () => {
    fc.assert(
      fc.property(
        fc.nat(100_000),
        fc.integer({ min: 1, max: 1000 }),
        fc.nat(1000),
        (skip, top, delivered) => {
          const page = pageQueryOf({ filter: "Amount gt 5", skip, top });
          const next = readCursor(acme, cursorAfter(acme, "ApInvoices", page, delivered), "ApInvoices");
          expect(next).toEqual({ options: { ...page.options, skip: skip + delivered }, pageSize: top });
        },
      ),
    );
  });

  it("is continued by another replica of the gateway with the same secret", () => {
    const cursor = cursorAfter(acme, "Jobs", pageQueryOf({ top: 5 }), 5);
    expect(readCursor(sealer("acme-id", Buffer.from(SECRET)), cursor, "Jobs").options.skip).toBe(5);
  });

  it("refuses a cursor of another entity set, naming where it belongs", () => {
    const cursor = cursorAfter(acme, "Jobs", pageQueryOf({}), 50);
    expect(() => readCursor(acme, cursor, "Vendors")).toThrow(
      /entity set 'Jobs'.*\/api\/entity-sets\/Jobs\/rows/,
    );
  });

  it("refuses a cursor that was altered, or made for another workspace, with the way to start again", () => {
    const cursor = cursorAfter(acme, "Jobs", pageQueryOf({ filter: "Job eq '23-104'" }), 50);
    const [payload, signature] = cursor.split(".");
    const forged = cursorAfter(acme, "Jobs", pageQueryOf({ filter: "Job ne '23-104'" }), 50).split(".")[0];
    for (const [text, workspace] of [
      [`${forged}.${signature}`, acme],
      [`${payload}.${signature?.replace(/^./, (c) => (c === "A" ? "B" : "A"))}`, acme],
      [cursor, sealer("other-id")],
      [cursor, sealer("acme-id", randomBytes(32))],
    ] as const) {
      expect(() => readCursor(workspace, text, "Jobs")).toThrow(
        expect.objectContaining({
          code: "InvalidCursor",
          status: 400,
          target: "cursor",
          message: expect.stringMatching(/run the query again without the cursor/),
        }),
      );
    }
  });

  it("refuses text that is not a cursor with advice to start again", () => {
    for (const text of [
      "nonsense",
      "",
      Buffer.from('{"v":1,"e":"Jobs","q":"$skip=9","n":5}').toString("base64url"),
    ])
      expect(() => readCursor(acme, text, "Jobs")).toThrow(/run the query again without the cursor/);
  });
});
