// `npm run import -- FILE [--replace]`: restores a backup file into the suite's storage (docs/backup.md).
import { parseArgs } from "node:util";
import { checkBackup, describeStorage, importBackup, readStorageSettings, SettingsError } from "@toms/storage";
import { BACKUP_TABLES, openBackupStorage } from "../backup.js";

const usage = "Usage: npm run import -- <file> [--replace]";
const help = `${usage}

Restores a backup made with npm run export into the storage the service uses
(TOMS_STORAGE_CONNECTION_STRING, TOMS_STORAGE_ACCOUNT_URL, or the embedded storage in
TOMS_DATA_DIR, with TOMS_TABLE_PREFIX). The whole file is checked first: a damaged or incomplete
file is refused and nothing is changed. Storage that already holds the suite's data is refused
too, unless you add --replace.

  --replace   delete everything the suite holds in that storage (every contract, supplier,
              evaluation, delivery record, the bot's records and every diversity answer), then
              restore the backup: afterwards the storage holds exactly what the file holds
  -h, --help  this text

Stop the service first. See docs/backup.md.`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { replace: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`, 2);
}
if (parsed.values.help) {
  console.log(help);
  process.exit(0);
}
if (parsed.positionals.length !== 1) fail(`Name the backup file to restore.\n${usage}`, 2);
const file = parsed.positionals[0] as string;
const replace = parsed.values.replace ?? false;

let settings;
try {
  settings = readStorageSettings(process.env);
} catch (error) {
  fail(error instanceof SettingsError ? error.message : (error as Error).message);
}
const target = describeStorage(settings);
const started = Date.now();
// The whole file is checked before storage is even opened: a refusal changes nothing.
const check = await checkBackup(file, BACKUP_TABLES);
if (!check.ok) fail(`Nothing was imported. ${check.refusal}`);
const { header } = check.backup;
console.log(`${file} is a complete backup of ${check.backup.rows.toLocaleString("en-GB")} rows, made ${header.createdAt} from ${header.source} (TOMs Suite ${header.suiteVersion}).`);
let storage;
try {
  storage = await openBackupStorage(settings);
} catch (error) {
  fail(`Nothing was imported: ${(error as Error).message}`);
}
let outcome: string | undefined;
let refusal: string | undefined;
try {
  const result = await importBackup(storage.store, check.backup, { tables: BACKUP_TABLES, replace });
  if (result.outcome === "not-empty") {
    refusal = `Nothing was imported: ${target} already holds the suite's data (in ${result.tablesWithData.join(", ")}). To replace all of it with the backup's contents, run the import again with --replace.`;
  } else {
    const replaced = replace ? `, after deleting the ${result.cleared.toLocaleString("en-GB")} rows it held` : "";
    outcome = `Restored ${result.rows.toLocaleString("en-GB")} rows into ${target}${replaced} (in ${((Date.now() - started) / 1000).toFixed(1)} s). It now holds exactly what ${file} holds.`;
  }
} catch (error) {
  refusal = `The import did not finish, so ${target} holds only part of the backup: ${(error as Error).message} Once the cause is fixed, run the import again with --replace: it starts again from empty tables.`;
} finally {
  // An import's rows are not journalled: only the embedded Azurite's clean stop puts them in its files.
  const { saved } = await storage.close();
  if (!saved && outcome) {
    outcome = undefined;
    refusal = `The import did not finish cleanly: the embedded storage in ${settings.dataDir} stopped or was restarted while it worked, so the storage may not have saved the restore. Run the import again with --replace.`;
  }
}
if (refusal) fail(refusal);
console.log(outcome);
