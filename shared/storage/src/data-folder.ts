// The data folder holds the development sign-in key, the journal of acknowledged writes and the
// embedded storage's tables: only the service's own OS user may read it, since these machines are
// shared. New folders are made 0700 and new files 0600 where they are written; this tightens what
// an older version, or a copy, left wider.
import { chmodSync, lstatSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Folders under the data folder: only their owner may list or enter them. */
export const PRIVATE_DIR_MODE = 0o700;
/** Files under the data folder: only their owner may read or write them. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Makes the data folder if it is missing (mode 700) and takes away group and other access from it
 * and everything under it. Returns the paths it changed, so the caller can say so.
 */
export function securePrivateFolder(dir: string): string[] {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const changed: string[] = [];
  const tighten = (path: string) => {
    const stat = lstatSync(path);
    // A link's own mode means nothing, and following it could change a file outside the folder.
    if (stat.isSymbolicLink()) return;
    if ((stat.mode & 0o077) !== 0) {
      chmodSync(path, stat.mode & 0o700);
      changed.push(path);
    }
    if (stat.isDirectory()) for (const name of readdirSync(path)) tighten(join(path, name));
  };
  tighten(dir);
  return changed;
}
