// `npm run export -- FILE`: copies every table of the suite into one backup file (docs/backup.md).
import { parseArgs } from "node:util";
import { describeStorage, exportBackup, readStorageSettings, SettingsError } from "@toms/storage";
import { BACKUP_TABLES, openBackupStorage, suiteVersion } from "../backup.js";

const usage = "Usage: npm run export -- <file>";
const help = `${usage}

Copies every table of the TOMs Suite into one backup file: the contracts, suppliers, evaluations,
delivery, the bot's records and supplier diversity. The storage is the one the service uses
(TOMS_STORAGE_CONNECTION_STRING, TOMS_STORAGE_ACCOUNT_URL, or the embedded storage in
TOMS_DATA_DIR, with TOMS_TABLE_PREFIX). Stop the service first: the embedded storage is refused
while the service runs. The file holds personal data and is readable by its owner only.
See docs/backup.md.`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { help: { type: "boolean", short: "h" } } });
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`, 2);
}
if (parsed.values.help) {
  console.log(help);
  process.exit(0);
}
if (parsed.positionals.length !== 1) fail(`Name the file to write the backup to.\n${usage}`, 2);
const file = parsed.positionals[0] as string;

let settings;
try {
  settings = readStorageSettings(process.env);
} catch (error) {
  fail(error instanceof SettingsError ? error.message : (error as Error).message);
}
const source = describeStorage(settings);
const started = Date.now();
let storage;
try {
  storage = await openBackupStorage(settings);
} catch (error) {
  fail(`The backup was not made: ${(error as Error).message}`);
}
let outcome: string | undefined;
let refusal: string | undefined;
try {
  const result = await exportBackup(storage.store, file, { tables: BACKUP_TABLES, suiteVersion: suiteVersion(), source });
  const kb = Math.ceil(result.bytes / 1024).toLocaleString("en-GB");
  outcome = `Backed up ${result.rows.toLocaleString("en-GB")} rows of ${result.tables.length} tables from ${source} to ${file} (${kb} KB, in ${((Date.now() - started) / 1000).toFixed(1)} s).`;
} catch (error) {
  refusal = `The backup was not made: ${(error as Error).message}`;
} finally {
  await storage.close();
}
if (refusal) fail(refusal);
console.log(outcome);
