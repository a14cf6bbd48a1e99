/**
 * `getEntity`: one row by its key. The key comes as path text the way a model writes it, read
 * with the engine's lenient key syntax, as MCP's `get_entity` reads it: OData key syntax
 * (`'23-104'`, `42`, `Job='23-104',Cost_Code='01-100'`) or just the values, unquoted (`23-104`,
 * `Job=23-104,Extra=,Cost_Code=01-100`).
 */
import type { Engine, KeyLookupResult } from "@headgate/engine";
import { findEntitySet } from "@headgate/model";
import { parseExpand, parseSelect, type QueryOptions } from "@headgate/odata";
import { auditQuery } from "../audit/audit-query.ts";
import type { Principal } from "../auth/principal.ts";
import type { GatewayContext } from "../server/gateway-context.ts";
import type { Logger } from "../workspaces/workspace-engines.ts";
import { renderEntity } from "./render-entity.ts";

export interface GetEntityRequest {
  readonly engine: Engine;
  readonly principal: Principal;
  readonly log: Logger;
  readonly entitySet: string;
  readonly key: string;
  readonly select?: string;
  readonly expand?: string;
  /** Aborts when the client went away. */
  readonly signal?: AbortSignal;
  /** Read the upstream now rather than a cached scan. */
  readonly fresh?: boolean;
}

const PLAIN = { urlEncoded: false } as const;

/** The response text for one row. */
export async function getEntity(context: GatewayContext, request: GetEntityRequest): Promise<string> {
  const started = performance.now();
  const query = lookupText(request);
  const audit = (fields: { entitySet: string; error?: unknown } & Partial<LookupCounts>) =>
    auditQuery(context.audit, request.log, request.principal, {
      door: "action",
      query,
      ...fields,
      durationMs: performance.now() - started,
    });
  try {
    const options = optionsOf(request);
    const result = await request.engine.getByKey({
      entitySet: request.entitySet,
      key: request.key,
      keySyntax: "lenient",
      options,
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.fresh ? { fresh: true } : {}),
    });
    const set = findEntitySet(request.engine.model, result.entitySet);
    const text =
      set === undefined
        ? JSON.stringify({ entitySet: result.entitySet, asOf: result.asOf.toISOString(), row: result.row })
        : renderEntity(request.engine.model, set, result, context.actionBudget.maxResponseChars);
    audit({
      entitySet: result.entitySet,
      plan: result.plan,
      upstreamCalls: result.stats.upstreamCalls,
      rows: 1,
      bytes: Buffer.byteLength(text),
    });
    return text;
  } catch (error) {
    audit({ entitySet: request.entitySet, error });
    throw error;
  }
}

interface LookupCounts {
  readonly plan: KeyLookupResult["plan"];
  readonly upstreamCalls: number;
  readonly rows: number;
  readonly bytes: number;
}

/** `(23-104)?$select=Job,Status`: the lookup as asked, for the audit log. */
function lookupText({ key, select, expand }: GetEntityRequest): string {
  const options = [select && `$select=${select}`, expand && `$expand=${expand}`].filter((o) => o);
  return `(${key})${options.length > 0 ? `?${options.join("&")}` : ""}`;
}

function optionsOf(request: GetEntityRequest): QueryOptions {
  const select = request.select?.trim();
  const expand = request.expand?.trim();
  return {
    ...(select ? { select: parseSelect(select, PLAIN) } : {}),
    ...(expand ? { expand: parseExpand(expand, PLAIN) } : {}),
  };
}
