/** The company's people and vendor contacts as Procore nests users: `{id, login, name}`. */
import type { Person, Vendor } from "../company/types.ts";
import { vendorContactUserId } from "./ids.ts";
import type { ProcoreUserRef } from "./types.ts";

export function userRef(person: Person): ProcoreUserRef {
  return { id: person.procoreId, login: person.email, name: person.name };
}

export function vendorContactRef(vendor: Vendor): ProcoreUserRef {
  return { id: vendorContactUserId(vendor.index), login: vendor.contactEmail, name: vendor.contactName };
}
