/**
 * What resource routes share: the data with lookups by id, the paging limits, the clock, and the
 * helpers that resolve the project or company a request names (404/403 as Procore answers).
 */

import type { ProcoreData, ProcoreProject, ProcoreProjectTools, ProcoreVendor } from "@headgate/demo-world";
import type { FastifyRequest } from "fastify";
import type { PagingOptions } from "../http/pagination.ts";
import { MESSAGES, notFound, ProcoreError } from "../http/procore-error.ts";
import { QueryParams } from "../http/query-params.ts";

/** A project with the records of its tools. */
export interface ProjectEntry {
  readonly project: ProcoreProject;
  readonly tools: ProcoreProjectTools;
}

export interface ResourceContext {
  readonly data: ProcoreData;
  readonly paging: PagingOptions;
  /** The clock behind "today" (daily logs without a date). */
  readonly now: () => number;
  readonly projects: ReadonlyMap<number, ProjectEntry>;
  readonly vendors: ReadonlyMap<number, ProcoreVendor>;
}

export function resourceContext(
  data: ProcoreData,
  paging: PagingOptions,
  now: () => number,
): ResourceContext {
  const tools = new Map(data.tools.map((t) => [t.projectId, t]));
  const projects = new Map(
    data.projects.flatMap((project) => {
      const own = tools.get(project.id);
      return own ? [[project.id, { project, tools: own } satisfies ProjectEntry] as const] : [];
    }),
  );
  return { data, paging, now, projects, vendors: new Map(data.vendors.map((v) => [v.id, v])) };
}

function project(ctx: ResourceContext, id: number): ProjectEntry {
  const found = Number.isSafeInteger(id) ? ctx.projects.get(id) : undefined;
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
  if (raw !== String(ctx.data.company.id)) throw new ProcoreError(403, MESSAGES.notConnected);
}
