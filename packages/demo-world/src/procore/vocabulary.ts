/**
 * Procore's own vocabularies (project stages, budget categories, observation types, submittal
 * statuses and types) and the words the demo's RFIs, submittals and observations are made of.
 * Ids of company-level configuration are fixed so they read like a real company's settings.
 */
import type { ProcoreIdName, ProcoreObservationType, ProcoreSubmittalStatus } from "./types.ts";

export const PROJECT_STAGES = {
  preConstruction: { id: 41, name: "Pre-Construction" },
  course: { id: 42, name: "Course of Construction" },
  post: { id: 43, name: "Post-Construction" },
  warranty: { id: 44, name: "Warranty" },
} as const satisfies Record<string, ProcoreIdName>;

export const REGION_IDS: Readonly<Record<string, number>> = { North: 301, South: 302, East: 303, West: 304 };

/** Washington counties of the demo cities (Procore stores a county per project). */
export const COUNTIES: Readonly<Record<string, string>> = {
  Everett: "Snohomish",
  Bellingham: "Whatcom",
  "Mount Vernon": "Skagit",
  Tacoma: "Pierce",
  Lakewood: "Pierce",
  Olympia: "Thurston",
  Bellevue: "King",
  Redmond: "King",
  Issaquah: "King",
  Bremerton: "Kitsap",
  "Port Orchard": "Kitsap",
  Poulsbo: "Kitsap",
};

export const TIME_ZONE = "Pacific Time (US & Canada)";

/** CSI MasterFormat divisions with the cost codes the company's budgets use. */
export const DIVISIONS: Readonly<
  Record<string, { readonly name: string; readonly codes: readonly (readonly [string, string])[] }>
> = {
  "01": {
    name: "General Requirements",
    codes: [
      ["01-100", "Project Management and Coordination"],
      ["01-500", "Temporary Facilities and Controls"],
      ["01-740", "Cleaning and Waste Management"],
    ],
  },
  "03": {
    name: "Concrete",
    codes: [
      ["03-100", "Concrete Forming and Accessories"],
      ["03-200", "Concrete Reinforcing"],
      ["03-300", "Cast-in-Place Concrete"],
    ],
  },
  "04": { name: "Masonry", codes: [["04-200", "Unit Masonry"]] },
  "05": {
    name: "Metals",
    codes: [
      ["05-100", "Structural Metal Framing"],
      ["05-500", "Metal Fabrications"],
    ],
  },
  "06": {
    name: "Wood, Plastics, and Composites",
    codes: [
      ["06-100", "Rough Carpentry"],
      ["06-200", "Finish Carpentry"],
    ],
  },
  "07": {
    name: "Thermal and Moisture Protection",
    codes: [
      ["07-200", "Thermal Protection"],
      ["07-500", "Membrane Roofing"],
    ],
  },
  "08": {
    name: "Openings",
    codes: [
      ["08-100", "Metal Doors and Frames"],
      ["08-700", "Hardware"],
    ],
  },
  "09": {
    name: "Finishes",
    codes: [
      ["09-200", "Plaster and Gypsum Board"],
      ["09-900", "Painting and Coating"],
    ],
  },
  "21": { name: "Fire Suppression", codes: [["21-100", "Water-Based Fire-Suppression Systems"]] },
  "22": {
    name: "Plumbing",
    codes: [
      ["22-100", "Plumbing Piping"],
      ["22-400", "Plumbing Fixtures"],
    ],
  },
  "23": {
    name: "Heating, Ventilating, and Air Conditioning (HVAC)",
    codes: [
      ["23-300", "HVAC Air Distribution"],
      ["23-700", "Central HVAC Equipment"],
    ],
  },
  "26": {
    name: "Electrical",
    codes: [
      ["26-200", "Low-Voltage Electrical Transmission"],
      ["26-500", "Lighting"],
    ],
  },
  "27": { name: "Communications", codes: [["27-100", "Structured Cabling"]] },
  "31": { name: "Earthwork", codes: [["31-200", "Earth Moving"]] },
  "32": { name: "Exterior Improvements", codes: [["32-100", "Bases, Ballasts, and Paving"]] },
  "33": { name: "Utilities", codes: [["33-100", "Water Utilities"]] },
};

/** Procore's default line item types, the `category` of budget rows. */
export const BUDGET_CATEGORIES = {
  labor: { id: 5611, name: "Labor" },
  materials: { id: 5612, name: "Materials" },
  commitment: { id: 5613, name: "Commitment" },
  other: { id: 5614, name: "Other" },
} as const satisfies Record<string, ProcoreIdName>;

export const SUBMITTAL_STATUSES = {
  open: { id: 1, name: "Open", status: "Open" },
  closed: { id: 2, name: "Closed", status: "Closed" },
  draft: { id: 3, name: "Draft", status: "Draft" },
} as const satisfies Record<string, ProcoreSubmittalStatus>;

export const SUBMITTAL_TYPES: readonly ProcoreIdName[] = [
  { id: 901, name: "Shop Drawing" },
  { id: 902, name: "Product Information" },
  { id: 903, name: "Sample" },
  { id: 904, name: "Specification" },
  { id: 905, name: "Document" },
];

export const OBSERVATION_TYPES: readonly ProcoreObservationType[] = [
  { id: 1101, name: "Commissioning", category: "Commissioning" },
  { id: 1102, name: "Corrective Action", category: "Quality" },
  { id: 1103, name: "Deficiency", category: "Quality" },
  { id: 1104, name: "Non-Conformant", category: "Quality" },
  { id: 1105, name: "Pre-Punch", category: "Quality" },
  { id: 1106, name: "Near-Miss", category: "Safety" },
  { id: 1107, name: "Safety Hazard", category: "Safety" },
  { id: 1108, name: "Safety Notice", category: "Safety" },
  { id: 1109, name: "Safety Violation", category: "Safety" },
  { id: 1110, name: "Warranty", category: "Warranty" },
];

export const RFI_TOPICS = [
  "Clarify dimensions of",
  "Conflict between structural and architectural drawings at",
  "Confirm substitution of specified product for",
  "Missing detail for",
  "Field condition differs from drawings at",
  "Confirm finish schedule for",
  "Request elevation change for",
  "Coordinate routing of",
];

export const RFI_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  "01": ["site logistics plan", "temporary power", "crane pad"],
  "03": ["grade beam reinforcing", "slab-on-grade control joints", "elevator pit walls"],
  "04": ["CMU bond beams", "masonry veneer ties"],
  "05": ["moment frame connections", "stair stringers", "embed plates"],
  "06": ["blocking for wall-mounted equipment", "millwork casework"],
  "07": ["roof drain crickets", "air barrier transitions", "parapet flashing"],
  "08": ["door hardware sets", "storefront anchors"],
  "09": ["gypsum board ceiling soffits", "paint schedule in corridors"],
  "21": ["sprinkler main through shear wall", "standpipe locations"],
  "22": ["sanitary waste below slab", "domestic water riser"],
  "23": ["rooftop unit curbs", "supply duct in corridor ceiling"],
  "26": ["panelboard locations", "lighting control zones"],
  "27": ["IDF room layout", "data cable tray"],
  "31": ["over-excavation at footings", "import fill compaction"],
  "32": ["curb ramp slopes", "asphalt section at drive aisle"],
  "33": ["water service tie-in", "storm manhole invert"],
};

export const LOCATIONS = [
  "Level 1",
  "Level 2",
  "Level 3",
  "Roof",
  "Grid C/4",
  "Grid F/7",
  "North stair",
  "Loading dock",
];

export const OBSERVATION_NAMES: Readonly<Record<string, readonly string[]>> = {
  Safety: [
    "Missing guardrail at slab edge",
    "Unsecured ladder",
    "Open floor penetration",
    "Worker without hard hat",
  ],
  Quality: [
    "Honeycombing at column base",
    "Drywall seams not taped",
    "Misaligned door frame",
    "Paint overspray on glazing",
  ],
  Commissioning: ["Air handler startup checklist incomplete", "Fire alarm test pending"],
  Warranty: ["Roof leak at drain", "HVAC unit fault code"],
};
