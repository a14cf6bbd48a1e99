/**
 * Plane geometry on small areas of WGS84: metres are converted to degrees with a local scale,
 * which is accurate to well under a metre over the few hundred metres a site spans.
 */
import type { Location } from "../company/types.ts";
import type { Random } from "../random.ts";
import type { Position } from "./types.ts";

const METRES_PER_DEGREE_LATITUDE = 111_132;
const SQUARE_METRES_PER_ACRE = 4_046.8564224;

export interface Box {
  readonly xmin: number;
  readonly ymin: number;
  readonly xmax: number;
  readonly ymax: number;
}

function metresPerDegreeLongitude(latitude: number): number {
  return 111_320 * Math.cos((latitude * Math.PI) / 180);
}

/** The position `east`/`north` metres away from `origin`. */
export function offset(origin: Location, east: number, north: number): Position {
  return [
    roundCoordinate(origin.longitude + east / metresPerDegreeLongitude(origin.latitude)),
    roundCoordinate(origin.latitude + north / METRES_PER_DEGREE_LATITUDE),
  ];
}

/** Eight decimals of a degree: about a millimetre, what enterprise geodatabases keep. */
export function roundCoordinate(value: number): number {
  return Math.round(value * 1e8) / 1e8;
}

/**
 * An irregular lot around `center` of roughly `acres`: a star-shaped polygon (every vertex seen
 * from the centre), so the centre is always inside. Clockwise and closed, as Esri stores rings.
 */
export function irregularLot(random: Random, center: Location, acres: number): Position[] {
  const vertices = random.int(5, 8);
  const radius = Math.sqrt((acres * SQUARE_METRES_PER_ACRE) / Math.PI);
  const turn = random.next() * 2 * Math.PI;
  const ring: Position[] = [];
  for (let i = 0; i < vertices; i++) {
    // Decreasing angles walk the ring clockwise.
    const angle = turn - ((i + 0.2 + random.next() * 0.6) / vertices) * 2 * Math.PI;
    const reach = radius * (0.8 + random.next() * 0.35);
    ring.push(offset(center, reach * Math.cos(angle), reach * Math.sin(angle)));
  }
  ring.push(ring[0]!);
  return ring;
}

/** A closed clockwise rectangle. */
export function rectangle(box: Box): Position[] {
  return [
    [box.xmin, box.ymin],
    [box.xmin, box.ymax],
    [box.xmax, box.ymax],
    [box.xmax, box.ymin],
    [box.xmin, box.ymin],
  ];
}

export function boundingBox(ring: readonly Position[]): Box {
  const xs = ring.map(([x]) => x);
  const ys = ring.map(([, y]) => y);
  return { xmin: Math.min(...xs), ymin: Math.min(...ys), xmax: Math.max(...xs), ymax: Math.max(...ys) };
}

/** Area of a ring in acres (shoelace formula on locally scaled metres). */
export function ringAcres(ring: readonly Position[]): number {
  const latitude = ring[0]?.[1] ?? 0;
  const kx = metresPerDegreeLongitude(latitude);
  let twiceArea = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    twiceArea += x1 * kx * (y2 * METRES_PER_DEGREE_LATITUDE) - x2 * kx * (y1 * METRES_PER_DEGREE_LATITUDE);
  }
  return Math.abs(twiceArea) / 2 / SQUARE_METRES_PER_ACRE;
}

/** Even-odd ray casting: true when `point` is inside the closed `ring`. */
export function ringContains(ring: readonly Position[], [x, y]: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A uniformly random point inside `ring`, by rejection from its bounding box. */
export function pointInside(random: Random, ring: readonly Position[]): Position {
  const box = boundingBox(ring);
  for (;;) {
    const candidate: Position = [
      roundCoordinate(box.xmin + random.next() * (box.xmax - box.xmin)),
      roundCoordinate(box.ymin + random.next() * (box.ymax - box.ymin)),
    ];
    if (ringContains(ring, candidate)) return candidate;
  }
}
