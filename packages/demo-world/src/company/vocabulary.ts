/**
 * Names and places the demo company draws from. The cities and coordinates are real places in
 * Washington State, so maps in ArcGIS look plausible; the firms and people are fictional.
 */
import type { ProjectType, Region } from "./types.ts";

export const COMPANY_NAME = "Cascade Ridge Builders";

export const REGIONS: readonly Region[] = [
  {
    name: "North",
    siteName: "north-ops",
    cities: [
      { city: "Everett", zip: "98201", center: { longitude: -122.2021, latitude: 47.979 } },
      { city: "Bellingham", zip: "98225", center: { longitude: -122.4787, latitude: 48.7519 } },
      { city: "Mount Vernon", zip: "98273", center: { longitude: -122.3343, latitude: 48.4212 } },
    ],
  },
  {
    name: "South",
    siteName: "south-ops",
    cities: [
      { city: "Tacoma", zip: "98402", center: { longitude: -122.4443, latitude: 47.2529 } },
      { city: "Olympia", zip: "98501", center: { longitude: -122.9007, latitude: 47.0379 } },
      { city: "Lakewood", zip: "98499", center: { longitude: -122.5185, latitude: 47.1718 } },
    ],
  },
  {
    name: "East",
    siteName: "east-ops",
    cities: [
      { city: "Bellevue", zip: "98004", center: { longitude: -122.2015, latitude: 47.6101 } },
      { city: "Redmond", zip: "98052", center: { longitude: -122.1215, latitude: 47.674 } },
      { city: "Issaquah", zip: "98027", center: { longitude: -122.0326, latitude: 47.5301 } },
    ],
  },
  {
    name: "West",
    siteName: "west-ops",
    cities: [
      { city: "Bremerton", zip: "98310", center: { longitude: -122.6326, latitude: 47.5673 } },
      { city: "Port Orchard", zip: "98366", center: { longitude: -122.6365, latitude: 47.5404 } },
      { city: "Poulsbo", zip: "98370", center: { longitude: -122.6465, latitude: 47.7359 } },
    ],
  },
];

export const PROJECT_TYPES: readonly (readonly [ProjectType, readonly string[]])[] = [
  ["Healthcare", ["Medical Office Building", "Clinic Expansion", "Hospital Wing", "Surgery Center"]],
  ["Education", ["Elementary School", "High School Modernization", "Library", "Science Building"]],
  ["Commercial", ["Office Tenant Improvement", "Retail Center", "Hotel", "Bank Branch"]],
  ["Civil", ["Bridge Rehabilitation", "Pump Station", "Water Main Replacement", "Transit Center"]],
  ["Residential", ["Apartments", "Senior Living", "Townhomes", "Mixed-Use Lofts"]],
  ["Industrial", ["Warehouse", "Distribution Center", "Maintenance Facility", "Cold Storage"]],
];

export const PLACE_WORDS = [
  "Riverside",
  "Harbor",
  "Cedar",
  "Summit",
  "Mill Creek",
  "Lakeview",
  "Pioneer",
  "Evergreen",
  "Salmon Bay",
  "Ridgeline",
  "Madrona",
  "Alder",
  "Cascade",
  "Puget",
  "Timberline",
  "Orchard",
  "Fircrest",
  "Bayview",
];

export const STREETS = [
  "Main St",
  "Pacific Ave",
  "Broadway",
  "Commerce St",
  "Harbor Way",
  "1st Ave",
  "Cedar Ln",
  "Industrial Way",
  "Market St",
  "Lake Dr",
];

/** Trades with their CSI MasterFormat division, for vendors and cost codes. */
export const TRADES: readonly (readonly [string, string])[] = [
  ["Concrete", "03"],
  ["Masonry", "04"],
  ["Structural Steel", "05"],
  ["Carpentry", "06"],
  ["Roofing", "07"],
  ["Doors and Hardware", "08"],
  ["Drywall", "09"],
  ["Painting", "09"],
  ["Fire Protection", "21"],
  ["Plumbing", "22"],
  ["HVAC", "23"],
  ["Electrical", "26"],
  ["Low Voltage", "27"],
  ["Earthwork", "31"],
  ["Paving", "32"],
  ["Utilities", "33"],
];

export const FIRM_WORDS = [
  "Northwest",
  "Sound",
  "Olympic",
  "Rainier",
  "Evergreen",
  "Pacific",
  "Summit",
  "Columbia",
  "Cascade",
  "Emerald",
  "Baker",
  "Whidbey",
  "Chinook",
  "Kitsap",
];
export const FIRM_SUFFIXES = ["Inc.", "LLC", "Co.", "Corp.", "& Sons", "Group"];

export const OWNERS = [
  "City Hospital District",
  "Puget School District",
  "Harborview Properties",
  "County Public Works",
  "Evergreen Housing Authority",
  "Summit Retail Partners",
  "Port Logistics LLC",
  "Cascade Water Utility",
  "Lakeside Health",
  "Sound Transit Partners",
  "Riverside Apartments LP",
  "Northwest Community College",
  "Bayview Hotels",
  "Pioneer Bank",
  "Orchard Senior Living",
];

export const FIRST_NAMES = [
  "Maria",
  "James",
  "Aisha",
  "Tom",
  "Priya",
  "Luis",
  "Grace",
  "Ken",
  "Sofia",
  "Dmitri",
  "Hannah",
  "Omar",
  "Mei",
  "Carlos",
  "Ruth",
  "Jonah",
];
export const LAST_NAMES = [
  "Alvarez",
  "Nguyen",
  "Okafor",
  "Larsen",
  "Patel",
  "Kowalski",
  "Ramirez",
  "Chen",
  "Haugen",
  "Brooks",
  "Tanaka",
  "Ibrahim",
  "Olsen",
  "Moreau",
];
