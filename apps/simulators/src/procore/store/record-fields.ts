/**
 * The fields a test may set on a record it creates or updates. A change names existing fields
 * only (a typo is a 400, not a silently ignored key) and never the ones Procore sets itself.
 * A created record starts as a copy of a template record of the same kind, so it always has
 * Procore's full shape; references to the template's project and id are pointed at the new ones.
 */
import { badRequest } from "../http/procore-error.ts";

export type Fields = Readonly<Record<string, unknown>>;

const SET_BY_PROCORE = ["id", "created_at", "updated_at", "deleted_at"];

/** A request body as fields to set; anything but a JSON object is a 400. */
export function parseFields(body: unknown): Fields {
  if (body === undefined || body === null) return {};
  if (typeof body !== "object" || Array.isArray(body)) throw badRequest("The body must be a JSON object");
  return body as Fields;
}

function checkFields(record: object, fields: Fields): void {
  for (const name of Object.keys(fields)) {
    if (SET_BY_PROCORE.includes(name)) throw badRequest(`'${name}' is set by Procore and cannot be given`);
    if (!Object.hasOwn(record, name)) {
      const known = Object.keys(record).filter((key) => !SET_BY_PROCORE.includes(key));
      throw badRequest(`Unknown field '${name}'. Fields: ${known.join(", ")}`);
    }
  }
}

/** `record` with `fields` set, after checking every name. */
export function applyFields<T extends object>(record: T, fields: Fields): T {
  checkFields(record, fields);
  return { ...record, ...fields };
}

interface Identity {
  readonly id: number;
  readonly projectId: number;
  readonly projectName: string;
}

/** A copy of `template` with `fields` set, under a new id and in the given project. */
export function templateCopy<T extends { readonly id: number }>(
  template: T,
  fields: Fields,
  identity: Identity,
): T {
  const copy: Record<string, unknown> = { ...applyFields(template, fields), id: identity.id };
  const project = copy.project;
  if (!Object.hasOwn(fields, "project") && isIdName(project)) {
    copy.project = { ...project, id: identity.projectId, name: identity.projectName };
  }
  // RFIs link to their page in Procore's web app: /{project_id}/project/rfi/show/{id}.
  if (typeof copy.link === "string" && !Object.hasOwn(fields, "link")) {
    copy.link = copy.link
      .replace(/\/\d+\/project\//, `/${identity.projectId}/project/`)
      .replace(/\/\d+$/, `/${identity.id}`);
  }
  return copy as T;
}

function isIdName(value: unknown): value is { id: number; name: string } {
  return typeof value === "object" && value !== null && "id" in value && "name" in value;
}
