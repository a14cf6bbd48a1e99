import type { Expr, GeoShape } from "@headgate/odata";
import { describe, expect, it } from "vitest";
import { compileExpression, compileFilter } from "./compile-expression.ts";
import { call, geography, geometry, lt, point, prop } from "./test-ast.ts";
import type { Row } from "./types.ts";

const value = (expr: Expr, row: Row = {}) => compileExpression(expr)(row);
const london = point(-0.1278, 51.5074);
const paris = point(2.3522, 48.8566);

describe("geo.distance: haversine metres on the WGS84 mean sphere", () => {
  it("London to Paris is about 343.5 km", () => {
    const metres = value(call("geo.distance", geography(london), geography(paris))) as number;
    expect(Math.abs(metres - 343_500)).toBeLessThan(1_000);
  });
  it("one degree of longitude on the equator is 2πR/360 (111,195.08 m)", () => {
    const metres = value(call("geo.distance", geography(point(0, 0)), geography(point(1, 0)))) as number;
    expect(metres).toBeCloseTo(111_195.08, 1);
  });
  it("reads GeoJSON points from rows", () => {
    const near = compileFilter(
      lt(call("geo.distance", prop("Location"), geography(paris)), {
        kind: "literal",
        literal: { kind: "integer", value: 10_000n },
      }),
    );
    expect(near({ Location: { type: "Point", coordinates: [2.35, 48.85] } })).toBe(true);
    expect(near({ Location: london })).toBe(false);
  });
  it("measures geometry in the plane", () => {
    expect(value(call("geo.distance", geometry(point(0, 0)), geometry(point(3, 4))))).toBe(5);
  });
  it("is null for a null or non-point argument", () => {
    expect(value(call("geo.distance", prop("Location"), geography(paris)), { Location: null })).toBeNull();
    expect(value(call("geo.distance", prop("Location"), geography(paris)), { Location: "Paris" })).toBeNull();
  });
});

describe("geo.length of a line string", () => {
  const line: GeoShape = {
    type: "LineString",
    coordinates: [
      [0, 0],
      [1, 0],
      [2, 0],
    ],
  };
  it("sums its segments", () => {
    expect(value(call("geo.length", geography(line))) as number).toBeCloseTo(2 * 111_195.08, 0);
    expect(value(call("geo.length", geometry(line)))).toBe(2);
  });
  it("is null for anything else", () => {
    expect(value(call("geo.length", geography(london)))).toBeNull();
  });
});

describe("geo.intersects(point, polygon): ray casting, holes respected, boundary included", () => {
  const square: GeoShape = {
    type: "Polygon",
    coordinates: [
      [
        [0, 0],
        [10, 0],
        [10, 10],
        [0, 10],
        [0, 0],
      ],
      [
        [4, 4],
        [6, 4],
        [6, 6],
        [4, 6],
        [4, 4],
      ],
    ],
  };
  const inSquare = (x: number, y: number) =>
    value(call("geo.intersects", geography(point(x, y)), geography(square)));

  it("is true inside the exterior ring", () => {
    expect(inSquare(2, 2)).toBe(true);
    expect(inSquare(8, 9)).toBe(true);
  });
  it("is false outside", () => {
    expect(inSquare(11, 5)).toBe(false);
    expect(inSquare(-0.1, 5)).toBe(false);
  });
  it("is false inside a hole", () => {
    expect(inSquare(5, 5)).toBe(false);
  });
  it("is true on the boundary, the hole's included", () => {
    expect(inSquare(0, 5)).toBe(true);
    expect(inSquare(10, 10)).toBe(true);
    expect(inSquare(4, 5)).toBe(true);
  });
  it("accepts an unclosed ring and the arguments in reverse order", () => {
    const triangle: GeoShape = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [4, 0],
          [0, 4],
        ],
      ],
    };
    expect(value(call("geo.intersects", geography(triangle), geography(point(1, 1))))).toBe(true);
    expect(value(call("geo.intersects", geography(point(3, 3)), geography(triangle)))).toBe(false);
  });
  it("is null for a null argument", () => {
    expect(value(call("geo.intersects", prop("P"), geography(square)), { P: null })).toBeNull();
  });
});
