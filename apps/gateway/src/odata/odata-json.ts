/**
 * OData JSON payloads (JSON Format §4–§12, metadata level minimal or none): control
 * information first, then the value, the next link last so a streaming reader has the rows
 * before it. Non-finite doubles are written as the strings the format prescribes.
 *
 * Headgate's one instance annotation, `@headgate.asOf` (how old the data is, ISO 8601 UTC), is
 * written with the other annotations of the collection or entity, before the value or the
 * properties (JSON Format §4.5 and §20: namespaced, so clients that do not know it pass over it).
 */
import type { Row } from "@headgate/model";
import type { FastifyReply } from "fastify";
import type { MetadataLevel } from "./content-negotiation.ts";

export const JSON_CONTENT_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true";
export const JSON_CONTENT_TYPE_NONE = "application/json;odata.metadata=none;odata.streaming=true";

export function jsonContentType(level: MetadataLevel): string {
  return level === "none" ? JSON_CONTENT_TYPE_NONE : JSON_CONTENT_TYPE;
}

/** The term of the instance annotation that says how old an answer's data is. */
export const AS_OF_TERM = "headgate.asOf";

export interface CollectionPayload {
  readonly context: string;
  readonly rows: readonly Row[];
  readonly count?: number;
  readonly nextLink?: string;
  /** When the data was read upstream; absent when the client excluded the annotation. */
  readonly asOf?: Date;
}

/**
 * A collection response body. `@odata.count`, `@odata.nextLink` and `@headgate.asOf` are kept
 * at every level: they are the answer's facts, not metadata a client could compute.
 */
export function collectionJson(payload: CollectionPayload, level: MetadataLevel): string {
  return writeJson({
    ...(level === "none" ? {} : { "@odata.context": payload.context }),
    ...(payload.count === undefined ? {} : { "@odata.count": payload.count }),
    ...asOfAnnotation(payload.asOf),
    value: payload.rows,
    ...(payload.nextLink === undefined ? {} : { "@odata.nextLink": payload.nextLink }),
  });
}

/** A single-entity response body: its context and annotations first, then its properties. */
export function entityJson(context: string, row: Row, level: MetadataLevel, asOf?: Date): string {
  return writeJson({
    ...(level === "none" ? {} : { "@odata.context": context }),
    ...asOfAnnotation(asOf),
    ...row,
  });
}

function asOfAnnotation(asOf: Date | undefined): Record<string, string> {
  return asOf === undefined ? {} : { [`@${AS_OF_TERM}`]: asOf.toISOString() };
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
