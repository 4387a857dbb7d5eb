// Catalogue versions fetched once per pane: a published version never changes.
import type { PublishedCatalogue } from "../api/client.js";
import type { Session } from "../auth/session.js";

export interface CatalogueCache {
  /** The given version (the latest when left out), or null when it is not published. */
  get(version: string | undefined): Promise<PublishedCatalogue | null>;
}

export function catalogueCache(session: Session): CatalogueCache {
  const byVersion = new Map<string, Promise<PublishedCatalogue | null>>();
  return {
    async get(version) {
      if (version === undefined) {
        const latest = await session.api.catalogue();
        if (latest) byVersion.set(latest.version, Promise.resolve(latest));
        return latest;
      }
      let found = byVersion.get(version);
      if (!found) {
        found = session.api.catalogue(version);
        byVersion.set(version, found);
        found.catch(() => byVersion.delete(version));
      }
      return found;
    },
  };
}
