/** Vendors: the company directory's vendors (subcontractors and suppliers). */
import { bool, nested, num, prop, text, timestamp } from "../schema/property.ts";
import { COMMON_FILTERS, createdAt, idProperty, updatedAt } from "./common.ts";
import type { ProcoreEntitySet } from "./procore-entity-set.ts";

export const vendors: ProcoreEntitySet = {
  scope: "company",
  definition: {
    name: "Vendors",
    description: "Vendors (subcontractors, suppliers) in the Procore company directory.",
    entityType: {
      name: "Vendor",
      key: ["id"],
      navigation: [],
      properties: [
        idProperty("vendor", true),
        prop("name", "Edm.String", "Vendor company name.", { searchable: true }),
        prop("abbreviated_name", "Edm.String", "Short name or code.", { searchable: true }),
        prop("trade_name", "Edm.String", "Main trade, e.g. 'Concrete'.", { searchable: true }),
        prop("is_active", "Edm.Boolean", "True while the vendor is active in the directory."),
        prop("address", "Edm.String", "Street address."),
        prop("city", "Edm.String", "City."),
        prop("state_code", "Edm.String", "State or province code."),
        prop("zip", "Edm.String", "Postal code."),
        prop("business_phone", "Edm.String", "Main phone number."),
        prop("email_address", "Edm.String", "Main email address."),
        prop("license_number", "Edm.String", "Contractor licence number."),
        prop("origin_code", "Edm.String", "Vendor code in the ERP it came from, if any."),
        prop("primary_contact_name", "Edm.String", "Full name of the primary contact."),
        prop("primary_contact_email", "Edm.String", "Email of the primary contact."),
        createdAt(true),
        updatedAt(true),
      ],
    },
  },
  endpoints: [
    {
      request: ({ companyId }) => ({
        path: "/rest/v1.0/vendors",
        query: [["company_id", String(companyId)]],
      }),
      toRow: (r) => {
        const contact = r.primary_contact;
        const first = text(nested(contact, "first_name"));
        const last = text(nested(contact, "last_name"));
        return {
          id: num(r.id),
          name: text(r.name),
          abbreviated_name: text(r.abbreviated_name),
          trade_name: text(r.trade_name),
          is_active: bool(r.is_active),
          address: text(r.address),
          city: text(r.city),
          state_code: text(r.state_code),
          zip: text(r.zip),
          business_phone: text(r.business_phone),
          email_address: text(r.email_address),
          license_number: text(r.license_number),
          origin_code: text(r.origin_code),
          primary_contact_name:
            first === null && last === null ? null : [first, last].filter(Boolean).join(" "),
          primary_contact_email: text(nested(contact, "email_address")),
          created_at: timestamp(r.created_at),
          updated_at: timestamp(r.updated_at),
        };
      },
    },
  ],
  filters: COMMON_FILTERS,
  sort: { style: "list", fields: ["id", "created_at", "updated_at"] },
};
