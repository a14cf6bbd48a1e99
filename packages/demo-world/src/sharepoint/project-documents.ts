/**
 * The files in one project's folder: a few set-up documents every job has (drawing log, prime
 * contract, safety plan, baseline schedule) and a skewed mix of the paperwork a job produces
 * while it runs, named the way project teams name them and numbered in date order.
 */
import type { Person, Project } from "../company/types.ts";
import { DAY_MS, isoDate, randomMoment, WORLD_END } from "../dates.ts";
import type { Random } from "../random.ts";
import type { Discipline, DocumentType } from "./columns.ts";
import { DRAWING_SHEETS, RFI_SUBJECTS, SPEC_SECTIONS } from "./vocabulary.ts";

export interface DocumentDraft {
  readonly name: string;
  readonly documentType: DocumentType;
  readonly discipline: Discipline | null;
  readonly revision: string | null;
  readonly mimeType: string;
  readonly size: number;
  readonly created: number;
  readonly modified: number;
  readonly version: number;
  readonly createdBy: Person;
  readonly modifiedBy: Person;
}

type RunningKind =
  | "Submittal"
  | "RFI"
  | "Drawing"
  | "Daily Report"
  | "Photo"
  | "Meeting Minutes"
  | "Change Order"
  | "Pay Application"
  | "Schedule Update";

const RUNNING_KINDS: readonly (readonly [RunningKind, number])[] = [
  ["Submittal", 5],
  ["RFI", 4],
  ["Drawing", 4],
  ["Daily Report", 4],
  ["Photo", 4],
  ["Meeting Minutes", 2],
  ["Change Order", 1.5],
  ["Pay Application", 1.5],
  ["Schedule Update", 0.5],
];

const MIME = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  jpg: "image/jpeg",
} as const;
type Extension = keyof typeof MIME;

/** Typical file sizes in bytes per extension and kind, drawn skewed toward the small end. */
const SIZES: Readonly<Record<string, readonly [number, number]>> = {
  Drawing: [800_000, 18_000_000],
  Submittal: [300_000, 25_000_000],
  Contract: [500_000, 6_000_000],
  jpg: [1_800_000, 7_500_000],
  xlsx: [25_000, 1_200_000],
  docx: [30_000, 600_000],
  pdf: [60_000, 2_500_000],
};

interface Named {
  readonly name: string;
  readonly extension: Extension;
  readonly documentType: DocumentType;
  readonly discipline: Discipline | null;
  readonly revision: string | null;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

export function projectDocuments(
  random: Random,
  project: Project,
  people: readonly Person[],
): DocumentDraft[] {
  const from = project.startDate;
  const to = Math.min(project.completionDate, WORLD_END);
  const at = (start: number, end: number) => Math.max(start, randomMoment(random, start, Math.min(end, to)));
  const fixed = setUpDocuments(project).map((named) => ({ named, created: at(from, from + 14 * DAY_MS) }));
  const count = runningCount(random, project);
  const moments = Array.from({ length: count }, () => at(from, to)).sort((a, b) => a - b);
  const namer = createNamer(random, project);
  const running = moments.flatMap((created) => {
    const named = namer(random.weighted(RUNNING_KINDS), created);
    return named ? [{ named, created }] : [];
  });
  return [...fixed, ...running].map(({ named, created }) =>
    draft(random, project, people, named, created, to),
  );
}

function setUpDocuments(project: Project): Named[] {
  const job = project.jobNumber;
  const doc = (
    name: string,
    extension: Extension,
    documentType: DocumentType,
    discipline: Discipline | null,
  ) => ({
    name: `${job} ${name}.${extension}`,
    extension,
    documentType,
    discipline,
    revision: null,
  });
  return [
    doc("Drawing Log", "xlsx", "Log", "General"),
    doc("Prime Contract", "pdf", "Contract", null),
    doc("Site Specific Safety Plan", "docx", "Safety Plan", "General"),
    doc("Baseline Schedule", "pdf", "Schedule", "General"),
  ];
}

function runningCount(random: Random, project: Project): number {
  if (project.tier === "large") return random.int(20, 34);
  if (project.tier === "medium") return random.int(10, 20);
  return random.int(4, 10);
}

/** Names a running document; null when the name would repeat one already in the folder. */
function createNamer(random: Random, project: Project): (kind: RunningKind, created: number) => Named | null {
  const counters = new Map<string, number>();
  const taken = new Set<string>();
  const next = (key: string) => {
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return n;
  };
  const unique = (named: Named) => {
    if (taken.has(named.name)) return null;
    taken.add(named.name);
    return named;
  };
  return (kind, created) => {
    const named = nameOf(random, project, kind, created, next);
    return unique(named);
  };
}

function nameOf(
  random: Random,
  project: Project,
  kind: RunningKind,
  created: number,
  next: (key: string) => number,
): Named {
  const plain = (
    name: string,
    extension: Extension,
    documentType: DocumentType,
    discipline: Discipline | null,
  ) => ({
    name: `${name}.${extension}`,
    extension,
    documentType,
    discipline,
    revision: null,
  });
  switch (kind) {
    case "Submittal": {
      const trade = project.vendors.length > 0 ? random.pick(project.vendors).trade : "Concrete";
      const [section, discipline] = SPEC_SECTIONS[trade] ?? ["01 33 00", "General"];
      const revision = random.weighted([
        ["0", 6],
        ["1", 3],
        ["2", 1],
      ]);
      const name = `Submittal ${section}-${pad(next(section), 2)}.pdf`;
      return { name, extension: "pdf", documentType: "Submittal", discipline, revision };
    }
    case "RFI": {
      const [subject, discipline] = random.pick(RFI_SUBJECTS);
      return plain(`RFI-${pad(next("rfi"), 3)} ${subject}`, "pdf", "RFI", discipline);
    }
    case "Drawing":
      return drawing(random, next);
    case "Daily Report":
      return plain(`Daily Report ${isoDate(created)}`, "pdf", "Daily Report", null);
    case "Photo":
      return plain(`IMG_${random.int(1000, 9999)}`, "jpg", "Photo", random.chance(0.3) ? "General" : null);
    case "Meeting Minutes":
      return plain(`OAC Meeting Minutes ${pad(next("oac"), 2)}`, "docx", "Meeting Minutes", "General");
    case "Change Order":
      return plain(`Change Order ${pad(next("co"), 3)}`, "pdf", "Change Order", null);
    case "Pay Application":
      return plain(`Pay Application ${pad(next("pay"), 2)}`, "xlsx", "Pay Application", null);
    case "Schedule Update":
      return plain(
        `${project.jobNumber} Schedule Update ${isoDate(created).slice(0, 7)}`,
        "pdf",
        "Schedule",
        "General",
      );
  }
}

/** A sheet such as `A-102 Reflected Ceiling Plan Rev 1.pdf`; each reissue bumps the revision. */
function drawing(random: Random, next: (key: string) => number): Named {
  const [prefix, discipline, titles] = random.pick(DRAWING_SHEETS);
  const sheetIndex = random.int(0, titles.length - 1);
  const sheet = `${prefix}-${101 + sheetIndex}`;
  const revision = String(next(sheet) - 1);
  return {
    name: `${sheet} ${titles[sheetIndex]} Rev ${revision}.pdf`,
    extension: "pdf",
    documentType: "Drawing",
    discipline,
    revision,
  };
}

function draft(
  random: Random,
  project: Project,
  people: readonly Person[],
  named: Named,
  created: number,
  windowEnd: number,
): DocumentDraft {
  const createdBy = author(random, project, people, named.documentType);
  const living = named.documentType === "Log";
  const edited = living || random.chance(0.4);
  const edit = living ? windowEnd - random.int(0, 20) * DAY_MS : created + random.next() ** 2 * 60 * DAY_MS;
  const modified = edited ? Math.max(created, Math.floor(Math.min(windowEnd, edit) / 1000) * 1000) : created;
  const version = modified > created ? (living ? random.int(8, 40) : random.int(2, 5)) : 1;
  const [min, max] = SIZES[named.documentType] ?? SIZES[named.extension]!;
  return {
    name: named.name,
    documentType: named.documentType,
    discipline: named.discipline,
    revision: named.revision,
    mimeType: MIME[named.extension],
    size: Math.round(random.money(min, max, 2.5)),
    created,
    modified,
    version,
    createdBy,
    modifiedBy: version > 1 && random.chance(0.5) ? project.projectManager : createdBy,
  };
}

function author(random: Random, project: Project, people: readonly Person[], type: DocumentType): Person {
  const safety = people.filter((p) => p.role === "Safety Manager");
  if (type === "Safety Plan" && safety.length > 0) return random.pick(safety);
  return random.weighted<Person>([
    [project.projectManager, 4],
    [project.superintendent, 3],
    [project.estimator, 1],
    [random.pick(people), 1],
  ]);
}
