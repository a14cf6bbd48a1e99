/**
 * The test endpoint that changes records, under the simulator's control prefix (never counted
 * or rate-limited, as it is not part of Procore's API). A body is a JSON object of fields to set.
 *
 *   POST   /_simulator/procore/projects                              create a project (201)
 *   PATCH  /_simulator/procore/projects/{project_id}                 update it
 *   DELETE /_simulator/procore/projects/{project_id}                 delete it
 *   POST   /_simulator/procore/projects/{project_id}/{kind}          create a record (201)
 *   PATCH  /_simulator/procore/projects/{project_id}/{kind}/{id}     update it
 *   DELETE /_simulator/procore/projects/{project_id}/{kind}/{id}     delete it
 *
 * `kind` is rfis, submittals, observations, work_order_contracts, purchase_order_contracts or
 * change_order_packages. Each answer is the record as it now stands.
 */
import type { FastifyInstance } from "fastify";
import { notFound } from "../http/procore-error.ts";
import { parseFields } from "../store/record-fields.ts";
import { projectRecordKind as kind, type ProcoreChanges } from "./record-changes.ts";

const BASE = "/_simulator/procore/projects";

interface ProjectParams {
  readonly project_id: string;
}

interface RecordParams extends ProjectParams {
  readonly kind: string;
  readonly id: string;
}

function id(raw: string): number {
  if (!/^\d+$/.test(raw)) throw notFound();
  return Number(raw);
}

export function registerChangeRoutes(app: FastifyInstance, changes: ProcoreChanges): void {
  app.post(BASE, async (request, reply) =>
    reply.code(201).send(changes.createProject(parseFields(request.body))),
  );
  app.patch<{ Params: ProjectParams }>(`${BASE}/:project_id`, async (request) =>
    changes.updateProject(id(request.params.project_id), parseFields(request.body)),
  );
  app.delete<{ Params: ProjectParams }>(`${BASE}/:project_id`, async (request) =>
    changes.deleteProject(id(request.params.project_id)),
  );
  app.post<{ Params: Omit<RecordParams, "id"> }>(`${BASE}/:project_id/:kind`, async (request, reply) => {
    const { project_id, kind: segment } = request.params;
    const record = changes.create(kind(segment), id(project_id), parseFields(request.body));
    return reply.code(201).send(record);
  });
  app.patch<{ Params: RecordParams }>(`${BASE}/:project_id/:kind/:id`, async (request) => {
    const { project_id, kind: segment, id: raw } = request.params;
    return changes.update(kind(segment), id(project_id), id(raw), parseFields(request.body));
  });
  app.delete<{ Params: RecordParams }>(`${BASE}/:project_id/:kind/:id`, async (request) => {
    const { project_id, kind: segment, id: raw } = request.params;
    return changes.delete(kind(segment), id(project_id), id(raw));
  });
}
