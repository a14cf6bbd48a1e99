/**
 * Which representation a client gets: OData JSON for data, CSDL XML or JSON for $metadata,
 * plain text (or a JSON number) for /$count. `$format` overrides `Accept`, as the protocol says;
 * a client that accepts nothing we can produce gets a 406 that names what we can.
 */
import { GatewayError } from "../errors/gateway-error.ts";

export interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly quality: number;
}

/** `odata.metadata=minimal` (the default) or `none`; `full` is not produced. */
export type MetadataLevel = "minimal" | "none";

export type MetadataFormat = "xml" | "json";

/** Parses an `Accept` header; an absent or empty header accepts everything. */
export function parseAccept(header: string | undefined): MediaRange[] {
  if (header === undefined || header.trim() === "") return [anything()];
  return header
    .split(",")
    .map(parseMediaRange)
    .filter((range): range is MediaRange => range !== undefined);
}

function parseMediaRange(text: string): MediaRange | undefined {
  const [mediaType = "", ...parameterTexts] = text.split(";").map((part) => part.trim());
  const [type, subtype] = mediaType.toLowerCase().split("/");
  if (!type || !subtype) return undefined;
  const parameters: Record<string, string> = {};
  for (const parameter of parameterTexts) {
    const equals = parameter.indexOf("=");
    if (equals <= 0) continue;
    const name = parameter.slice(0, equals).trim().toLowerCase();
    parameters[name] = parameter
      .slice(equals + 1)
      .trim()
      .replace(/^"|"$/g, "")
      .toLowerCase();
  }
  const q = Number(parameters.q ?? "1");
  return { type, subtype, parameters, quality: Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0 };
}

function anything(): MediaRange {
  return { type: "*", subtype: "*", parameters: {}, quality: 1 };
}

/**
 * The quality a client gives `type/subtype`: that of the most specific range matching it
 * (exact beats `type/*` beats `* /*`), 0 when none does. `admit` may reject an exact range by
 * its parameters (e.g. JSON ranges asking for `odata.metadata=full`).
 */
export function qualityOf(
  ranges: readonly MediaRange[],
  mediaType: string,
  admit: (range: MediaRange) => boolean = () => true,
): number {
  const [type, subtype] = mediaType.split("/");
  let best: { specificity: number; quality: number } | undefined;
  for (const range of ranges) {
    const specificity = specificityOf(range, type ?? "", subtype ?? "");
    if (specificity < 0 || (specificity === 2 && !admit(range))) continue;
    if (best === undefined || specificity > best.specificity) best = { specificity, quality: range.quality };
    else if (specificity === best.specificity) best.quality = Math.max(best.quality, range.quality);
  }
  return best?.quality ?? 0;
}

function specificityOf(range: MediaRange, type: string, subtype: string): number {
  if (range.type === "*" && range.subtype === "*") return 0;
  if (range.type !== type) return -1;
  if (range.subtype === "*") return 1;
  return range.subtype === subtype ? 2 : -1;
}

const METADATA_LEVELS = new Set(["minimal", "none"]);

/** For data responses: the JSON metadata level to write, or a 406. */
export function negotiateJson(accept: string | undefined, format: string | undefined): MetadataLevel {
  const ranges = format === undefined ? parseAccept(accept) : formatAsRanges(format, "json");
  const admitted = (range: MediaRange) => {
    const level = metadataParameter(range);
    return level === undefined || METADATA_LEVELS.has(level);
  };
  if (qualityOf(ranges, "application/json", admitted) > 0) {
    const exact = ranges.find(
      (r) => r.type === "application" && r.subtype === "json" && r.quality > 0 && admitted(r),
    );
    return exact !== undefined && metadataParameter(exact) === "none" ? "none" : "minimal";
  }
  throw notAcceptable(
    format,
    "this resource is available as application/json (odata.metadata=minimal or none) only",
  );
}

/** `odata.metadata=...`, or its 4.01 spelling without the prefix. */
function metadataParameter(range: MediaRange): string | undefined {
  return range.parameters["odata.metadata"] ?? range.parameters.metadata;
}

/**
 * For $metadata: CSDL XML whenever the client accepts it, JSON only when it does not (or asks
 * with `$format=json`). Power Query's Accept header prefers JSON but also accepts XML, and it
 * reads $metadata only as XML; 4.0 clients know no CSDL JSON at all.
 */
export function negotiateMetadata(accept: string | undefined, format: string | undefined): MetadataFormat {
  const ranges = format === undefined ? parseAccept(accept) : formatAsRanges(format, "xml");
  if (Math.max(qualityOf(ranges, "application/xml"), qualityOf(ranges, "text/xml")) > 0) return "xml";
  if (qualityOf(ranges, "application/json") > 0) return "json";
  throw notAcceptable(format, "$metadata is available as application/xml (CSDL XML) or application/json");
}

export const COUNT_TEXT = "text/plain;charset=utf-8";
export const COUNT_JSON = "application/json";

/**
 * For /$count: the content type of the bare integer, or a 406. The protocol answers text/plain,
 * and every client that accepts text/plain at all gets it. Many HTTP clients (the SAP Cloud SDK's
 * generated clients, axios defaults) send only `Accept: application/json`; they get the same
 * digits as application/json, since an integer is a JSON text. Any JSON parameters are admitted,
 * as a bare number carries no metadata.
 */
export function negotiateCount(
  accept: string | undefined,
  format: string | undefined,
): typeof COUNT_TEXT | typeof COUNT_JSON {
  const ranges = format === undefined ? parseAccept(accept) : formatAsRanges(format, "json");
  if (qualityOf(ranges, "text/plain") > 0) return COUNT_TEXT;
  if (qualityOf(ranges, "application/json") > 0) return COUNT_JSON;
  throw notAcceptable(format, "/$count answers text/plain, or application/json for JSON clients");
}

/** `$format=json`, `xml`, or a media type, as the ranges a client would have sent. */
function formatAsRanges(format: string, allowedShort: "json" | "xml"): MediaRange[] {
  const lower = format.trim().toLowerCase();
  if (lower === "json") return [{ type: "application", subtype: "json", parameters: {}, quality: 1 }];
  if (lower === "xml" && allowedShort === "xml")
    return [{ type: "application", subtype: "xml", parameters: {}, quality: 1 }];
  const range = parseMediaRange(lower);
  return range === undefined || range.type === "*" ? [] : [{ ...range, quality: 1 }];
}

function notAcceptable(format: string | undefined, what: string): GatewayError {
  return format === undefined
    ? new GatewayError(
        "NotAcceptable",
        `The Accept header allows no format this service produces: ${what}.`,
        "Accept",
      )
    : new GatewayError("NotAcceptable", `$format=${format} is not supported: ${what}.`, "$format");
}
