/**
 * The parcels layer, as a county assessor publishes it: each project site sits on several
 * adjoining parcels (strips of the site's bounding box, so every one of them intersects the site)
 * with the neighbouring parcels beside them. Parcels know nothing of projects; a client relates
 * them to sites spatially.
 */
import type { Project, ProjectType } from "../company/types.ts";
import { FIRST_NAMES, LAST_NAMES, PLACE_WORDS, STREETS } from "../company/vocabulary.ts";
import { DAY_MS, randomMoment, WORLD_END, WORLD_START } from "../dates.ts";
import type { Random } from "../random.ts";
import { type Box, boundingBox, rectangle, ringAcres, roundCoordinate } from "./geometry.ts";
import { editorTracking, globalId, objectIdSequence } from "./identity.ts";
import type { ProjectSite } from "./project-sites.ts";
import type { ArcgisFeature, AttributeValue, Position } from "./types.ts";

const ZONING_BY_TYPE: Record<ProjectType, readonly (readonly [string, number])[]> = {
  Healthcare: [
    ["PI", 3],
    ["CC", 2],
    ["MU", 1],
  ],
  Education: [["PI", 1]],
  Commercial: [
    ["CC", 3],
    ["DT", 2],
    ["NC", 2],
    ["MU", 2],
  ],
  Civil: [
    ["PI", 3],
    ["LI", 1],
  ],
  Residential: [
    ["MF", 3],
    ["MU", 2],
    ["R-6", 2],
  ],
  Industrial: [
    ["LI", 3],
    ["HI", 1],
  ],
};

const NEIGHBOURHOOD_ZONING: readonly (readonly [string, number])[] = [
  ["R-6", 8],
  ["MF", 3],
  ["NC", 2],
  ["CC", 2],
  ["MU", 1],
  ["LI", 1],
];

interface Lot {
  readonly ring: readonly Position[];
  readonly project: Project | null;
}

/** Splits `box` into `count` vertical strips of uneven width. */
function strips(random: Random, box: Box, count: number): Box[] {
  const weights = Array.from({ length: count }, () => 0.6 + random.next());
  const total = weights.reduce((a, b) => a + b, 0);
  let x = box.xmin;
  return weights.map((weight, i) => {
    const xmax = i === count - 1 ? box.xmax : roundCoordinate(x + ((box.xmax - box.xmin) * weight) / total);
    const strip = { ...box, xmin: x, xmax };
    x = xmax;
    return strip;
  });
}

function lotsAround(random: Random, site: ProjectSite): Lot[] {
  const box = boundingBox(site.ring);
  const tier = site.project.tier;
  const count = tier === "large" ? random.int(4, 7) : tier === "medium" ? random.int(3, 5) : random.int(2, 3);
  const onSite = strips(random, box, count).map((strip) => ({
    ring: rectangle(strip),
    project: site.project,
  }));
  const width = (box.xmax - box.xmin) / count;
  const neighbours: Lot[] = [];
  const neighbourCount = random.int(1, 4);
  for (let i = 0; i < neighbourCount; i++) {
    const east = i % 2 === 0;
    const step = Math.floor(i / 2);
    const xmin = roundCoordinate(east ? box.xmax + step * width : box.xmin - (step + 1) * width);
    const xmax = roundCoordinate(xmin + width * (0.7 + random.next() * 0.3));
    const ring = rectangle({ ...box, xmin, xmax });
    neighbours.push({ ring, project: null });
  }
  return [...onSite, ...neighbours];
}

function ownerName(random: Random, city: string): string | null {
  const kind = random.weighted([
    ["person", 6],
    ["company", 3],
    ["city", 1],
    ["withheld", 0.6],
  ] as const);
  if (kind === "withheld") return null;
  if (kind === "city") return `CITY OF ${city.toUpperCase()}`;
  if (kind === "company") return `${random.pick(PLACE_WORDS).toUpperCase()} HOLDINGS LLC`;
  const last = random.pick(LAST_NAMES).toUpperCase();
  const first = random.pick(FIRST_NAMES).toUpperCase();
  return random.chance(0.5)
    ? `${last} ${first} & ${random.pick(FIRST_NAMES).toUpperCase()}`
    : `${last} ${first}`;
}

function uniqueApn(random: Random, taken: Set<string>): string {
  for (;;) {
    const apn = `${random.int(100000, 999999)}${String(random.int(1, 9999)).padStart(4, "0")}`;
    if (!taken.has(apn)) {
      taken.add(apn);
      return apn;
    }
  }
}

function parcelAttributes(
  random: Random,
  lot: Lot,
  site: ProjectSite,
  apn: string,
): Record<string, AttributeValue> {
  const { project } = site;
  const acreage = Math.round(ringAcres(lot.ring) * 1000) / 1000;
  const onSite = lot.project !== null;
  const landValue = Math.round(acreage * random.money(150_000, 2_500_000, 2) * 100) / 100;
  const improvements =
    onSite && project.status === "Closed"
      ? random.money(500_000, 20_000_000, 2)
      : random.money(0, 900_000, 2);
  const sold = onSite
    ? project.startDate - random.int(30, 400) * DAY_MS
    : random.chance(0.3)
      ? null
      : randomMoment(random, Date.UTC(1988, 0, 1), WORLD_END - 30 * DAY_MS);
  return {
    APN: apn,
    SITUS_ADDRESS: `${random.int(100, 9999)} ${random.pick(STREETS)}`,
    CITY: project.address.city,
    ZIP: project.address.zip,
    OWNER_NAME:
      onSite && random.chance(0.85) ? project.customer.name : ownerName(random, project.address.city),
    ACREAGE: acreage,
    ZONING: random.chance(0.03)
      ? null
      : random.weighted(onSite ? ZONING_BY_TYPE[project.type] : NEIGHBOURHOOD_ZONING),
    LAND_VALUE: random.chance(0.07) ? null : landValue,
    IMPR_VALUE: random.chance(0.12) ? null : improvements,
    TAX_YEAR: random.chance(0.8) ? 2025 : 2024,
    LAST_SALE_DATE: sold,
  };
}

export function parcelFeatures(random: Random, sites: readonly ProjectSite[]): ArcgisFeature[] {
  const nextObjectId = objectIdSequence(random.fork("objectids"));
  const taken = new Set<string>();
  const features: ArcgisFeature[] = [];
  for (const site of sites) {
    for (const lot of lotsAround(random, site)) {
      const imported = randomMoment(random, WORLD_START, WORLD_START + 20 * DAY_MS);
      features.push({
        attributes: {
          OBJECTID: nextObjectId(),
          GlobalID: globalId(random),
          ...parcelAttributes(random, lot, site, uniqueApn(random, taken)),
          ...editorTracking(random, imported),
        },
        geometry: { rings: [lot.ring] },
      });
    }
  }
  return features;
}
