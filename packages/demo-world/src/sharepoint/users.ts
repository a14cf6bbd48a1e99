/**
 * The company's people as SharePoint users. Every site shares the same Entra object ids; the
 * lookup ids (positions in a site's User Information List) start after SharePoint's own entries.
 */
import type { Person } from "../company/types.ts";
import type { Random } from "../random.ts";
import { guid } from "./ids.ts";
import type { SharepointUser } from "./types.ts";

/** SharePoint's built-in account, the author of libraries and root folders. */
export const SYSTEM_ACCOUNT: SharepointUser = { displayName: "System Account", lookupId: 1073741823 };

const FIRST_LOOKUP_ID = 11;

export interface Directory {
  readonly users: readonly SharepointUser[];
  of(person: Person): SharepointUser;
}

export function createDirectory(random: Random, people: readonly Person[]): Directory {
  const users = people.map((person) => ({
    id: guid(random),
    displayName: person.name,
    email: person.email,
    lookupId: FIRST_LOOKUP_ID + person.index,
  }));
  return {
    users,
    of: (person) => users[person.index]!,
  };
}
