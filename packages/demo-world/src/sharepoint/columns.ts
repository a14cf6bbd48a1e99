/**
 * The columns of the three lists each regional site has. Built-in columns carry SharePoint's
 * fixed field GUIDs; the owner's columns get seeded ones. Which columns are indexed is the site
 * owner's choice: these defaults index what a project team filters by (job number, status,
 * incident date), which is what makes Graph `$filter` work without the `Prefer` header.
 */
import type { JobStatus } from "../company/types.ts";
import { PROJECT_TYPES } from "../company/vocabulary.ts";
import type { Random } from "../random.ts";
import { guid } from "./ids.ts";
import type { SharepointColumn, SharepointColumnType } from "./types.ts";

export const DOCUMENT_TYPES = [
  "Drawing",
  "Submittal",
  "RFI",
  "Contract",
  "Change Order",
  "Daily Report",
  "Meeting Minutes",
  "Photo",
  "Log",
  "Pay Application",
  "Schedule",
  "Safety Plan",
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DISCIPLINES = [
  "General",
  "Architectural",
  "Structural",
  "Civil",
  "Mechanical",
  "Electrical",
  "Plumbing",
  "Fire Protection",
] as const;
export type Discipline = (typeof DISCIPLINES)[number];

export const JOB_STATUSES: readonly JobStatus[] = ["In Progress", "Closed", "Unstarted", "Hold", "Pending"];
export const SEVERITIES = ["Low", "Medium", "High", "Critical"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const INCIDENT_TYPES = [
  "Near Miss",
  "First Aid",
  "Recordable",
  "Lost Time",
  "Property Damage",
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/** SharePoint's own field ids, the same in every tenant. */
const BUILT_IN_IDS: Readonly<Record<string, string>> = {
  Title: "fa564e0f-0c70-4ab9-b863-0177e6ddd247",
  Created: "8c06beca-0777-48f7-91c7-6da68bc07b69",
  Modified: "28cf69c5-fa48-462a-b5cd-27b6f9d2bd5f",
  FileLeafRef: "8553196d-ec8d-4564-9861-3dbe931050c8",
};

interface ColumnSpec {
  readonly name: string;
  readonly displayName: string;
  readonly type: SharepointColumnType;
  readonly indexed?: boolean;
  readonly required?: boolean;
  readonly choices?: readonly string[];
  readonly dateFormat?: "dateOnly" | "dateTime";
}

function builtIn(spec: ColumnSpec & { readonly readOnly?: boolean }): SharepointColumn {
  return {
    id: BUILT_IN_IDS[spec.name]!,
    name: spec.name,
    displayName: spec.displayName,
    type: spec.type,
    indexed: spec.indexed ?? false,
    required: spec.required ?? false,
    readOnly: spec.readOnly ?? false,
    ...(spec.dateFormat ? { dateFormat: spec.dateFormat } : {}),
    builtIn: true,
  };
}

function custom(random: Random, spec: ColumnSpec): SharepointColumn {
  return {
    id: guid(random),
    name: spec.name,
    displayName: spec.displayName,
    type: spec.type,
    indexed: spec.indexed ?? false,
    required: spec.required ?? false,
    readOnly: false,
    ...(spec.choices ? { choices: spec.choices } : {}),
    ...(spec.dateFormat ? { dateFormat: spec.dateFormat } : {}),
    builtIn: false,
  };
}

const CREATED = builtIn({
  name: "Created",
  displayName: "Created",
  type: "dateTime",
  dateFormat: "dateTime",
  readOnly: true,
});

function modified(indexed: boolean): SharepointColumn {
  return builtIn({
    name: "Modified",
    displayName: "Modified",
    type: "dateTime",
    dateFormat: "dateTime",
    readOnly: true,
    indexed,
  });
}

export function documentLibraryColumns(random: Random): SharepointColumn[] {
  return [
    builtIn({ name: "FileLeafRef", displayName: "Name", type: "text", required: true }),
    builtIn({ name: "Title", displayName: "Title", type: "text" }),
    custom(random, {
      name: "DocumentType",
      displayName: "Document Type",
      type: "choice",
      choices: DOCUMENT_TYPES,
      indexed: true,
    }),
    custom(random, { name: "Discipline", displayName: "Discipline", type: "choice", choices: DISCIPLINES }),
    custom(random, { name: "Revision", displayName: "Revision", type: "text" }),
    CREATED,
    modified(false),
  ];
}

export function projectDirectoryColumns(random: Random): SharepointColumn[] {
  const projectTypes = PROJECT_TYPES.map(([type]) => type);
  return [
    builtIn({ name: "Title", displayName: "Project Name", type: "text", required: true }),
    custom(random, {
      name: "JobNumber",
      displayName: "Job Number",
      type: "text",
      indexed: true,
      required: true,
    }),
    custom(random, {
      name: "ProjectType",
      displayName: "Project Type",
      type: "choice",
      choices: projectTypes,
    }),
    custom(random, {
      name: "Status",
      displayName: "Status",
      type: "choice",
      choices: JOB_STATUSES,
      indexed: true,
    }),
    custom(random, { name: "ProjectManager", displayName: "Project Manager", type: "text" }),
    custom(random, { name: "Superintendent", displayName: "Superintendent", type: "text" }),
    custom(random, { name: "Customer", displayName: "Customer", type: "text" }),
    custom(random, { name: "City", displayName: "City", type: "text" }),
    custom(random, {
      name: "StartDate",
      displayName: "Start Date",
      type: "dateTime",
      dateFormat: "dateOnly",
    }),
    custom(random, {
      name: "CompletionDate",
      displayName: "Completion Date",
      type: "dateTime",
      dateFormat: "dateOnly",
    }),
    custom(random, { name: "ContractValue", displayName: "Contract Value", type: "currency" }),
    CREATED,
    modified(false),
  ];
}

export function safetyIncidentColumns(random: Random): SharepointColumn[] {
  return [
    builtIn({ name: "Title", displayName: "Title", type: "text", required: true }),
    custom(random, {
      name: "IncidentDate",
      displayName: "Incident Date",
      type: "dateTime",
      dateFormat: "dateTime",
      indexed: true,
      required: true,
    }),
    custom(random, {
      name: "JobNumber",
      displayName: "Job Number",
      type: "text",
      indexed: true,
      required: true,
    }),
    custom(random, {
      name: "IncidentType",
      displayName: "Incident Type",
      type: "choice",
      choices: INCIDENT_TYPES,
    }),
    custom(random, { name: "Severity", displayName: "Severity", type: "choice", choices: SEVERITIES }),
    custom(random, { name: "Description", displayName: "Description", type: "note" }),
    custom(random, { name: "ReportedBy", displayName: "Reported By", type: "text" }),
    custom(random, { name: "LostWorkDays", displayName: "Lost Work Days", type: "number" }),
    custom(random, { name: "Closed", displayName: "Closed", type: "boolean" }),
    CREATED,
    modified(true),
  ];
}
