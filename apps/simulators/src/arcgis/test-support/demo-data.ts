/**
 * The demo world's GIS for the simulator's tests.
 */
import { generateArcgisData, generateCompany } from "@headgate/demo-world";
import type { FeatureServiceData } from "../model.ts";

export const company = generateCompany({ seed: 20240131, scale: 1 });
export const demoData: FeatureServiceData = generateArcgisData(company);

export function demoLayer(id: number) {
  const layer = demoData.layers.find((l) => l.id === id);
  if (!layer) throw new Error(`no layer ${id}`);
  return layer;
}
