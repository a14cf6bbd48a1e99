/**
 * OData JSON payloads (JSON Format §4–§12, metadata level minimal or none): control
 * information first, then the value, the next link last so a streaming reader has the rows
 * before it. Non-finite doubles are written as the strings the format prescribes.
 */
import type { Row } from "@headgate/model";
import type { FastifyReply } from "fastify";
import type { MetadataLevel } from "./content-negotiation.ts";

export const JSON_CONTENT_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true";
export const JSON_CONTENT_TYPE_NONE = "application/json;odata.metadata=none;odata.streaming=true";

export function jsonContentType(level: MetadataLevel): string {
  return level === "none" ? JSON_CONTENT_TYPE_NONE : JSON_CONTENT_TYPE;
}

export interface CollectionPayload {
  readonly context: string;
  readonly rows: readonly Row[];
  readonly count?: number;
  readonly nextLink?: string;
}

/** A collection response body. `@odata.count` and `@odata.nextLink` are kept at every level. */
export function collectionJson(payload: CollectionPayload, level: MetadataLevel): string {
  return writeJson({
    ...(level === "none" ? {} : { "@odata.context": payload.context }),
    ...(payload.count === undefined ? {} : { "@odata.count": payload.count }),
    value: payload.rows,
    ...(payload.nextLink === undefined ? {} : { "@odata.nextLink": payload.nextLink }),
  });
}

/** A single-entity response body: the entity's properties with its context first. */
export function entityJson(context: string, row: Row, level: MetadataLevel): string {
  return writeJson(level === "none" ? row : { "@odata.context": context, ...row });
}

export function writeJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === "number" && !Number.isFinite(item) ? nonFinite(item) : item,
  );
}

function nonFinite(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  return value > 0 ? "INF" : "-INF";
}

/** Sends `body` with exactly `contentType` (Fastify would rewrite a JSON type's parameters). */
export function sendExactly(reply: FastifyReply, contentType: string, body: string): FastifyReply {
  return reply.type(contentType).send(Buffer.from(body, "utf8"));
}
