/**
 * The spatial references the simulator can project between: WGS84 (4326), which its layers are
 * stored in, and Web Mercator (102100/3857), which web maps send and ask for. ArcGIS projects
 * between any two; other wkids are refused here rather than answered wrongly.
 */
import { invalidParameter } from "../errors.ts";
import type { Position } from "../model.ts";

const WEB_MERCATOR = new Set([102100, 3857, 900913, 102113]);
const RADIUS = 6_378_137;

export interface SpatialReferenceJson {
  readonly wkid: number;
  readonly latestWkid: number;
}

export function spatialReferenceJson(wkid: number): SpatialReferenceJson {
  return WEB_MERCATOR.has(wkid) ? { wkid: 102100, latestWkid: 3857 } : { wkid: 4326, latestWkid: 4326 };
}

/** A wkid from `4326`, `{"wkid":4326}` or `{"latestWkid":3857}`; undefined when absent. */
export function parseWkid(raw: unknown, parameter: string): number | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  let value: unknown = raw;
  if (typeof raw === "string") {
    const text = raw.trim();
    value = text.startsWith("{") ? safeJson(text) : Number(text);
  }
  if (typeof value === "object" && value !== null) {
    const sr = value as { wkid?: unknown; latestWkid?: unknown };
    value = sr.wkid ?? sr.latestWkid;
  }
  if (typeof value !== "number" || !Number.isInteger(value))
    throw invalidParameter(parameter, "not a spatial reference");
  if (value !== 4326 && !WEB_MERCATOR.has(value))
    throw invalidParameter(parameter, `the simulator only projects 4326 and 102100/3857, not ${value}`);
  return value;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function toWgs84([x, y]: Position, wkid: number): Position {
  if (!WEB_MERCATOR.has(wkid)) return [x, y];
  const longitude = (x / RADIUS) * (180 / Math.PI);
  const latitude = (2 * Math.atan(Math.exp(y / RADIUS)) - Math.PI / 2) * (180 / Math.PI);
  return [longitude, latitude];
}

export function fromWgs84([longitude, latitude]: Position, wkid: number): Position {
  if (!WEB_MERCATOR.has(wkid)) return [longitude, latitude];
  const x = (longitude * Math.PI * RADIUS) / 180;
  const y = Math.log(Math.tan(Math.PI / 4 + (latitude * Math.PI) / 360)) * RADIUS;
  return [Math.round(x * 1e4) / 1e4, Math.round(y * 1e4) / 1e4];
}
