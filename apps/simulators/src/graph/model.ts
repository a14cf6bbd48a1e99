/**
 * The SharePoint data the simulator serves, as the demo world generates it.
 */
export type {
  SharepointColumn,
  SharepointColumnType,
  SharepointData,
  SharepointDrive,
  SharepointDriveItem,
  SharepointFieldValue,
  SharepointList,
  SharepointListItem,
  SharepointSite,
  SharepointUser,
} from "@headgate/demo-world";
export { generateSharepointData } from "@headgate/demo-world";
