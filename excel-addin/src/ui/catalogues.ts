// Catalogue versions fetched once per pane: a published version never changes.
import type { PublishedCatalogue } from "../api/client.js";
import type { Session } from "../auth/session.js";

export interface CatalogueCache {
  /** The given version (the latest when left out), or null when it is not published. */
  get(version: string | undefined): Promise<PublishedCatalogue | null>;
}

export function catalogueCache(session: Session): CatalogueCache {
  const byVersion = new Map<string, Promise<PublishedCatalogue | null>>();
  // The latest version as of the pane's start; the TOMS functions ask for it on every recalculation.
  let latest: Promise<PublishedCatalogue | null> | null = null;
  const remember = (key: string, found: Promise<PublishedCatalogue | null>) => {
    byVersion.set(key, found);
    // A failure (offline, signed out) is not remembered: the next call tries again.
    found.catch(() => byVersion.delete(key));
    return found;
  };
  return {
    get(version) {
      if (version !== undefined) return byVersion.get(version) ?? remember(version, session.api.catalogue(version));
      if (!latest) {
        latest = session.api.catalogue().then((found) => {
          if (found) byVersion.set(found.version, Promise.resolve(found));
          return found;
        });
        // A failure is not remembered either.
        latest.catch(() => (latest = null));
      }
      return latest;
    },
  };
}
