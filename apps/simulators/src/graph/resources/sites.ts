/** Site resources: a site, `sites?search=`, and a site's (absent) subsites. */
import type { SharepointSite } from "../model.ts";
import { paginate } from "../odata/paging.ts";
import { collection } from "./collection.ts";
import { contextKey, type RequestContext } from "./request-context.ts";
import { applySelect } from "./select.ts";

const SITE_PROPERTIES = [
  "id",
  "createdDateTime",
  "description",
  "lastModifiedDateTime",
  "name",
  "webUrl",
  "displayName",
  "root",
  "siteCollection",
];

export function renderSite(site: SharepointSite): Record<string, unknown> {
  return {
    createdDateTime: site.createdDateTime,
    description: site.description,
    id: site.id,
    lastModifiedDateTime: site.lastModifiedDateTime,
    name: site.name,
    webUrl: site.webUrl,
    displayName: site.displayName,
    root: {},
    siteCollection: { hostname: site.hostname },
  };
}

export function getSite(context: RequestContext, site: SharepointSite) {
  return {
    "@odata.context": `${context.metadata}#sites/$entity`,
    ...applySelect(renderSite(site), context.options.select, "site", SITE_PROPERTIES),
  };
}

/** `GET /sites?search={text}`: sites whose name, title or description contain every word. */
export function searchSites(context: RequestContext) {
  const text = (context.options.search ?? "*").trim().toLowerCase();
  const words = text === "*" || text === "" ? [] : text.split(/\s+/);
  const found = context.store.sites.filter((site) => {
    const haystack = `${site.name} ${site.displayName} ${site.description}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
  const page = paginate(context.request, found, (site) => site.id, context.options, context.limits);
  return collection(
    `${context.metadata}#sites`,
    page.items.map((site) => applySelect(renderSite(site), context.options.select, "site", SITE_PROPERTIES)),
    page.nextLink,
  );
}

export function listSubsites(context: RequestContext, site: SharepointSite) {
  return collection(`${context.metadata}#sites('${contextKey(site.id)}')/sites`, [], undefined);
}
