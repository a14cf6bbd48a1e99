/**
 * The company's AP vendors (`APM_MASTER__VENDOR`), AR customers (`ARM_MASTER__CUSTOMER`) and GL
 * accounts (`GLM_MASTER__ACCOUNT`). Vendor and customer names are the company's own, so the
 * Procore directory and Sage agree on who is who.
 */
import type { Company, Vendor } from "../company/types.ts";
import { REGIONS } from "../company/vocabulary.ts";
import { DAY_MS, WORLD_END } from "../dates.ts";
import type { Random } from "../random.ts";
import { LEDGER } from "./chart-of-accounts.ts";
import { KEY_WIDTH, padKey, sageDate } from "./conventions.ts";
import { sageRandom } from "./job-plan.ts";
import type { AccountRow, CustomerRow, VendorRow } from "./tables.ts";

/** Trades that sell materials rather than perform work. */
const SUPPLIER_TRADES = new Set(["Doors and Hardware"]);

export function vendorRows(company: Company): VendorRow[] {
  const random = sageRandom(company).fork("vendors");
  return company.vendors.map((vendor) => vendorRow(vendor, random));
}

function vendorRow(vendor: Vendor, random: Random): VendorRow {
  const supplier = SUPPLIER_TRADES.has(vendor.trade);
  // Subcontractors carry umbrella insurance; some certificates have lapsed and need chasing.
  const insured = !supplier && random.chance(0.9);
  return {
    Vendor: padKey(vendor.code, KEY_WIDTH.vendor),
    Name: vendor.name,
    Type: supplier ? "Supplier" : "Subcontractor",
    Address_1: vendor.address.street,
    Address_2: random.chance(0.3) ? `Suite ${random.int(100, 450)}` : "",
    City: vendor.address.city,
    State: vendor.address.state,
    ZIP: vendor.address.zip,
    Telephone: vendor.phone,
    Fax_Number: random.chance(0.2) ? vendor.phone.replace(/\d{4}$/, String(random.int(1000, 9999))) : "",
    Contact_1_Name: vendor.contactName,
    Contact_1_Email_Address: vendor.contactEmail,
    Contact_1_Telephone: vendor.phone,
    Umb_Ins_Policy_Num: insured ? `UMB${random.int(1_000_000, 9_999_999)}` : "",
    Umb_Ins_Expir_Dt: insured ? sageDate(WORLD_END + random.int(-120, 400) * DAY_MS) : null,
  };
}

export function customerRows(company: Company): CustomerRow[] {
  const random = sageRandom(company).fork("customers");
  return company.customers.map((customer) => {
    const city = random.pick(random.pick(REGIONS).cities);
    return {
      Customer: padKey(customer.code, KEY_WIDTH.customer),
      Name: customer.name,
      Address_1: `${random.int(100, 9999)} ${random.pick(["Main St", "Pacific Ave", "Broadway", "Market St"])}`,
      City: city.city,
      State: "WA",
      ZIP: city.zip,
      Telephone: customer.phone,
    };
  });
}

export function accountRows(): AccountRow[] {
  return LEDGER.map((a) => ({
    Account: padKey(a.account, KEY_WIDTH.account),
    Description: a.description,
    Account_Type: a.type,
  }));
}
