/**
 * What an audit entry records about one query, and the checks a new entry passes. Entries come
 * from our own front doors, so a malformed one is a programming error and fails loudly; text
 * fields are capped rather than refused, because a long query must still be audited.
 */
import { invalidInput } from "../errors.ts";

/**
 * The door a query came through, as the client reached it: `/odata`, the ChatGPT Action's
 * `/api`, MCP over HTTP (`/mcp`) or stdio (`headgate mcp`), or the admin door (a connection test
 * reads sample rows).
 */
export const AUDIT_DOORS = ["odata", "action", "mcp-http", "mcp-stdio", "admin"] as const;
export type AuditDoor = (typeof AUDIT_DOORS)[number];
/**
 * Doors of entries written by earlier versions, kept as they were because they cannot be told
 * apart: `rest` was /odata or /api, `mcp` was HTTP or stdio, `cli` was accepted but never
 * written by the gateway. They are read and filtered like the others, never written again.
 */
export const LEGACY_AUDIT_DOORS = ["rest", "mcp", "cli"] as const;
export type LegacyAuditDoor = (typeof LEGACY_AUDIT_DOORS)[number];
/** Every door an entry in the log can name. */
export type RecordedAuditDoor = AuditDoor | LegacyAuditDoor;
export const RECORDED_AUDIT_DOORS: readonly RecordedAuditDoor[] = [...AUDIT_DOORS, ...LEGACY_AUDIT_DOORS];

export function isRecordedAuditDoor(door: string): door is RecordedAuditDoor {
  return (RECORDED_AUDIT_DOORS as readonly string[]).includes(door);
}
export const AUDIT_OUTCOMES = ["ok", "error"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface NewAuditEntry {
  readonly workspaceId: string;
  /** The API key that asked; null when there is none (the local CLI). */
  readonly keyId?: string | null;
  readonly door: AuditDoor;
  readonly entitySet?: string | null;
  /** The query as the caller sent it (canonical OData text). */
  readonly query: string;
  /** What went upstream, and what the engine evaluated itself. */
  readonly pushed?: string | null;
  readonly residual?: string | null;
  readonly upstreamCalls: number;
  readonly rows: number;
  readonly bytes: number;
  readonly durationMs: number;
  readonly outcome: AuditOutcome;
  readonly errorCode?: string | null;
  /** When the query was answered; defaults to now. */
  readonly at?: Date;
}

export interface AuditEntry {
  readonly id: string;
  readonly workspaceId: string;
  readonly keyId: string | null;
  readonly door: RecordedAuditDoor;
  readonly entitySet: string | null;
  readonly query: string;
  readonly pushed: string | null;
  readonly residual: string | null;
  readonly upstreamCalls: number;
  readonly rows: number;
  readonly bytes: number;
  readonly durationMs: number;
  readonly outcome: AuditOutcome;
  readonly errorCode: string | null;
  readonly at: Date;
}

const MAX_TEXT = 8_192;
const MAX_ENTITY_SET = 128;
const MAX_ERROR_CODE = 64;

export function validateAuditEntry(entry: NewAuditEntry): void {
  if (!(AUDIT_DOORS as readonly string[]).includes(entry.door)) {
    throw invalidInput("door", `Audit door must be one of ${AUDIT_DOORS.join(", ")}; found '${entry.door}'.`);
  }
  if (!(AUDIT_OUTCOMES as readonly string[]).includes(entry.outcome)) {
    throw invalidInput("outcome", `Audit outcome must be one of ${AUDIT_OUTCOMES.join(", ")}.`);
  }
  if (typeof entry.query !== "string") throw invalidInput("query", "Audit query must be a string.");
  for (const field of ["upstreamCalls", "rows", "bytes", "durationMs"] as const) {
    const value = entry[field];
    if (!Number.isSafeInteger(value) || value < 0) {
      throw invalidInput(field, `Audit ${field} must be a non-negative integer.`);
    }
  }
  if (entry.at !== undefined && !(entry.at instanceof Date && Number.isFinite(entry.at.getTime()))) {
    throw invalidInput("at", "Audit at must be a valid Date.");
  }
}

/** Caps a text field, marking the cut. */
export function cap(text: string | null | undefined, max: number = MAX_TEXT): string | null {
  if (text === null || text === undefined) return null;
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export const LIMITS = { entitySet: MAX_ENTITY_SET, errorCode: MAX_ERROR_CODE } as const;
