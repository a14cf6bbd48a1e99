/** The company directory's vendors: the company's firms under the same names and Procore ids. */
import type { Vendor } from "../company/types.ts";
import { DAY_MS, WORLD_END, WORLD_START } from "../dates.ts";
import type { Random } from "../random.ts";
import { vendorContactUserId } from "./ids.ts";
import { timestamp } from "./timeline.ts";
import type { ProcoreTrade, ProcoreVendor } from "./types.ts";

/** Company trades with stable ids, in the order trades first appear among the vendors. */
export function tradesOf(vendors: readonly Vendor[]): ProcoreTrade[] {
  const names = [...new Set(vendors.map((v) => v.trade))];
  return names.map((name, index) => ({ id: 180_000 + index, name }));
}

export function vendorRecord(random: Random, vendor: Vendor): ProcoreVendor {
  // The directory was imported when the company moved onto Procore.
  const created = WORLD_START + random.int(0, 20) * DAY_MS + random.int(7 * 3600, 17 * 3600) * 1000;
  const updated = Math.min(WORLD_END, created + random.int(0, 1000) * DAY_MS);
  const [first = vendor.contactName, ...rest] = vendor.contactName.split(" ");
  const domain = vendor.contactEmail.split("@")[1] ?? "example.com";
  return {
    id: vendor.procoreId,
    name: vendor.name,
    abbreviated_name: vendor.code,
    address: vendor.address.street,
    city: vendor.address.city,
    state_code: vendor.address.state,
    zip: vendor.address.zip,
    country_code: "US",
    business_phone: vendor.phone,
    email_address: `office@${domain}`,
    is_active: !random.chance(0.04),
    trade_name: vendor.trade,
    license_number: random.chance(0.8)
      ? `${vendor.code.slice(0, 6)}*${random.int(100, 999)}${"ABCDEFGHJK"[random.int(0, 9)]}`
      : null,
    origin_id: null,
    origin_code: vendor.code,
    primary_contact: {
      id: vendorContactUserId(vendor.index),
      first_name: first,
      last_name: rest.join(" "),
      email_address: vendor.contactEmail,
      business_phone: vendor.phone,
    },
    vendor_group: null,
    created_at: timestamp(created),
    updated_at: timestamp(updated),
  };
}
