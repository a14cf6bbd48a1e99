import { describe, expect, it } from "vitest";
import {
  COUNT_JSON,
  COUNT_TEXT,
  negotiateCount,
  negotiateJson,
  negotiateMetadata,
  parseAccept,
  qualityOf,
} from "./content-negotiation.ts";

/** The Accept header Power Query (Excel, Power BI) was seen sending on OData requests. */
const POWER_QUERY_ACCEPT =
  "application/json;odata.metadata=minimal;q=1.0,application/json;odata=minimalmetadata;q=0.9,application/atomsvc+xml;q=0.8,application/atom+xml;q=0.8,application/xml;q=0.7,text/plain;q=0.7";

describe("content negotiation", () => {
  it("gives a media type the quality of the most specific range that matches it", () => {
    const ranges = parseAccept("text/*;q=0.3, application/json;q=0.8, */*;q=0.1");
    expect(qualityOf(ranges, "application/json")).toBe(0.8);
    expect(qualityOf(ranges, "text/plain")).toBe(0.3);
    expect(qualityOf(ranges, "application/xml")).toBe(0.1);
    expect(qualityOf(parseAccept("application/json;q=0"), "application/json")).toBe(0);
    expect(qualityOf(parseAccept(undefined), "anything/else")).toBe(1);
  });

  it("serves data as minimal-metadata JSON, or without context when asked for odata.metadata=none", () => {
    expect(negotiateJson(undefined, undefined)).toBe("minimal");
    expect(negotiateJson("*/*", undefined)).toBe("minimal");
    expect(negotiateJson("application/json;odata.metadata=minimal", undefined)).toBe("minimal");
    expect(negotiateJson("application/json;odata.metadata=none", undefined)).toBe("none");
    expect(negotiateJson("application/json;metadata=none", undefined)).toBe("none");
    expect(negotiateJson("application/xml", "json")).toBe("minimal");
    expect(negotiateJson(undefined, "application/json;odata.metadata=none")).toBe("none");
    expect(negotiateJson(POWER_QUERY_ACCEPT, undefined)).toBe("minimal");
  });

  it("refuses with 406 what it cannot produce, naming what it can", () => {
    expect(() => negotiateJson("application/xml", undefined)).toThrow(/application\/json/);
    expect(() => negotiateJson("application/json;odata.metadata=full", undefined)).toThrow(/minimal or none/);
    expect(() => negotiateJson(undefined, "atom")).toThrow(/\$format=atom is not supported/);
    expect(() => negotiateJson(undefined, "xml")).toThrow(expect.objectContaining({ status: 406 }));
  });

  it("serves $metadata as XML whenever the client accepts XML, JSON when it accepts only JSON", () => {
    expect(negotiateMetadata(undefined, undefined)).toBe("xml");
    expect(negotiateMetadata("*/*", undefined)).toBe("xml");
    expect(negotiateMetadata("application/json, */*", undefined)).toBe("xml");
    expect(negotiateMetadata(POWER_QUERY_ACCEPT, undefined)).toBe("xml");
    expect(negotiateMetadata("application/json", undefined)).toBe("json");
    expect(negotiateMetadata("application/json;odata.metadata=minimal", undefined)).toBe("json");
    expect(negotiateMetadata("application/json", "xml")).toBe("xml");
    expect(negotiateMetadata(undefined, "json")).toBe("json");
    expect(negotiateMetadata(undefined, "application/json")).toBe("json");
    expect(() => negotiateMetadata("text/html", undefined)).toThrow(expect.objectContaining({ status: 406 }));
  });

  it("answers /$count in plain text to every client that accepts it, as a JSON number to JSON-only clients", () => {
    for (const accept of [undefined, "", "*/*", "text/*", "text/plain", "application/json, */*;q=0.1"])
      expect(negotiateCount(accept, undefined), String(accept)).toBe(COUNT_TEXT);
    expect(negotiateCount(POWER_QUERY_ACCEPT, undefined)).toBe(COUNT_TEXT);
    for (const accept of [
      "application/json",
      "application/json;odata.metadata=minimal",
      "application/json;odata.metadata=full;IEEE754Compatible=true",
      "application/*",
      "text/plain;q=0, application/json",
    ])
      expect(negotiateCount(accept, undefined), accept).toBe(COUNT_JSON);
    expect(negotiateCount("application/xml", "json")).toBe(COUNT_JSON);
    expect(negotiateCount("application/json", "text/plain")).toBe(COUNT_TEXT);
  });

  it("refuses /$count with 406 to a client that accepts neither text/plain nor JSON", () => {
    for (const accept of ["application/xml", "text/html", "text/plain;q=0"])
      expect(() => negotiateCount(accept, undefined), accept).toThrow(
        expect.objectContaining({
          status: 406,
          message: expect.stringMatching(/text\/plain.*application\/json/),
        }),
      );
    expect(() => negotiateCount(undefined, "xml")).toThrow(/\$format=xml is not supported/);
  });
});
