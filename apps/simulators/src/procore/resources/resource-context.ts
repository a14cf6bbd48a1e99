/**
 * What resource routes share: the store they read records from (read per request, so changes
 * show at once), the paging limits, the clock, and the helpers that resolve the project or
 * company a request names (404/403 as Procore answers). A deleted project is not found.
 */

import type { ProcoreVendor } from "@headgate/demo-world";
import type { FastifyRequest } from "fastify";
import type { PagingOptions } from "../http/pagination.ts";
import { MESSAGES, notFound, ProcoreError } from "../http/procore-error.ts";
import { QueryParams } from "../http/query-params.ts";
import type { ProcoreStore } from "../store/procore-store.ts";
import type { ProjectEntry } from "../store/stored-records.ts";

export type { ProjectEntry } from "../store/stored-records.ts";

export interface ResourceContext {
  readonly store: ProcoreStore;
  readonly paging: PagingOptions;
  /** The clock behind "today" (daily logs without a date). */
  readonly now: () => number;
  readonly vendors: ReadonlyMap<number, ProcoreVendor>;
}

export function resourceContext(
  store: ProcoreStore,
  paging: PagingOptions,
  now: () => number,
): ResourceContext {
  return { store, paging, now, vendors: new Map(store.vendors.map((v) => [v.id, v])) };
}

function project(ctx: ResourceContext, id: number): ProjectEntry {
  const found = Number.isSafeInteger(id) ? ctx.store.entry(id) : undefined;
  if (!found) throw notFound();
  return found;
}

/** The project of a `/projects/{project_id}/...` path. */
export function pathProject(ctx: ResourceContext, raw: string): ProjectEntry {
  if (!/^\d+$/.test(raw)) throw notFound();
  return project(ctx, Number(raw));
}

/** The project of a `?project_id=` endpoint (budget, commitments, observations ...). */
export function queryProject(ctx: ResourceContext, request: FastifyRequest): ProjectEntry {
  return project(ctx, QueryParams.of(request).requiredId("project_id"));
}

/** Checks a `company_id` (query or path) against the company the request is scoped to. */
export function checkCompany(ctx: ResourceContext, raw: string | undefined): void {
  if (raw === undefined || raw === "") throw new ProcoreError(400, "company_id is missing");
  if (raw !== String(ctx.store.company.id)) throw new ProcoreError(403, MESSAGES.notConnected);
}
