import { describe, expect, it } from "vitest";
import type { Literal } from "../ast.ts";
import { eq, int, lit, m, neg, notImplementedOf, syntaxErrorOf } from "../testing/builders.ts";
import { parseExpression, parseFilter, parseLiteral } from "./query-options.ts";

const parsed = (text: string): Literal => parseLiteral(text);
const errorIn = (text: string) => syntaxErrorOf(() => parseLiteral(text));

describe("null and booleans", () => {
  it("are keywords in any case", () => {
    expect(parsed("null")).toStrictEqual({ kind: "null" });
    expect(parsed("NULL")).toStrictEqual({ kind: "null" });
    expect(parsed("true")).toStrictEqual({ kind: "boolean", value: true });
    expect(parsed("False")).toStrictEqual({ kind: "boolean", value: false });
  });
});

describe("numbers", () => {
  it("reads digits as an exact bigint integer, of any size", () => {
    expect(parsed("42")).toStrictEqual({ kind: "integer", value: 42n });
    expect(parsed("-7")).toStrictEqual({ kind: "integer", value: -7n });
    expect(parsed("9223372036854775807")).toStrictEqual({ kind: "integer", value: 9223372036854775807n });
    expect(parsed("123456789012345678901234567890")).toStrictEqual({
      kind: "integer",
      value: 123456789012345678901234567890n,
    });
  });

  it("accepts a %2B sign", () => {
    expect(parsed("%2B5")).toStrictEqual({ kind: "integer", value: 5n });
  });

  it("keeps decimals as canonical text: trailing zeros kept, leading zeros and negative zero dropped", () => {
    expect(parsed("1.50")).toStrictEqual({ kind: "decimal", value: "1.50" });
    expect(parsed("-0.5")).toStrictEqual({ kind: "decimal", value: "-0.5" });
    expect(parsed("007.10")).toStrictEqual({ kind: "decimal", value: "7.10" });
    expect(parsed("%2B3.0")).toStrictEqual({ kind: "decimal", value: "3.0" });
    expect(parsed("-0.00")).toStrictEqual({ kind: "decimal", value: "0.00" });
    expect(parsed("79228162514264337593543950335.99")).toStrictEqual({
      kind: "decimal",
      value: "79228162514264337593543950335.99",
    });
  });

  it("reads an exponent, INF, -INF and NaN as doubles", () => {
    expect(parsed("1e3")).toStrictEqual({ kind: "double", value: 1000 });
    expect(parsed("2.5E-2")).toStrictEqual({ kind: "double", value: 0.025 });
    expect(parsed("-1.5e%2B2")).toStrictEqual({ kind: "double", value: -150 });
    expect(parsed("INF")).toStrictEqual({ kind: "double", value: Number.POSITIVE_INFINITY });
    expect(parsed("-INF")).toStrictEqual({ kind: "double", value: Number.NEGATIVE_INFINITY });
    expect(parsed("NaN")).toStrictEqual({ kind: "double", value: Number.NaN });
  });

  it("reads an exponent sign sent as a raw + (decoded to a space)", () => {
    expect(parsed("1e+5")).toStrictEqual({ kind: "double", value: 100000 });
  });

  it("rejects doubles out of range, and malformed numbers", () => {
    expect(errorIn("1e400").message).toBe("number 1e400 at 0 is out of range for a double");
    expect(errorIn("5.").message).toBe("expected a digit after the decimal point, found end of input at 2");
    expect(errorIn("1e").message).toBe("expected a digit in the exponent, found end of input at 2");
    const glued = errorIn("12abc");
    expect(glued.message).toBe("unexpected 'abc' at 2 after the literal starting at 0");
    expect(glued.position).toBe(2);
    expect(errorIn("1.2.3").message).toBe("unexpected '.' at 3 after the literal starting at 0");
  });

  it("reads a minus directly before a digit as part of the literal, and anything else as negation", () => {
    expect(parseExpression("-5")).toStrictEqual(int(-5));
    expect(parseExpression("- 5")).toStrictEqual(neg(int(5)));
    expect(parseExpression("-(5)")).toStrictEqual(neg(int(5)));
    expect(parseExpression("-Price")).toStrictEqual(neg(m("Price")));
  });
});

describe("strings", () => {
  it("double a quote to embed it", () => {
    expect(parsed("'O''Neil'")).toStrictEqual({ kind: "string", value: "O'Neil" });
    expect(parsed("''''")).toStrictEqual({ kind: "string", value: "'" });
    expect(parsed("''")).toStrictEqual({ kind: "string", value: "" });
  });

  it("may use %27 for either quote", () => {
    expect(parsed("%27O%27%27Neil%27")).toStrictEqual({ kind: "string", value: "O'Neil" });
  });

  it("keep slashes, ampersands and other delimiters that were percent-encoded", () => {
    expect(parsed("'yes/no %26 50%25 #1'")).toStrictEqual({ kind: "string", value: "yes/no & 50% #1" });
  });

  it("must be closed", () => {
    expect(syntaxErrorOf(() => parseFilter("Name eq 'O'Neil'")).message).toBe(
      "expected an operator or end of input, found 'Neil' at 11; a quote inside a string is written as two quotes ('')",
    );
    const open = syntaxErrorOf(() => parseFilter("Name eq 'abc"));
    expect(open.message).toBe(
      "expected \"'\" to close the string opened at 8, found end of input at 12; a quote inside a string is written as two quotes ('')",
    );
    expect(open.position).toBe(12);
  });
});

describe("dates and times", () => {
  it("reads dates, with negative and five-digit years", () => {
    expect(parsed("2024-01-31")).toStrictEqual({ kind: "date", value: "2024-01-31" });
    expect(parsed("2024-02-29")).toStrictEqual({ kind: "date", value: "2024-02-29" });
    expect(parsed("-0044-03-15")).toStrictEqual({ kind: "date", value: "-0044-03-15" });
    expect(parsed("12024-12-01")).toStrictEqual({ kind: "date", value: "12024-12-01" });
  });

  it("validates month and day ranges precisely", () => {
    expect(errorIn("2024-13-01").message).toBe("month 13 at 5 is out of range 01-12");
    expect(errorIn("2024-00-01").position).toBe(5);
    expect(errorIn("2024-04-31").message).toBe(
      "day 31 at 8 is out of range for month 04 of year 2024 (01-30)",
    );
    expect(errorIn("2023-02-29").message).toBe(
      "day 29 at 8 is out of range for month 02 of year 2023 (01-28)",
    );
    expect(errorIn("1900-02-29").position).toBe(8);
    expect(parsed("2000-02-29")).toStrictEqual({ kind: "date", value: "2000-02-29" });
    expect(errorIn("2024-1-01").message).toBe("expected two digits for the month, found '1' at 5");
    expect(errorIn("02024-01-01").message).toBe(
      "year 02024 at 0 must have four digits, or more without a leading zero",
    );
  });

  it("reads times of day, with optional seconds and 1 to 12 fractional digits", () => {
    expect(parsed("13:20")).toStrictEqual({ kind: "timeOfDay", value: "13:20" });
    expect(parsed("13:20:00")).toStrictEqual({ kind: "timeOfDay", value: "13:20:00" });
    expect(parsed("13%3A20%3A00.125")).toStrictEqual({ kind: "timeOfDay", value: "13:20:00.125" });
    expect(parsed("23:59:60")).toStrictEqual({ kind: "timeOfDay", value: "23:59:60" });
    expect(errorIn("24:00").message).toBe("hour 24 at 0 is out of range 00-23");
    expect(errorIn("12:60").message).toBe("minute 60 at 3 is out of range 00-59");
    expect(errorIn("12:00:61").message).toBe("second 61 at 6 is out of range 00-60");
    expect(errorIn("12:00:00.1234567890123").message).toBe(
      "fractional seconds at 9 must have 1 to 12 digits",
    );
  });

  it("reads date-time offsets with Z or an offset, colons possibly %3A", () => {
    expect(parsed("2024-01-31T13:20:00Z")).toStrictEqual({
      kind: "dateTimeOffset",
      value: "2024-01-31T13:20:00Z",
    });
    expect(parsed("2024-01-31t13:20z")).toStrictEqual({ kind: "dateTimeOffset", value: "2024-01-31T13:20Z" });
    expect(parsed("2024-01-31T13%3A20%3A00.5-05%3A30")).toStrictEqual({
      kind: "dateTimeOffset",
      value: "2024-01-31T13:20:00.5-05:30",
    });
    expect(parsed("2024-01-31T13:20:00%2B01:00")).toStrictEqual({
      kind: "dateTimeOffset",
      value: "2024-01-31T13:20:00+01:00",
    });
  });

  it("reads an offset whose + was form-decoded to a space as +", () => {
    expect(parsed("2024-01-31T10:00:00+01:00")).toStrictEqual({
      kind: "dateTimeOffset",
      value: "2024-01-31T10:00:00+01:00",
    });
    expect(parsed("2024-01-31T10:00:00 01:00")).toStrictEqual({
      kind: "dateTimeOffset",
      value: "2024-01-31T10:00:00+01:00",
    });
  });

  it("requires a time zone on a date-time offset", () => {
    expect(errorIn("2024-01-31T10:00:00").message).toBe(
      "expected 'Z' or a time zone offset such as +01:00 (send '+' as %2B), found end of input at 19",
    );
    expect(errorIn("2024-01-31T10:00:00+24:00").message).toBe("offset hour 24 at 20 is out of range 00-23");
  });
});

describe("durations", () => {
  it("need the duration prefix (a bare quoted string is a string)", () => {
    expect(parsed("duration'P1DT2H'")).toStrictEqual({ kind: "duration", value: "P1DT2H" });
    expect(parsed("DURATION%27-PT0.5S%27")).toStrictEqual({ kind: "duration", value: "-PT0.5S" });
    expect(parsed("duration'p1dt2h30m'")).toStrictEqual({ kind: "duration", value: "P1DT2H30M" });
    expect(parsed("'P1D'")).toStrictEqual({ kind: "string", value: "P1D" });
  });

  it("explain what is wrong with an invalid duration", () => {
    const suffix = "; write an ISO 8601 duration such as P1DT2H30M or -PT0.5S";
    expect(errorIn("duration'P1Y'").message).toBe(
      `invalid duration at 11 in the literal starting at 9: years and months are not allowed (Edm.Duration is a day-time duration)${suffix}`,
    );
    expect(errorIn("duration'P'").message).toBe(
      `invalid duration at 10 in the literal starting at 9: expected at least one of days, hours, minutes or seconds${suffix}`,
    );
    expect(errorIn("duration'PT'").message).toContain("expected hours, minutes or seconds after 'T'");
    expect(errorIn("duration'P1H'").message).toContain("'T' must come before 'H'");
    expect(errorIn("duration'PT1M2H'").message).toContain("'H' is repeated or out of order");
    expect(errorIn("duration'P1.5D'").message).toContain("only seconds may have a fraction");
    expect(errorIn("duration'1D'").message).toContain("expected 'P'");
  });
});

describe("GUIDs", () => {
  it("are unquoted and lower-cased", () => {
    expect(parsed("01234567-89AB-CDEF-0123-456789ABCDEF")).toStrictEqual({
      kind: "guid",
      value: "01234567-89ab-cdef-0123-456789abcdef",
    });
    expect(parsed("abcdef01-2345-6789-abcd-ef0123456789")).toStrictEqual({
      kind: "guid",
      value: "abcdef01-2345-6789-abcd-ef0123456789",
    });
  });
});

describe("binary", () => {
  it("is base64url text, with or without padding", () => {
    expect(parsed("binary'AAEC'")).toStrictEqual({ kind: "binary", value: "AAEC" });
    expect(parsed("binary'AQ=='")).toStrictEqual({ kind: "binary", value: "AQ==" });
    expect(parsed("binary'AQ'")).toStrictEqual({ kind: "binary", value: "AQ" });
    expect(parsed("binary'-_8'")).toStrictEqual({ kind: "binary", value: "-_8" });
    expect(parsed("binary''")).toStrictEqual({ kind: "binary", value: "" });
  });

  it("rejects non-canonical or non-base64url text", () => {
    expect(errorIn("binary'AB'").message).toBe(
      "invalid binary literal at 7: expected canonical base64url text (A-Z a-z 0-9 - _, optional '=' padding)",
    );
    expect(errorIn("binary'A'").position).toBe(7);
    expect(errorIn("binary'AA/A'").position).toBe(9);
  });
});

describe("enumerations", () => {
  it("are a qualified type name and quoted members or integers", () => {
    expect(parsed("Namespace.Color'Red'")).toStrictEqual({
      kind: "enum",
      typeName: "Namespace.Color",
      value: "Red",
    });
    expect(parsed("Sales.Color'Red,Blue'")).toStrictEqual({
      kind: "enum",
      typeName: "Sales.Color",
      value: "Red,Blue",
    });
    expect(parsed("A.B.Flags'1,-2'")).toStrictEqual({ kind: "enum", typeName: "A.B.Flags", value: "1,-2" });
  });

  it("reject empty or malformed member lists", () => {
    expect(errorIn("N.Color''").message).toBe(
      "invalid enumeration value at 8: expected member names or integers separated by ','",
    );
    expect(errorIn("N.Color'Red,'").position).toBe(12);
    expect(errorIn("N.Color'Red Blue'").position).toBe(11);
  });

  it("reject an unknown unqualified prefix, suggesting a known one", () => {
    expect(errorIn("duraton'P1D'").message).toBe(
      "unknown literal prefix 'duraton' at 0; expected duration'...', binary'...', geography'...', geometry'...' or an enumeration value such as Namespace.Color'Red'; did you mean 'duration'?",
    );
  });
});

describe("geography and geometry", () => {
  it("read points, line strings and polygons in any keyword case", () => {
    expect(parsed("geography'SRID=4326;POINT(-122 47)'")).toStrictEqual({
      kind: "geo",
      family: "geography",
      srid: 4326,
      shape: { type: "Point", coordinates: [-122, 47] },
    });
    expect(parsed("geometry'srid=0;LineString(1 2,3.5 -4e1)'")).toStrictEqual({
      kind: "geo",
      family: "geometry",
      srid: 0,
      shape: {
        type: "LineString",
        coordinates: [
          [1, 2],
          [3.5, -40],
        ],
      },
    });
    expect(
      parsed("geography'SRID=4326;Polygon((0 0,1 0,1 1,0 0),(0.1 0.1, 0.2 0.1, 0.2 0.2, 0.1 0.1))'"),
    ).toStrictEqual({
      kind: "geo",
      family: "geography",
      srid: 4326,
      shape: {
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
          [
            [0.1, 0.1],
            [0.2, 0.1],
            [0.2, 0.2],
            [0.1, 0.1],
          ],
        ],
      },
    });
  });

  it("read spaces written as %20 or a raw +", () => {
    expect(parsed("geography'SRID=4326;POINT(-122+47)'")).toStrictEqual(
      parsed("geography'SRID=4326;POINT(-122%2047)'"),
    );
  });

  it("reject open rings, short line strings and bad SRIDs", () => {
    expect(errorIn("geography'SRID=4326;Polygon((0 0,1 0,1 1,0 1))'").message).toBe(
      "polygon ring at 28 must be closed: at least four positions, the last equal to the first",
    );
    expect(errorIn("geography'SRID=4326;LineString(1 2)'").message).toBe(
      "a LineString at 30 needs at least two positions",
    );
    expect(errorIn("geography'SRID=123456;Point(1 2)'").message).toBe("SRID at 15 must be 1 to 5 digits");
    expect(errorIn("geography'Point(1 2)'").message).toBe(
      "expected 'SRID=' at the start of a geo literal, found 'Point' at 10",
    );
    expect(errorIn("geography'SRID=1;Circle(1 2)'").message).toBe(
      "expected 'Point', 'LineString' or 'Polygon' in the geography literal, found 'Circle' at 17",
    );
  });

  it("answer 501 for multi-shapes and 3D positions", () => {
    expect(notImplementedOf(() => parsed("geography'SRID=4326;MultiPoint((1 2))'")).status).toBe(501);
    expect(notImplementedOf(() => parsed("geography'SRID=4326;Point(1 2 3)'")).message).toBe(
      "geo positions with altitude or measure (three or four numbers) is not supported: positions are two-dimensional in the AST (at 30)",
    );
  });
});

describe("literals in expressions", () => {
  it("stand on either side of an operator", () => {
    expect(parseFilter("2024-01-31 eq Date")).toStrictEqual(
      eq(lit({ kind: "date", value: "2024-01-31" }), m("Date")),
    );
  });
});
