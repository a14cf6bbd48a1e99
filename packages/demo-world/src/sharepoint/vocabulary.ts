/**
 * What a contractor's project folders and safety log contain: spec sections per trade (for
 * submittal names), drawing sheets, RFI subjects and incident kinds.
 */
import type { Discipline, IncidentType, Severity } from "./columns.ts";

/** MasterFormat section and discipline per trade (company vocabulary `TRADES`). */
export const SPEC_SECTIONS: Readonly<Record<string, readonly [string, Discipline]>> = {
  Concrete: ["03 30 00", "Structural"],
  Masonry: ["04 20 00", "Architectural"],
  "Structural Steel": ["05 12 00", "Structural"],
  Carpentry: ["06 10 00", "Architectural"],
  Roofing: ["07 54 00", "Architectural"],
  "Doors and Hardware": ["08 71 00", "Architectural"],
  Drywall: ["09 29 00", "Architectural"],
  Painting: ["09 91 00", "Architectural"],
  "Fire Protection": ["21 13 13", "Fire Protection"],
  Plumbing: ["22 11 16", "Plumbing"],
  HVAC: ["23 31 13", "Mechanical"],
  Electrical: ["26 24 16", "Electrical"],
  "Low Voltage": ["27 10 00", "Electrical"],
  Earthwork: ["31 23 00", "Civil"],
  Paving: ["32 12 16", "Civil"],
  Utilities: ["33 11 00", "Civil"],
};

export const DRAWING_SHEETS: readonly (readonly [string, Discipline, readonly string[]])[] = [
  [
    "A",
    "Architectural",
    ["Floor Plan Level 1", "Reflected Ceiling Plan", "Exterior Elevations", "Wall Sections"],
  ],
  ["S", "Structural", ["Foundation Plan", "Roof Framing Plan", "Structural Details"]],
  ["M", "Mechanical", ["HVAC Plan Level 1", "Mechanical Schedules"]],
  ["E", "Electrical", ["Power Plan", "Lighting Plan", "One-Line Diagram"]],
  ["P", "Plumbing", ["Plumbing Plan", "Plumbing Riser Diagram"]],
  ["C", "Civil", ["Site Plan", "Grading and Drainage Plan", "Utility Plan"]],
];

export const RFI_SUBJECTS: readonly (readonly [string, Discipline])[] = [
  ["Footing Depth at Grid C", "Structural"],
  ["Beam Connection at Stair 2", "Structural"],
  ["Duct Routing Conflict at Corridor", "Mechanical"],
  ["Door Hardware Set Clarification", "Architectural"],
  ["Slab Edge Dimension", "Structural"],
  ["Electrical Panel Location", "Electrical"],
  ["Roof Drain Sizing", "Plumbing"],
  ["Window Head Flashing Detail", "Architectural"],
  ["Sprinkler Head Clearance", "Fire Protection"],
  ["Storm Line Invert Elevation", "Civil"],
];

export interface IncidentKind {
  readonly title: string;
  readonly type: IncidentType;
  readonly severities: readonly (readonly [Severity, number])[];
  readonly description: string;
}

const MOSTLY_LOW: IncidentKind["severities"] = [
  ["Low", 7],
  ["Medium", 3],
];
const SERIOUS: IncidentKind["severities"] = [
  ["Medium", 5],
  ["High", 4],
  ["Critical", 1],
];

/** Weighted by how often they happen on a building site. */
export const INCIDENT_KINDS: readonly (readonly [IncidentKind, number])[] = [
  [
    {
      title: "Near miss - unsecured load",
      type: "Near Miss",
      severities: MOSTLY_LOW,
      description: "Material shifted on a forklift during unloading; area was clear.",
    },
    6,
  ],
  [
    {
      title: "Laceration from sheet metal",
      type: "First Aid",
      severities: MOSTLY_LOW,
      description: "Worker cut hand on duct edge; cleaned and bandaged on site.",
    },
    5,
  ],
  [
    {
      title: "Slip on wet stair",
      type: "First Aid",
      severities: MOSTLY_LOW,
      description: "Slip on the temporary stair after rain; no fall from height.",
    },
    4,
  ],
  [
    {
      title: "Debris in eye",
      type: "First Aid",
      severities: MOSTLY_LOW,
      description: "Grinding debris entered the eye despite glasses; flushed at the eyewash station.",
    },
    3,
  ],
  [
    {
      title: "Damaged underground utility",
      type: "Property Damage",
      severities: [
        ["Medium", 3],
        ["High", 2],
      ],
      description: "Excavator struck an unmarked irrigation line; locate ticket reviewed.",
    },
    2,
  ],
  [
    {
      title: "Back strain lifting materials",
      type: "Recordable",
      severities: SERIOUS,
      description: "Worker strained lower back moving drywall; referred to occupational clinic.",
    },
    2,
  ],
  [
    {
      title: "Fall from ladder",
      type: "Lost Time",
      severities: SERIOUS,
      description: "Worker fell from a six-foot ladder; ladder inspection and training scheduled.",
    },
    1,
  ],
  [
    {
      title: "Electrical shock from temporary power",
      type: "Recordable",
      severities: SERIOUS,
      description: "Shock from a damaged cord on temporary power; GFCI replaced.",
    },
    1,
  ],
];
