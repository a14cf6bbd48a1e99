/**
 * Checks that a scan request holds only what a connector advertised. Any connector can call it;
 * the memory connector always does, so planner mistakes surface in tests.
 */

import type { EntitySetDef } from "@headgate/model";
import type { ConnectorCapabilities, ScanRequest } from "./contract.ts";
import { isPushable, pushableOperators } from "./pushability.ts";

export class ScanContractError extends Error {
  constructor(message: string) {
    super(`scan request exceeds the connector's advertised capabilities: ${message}`);
    this.name = "ScanContractError";
  }
}

export function assertScanAdvertised(
  request: ScanRequest,
  definition: EntitySetDef,
  capabilities: ConnectorCapabilities,
): void {
  const fail = (message: string) => {
    throw new ScanContractError(message);
  };
  if (
    request.filter &&
    (!capabilities.filter || !isPushable(request.filter, pushableOperators(definition.entityType)))
  )
    fail("filter");
  if (request.search && !capabilities.search) fail("search");
  if (request.select && !capabilities.projection) fail("select");
  if (request.count && !capabilities.count) fail("count");
  if (request.aggregation && !capabilities.aggregation) fail("aggregation");
  if ((request.top !== undefined || request.skip !== undefined) && capabilities.paging !== "offset")
    fail("top/skip");
  for (const order of request.orderBy ?? []) {
    const property = definition.entityType.properties.find((p) => p.name === order.property);
    if (!capabilities.orderBy || !property?.capabilities.sortable) fail(`orderBy ${order.property}`);
  }
}
