import { describe, expect, it } from "vitest";
import { compileSearch, compileSearchInValue } from "./match-search.ts";
import { phrase, sAnd, sNot, sOr, term } from "./test-ast.ts";

const rows = [
  { Id: 1, Title: "Blue PUMP replacement", Notes: "urgent", Tags: ["hydraulic", "blue"] },
  { Id: 2, Title: "Valve check", Notes: null, Tags: [] },
  { Id: 3, Title: "Pump blue housing", Notes: "pump room", Tags: ["pump"] },
  { Id: 4, Title: null, Notes: 42, Address: { City: "Pumpkin Hollow" } },
];
const ids = (matches: (row: (typeof rows)[number]) => boolean) => rows.filter(matches).map((r) => r.Id);

describe("a term matches when a searchable property contains it, ignoring case", () => {
  it("matches any of the properties", () => {
    expect(ids(compileSearch(term("pump"), ["Title", "Notes"]))).toEqual([1, 3]);
    expect(ids(compileSearch(term("URGENT"), ["Title", "Notes"]))).toEqual([1]);
  });
  it("looks only in the properties it is given, skipping non-strings", () => {
    expect(ids(compileSearch(term("urgent"), ["Title"]))).toEqual([]);
    expect(ids(compileSearch(term("42"), ["Notes"]))).toEqual([]);
  });
  it("searches string collections and nested paths", () => {
    expect(ids(compileSearch(term("hydraulic"), ["Tags"]))).toEqual([1]);
    expect(ids(compileSearch(term("pumpkin"), ["Address/City"]))).toEqual([4]);
  });
});

describe("a phrase matches as one contiguous substring", () => {
  it("requires the words together and in order", () => {
    expect(ids(compileSearch(phrase("blue pump"), ["Title"]))).toEqual([1]);
    expect(ids(compileSearch(phrase("pump blue"), ["Title"]))).toEqual([3]);
  });
  it("does not span two items of a collection", () => {
    expect(ids(compileSearch(phrase("hydraulic blue"), ["Tags"]))).toEqual([]);
  });
});

describe("NOT, AND, OR", () => {
  const props = ["Title", "Notes"];
  it("AND needs both terms, anywhere", () => {
    expect(ids(compileSearch(sAnd(term("pump"), term("room")), props))).toEqual([3]);
  });
  it("OR needs either", () => {
    expect(ids(compileSearch(sOr(term("valve"), term("urgent")), props))).toEqual([1, 2]);
  });
  it("NOT excludes matches, and keeps rows without text", () => {
    expect(ids(compileSearch(sNot(term("pump")), props))).toEqual([2, 4]);
  });
});

describe("compileSearchInValue searches every string of a value", () => {
  it("reads a string or an object's string properties", () => {
    const matches = compileSearchInValue(term("pump"));
    expect(matches("Big PUMP")).toBe(true);
    expect(matches({ a: 1, b: "pumps" })).toBe(true);
    expect(matches({ a: 1 })).toBe(false);
    expect(matches(null)).toBe(false);
  });
});
