/**
 * Generates the company: people, owners, vendors and projects, from a seed and a scale. At
 * scale 1 the company has about 40 projects; counts of firms and people grow more slowly
 * (square root), the way a real contractor's supplier base does.
 */
import { DAY_MS, randomMoment, WORLD_END, WORLD_START } from "../dates.ts";
import { createRandom, type Random } from "../random.ts";
import type {
  Address,
  Company,
  Customer,
  JobStatus,
  Person,
  Project,
  ProjectTier,
  Region,
  Vendor,
} from "./types.ts";
import {
  COMPANY_NAME,
  FIRM_SUFFIXES,
  FIRM_WORDS,
  FIRST_NAMES,
  LAST_NAMES,
  OWNERS,
  PLACE_WORDS,
  PROJECT_TYPES,
  REGIONS,
  STREETS,
  TRADES,
} from "./vocabulary.ts";

export interface WorldOptions {
  readonly seed?: number;
  /** 1 gives about 40 projects; 100 about 4,000. */
  readonly scale?: number;
}

export const DEFAULT_SEED = 20240131;

export function generateCompany(options: WorldOptions = {}): Company {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = options.scale ?? 1;
  if (!(scale > 0)) throw new RangeError(`scale must be a positive number, got ${scale}`);
  const random = createRandom(seed, "company");
  const growth = Math.sqrt(scale);
  const people = generatePeople(random.fork("people"), Math.max(8, Math.round(12 * growth)));
  const customers = generateCustomers(random.fork("customers"), Math.max(6, Math.round(15 * growth)));
  const vendors = generateVendors(random.fork("vendors"), Math.max(20, Math.round(60 * growth)));
  const projects = generateProjects(random.fork("projects"), Math.max(1, Math.round(40 * scale)), {
    people,
    customers,
    vendors,
  });
  return {
    seed,
    scale,
    name: COMPANY_NAME,
    procoreCompanyId: 562949953421312,
    regions: REGIONS,
    people,
    customers,
    vendors,
    projects,
  };
}

function personName(random: Random): string {
  return `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
}

function generatePeople(random: Random, count: number): Person[] {
  const roles: Person["role"][] = ["Project Manager", "Superintendent", "Estimator", "Safety Manager"];
  return Array.from({ length: count }, (_, index) => {
    const name = personName(random);
    return {
      index,
      name,
      email: `${name.toLowerCase().replace(/[^a-z]+/g, ".")}${index}@cascaderidge.example`,
      role: roles[index % roles.length]!,
      procoreId: 7_100_000 + index,
    };
  });
}

/** A short uppercase code from a name, unique within `taken` (Sage vendor/customer codes). */
function uniqueCode(name: string, taken: Set<string>): string {
  const base =
    name
      .toUpperCase()
      .replace(/[^A-Z]/g, "")
      .slice(0, 8) || "FIRM";
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base.slice(0, 8 - String(n).length)}${n}`;
  taken.add(code);
  return code;
}

function generateCustomers(random: Random, count: number): Customer[] {
  const taken = new Set<string>();
  return Array.from({ length: count }, (_, index) => {
    const base = OWNERS[index % OWNERS.length]!;
    const name = index < OWNERS.length ? base : `${base} ${Math.floor(index / OWNERS.length) + 1}`;
    return { index, code: uniqueCode(name, taken), name, phone: phone(random) };
  });
}

function phone(random: Random): string {
  return `(${random.pick(["206", "253", "360", "425"])}) 555-${String(random.int(100, 9999)).padStart(4, "0")}`;
}

function address(random: Random, region: Region): Address {
  const city = random.pick(region.cities);
  return {
    street: `${random.int(100, 9999)} ${random.pick(STREETS)}`,
    city: city.city,
    state: "WA",
    zip: city.zip,
  };
}

function generateVendors(random: Random, count: number): Vendor[] {
  const taken = new Set<string>();
  const names = new Set<string>();
  return Array.from({ length: count }, (_, index) => {
    const [trade, division] = TRADES[index % TRADES.length]!;
    let name = `${random.pick(FIRM_WORDS)} ${trade} ${random.pick(FIRM_SUFFIXES)}`;
    if (names.has(name))
      name = `${random.pick(FIRM_WORDS)} ${random.pick(FIRM_WORDS)} ${trade} ${random.pick(FIRM_SUFFIXES)}`;
    if (names.has(name)) name = `${name.replace(/ (Inc\.|LLC|Co\.|Corp\.|& Sons|Group)$/, "")} ${index} LLC`;
    names.add(name);
    const contact = personName(random);
    return {
      index,
      code: uniqueCode(name, taken),
      name,
      trade,
      division,
      address: address(random, random.pick(REGIONS)),
      phone: phone(random),
      contactName: contact,
      contactEmail: `${contact.toLowerCase().replace(/[^a-z]+/g, ".")}@${name
        .toLowerCase()
        .replace(/[^a-z]+/g, "")
        .slice(0, 16)}.example`,
      procoreId: 3_400_000 + index,
    };
  });
}

interface Parties {
  readonly people: readonly Person[];
  readonly customers: readonly Customer[];
  readonly vendors: readonly Vendor[];
}

/** A few large jobs, many small ones (roughly 10% / 30% / 60%). */
function tierOf(random: Random): { tier: ProjectTier; amount: number } {
  const tier = random.weighted<ProjectTier>([
    ["large", 1],
    ["medium", 3],
    ["small", 6],
  ]);
  const amount =
    tier === "large"
      ? random.money(10_000_000, 60_000_000, 2)
      : tier === "medium"
        ? random.money(1_500_000, 10_000_000, 1.5)
        : random.money(60_000, 1_500_000, 1.5);
  return { tier, amount };
}

function statusOf(random: Random, start: number, end: number): JobStatus {
  if (start > WORLD_END - 30 * DAY_MS)
    return random.weighted<JobStatus>([
      ["Unstarted", 3],
      ["Pending", 1],
    ]);
  if (end < WORLD_END)
    return random.weighted<JobStatus>([
      ["Closed", 9],
      ["In Progress", 1],
    ]);
  return random.weighted<JobStatus>([
    ["In Progress", 12],
    ["Hold", 1],
  ]);
}

function generateProjects(random: Random, count: number, parties: Parties): Project[] {
  const sequence = new Map<number, number>();
  const projects: Project[] = [];
  for (let index = 0; index < count; index++) {
    const region = REGIONS[index % REGIONS.length]!;
    const [type, kinds] = random.pick(PROJECT_TYPES);
    const { tier, amount } = tierOf(random);
    const start = randomMoment(random, WORLD_START - 120 * DAY_MS, WORLD_END - 10 * DAY_MS);
    const months =
      tier === "large" ? random.int(18, 36) : tier === "medium" ? random.int(9, 20) : random.int(2, 9);
    const end = start + months * 30 * DAY_MS;
    const year = new Date(start).getUTCFullYear() % 100;
    const next = (sequence.get(year) ?? 100) + 1;
    sequence.set(year, next);
    const city = random.pick(region.cities);
    const jitter = () => (random.next() - 0.5) * 0.08;
    const managers = parties.people.filter((p) => p.role === "Project Manager");
    const supers = parties.people.filter((p) => p.role === "Superintendent");
    const estimators = parties.people.filter((p) => p.role === "Estimator");
    const vendorCount =
      tier === "large" ? random.int(12, 20) : tier === "medium" ? random.int(6, 12) : random.int(2, 6);
    projects.push({
      index,
      jobNumber: `${String(year).padStart(2, "0")}-${String(next).padStart(3, "0")}`,
      name: `${random.pick(PLACE_WORDS)} ${random.pick(kinds)}`,
      region: region.name,
      type,
      tier,
      status: statusOf(random, start, end),
      contractAmount: amount,
      startDate: start,
      completionDate: end,
      address: {
        street: `${random.int(100, 9999)} ${random.pick(STREETS)}`,
        city: city.city,
        state: "WA",
        zip: city.zip,
      },
      location: {
        longitude: round6(city.center.longitude + jitter()),
        latitude: round6(city.center.latitude + jitter()),
      },
      customer: random.pick(parties.customers),
      projectManager: random.pick(managers),
      superintendent: random.pick(supers),
      estimator: random.pick(estimators),
      procoreId: 2_783_000 + index,
      vendors: pickDistinct(random, parties.vendors, vendorCount),
    });
  }
  return projects;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function pickDistinct<T>(random: Random, items: readonly T[], count: number): T[] {
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(random.pick(items));
  return [...chosen];
}
