/**
 * Writing answers the way ArcGIS Server does: JSON for `f=json`, indented JSON for `pjson`,
 * GeoJSON where asked, the HTML Services Directory page when `f` is missing (a client that forgets
 * `f=json` gets HTML, as it would from the real server), and errors as HTTP 200 bodies.
 */
import type { FastifyReply } from "fastify";
import { ArcgisError } from "./errors.ts";

export type Format = "json" | "pjson" | "geojson" | "html";

const JSON_TYPE = "application/json; charset=utf-8";

export function parseFormat(raw: string | undefined, allowGeojson: boolean): Format {
  const format = (raw ?? "html").toLowerCase();
  if (format === "json" || format === "pjson" || format === "html") return format;
  if (format === "geojson" && allowGeojson) return format;
  throw new ArcgisError(400, "Invalid or missing input parameters.", [
    `Requested format '${format}' is not supported.`,
  ]);
}

export function sendBody(reply: FastifyReply, format: Format, body: unknown): FastifyReply {
  if (format === "html") return sendDirectoryPage(reply);
  if (format === "geojson")
    return reply.code(200).type("application/geo+json; charset=utf-8").send(JSON.stringify(body));
  const text = format === "pjson" ? JSON.stringify(body, null, 2) : JSON.stringify(body);
  return reply.code(200).type(JSON_TYPE).send(text);
}

export function sendError(reply: FastifyReply, error: ArcgisError): FastifyReply {
  const { reason } = error.options;
  // Header values must be printable ASCII; the reason may quote the client's own SQL.
  if (reason) reply.header("X-Simulator-Reason", reason.replace(/[^\x20-\x7e]/g, "?").slice(0, 300));
  return reply.code(200).type(JSON_TYPE).send(JSON.stringify(error.body));
}

function sendDirectoryPage(reply: FastifyReply): FastifyReply {
  const page =
    "<html><head><title>ArcGIS REST Services Directory</title></head>" +
    "<body><h2>ArcGIS REST Services Directory</h2>" +
    "<p>Add <code>f=json</code> to the request for a JSON response.</p></body></html>";
  return reply.code(200).type("text/html; charset=utf-8").send(page);
}
