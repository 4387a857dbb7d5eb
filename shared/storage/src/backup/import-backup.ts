// Restores a checked backup into the suite's tables: refused over data unless told to replace it, then exactly the file's rows.
import type { TableStore } from "../store.js";
import type { TypedEntity } from "./format.js";
import { readCheckedBackup, type VerifiedBackup } from "./read-backup.js";
import { clearTable, hasEntities, upsertTyped } from "./typed-entities.js";

export interface ImportOptions {
  /** Every table of the suite (logical names): all are checked for data, and cleared with `replace`. */
  tables: readonly string[];
  /** Clear every table of the suite first, so that it ends holding exactly the backup's rows. */
  replace: boolean;
}

export type ImportResult =
  | { outcome: "imported"; rows: number; cleared: number }
  /** The storage holds data and `replace` was not given: nothing was written. */
  | { outcome: "not-empty"; tablesWithData: string[] };

// Azure's limits on one transaction: 100 operations and 4 MiB; this leaves room for the envelope.
const BATCH_ROWS = 100;
const BATCH_BYTES = 3 * 1024 * 1024;
// Transactions in flight at once (each is one partition's): enough to hide the round trips.
const IN_FLIGHT = 8;

/** The tables of `tables` that hold at least one row. */
export async function tablesWithData(store: TableStore, tables: readonly string[]): Promise<string[]> {
  const found = await Promise.all(tables.map(async (table) => ((await hasEntities(await store.tableClient(table))) ? table : undefined)));
  return found.filter((table): table is string => table !== undefined);
}

/**
 * Writes the backup's rows, in transactions of at most 100 rows of one partition, reading the
 * file as a stream (one batch per table in memory). Storage that holds data is refused unless
 * `replace`, which first deletes every row of every table of the suite. The backup must have
 * been checked whole first (checkBackup). When it fails, every transaction already sent has
 * ended first: what the storage holds then is what it keeps.
 *
 * @example
 * const check = await checkBackup(file, BACKUP_TABLES);
 * if (check.ok) await importBackup(storage.store, check.backup, { tables: BACKUP_TABLES, replace: false });
 */
export async function importBackup(store: TableStore, backup: VerifiedBackup, options: ImportOptions): Promise<ImportResult> {
  const withData = await tablesWithData(store, options.tables);
  if (withData.length > 0 && !options.replace) return { outcome: "not-empty", tablesWithData: withData };
  let cleared = 0;
  for (const table of withData) cleared += await clearTable(await store.tableClient(table));

  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  const send = async (table: string, entities: TypedEntity[]) => {
    while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    if (failure) throw failure;
    const client = await store.tableClient(table);
    const sending: Promise<void> = upsertTyped(client, entities)
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  };

  let batch: TypedEntity[] = [];
  let batchTable = "";
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length > 0) await send(batchTable, batch);
    batch = [];
    batchBytes = 0;
  };
  let rows = 0;
  try {
    await readCheckedBackup(backup, options.tables, async (row) => {
      const size = JSON.stringify(row.properties).length * 2;
      if (batch.length > 0 && (row.table !== batchTable || row.partitionKey !== batch[0]?.partitionKey || batch.length >= BATCH_ROWS || batchBytes + size > BATCH_BYTES)) await flush();
      batchTable = row.table;
      batch.push({ partitionKey: row.partitionKey, rowKey: row.rowKey, properties: row.properties });
      batchBytes += size;
      rows += 1;
    });
    await flush();
  } finally {
    // However the reading ends, every transaction sent has ended before this returns or throws:
    // none lands after the storage is closed or after the caller says what it holds.
    await Promise.allSettled(inFlight);
  }
  if (failure) throw failure;
  return { outcome: "imported", rows, cleared };
}
