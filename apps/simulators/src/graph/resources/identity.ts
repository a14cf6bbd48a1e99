/** Graph's `identitySet` for a SharePoint user: `{user:{email,id,displayName}}`. */
import type { SharepointUser } from "../model.ts";

export function identitySet(user: SharepointUser) {
  return {
    user: {
      ...(user.email ? { email: user.email } : {}),
      ...(user.id ? { id: user.id } : {}),
      displayName: user.displayName,
    },
  };
}
