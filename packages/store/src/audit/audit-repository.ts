/**
 * The audit log: one row per query, appended by the front doors and listed newest first,
 * always within one workspace. Paging is by (at, id), so entries sharing an instant are
 * neither skipped nor repeated between pages.
 */
import { toDate } from "../database/column-values.ts";
import { isForeignKeyViolation, withStorageErrors } from "../database/storage-errors.ts";
import { invalidInput } from "../errors.ts";
import type { StoreContext } from "../store-context.ts";
import {
  type AuditEntry,
  type AuditOutcome,
  cap,
  isRecordedAuditDoor,
  LIMITS,
  type NewAuditEntry,
  RECORDED_AUDIT_DOORS,
  type RecordedAuditDoor,
  validateAuditEntry,
} from "./audit-entry.ts";

export interface AuditQuery {
  readonly workspaceId: string;
  /** At most this many entries (1 to 1000; default 50). */
  readonly limit?: number;
  /** Entries strictly older than this instant, or than this entry (pass the last one seen). */
  readonly before?: Date | Pick<AuditEntry, "at" | "id">;
  /** Only entries of this door (a legacy door finds the entries earlier versions wrote). */
  readonly door?: RecordedAuditDoor;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1_000;

interface AuditRow {
  id: number | string;
  workspace_id: string;
  key_id: string | null;
  door: string;
  entity_set: string | null;
  query: string;
  pushed: string | null;
  residual: string | null;
  upstream_calls: number | string;
  rows: number | string;
  bytes: number | string;
  duration_ms: number | string;
  outcome: string;
  error_code: string | null;
  at: number | string;
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: String(row.id),
    workspaceId: row.workspace_id,
    keyId: row.key_id,
    door: row.door as RecordedAuditDoor,
    entitySet: row.entity_set,
    query: row.query,
    pushed: row.pushed,
    residual: row.residual,
    upstreamCalls: Number(row.upstream_calls),
    rows: Number(row.rows),
    bytes: Number(row.bytes),
    durationMs: Number(row.duration_ms),
    outcome: row.outcome as AuditOutcome,
    errorCode: row.error_code,
    at: toDate(row.at),
  };
}

export class AuditRepository {
  readonly #context: StoreContext;

  constructor(context: StoreContext) {
    this.#context = context;
  }

  async record(entry: NewAuditEntry): Promise<AuditEntry> {
    const row = this.#row(entry);
    return withStorageErrors(async () => {
      try {
        const [inserted] = await this.#context.knex("audit_log").insert(row).returning("id");
        return toEntry({ ...row, id: idOf(inserted) });
      } catch (error) {
        throw foreignKeyAsInput(error);
      }
    });
  }

  /**
   * Appends several entries in one statement (the gateway batches its doors' entries). All or
   * none are written: when one is refused, the caller can record the others one by one.
   */
  async recordMany(entries: readonly NewAuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((entry) => this.#row(entry));
    await withStorageErrors(async () => {
      try {
        // SQLite allows 32,766 bound values per statement: 14 columns × 500 rows stays below.
        await this.#context.knex.batchInsert("audit_log", rows, 500);
      } catch (error) {
        throw foreignKeyAsInput(error);
      }
    });
  }

  #row(entry: NewAuditEntry): Omit<AuditRow, "id"> {
    validateAuditEntry(entry);
    return {
      workspace_id: entry.workspaceId,
      key_id: entry.keyId ?? null,
      door: entry.door,
      entity_set: cap(entry.entitySet, LIMITS.entitySet),
      query: cap(entry.query) ?? "",
      pushed: cap(entry.pushed),
      residual: cap(entry.residual),
      upstream_calls: entry.upstreamCalls,
      rows: entry.rows,
      bytes: entry.bytes,
      duration_ms: entry.durationMs,
      outcome: entry.outcome,
      error_code: cap(entry.errorCode, LIMITS.errorCode),
      at: (entry.at ?? new Date(this.#context.now())).getTime(),
    };
  }

  /** Newest first, within one workspace. */
  async list(query: AuditQuery): Promise<AuditEntry[]> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw invalidInput("limit", `limit must be an integer from 1 to ${MAX_LIMIT}.`);
    }
    if (query.door !== undefined && !isRecordedAuditDoor(query.door)) {
      throw invalidInput("door", `door must be one of ${RECORDED_AUDIT_DOORS.join(", ")}.`);
    }
    return withStorageErrors(async () => {
      const builder = this.#context.knex("audit_log").where({ workspace_id: query.workspaceId });
      if (query.door !== undefined) builder.andWhere({ door: query.door });
      const before = query.before;
      if (before instanceof Date) builder.andWhere("at", "<", before.getTime());
      else if (before !== undefined) {
        const at = before.at.getTime();
        const id = Number(before.id);
        builder.andWhere((q) =>
          q.where("at", "<", at).orWhere((same) => same.where("at", at).andWhere("id", "<", id)),
        );
      }
      const rows: AuditRow[] = await builder
        .orderBy([
          { column: "at", order: "desc" },
          { column: "id", order: "desc" },
        ])
        .limit(limit);
      return rows.map(toEntry);
    });
  }
}

/**
 * The (workspace_id, key_id) reference is what keeps a key of one workspace from writing into
 * another's log.
 */
function foreignKeyAsInput(error: unknown): unknown {
  if (!isForeignKeyViolation(error)) return error;
  return invalidInput(
    "keyId",
    "The audit entry names a workspace that does not exist, or an API key that is not one of that workspace's keys.",
  );
}

/** `returning` yields `{ id }` objects on both drivers (pg, better-sqlite3). */
function idOf(inserted: unknown): string {
  if (typeof inserted === "object" && inserted !== null && "id" in inserted) return String(inserted.id);
  return String(inserted);
}
