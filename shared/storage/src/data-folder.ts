// The data folder holds the development sign-in key, the journal of acknowledged writes and the
// embedded storage's tables: only the service's own OS user may read it, since these machines are
// shared. New folders are made 0700 and new files 0600 where they are written; this tightens what
// an older version, or a copy, left wider.
import { closeSync, constants, fchmodSync, fstatSync, mkdirSync, openSync, readdirSync, realpathSync } from "node:fs";
import { join } from "node:path";

/** Folders under the data folder: only their owner may list or enter them. */
export const PRIVATE_DIR_MODE = 0o700;
/** Files under the data folder: only their owner may read or write them. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Makes the data folder if it is missing (mode 700) and takes away group and other access from it
 * and everything under it. The folder itself may be a link (data on another volume is common);
 * links inside it are left alone. Returns the paths it changed, so the caller can say so.
 */
export function securePrivateFolder(dir: string): string[] {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const changed: string[] = [];
  const tighten = (path: string) => {
    // Opened without following a link, then changed through that handle: a file swapped for a link
    // between a check and a chmod could otherwise lend its mode change to a file outside the folder.
    let handle: number;
    try {
      handle = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch (error) {
      // A link (ELOOP) is not ours to change; nor is a socket (ENXIO), which has no mode worth keeping.
      if (["ELOOP", "ENXIO"].includes((error as NodeJS.ErrnoException).code ?? "")) return;
      throw error;
    }
    let isDirectory: boolean;
    try {
      const stat = fstatSync(handle);
      isDirectory = stat.isDirectory();
      if ((stat.mode & 0o077) !== 0) {
        fchmodSync(handle, stat.mode & 0o700);
        changed.push(path);
      }
    } finally {
      closeSync(handle);
    }
    if (isDirectory) for (const name of readdirSync(path)) tighten(join(path, name));
  };
  tighten(realpathSync(dir));
  return changed;
}
