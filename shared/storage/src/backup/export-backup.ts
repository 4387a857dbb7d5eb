// Writes every table of the suite to one backup file, streaming, with its manifest and checksum.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { link, open, rm, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import type { TableStore } from "../store.js";
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, line, type BackupHeader, type TableSummary } from "./format.js";
import { typedEntities } from "./typed-entities.js";

export interface ExportOptions {
  /** The suite's logical table names, in the order the file holds them. */
  tables: readonly string[];
  suiteVersion: string;
  /** Which storage this is, in words and without secrets (describeStorage). */
  source: string;
  now?: () => Date;
}

export interface ExportResult {
  tables: TableSummary[];
  rows: number;
  bytes: number;
}

// Lines are gathered into writes of about this size: few system calls, little memory.
const WRITE_BYTES = 1024 * 1024;

/** Flushes a folder's entries to disk: the backup's name, and the .partial's going, survive a power cut. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Streams every entity of `tables` into `file` (created; never over an existing file), one table
 * after another, holding one page of entities in memory at a time. The file is written as
 * `<file>.partial` (refused if one is there), flushed to disk and only then linked to `file`
 * (refused if `file` appeared meanwhile) and the .partial removed, the folder flushed too; so a
 * failed export leaves no file under the backup's name and nothing is ever written over. It is
 * readable by its owner only: it holds personal data.
 *
 * @example
 * const result = await exportBackup(storage.store, "backup.jsonl", { tables: BACKUP_TABLES, suiteVersion: "0.1.0", source: describeStorage(settings) });
 */
export async function exportBackup(store: TableStore, file: string, options: ExportOptions): Promise<ExportResult> {
  if (existsSync(file)) throw new Error(`${file} already exists. Name a new file for the backup, or move the old one away first.`);
  const partial = `${file}.partial`;
  // "wx": a .partial that is there (another export's, or one that stopped) is never truncated.
  const handle = await open(partial, "wx", 0o600).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    throw new Error(`${partial} already exists: another export may be writing it, or one stopped part way. If no export is running, delete it, then run this again.`);
  });
  const whole = createHash("sha256");
  let pending: string[] = [];
  let pendingBytes = 0;
  let bytes = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = pending.join("");
    pending = [];
    pendingBytes = 0;
    await handle.write(chunk);
  };
  const emit = async (text: string) => {
    whole.update(text);
    const size = Buffer.byteLength(text);
    bytes += size;
    pending.push(text);
    pendingBytes += size;
    if (pendingBytes >= WRITE_BYTES) await flush();
  };
  try {
    const header: BackupHeader = {
      kind: "header",
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      suiteVersion: options.suiteVersion,
      createdAt: (options.now ?? (() => new Date()))().toISOString(),
      source: options.source,
      tables: [...options.tables],
    };
    await emit(line(header));
    const summaries: TableSummary[] = [];
    for (const table of options.tables) {
      const hash = createHash("sha256");
      let rows = 0;
      for await (const page of typedEntities(await store.tableClient(table))) {
        for (const entity of page) {
          const text = line({ kind: "row", table, partitionKey: entity.partitionKey, rowKey: entity.rowKey, properties: entity.properties });
          hash.update(text);
          rows += 1;
          await emit(text);
        }
      }
      summaries.push({ name: table, rows, sha256: hash.digest("hex") });
    }
    await emit(line({ kind: "manifest", tables: summaries }));
    const checksum = line({ kind: "checksum", sha256: whole.digest("hex") });
    bytes += Buffer.byteLength(checksum);
    pending.push(checksum);
    await flush();
    await handle.sync();
    await handle.close();
    // A link, unlike a rename, fails when FILE is there, even one made while this export ran.
    await link(partial, file).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      throw new Error(`${file} already exists. Name a new file for the backup, or move the old one away first.`);
    });
    await unlink(partial);
    await syncFolder(dirname(file));
    return { tables: summaries, rows: summaries.reduce((sum, t) => sum + t.rows, 0), bytes };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}
