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
  // A replacer costs a call per value; most answers hold no NaN or infinity and need none.
  if (!holdsNonFinite(value)) return JSON.stringify(value);
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === "number" && !Number.isFinite(item) ? nonFinite(item) : item,
  );
}

function holdsNonFinite(value: unknown): boolean {
  if (typeof value === "number") return !Number.isFinite(value);
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return value.some(holdsNonFinite);
  for (const key in value) if (holdsNonFinite((value as Record<string, unknown>)[key])) return true;
  return false;
}

function nonFinite(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  return value > 0 ? "INF" : "-INF";
}

/** Sends `body` with exactly `contentType` (Fastify would rewrite a JSON type's parameters). */
export function sendExactly(reply: FastifyReply, contentType: string, body: string): FastifyReply {
  return reply.type(contentType).send(Buffer.from(body, "utf8"));
}
