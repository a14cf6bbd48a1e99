/**
 * The company every upstream system describes: its projects (jobs), the firms it buys from, the
 * owners it builds for, and its people. Each system's generator derives its own records from
 * these, so the systems agree the way real ones do (same job numbers, same vendor names).
 */

export type RegionName = "North" | "South" | "East" | "West";

export type ProjectType = "Healthcare" | "Education" | "Commercial" | "Civil" | "Residential" | "Industrial";

/** Sage 300 CRE job status vocabulary. */
export type JobStatus = "In Progress" | "Closed" | "Unstarted" | "Hold" | "Pending";

export interface Address {
  readonly street: string;
  readonly city: string;
  readonly state: string;
  readonly zip: string;
}

export interface Location {
  readonly longitude: number;
  readonly latitude: number;
}

export interface Region {
  readonly name: RegionName;
  readonly cities: readonly { readonly city: string; readonly zip: string; readonly center: Location }[];
  /** The SharePoint site of the region's operations, e.g. `north-ops`. */
  readonly siteName: string;
}

export interface Person {
  readonly index: number;
  readonly name: string;
  readonly email: string;
  readonly role: "Project Manager" | "Superintendent" | "Estimator" | "Safety Manager";
  /** Procore user id. */
  readonly procoreId: number;
}

export interface Customer {
  readonly index: number;
  /** Sage AR customer code, e.g. `CITYHOSP` (unpadded; Sage pads it to 10). */
  readonly code: string;
  readonly name: string;
  readonly phone: string;
}

export interface Vendor {
  readonly index: number;
  /** Sage AP vendor code, e.g. `ACMEELEC` (unpadded; Sage pads it to 10). */
  readonly code: string;
  readonly name: string;
  readonly trade: string;
  /** The CSI division of the vendor's trade, e.g. `26` for electrical. */
  readonly division: string;
  readonly address: Address;
  readonly phone: string;
  readonly contactName: string;
  readonly contactEmail: string;
  /** Procore vendor id (company directory). */
  readonly procoreId: number;
}

export type ProjectTier = "large" | "medium" | "small";

export interface Project {
  readonly index: number;
  /** The Sage job number, also Procore's `project_number`, the ArcGIS site's `PROJECT_NUMBER` and
   * the SharePoint folder name: `'23-104'` (start year - sequence). */
  readonly jobNumber: string;
  readonly name: string;
  readonly region: RegionName;
  readonly type: ProjectType;
  readonly tier: ProjectTier;
  readonly status: JobStatus;
  /** Original contract amount in US dollars. */
  readonly contractAmount: number;
  /** Epoch ms. */
  readonly startDate: number;
  readonly completionDate: number;
  readonly address: Address;
  readonly location: Location;
  readonly customer: Customer;
  readonly projectManager: Person;
  readonly superintendent: Person;
  readonly estimator: Person;
  /** Procore project id. */
  readonly procoreId: number;
  /** Vendors working on the project (subcontractors and suppliers). */
  readonly vendors: readonly Vendor[];
}

export interface Company {
  readonly seed: number;
  readonly scale: number;
  readonly name: string;
  /** Procore company id (`Procore-Company-Id`). */
  readonly procoreCompanyId: number;
  readonly regions: readonly Region[];
  readonly people: readonly Person[];
  readonly customers: readonly Customer[];
  readonly vendors: readonly Vendor[];
  readonly projects: readonly Project[];
}
