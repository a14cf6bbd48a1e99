import type { EdmPrimitiveType } from "@headgate/model";
import type { CanonicalFunction } from "@headgate/odata";
import { describe, expect, it } from "vitest";
import { compileExpression, compileFilter } from "./compile-expression.ts";
import { call, date, dto, dur, eq, ge, int, prop, time } from "./test-ast.ts";

const of = (name: CanonicalFunction, v: unknown, type?: EdmPrimitiveType) =>
  compileExpression(call(name, prop("V")), { propertyType: () => type })({ V: v });

describe("components of a DateTimeOffset are read in its own offset", () => {
  const local = "2024-12-31T23:45:06.125+05:30";
  it.each([
    ["year", 2024],
    ["month", 12],
    ["day", 31],
    ["hour", 23],
    ["minute", 45],
    ["second", 6],
    ["fractionalseconds", 0.125],
    ["totaloffsetminutes", 330],
    ["date", "2024-12-31"],
    ["time", "23:45:06.125"],
  ] as const)("%s", (name, expected) => {
    expect(of(name, local, "Edm.DateTimeOffset")).toBe(expected);
  });
  it("a Z value is read in UTC", () => {
    expect(of("hour", "2024-03-01T07:08:09Z")).toBe(7);
    expect(of("totaloffsetminutes", "2024-03-01T07:08:09Z")).toBe(0);
  });
  it("negative offsets count negative minutes", () => {
    expect(of("totaloffsetminutes", "2024-03-01T07:08:09-08:00")).toBe(-480);
    expect(of("day", "2024-03-01T23:30:00-08:00")).toBe(1);
  });
  it("sub-millisecond digits survive in fractionalseconds and time", () => {
    expect(of("fractionalseconds", "2024-03-01T07:08:09.1234567Z")).toBe(0.1234567);
    expect(of("time", "2024-03-01T07:08:09.1234567Z")).toBe("07:08:09.1234567");
    expect(of("fractionalseconds", "2024-03-01T07:08:09Z")).toBe(0);
  });
  it("epoch numbers are read in UTC", () => {
    expect(of("year", Date.UTC(1999, 11, 31, 23), "Edm.DateTimeOffset")).toBe(1999);
  });
});

describe("components of a Date and a TimeOfDay", () => {
  it("year, month, day of a Date", () => {
    expect(of("year", "1971-05-08", "Edm.Date")).toBe(1971);
    expect(of("month", "1971-05-08", "Edm.Date")).toBe(5);
    expect(of("day", "1971-05-08")).toBe(8);
  });
  it("hour, minute, second, fractionalseconds of a TimeOfDay", () => {
    expect(of("hour", "13:20:45.5", "Edm.TimeOfDay")).toBe(13);
    expect(of("minute", "13:20:45.5")).toBe(20);
    expect(of("second", "13:20:45.5")).toBe(45);
    expect(of("fractionalseconds", "13:20:45.5")).toBe(0.5);
  });
  it("a component a type lacks is null", () => {
    expect(of("hour", "1971-05-08", "Edm.Date")).toBeNull();
    expect(of("year", "13:20:00", "Edm.TimeOfDay")).toBeNull();
    expect(of("totaloffsetminutes", "1971-05-08", "Edm.Date")).toBeNull();
  });
  it("null and malformed values give null", () => {
    expect(of("year", null)).toBeNull();
    expect(of("year", "2024-02-30", "Edm.Date")).toBeNull();
    expect(of("year", "yesterday")).toBeNull();
  });
});

describe("date functions in filters", () => {
  it("year(BirthDate) eq 1971", () => {
    const f = compileFilter(eq(call("year", prop("BirthDate")), int(1971)));
    expect(f({ BirthDate: "1971-05-08" })).toBe(true);
    expect(f({ BirthDate: "1972-05-08" })).toBe(false);
  });
  it("date(CreatedAt) eq 2024-03-01 uses the value's own offset", () => {
    const f = compileFilter(eq(call("date", prop("CreatedAt")), date("2024-03-01")));
    expect(f({ CreatedAt: "2024-03-01T23:30:00-05:00" })).toBe(true);
  });
  it("time(CreatedAt) ge 12:00:00", () => {
    const f = compileFilter(ge(call("time", prop("CreatedAt")), time("12:00:00")));
    expect(f({ CreatedAt: "2024-03-01T13:00:00Z" })).toBe(true);
    expect(f({ CreatedAt: "2024-03-01T11:59:59.999Z" })).toBe(false);
  });
});

describe("now, mindatetime, maxdatetime", () => {
  it("now() is the clock's instant, read once per compilation", () => {
    let reads = 0;
    const clock = () => {
      reads++;
      return new Date(Date.UTC(2024, 5, 1, 12));
    };
    const f = compileExpression(call("now"), { now: clock });
    expect(f({})).toBe("2024-06-01T12:00:00.000Z");
    f({});
    expect(reads).toBe(1);
  });
  it("now() compares as an instant", () => {
    const f = compileFilter(ge(prop("Due"), call("now")), { now: () => new Date(Date.UTC(2024, 5, 1)) });
    expect(f({ Due: "2024-06-02T00:00:00.000Z" })).toBe(true);
    expect(f({ Due: "2024-05-31T00:00:00.000Z" })).toBe(false);
  });
  it("mindatetime() and maxdatetime() bound every instant", () => {
    expect(compileExpression(call("mindatetime"))({})).toBe("0001-01-01T00:00:00.000Z");
    expect(compileExpression(call("maxdatetime"))({})).toBe("9999-12-31T23:59:59.999Z");
    expect(compileFilter(ge(dto("1970-01-01T00:00:00Z"), call("mindatetime")))({})).toBe(true);
  });
});

describe("totalseconds(duration)", () => {
  it("counts days, hours, minutes and fractional seconds", () => {
    expect(compileExpression(call("totalseconds", dur("P1DT2H3M4.5S")))({})).toBe(93_784.5);
    expect(compileExpression(call("totalseconds", dur("-PT1M")))({})).toBe(-60);
    expect(of("totalseconds", "PT0.001S", "Edm.Duration")).toBe(0.001);
  });
  it("is null for null or malformed durations", () => {
    expect(of("totalseconds", null)).toBeNull();
    expect(of("totalseconds", "P1Y")).toBeNull();
  });
});
