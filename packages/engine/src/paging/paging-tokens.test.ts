import { randomBytes } from "node:crypto";
import { parseQueryOptions } from "@headgate/odata";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EngineError } from "../errors.ts";
import { createCursorCodec, type ResultCursor } from "./cursor.ts";
import { createSkipTokenCodec } from "./skip-token.ts";

const SECRET = randomBytes(32);
const WORKSPACE = "8636364a-3c92-4d0e-9227-a23f4bf68bd0";
const OTHER_WORKSPACE = "1f0e0c1a-0000-4000-8000-000000000002";

const queries = fc.constantFrom(
  "",
  "$skip=50",
  "$filter=Status eq 'In Progress' and contains(Description,'a %26 b')&$select=Job,Description&$skip=17",
  "$filter=Amount gt 0&$top=200&$orderby=Job desc",
  "$apply=groupby((Status),aggregate(Amount with sum as Total))",
  "$filter=Job in ('23-104','23-110')&$count=true&$expand=ProcoreProject($select=name)",
  `$filter=${Array.from({ length: 40 }, (_, i) => `Job eq '23-${100 + i}'`).join(" or ")}`,
);
const cursors: fc.Arbitrary<ResultCursor> = fc.record(
  {
    entitySet: fc.constantFrom("Jobs", "JobCostTransactions", "Procore_RFIs", "Ünïcode_Set"),
    options: queries.map((text) => parseQueryOptions(text)),
    drop: fc.nat(10_000),
    pageSize: fc.integer({ min: 1, max: 1000 }),
  },
  { requiredKeys: ["entitySet", "options"] },
);

const refusal = (attempt: () => unknown) => {
  try {
    attempt();
  } catch (error) {
    return error;
  }
  throw new Error("expected the token to be refused");
};

describe("a cursor", () => {
  const codec = createCursorCodec(SECRET, "action", WORKSPACE);

  it("continues exactly the query it was made for", () => {
    fc.assert(
      fc.property(cursors, (cursor) => {
        const decoded = codec.decode(codec.encode(cursor));
        expect(decoded).toEqual({ ...cursor, ...(cursor.drop === 0 ? { drop: undefined } : {}) });
      }),
    );
  });

  it("is continued by any replica that shares the secret", () => {
    const replica = createCursorCodec(Buffer.from(SECRET), "action", WORKSPACE);
    const cursor = { entitySet: "Jobs", options: parseQueryOptions("$skip=50"), pageSize: 50 };
    expect(replica.decode(codec.encode(cursor))).toEqual(cursor);
  });

  it("is refused when any character of it was changed, with the parameter and the way out named", () => {
    fc.assert(
      fc.property(cursors, fc.nat(), fc.constantFrom("A", "b", "0", "_", "-"), (cursor, at, replacement) => {
        const text = codec.encode(cursor);
        const position = at % text.length;
        fc.pre(text[position] !== replacement && text[position] !== ".");
        const altered = `${text.slice(0, position)}${replacement}${text.slice(position + 1)}`;
        const error = refusal(() => codec.decode(altered));
        expect(error).toBeInstanceOf(EngineError);
        expect(error).toMatchObject({ code: "InvalidCursor", status: 400, target: "cursor" });
        expect((error as Error).message).toMatch(/run the query again without the cursor/);
      }),
    );
  });

  it("is refused when its signature is written another way that decodes to the same bytes", () => {
    const text = codec.encode({ entitySet: "Jobs", options: {} });
    const last = text.at(-1)!;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const sameBits = [...alphabet].filter(
      (c) => c !== last && (alphabet.indexOf(c) & 0x30) === (alphabet.indexOf(last) & 0x30),
    );
    expect(sameBits.length).toBeGreaterThan(0);
    for (const c of sameBits)
      expect(refusal(() => codec.decode(`${text.slice(0, -1)}${c}`))).toMatchObject({
        code: "InvalidCursor",
      });
  });

  it("with another query put in its place is refused", () => {
    const text = codec.encode({ entitySet: "Jobs", options: parseQueryOptions("$filter=Job eq '23-104'") });
    const [, signature] = text.split(".");
    const other = codec.encode({ entitySet: "Jobs", options: parseQueryOptions("$filter=Job ne '23-104'") });
    const [payload] = other.split(".");
    expect(refusal(() => codec.decode(`${payload}.${signature}`))).toMatchObject({ code: "InvalidCursor" });
  });

  it("is refused in another workspace, at the other door, and under another secret", () => {
    const text = codec.encode({ entitySet: "Jobs", options: parseQueryOptions("$skip=50"), pageSize: 50 });
    for (const elsewhere of [
      createCursorCodec(SECRET, "action", OTHER_WORKSPACE),
      createCursorCodec(SECRET, "mcp", WORKSPACE),
      createCursorCodec(randomBytes(32), "action", WORKSPACE),
    ]) {
      const error = refusal(() => elsewhere.decode(text));
      expect(error).toMatchObject({ code: "InvalidCursor", status: 400, target: "cursor" });
      expect((error as Error).message).toMatch(/another workspace/);
    }
  });

  it("is not a $skiptoken, and a $skiptoken is not a cursor", () => {
    const tokens = createSkipTokenCodec(SECRET, WORKSPACE);
    const token = tokens.encode({ offset: 50, query: "fingerprint" });
    expect(refusal(() => codec.decode(token))).toMatchObject({ code: "InvalidCursor" });
    const cursor = codec.encode({ entitySet: "Jobs", options: {} });
    expect(refusal(() => tokens.decode(cursor, "fingerprint"))).toMatchObject({ code: "InvalidSkipToken" });
  });

  it("refuses text that is no cursor at all", () => {
    for (const text of ["", "nonsense", "a.b.c", Buffer.from('{"e":"Jobs","q":""}').toString("base64url")])
      expect(refusal(() => codec.decode(text))).toMatchObject({ code: "InvalidCursor", target: "cursor" });
  });

  it("stays short enough to send back in a URL: a long query costs less than its own text", () => {
    fc.assert(
      fc.property(cursors, (cursor) => {
        const text = codec.encode(cursor);
        expect(text).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
        expect(text.length).toBeLessThan(400);
      }),
    );
    const long = `$filter=${Array.from({ length: 200 }, (_, i) => `Job eq '23-${100 + i}'`).join(" or ")}`;
    const text = codec.encode({ entitySet: "Jobs", options: parseQueryOptions(long), pageSize: 50 });
    expect(text.length).toBeLessThan(encodeURIComponent(long).length / 4);
  });
});

describe("a $skiptoken", () => {
  it("is refused in another workspace", () => {
    const token = createSkipTokenCodec(SECRET, WORKSPACE).encode({ offset: 50, query: "q" });
    expect(createSkipTokenCodec(SECRET, WORKSPACE).decode(token, "q")).toEqual({ offset: 50, query: "q" });
    const error = refusal(() => createSkipTokenCodec(SECRET, OTHER_WORKSPACE).decode(token, "q"));
    expect(error).toMatchObject({ code: "InvalidSkipToken", status: 400, target: "$skiptoken" });
    expect((error as Error).message).toMatch(/another workspace/);
  });
});
