// Hash routes (#/inbox/{id}, #/patient/{cohortId}/{parentId}): their parts come from links anyone can write.

/** A route's part, decoded; a malformed escape (a crafted link) is no part rather than a broken app. */
export function decoded(part) {
  try {
    return decodeURIComponent(part);
  } catch (e) {
    return null;
  }
}
