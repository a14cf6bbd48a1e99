/** `/arcgis/rest/services` and its folders, and `/arcgis/rest/info` (where clients find the token URL). */
import type { FeatureServiceData } from "../model.ts";
import { CURRENT_VERSION, FULL_VERSION } from "./versions.ts";

export function rootDirectory(data: FeatureServiceData) {
  return {
    currentVersion: CURRENT_VERSION,
    folders: data.folder ? [data.folder] : [],
    services: data.folder ? [] : [{ name: data.serviceName, type: "FeatureServer" }],
  };
}

export function folderDirectory(data: FeatureServiceData) {
  return {
    currentVersion: CURRENT_VERSION,
    folders: [],
    services: [{ name: `${data.folder}/${data.serviceName}`, type: "FeatureServer" }],
  };
}

export function serverInfo(baseUrl: string, tokenLifetimeSeconds: number) {
  return {
    currentVersion: CURRENT_VERSION,
    fullVersion: FULL_VERSION,
    authInfo: {
      isTokenBasedSecurity: true,
      tokenServicesUrl: `${baseUrl}/arcgis/tokens/`,
      shortLivedTokenValidity: Math.round(tokenLifetimeSeconds / 60),
    },
  };
}
