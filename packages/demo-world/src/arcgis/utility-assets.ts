/**
 * The utility assets layer: hydrants, valves, manholes, poles... as points. Each project site
 * has the assets its crews installed (tagged with the job number; only proposed ones while the
 * job has not started), the older assets around it, and each city has assets nobody built.
 * Legacy records have gaps: unknown install dates, never-inspected assets, missing material.
 */
import type { Location, Project, Region } from "../company/types.ts";
import { DAY_MS, randomMoment, WORLD_END, WORLD_START } from "../dates.ts";
import type { Random } from "../random.ts";
import { offset, pointInside } from "./geometry.ts";
import { editorTracking, globalId, objectIdSequence } from "./identity.ts";
import type { ProjectSite } from "./project-sites.ts";
import type { ArcgisFeature, AttributeValue, Position } from "./types.ts";

type AssetType = "HYD" | "VLV" | "MH" | "CB" | "POLE" | "MTR" | "SL";

const ASSET_MIX: readonly (readonly [AssetType, number])[] = [
  ["VLV", 25],
  ["MH", 18],
  ["CB", 15],
  ["HYD", 12],
  ["POLE", 12],
  ["MTR", 10],
  ["SL", 8],
];

const MATERIALS: Record<AssetType, readonly string[]> = {
  HYD: ["Ductile Iron", "Cast Iron"],
  VLV: ["Ductile Iron", "Cast Iron", "Brass"],
  MH: ["Precast Concrete", "Brick"],
  CB: ["Precast Concrete"],
  POLE: ["Wood", "Wood", "Steel", "Concrete"],
  MTR: ["Brass", "Composite"],
  SL: ["Aluminum", "Steel"],
};

const DIAMETERS: Partial<Record<AssetType, readonly number[]>> = {
  HYD: [6],
  VLV: [4, 6, 8, 8, 8, 12, 16],
  MH: [48, 48, 60],
  MTR: [0.75, 1, 1, 2],
};

const ELECTRIC_UTILITY = "Evergreen Power & Light";
const LEGACY_START = Date.UTC(1958, 0, 1);
const LEGACY_END = Date.UTC(2022, 11, 31);

function utilitySystem(random: Random, type: AssetType): string {
  if (type === "POLE" || type === "SL") return "Electric";
  if (type === "CB") return "Storm";
  if (type === "MH") return random.chance(0.3) ? "Storm" : "Sewer";
  if (type === "VLV") return random.chance(0.1) ? "Sewer" : "Water";
  return "Water";
}

/** Older assets are in worse shape; inspections rate them 1 (excellent) to 5 (critical). */
function conditionFor(random: Random, installed: number | null, inspected: number | null): number | null {
  if (inspected === null && random.chance(0.6)) return null;
  const ageYears = installed === null ? 40 : (WORLD_END - installed) / (365 * DAY_MS);
  const score = 1 + ageYears / 16 + (random.next() - 0.35) * 1.5;
  return Math.min(5, Math.max(1, Math.round(score)));
}

interface Placement {
  readonly position: Position;
  readonly city: string;
  readonly project: Project | null;
  /** Installed by the project, or proposed by it when it has not started. */
  readonly byProject: boolean;
}

class AssetIds {
  private readonly next = new Map<AssetType, number>();
  constructor(private readonly random: Random) {}
  take(type: AssetType): string {
    const value = this.next.get(type) ?? this.random.int(1000, 4000);
    this.next.set(type, value + this.random.int(1, 3));
    return `${type}-${String(value).padStart(6, "0")}`;
  }
}

function installDate(random: Random, placement: Placement): number | null {
  const { project } = placement;
  if (placement.byProject && project) {
    const notStarted = project.status === "Unstarted" || project.status === "Pending";
    return notStarted
      ? null
      : randomMoment(random, project.startDate, Math.min(project.completionDate, WORLD_END));
  }
  if (random.chance(0.08)) return null;
  return LEGACY_START + Math.floor((LEGACY_END - LEGACY_START) * random.next() ** 0.7);
}

function assetAttributes(
  random: Random,
  placement: Placement,
  ids: AssetIds,
): Record<string, AttributeValue> {
  const type = random.weighted(ASSET_MIX);
  const system = utilitySystem(random, type);
  const installed = installDate(random, placement);
  const proposed = placement.byProject && installed === null;
  const inspected =
    proposed || random.chance(placement.byProject ? 0.5 : 0.25)
      ? null
      : randomMoment(random, Math.max(installed ?? WORLD_START, WORLD_START), WORLD_END);
  const diameters = DIAMETERS[type];
  return {
    ASSET_ID: ids.take(type),
    ASSET_TYPE: type,
    UTILITY_SYSTEM: system,
    MATERIAL: random.chance(0.1) ? null : random.pick(MATERIALS[type]),
    DIAMETER_IN: diameters ? random.pick(diameters) : null,
    INSTALL_DATE: installed,
    LAST_INSPECTION: inspected,
    CONDITION: proposed ? null : conditionFor(random, installed, inspected),
    LIFECYCLE_STATUS: proposed
      ? "PRO"
      : random.weighted([
          ["ACT", 90],
          ["INA", 6],
          ["ABN", 4],
        ] as const),
    MAINTAINED_BY: system === "Electric" ? ELECTRIC_UTILITY : `City of ${placement.city}`,
    PROJECT_NUMBER: placement.byProject && placement.project ? placement.project.jobNumber : null,
  };
}

function around(random: Random, center: Location, metres: number): Position {
  const angle = random.next() * 2 * Math.PI;
  const reach = metres * Math.sqrt(random.next());
  return offset(center, reach * Math.cos(angle), reach * Math.sin(angle));
}

function sitePlacements(random: Random, site: ProjectSite): Placement[] {
  const { project } = site;
  const city = project.address.city;
  const notStarted = project.status === "Unstarted" || project.status === "Pending";
  const installed = notStarted
    ? random.int(1, 4)
    : project.tier === "large"
      ? random.int(6, 14)
      : project.tier === "medium"
        ? random.int(3, 8)
        : random.int(1, 4);
  const placements: Placement[] = [];
  for (let i = 0; i < installed; i++)
    placements.push({ position: pointInside(random, site.ring), city, project, byProject: true });
  const nearby = random.int(2, 6);
  for (let i = 0; i < nearby; i++)
    placements.push({ position: around(random, project.location, 400), city, project, byProject: false });
  return placements;
}

function cityPlacements(random: Random, regions: readonly Region[], perCity: number): Placement[] {
  return regions.flatMap((region) =>
    region.cities.flatMap((city) =>
      Array.from({ length: perCity }, () => ({
        position: around(random, city.center, 2500),
        city: city.city,
        project: null,
        byProject: false,
      })),
    ),
  );
}

function createdDate(random: Random, placement: Placement, installed: AttributeValue): number {
  if (placement.byProject && typeof installed === "number")
    return Math.min(WORLD_END, installed + random.int(1, 20) * DAY_MS);
  if (placement.byProject && placement.project)
    return Math.max(WORLD_START, placement.project.startDate - random.int(20, 90) * DAY_MS);
  return randomMoment(random, WORLD_START, WORLD_START + 20 * DAY_MS);
}

export function utilityAssetFeatures(
  random: Random,
  sites: readonly ProjectSite[],
  regions: readonly Region[],
  scale: number,
): ArcgisFeature[] {
  const nextObjectId = objectIdSequence(random.fork("objectids"));
  const ids = new AssetIds(random.fork("asset-ids"));
  const placements = [
    ...sites.flatMap((site) => sitePlacements(random, site)),
    ...cityPlacements(random, regions, Math.max(3, Math.round(8 * Math.sqrt(scale)))),
  ];
  return placements.map((placement) => {
    const attributes = assetAttributes(random, placement, ids);
    const [x, y] = placement.position;
    return {
      attributes: {
        OBJECTID: nextObjectId(),
        GlobalID: globalId(random),
        ...attributes,
        ...editorTracking(random, createdDate(random, placement, attributes.INSTALL_DATE ?? null)),
      },
      geometry: { x, y },
    };
  });
}
