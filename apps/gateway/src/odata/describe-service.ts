/**
 * The two documents that describe a workspace's service: the service document (`/odata`,
 * the entity sets a client can read) and `$metadata` (CSDL XML by default, CSDL JSON when the
 * client prefers JSON). Both are per-workspace data, so both sit behind the API key.
 */
import { CSDL_VERSION, renderCsdlJson, renderCsdlXml, renderServiceDocument } from "@headgate/model";
import { parseQueryOptions } from "@headgate/odata";
import type { FastifyReply } from "fastify";
import type { ODataCall } from "./audited-answer.ts";
import { negotiateJson, negotiateMetadata } from "./content-negotiation.ts";
import { metadataUrl } from "./context-url.ts";
import { jsonContentType, sendExactly, writeJson } from "./odata-json.ts";

export function serveServiceDocument(call: ODataCall): FastifyReply {
  const { format } = parseQueryOptions(call.rawQuery);
  const level = negotiateJson(call.request.headers.accept, format);
  const document = renderServiceDocument(call.engine.model, metadataUrl(call.root));
  const body = level === "none" ? { value: document.value } : document;
  return sendExactly(call.reply, jsonContentType(level), writeJson(body));
}

export function serveMetadata(call: ODataCall): FastifyReply {
  const { format } = parseQueryOptions(call.rawQuery);
  // The header says what the document says: 4.0, which every client we answer reads, 4.01 ones too.
  call.reply.header("OData-Version", CSDL_VERSION);
  if (negotiateMetadata(call.request.headers.accept, format) === "json") {
    return sendExactly(call.reply, "application/json", writeJson(renderCsdlJson(call.engine.model)));
  }
  return sendExactly(call.reply, "application/xml", renderCsdlXml(call.engine.model));
}
