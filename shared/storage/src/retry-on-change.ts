// The read, change and write-with-its-ETag loop of the repositories, in one place and bounded: a
// row that keeps changing under a writer fails it, instead of holding the request for ever.
import { StorageError, isStorageError } from "./errors.js";

/** How many times a read-then-write is tried when the row changes between the read and the write. */
export const CHANGE_ATTEMPTS = 5;

/**
 * Runs `attempt` (which reads a row and writes it with the ETag it read) again each time it fails
 * because the row changed meanwhile (precondition-failed), at most CHANGE_ATTEMPTS times in all;
 * then fails with precondition-failed saying that `what` kept changing.
 *
 * @example
 * await retryOnChange(`Contract ${id}`, async () => {
 *   const row = await store.get(table, partitionKey, rowKey);
 *   if (row) await store.replace(table, { ...row, title }, row.etag, `Contract ${id}`);
 * });
 */
export async function retryOnChange<T>(what: string, attempt: () => Promise<T>): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isStorageError(error, "precondition-failed")) throw error;
      if (tried >= CHANGE_ATTEMPTS) throw new StorageError("precondition-failed", `${what} kept changing while it was being written (${CHANGE_ATTEMPTS} tries).`, { cause: error });
    }
  }
}
