/**
 * Storage failures the HTTP layer turns into answers a user can act on. "damaged": what is stored
 * breaks its own rules (a catalogue version with fewer measure rows than it counts). "disk-full":
 * the disk under the data folder has no room for the journal (embedded mode), so nothing more can
 * be acknowledged until there is.
 */
export type StorageErrorKind = "not-found" | "conflict" | "precondition-failed" | "too-large" | "bad-cursor" | "unavailable" | "damaged" | "disk-full";

export class StorageError extends Error {
  constructor(
    readonly kind: StorageErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "StorageError";
  }
}

export function isStorageError(error: unknown, kind?: StorageErrorKind): error is StorageError {
  return error instanceof StorageError && (kind === undefined || error.kind === kind);
}

/** The HTTP status Azure Tables answered with, when the error came from the service. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error === "object" && error !== null && "statusCode" in error) {
    const status = (error as { statusCode: unknown }).statusCode;
    return typeof status === "number" ? status : undefined;
  }
  return undefined;
}

// No room on the disk (ENOSPC), over the process's file size limit (EFBIG), over the user's quota (EDQUOT).
const DISK_FULL_CODES = new Set(["ENOSPC", "EFBIG", "EDQUOT"]);

/** A file system error that means the disk (or the quota) has no room for what is written; or the
 * words of another process (Azurite's) that failed so. */
export function isDiskFull(error: unknown): boolean {
  if (typeof error === "string") return [...DISK_FULL_CODES].some((code) => error.includes(code));
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && DISK_FULL_CODES.has(code);
}
