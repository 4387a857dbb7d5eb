import { MAX_BATCH_OPERATIONS } from "./entity.js";
import type { BatchOperation, TableStore } from "./store.js";

/**
 * Writes many rows of one partition in as few transactions as Azure allows (100 each). Each
 * transaction is atomic; across them, callers write a "complete" marker last so a reader never
 * takes a half-written set for a whole one.
 */
export async function writeInTransactions(store: TableStore, table: string, partitionKey: string, operations: BatchOperation[], what: string): Promise<void> {
  for (let start = 0; start < operations.length; start += MAX_BATCH_OPERATIONS) {
    await store.batch(table, partitionKey, operations.slice(start, start + MAX_BATCH_OPERATIONS), what);
  }
}
