/**
 * Storage failures the HTTP layer turns into answers a user can act on. "damaged": what is stored
 * breaks its own rules (a catalogue version with fewer measure rows than it counts).
 */
export type StorageErrorKind = "not-found" | "conflict" | "precondition-failed" | "too-large" | "bad-cursor" | "unavailable" | "damaged";

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
