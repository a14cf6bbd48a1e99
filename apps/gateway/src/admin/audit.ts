/**
 * Reading the audit log, newest first, a page at a time. The cursor is opaque to callers: it
 * names the last entry of a page (its instant and id), so entries sharing an instant are neither
 * skipped nor repeated between pages.
 */

import {
  AUDIT_DOORS,
  isRecordedAuditDoor,
  LEGACY_AUDIT_DOORS,
  type RecordedAuditDoor,
} from "@headgate/store";
import { GatewayError } from "../errors/gateway-error.ts";
import type { AdminContext } from "./admin-context.ts";
import { type AuditEntryView, auditEntryView } from "./admin-views.ts";

export interface AuditPage {
  readonly value: readonly AuditEntryView[];
  /** Pass as `before` to get the next (older) page; absent on the last page. */
  readonly next?: string;
}

export interface AuditListInput {
  /** 1 to 1000 (default 50). */
  readonly limit?: number;
  readonly before?: string;
  /** Only entries of this door (`odata`, `action`, ... or an earlier version's `rest`, `mcp`, `cli`). */
  readonly door?: string;
}

export const DEFAULT_AUDIT_LIMIT = 50;

export async function listAudit(
  context: AdminContext,
  workspaceId: string,
  input: AuditListInput = {},
): Promise<AuditPage> {
  const limit = input.limit ?? DEFAULT_AUDIT_LIMIT;
  const before = input.before === undefined ? undefined : decodeCursor(input.before);
  const door = input.door === undefined ? undefined : doorOf(input.door);
  await context.audit?.flush();
  const entries = await context.store.audit.list({
    workspaceId,
    limit,
    ...(before === undefined ? {} : { before }),
    ...(door === undefined ? {} : { door }),
  });
  const keyNames = new Map((await context.store.apiKeys.list(workspaceId)).map((k) => [k.id, k.name]));
  const last = entries.at(-1);
  return {
    value: entries.map((entry) => auditEntryView(entry, keyNames)),
    ...(entries.length === limit && last ? { next: encodeCursor(last.at, last.id) } : {}),
  };
}

function doorOf(text: string): RecordedAuditDoor {
  const door = text.trim().toLowerCase();
  if (isRecordedAuditDoor(door)) return door;
  throw new GatewayError(
    "InvalidRequest",
    `door: '${text}' is not a door; use one of ${AUDIT_DOORS.join(", ")}, or ${LEGACY_AUDIT_DOORS.join(", ")} for entries earlier versions wrote (rest was odata or action, mcp either MCP door).`,
    "door",
  );
}

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.getTime()}.${id}`, "utf8").toString("base64url");
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const match = /^(\d{1,15})\.(\d{1,20})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match?.[1] || !match[2])
    throw new GatewayError(
      "InvalidRequest",
      "before: not a cursor from this audit log; pass the 'next' value of the previous page unchanged.",
      "before",
    );
  return { at: new Date(Number(match[1])), id: match[2] };
}
