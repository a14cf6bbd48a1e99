/**
 * Identifiers in the forms SharePoint and Graph use, drawn from a seeded stream so the same
 * world always has the same ids: GUIDs, composite site ids, `b!...` drive ids and the 34-character
 * driveItem ids.
 */
import type { Random } from "../random.ts";

const HEX = "0123456789abcdef";
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function randomChars(random: Random, alphabet: string, length: number): string {
  let text = "";
  for (let i = 0; i < length; i++) text += alphabet[random.int(0, alphabet.length - 1)];
  return text;
}

/** A lowercase version-4 GUID. */
export function guid(random: Random): string {
  const hex = randomChars(random, HEX, 32).split("");
  hex[12] = "4";
  hex[16] = HEX[8 + random.int(0, 3)]!;
  const text = hex.join("");
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

export function compositeSiteId(hostname: string, siteCollectionId: string, webId: string): string {
  return `${hostname},${siteCollectionId},${webId}`;
}

/** A GUID's bytes in Microsoft's mixed-endian layout (the first three groups little-endian). */
function guidBytes(value: string): number[] {
  const hex = value.replace(/-/g, "");
  const bytes = Array.from({ length: 16 }, (_, i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16));
  const swap = (from: number, to: number) => bytes.slice(from, to).reverse();
  return [...swap(0, 4), ...swap(4, 6), ...swap(6, 8), ...bytes.slice(8)];
}

/** SharePoint drive ids encode the site collection, web and library GUIDs: `b!` + base64url. */
export function driveId(siteCollectionId: string, webId: string, listId: string): string {
  const bytes = [...guidBytes(siteCollectionId), ...guidBytes(webId), ...guidBytes(listId)];
  return `b!${Buffer.from(bytes).toString("base64url")}`;
}

/** The prefix every driveItem id of one drive shares (`01` + six characters). */
export function driveItemIdPrefix(random: Random): string {
  return `01${randomChars(random, BASE32, 6)}`;
}

export function driveItemId(random: Random, prefix: string): string {
  return `${prefix}${randomChars(random, BASE32, 26)}`;
}

/** A base64 QuickXorHash (20 bytes), as in `file.hashes.quickXorHash`. */
export function quickXorHash(random: Random): string {
  return Buffer.from(Array.from({ length: 20 }, () => random.int(0, 255))).toString("base64");
}
