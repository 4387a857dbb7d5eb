// What `npm run export` and `npm run import` share: every table of the suite, and storage opened as the service chooses it.
import { readFileSync } from "node:fs";
import { openStorage, readStorageSettings, TABLES, type OpenStorage, type StorageSettings } from "@toms/storage";
import { DIVERSITY_TABLES } from "@toms/storage/diversity";

/**
 * Every table the suite creates, in the order a backup holds them: the suite's and, kept apart
 * from them, supplier diversity's. tests/backup/tables.test.ts fails when the code creates a
 * table that is not here.
 */
export const BACKUP_TABLES: readonly string[] = [...TABLES, ...DIVERSITY_TABLES];

/** The suite's version (the repository's package.json), written into each backup. */
export function suiteVersion(): string {
  return (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
}

/**
 * Opens the storage the environment names (TOMS_STORAGE_CONNECTION_STRING, TOMS_STORAGE_ACCOUNT_URL
 * or embedded in TOMS_DATA_DIR, with TOMS_TABLE_PREFIX), as the service does. Embedded storage is
 * opened only when no other process holds it: a running service is named and refused.
 */
export async function openBackupStorage(settings: StorageSettings = readStorageSettings(process.env)): Promise<OpenStorage> {
  return openStorage(
    {
      ...settings,
      role: "tool",
      exclusive: true,
      log: { info: () => undefined, warn: (m) => console.error(m), error: (m) => console.error(m) },
    },
    BACKUP_TABLES,
  );
}
