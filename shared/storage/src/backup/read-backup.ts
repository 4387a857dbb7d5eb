// Reads a backup file line by line and checks all of it (layout, every value, hashes, checksum) before anything is imported.
import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import { createInterface } from "node:readline";
import { assertWithinLimits, isTableKey, type PlainEntity } from "../entity.js";
import { isStorageError } from "../errors.js";
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, checksumSchema, headerSchema, manifestSchema, rowSchema, type BackupHeader, type BackupRow, type TableSummary } from "./format.js";

/** A backup that read whole and true: what it holds, per table. */
export interface VerifiedBackup {
  file: string;
  header: BackupHeader;
  tables: TableSummary[];
  rows: number;
  bytes: number;
}

export type BackupCheck = { ok: true; backup: VerifiedBackup } | { ok: false; refusal: string };

const CHANGED = "Use another copy of the backup: this one was changed or damaged after it was made.";

/** Every line of a whole backup ends with a newline, its last (the checksum) too. */
async function endsWithNewline(file: string, size: number): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    await handle.close();
  }
}

/** Thrown while reading: the refusal, in words. */
class Refusal extends Error {}

// Azure's rule for a property's name (a C# identifier of at most 255 characters); the service's own
// names are not a row's properties. A name starting "odata." is refused by the pattern already (the dot).
const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;
// Storage's own names, and the SDK's (an entity's keys and ETag), which a property must not take over.
const SERVICE_NAMES = new Set(["PartitionKey", "RowKey", "Timestamp", "partitionKey", "rowKey", "etag"]);

/** The row as the store's own limit check sees it: each value of the size Azure counts for it. */
function asPlainEntity(row: BackupRow): PlainEntity {
  const entity: PlainEntity = { partitionKey: row.partitionKey, rowKey: row.rowKey };
  for (const [name, property] of Object.entries(row.properties)) {
    if (property.type === "String") entity[name] = property.value;
    // Azure counts a Binary by its bytes; a string of half as many characters counts the same.
    else if (property.type === "Binary") entity[name] = " ".repeat(Math.ceil(Buffer.byteLength(property.value, "base64") / 2));
    else if (property.type === "Boolean") entity[name] = property.value;
    else entity[name] = 0; // 8 bytes: Int64, Double, DateTime; Int32 (4) and Guid (16) near enough under the 1 MiB
  }
  return entity;
}

/**
 * Why Azure would refuse the row, in words, or undefined: keys it cannot hold, a property name it
 * does not allow, the store's own limits (assertWithinLimits: 1 MiB, 64 KiB a property, 252
 * properties). A row refused here would fail only after --replace had deleted everything.
 */
function rowFault(table: string, row: BackupRow): string | undefined {
  for (const [which, key] of [["PartitionKey", row.partitionKey], ["RowKey", row.rowKey]] as const) {
    if (!isTableKey(key)) return `cannot be restored: its ${which} is not one Azure can hold (longer than 1 KiB, or it has a /, \\, #, ? or a control character)`;
  }
  for (const name of Object.keys(row.properties)) {
    if (!PROPERTY_NAME.test(name) || SERVICE_NAMES.has(name) || name.startsWith("odata.")) {
      return `cannot be restored: its property "${name}" has a name Azure does not allow (letters, digits and _, not starting with a digit, at most 255 characters; not PartitionKey, RowKey or Timestamp)`;
    }
  }
  try {
    assertWithinLimits(table, asPlainEntity(row));
  } catch (error) {
    if (isStorageError(error, "too-large")) return `cannot be restored (Azure would refuse it): ${error.message.replace(/\.$/, "")}`;
    throw error;
  }
  return undefined;
}

/** A row's keys as a short fixed-length text: keys hold no control character, so NUL separates them. */
const keyHash = (row: BackupRow): string => createHash("sha256").update(`${row.partitionKey}\u0000${row.rowKey}`).digest("base64");

/**
 * Reads the file once, line by line, and calls `onRow` with each row after checking it. Refuses
 * (Refusal) at the first fault: a line that is not a complete record, a value not of its type, a
 * table this suite does not have, a row Azure would refuse (keys, property names, limits) or one
 * whose keys an earlier row of its table has, rows that do not match the manifest, a checksum that does not
 * match, a file that ends early or goes on after its checksum.
 */
async function readBackup(file: string, knownTables: readonly string[], onRow: (row: BackupRow, lineNumber: number) => Promise<void>): Promise<VerifiedBackup> {
  const name = basename(file);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    throw new Refusal(`The backup file ${file} cannot be read (${(error as NodeJS.ErrnoException).code === "ENOENT" ? "there is no such file" : (error as Error).message}).`);
  }
  if (size > 0 && !(await endsWithNewline(file, size))) throw new Refusal(`${name} ends early, in the middle of a line: it was cut short. Use a complete copy of the backup.`);
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  const whole = createHash("sha256");
  let bytes = 0;
  let lineNumber = 0;
  let header: BackupHeader | undefined;
  let tableIndex = -1;
  const counted = new Map<string, { rows: number; hash: Hash; first: number; last: number }>();
  let manifest: TableSummary[] | undefined;
  let done = false;
  // The keys of the table being read: its rows come together, so one table's at a time.
  let keysOf = "";
  let keys = new Set<string>();

  for await (const text of lines) {
    lineNumber += 1;
    const raw = `${text}\n`;
    if (done) throw new Refusal(`${name} goes on after its closing checksum (line ${lineNumber}). ${CHANGED}`);
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      throw new Refusal(lineNumber === 1 ? `${name} is not a TOMs Suite backup: its first line is not a backup's header.` : `Line ${lineNumber} of ${name} is damaged: it is not a complete record. ${CHANGED}`);
    }
    const kind = (record as { kind?: unknown } | null)?.kind;
    if (lineNumber === 1) {
      const parsed = headerSchema.safeParse(record);
      if (!parsed.success) {
        const versioned = (record as { format?: unknown; formatVersion?: unknown } | null) ?? {};
        if (versioned.format === BACKUP_FORMAT && typeof versioned.formatVersion === "number" && versioned.formatVersion > BACKUP_FORMAT_VERSION) {
          throw new Refusal(`${name} was made by a newer version of the TOMs Suite (backup format ${versioned.formatVersion}); this version reads format ${BACKUP_FORMAT_VERSION}. Import it with the newer version.`);
        }
        throw new Refusal(`${name} is not a TOMs Suite backup: its first line is not a backup's header.`);
      }
      if (parsed.data.formatVersion > BACKUP_FORMAT_VERSION) {
        throw new Refusal(`${name} was made by a newer version of the TOMs Suite (backup format ${parsed.data.formatVersion}); this version reads format ${BACKUP_FORMAT_VERSION}. Import it with the newer version.`);
      }
      const unknown = parsed.data.tables.filter((table) => !knownTables.includes(table));
      if (unknown.length > 0) {
        throw new Refusal(`${name} holds tables this version of the TOMs Suite does not have (${unknown.join(", ")}). It was made by version ${parsed.data.suiteVersion}: import it with that version.`);
      }
      if (new Set(parsed.data.tables).size !== parsed.data.tables.length) throw new Refusal(`${name} names a table twice in its header. ${CHANGED}`);
      header = parsed.data;
    } else if (kind === "row" && !manifest) {
      const parsed = rowSchema.safeParse(record);
      const table = (record as { table?: unknown }).table;
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path[0] === "properties" && issue.path[1] !== undefined ? `the value of "${String(issue.path[1])}" is not of its type` : "it is not a complete row";
        throw new Refusal(`Line ${lineNumber} of ${name}${typeof table === "string" ? ` (table ${table})` : ""} is damaged: ${where}. ${CHANGED}`);
      }
      const row = parsed.data;
      const index = header?.tables.indexOf(row.table) ?? -1;
      if (index < 0) throw new Refusal(`Line ${lineNumber} of ${name} holds a row of the table ${row.table}, which its header does not list. ${CHANGED}`);
      if (index < tableIndex) throw new Refusal(`Line ${lineNumber} of ${name} holds a row of the table ${row.table} after the rows of a later table. ${CHANGED}`);
      tableIndex = index;
      const fault = rowFault(row.table, row);
      if (fault) throw new Refusal(`Line ${lineNumber} of ${name} (table ${row.table}) ${fault}. ${CHANGED}`);
      if (keysOf !== row.table) [keysOf, keys] = [row.table, new Set()];
      const key = keyHash(row);
      if (keys.has(key)) throw new Refusal(`Line ${lineNumber} of ${name} (table ${row.table}) cannot be restored: it has the same PartitionKey and RowKey (${row.partitionKey}, ${row.rowKey}) as an earlier row of that table. ${CHANGED}`);
      keys.add(key);
      let count = counted.get(row.table);
      if (!count) counted.set(row.table, (count = { rows: 0, hash: createHash("sha256"), first: lineNumber, last: lineNumber }));
      count.rows += 1;
      count.hash.update(raw);
      count.last = lineNumber;
      await onRow(row, lineNumber);
    } else if (kind === "manifest" && !manifest && header) {
      const parsed = manifestSchema.safeParse(record);
      if (!parsed.success) throw new Refusal(`Line ${lineNumber} of ${name} is damaged: it is not a complete manifest. ${CHANGED}`);
      manifest = parsed.data.tables;
      if (manifest.map((t) => t.name).join("\n") !== header.tables.join("\n")) throw new Refusal(`The manifest of ${name} (line ${lineNumber}) does not list the tables its header lists. ${CHANGED}`);
      for (const summary of manifest) {
        const count = counted.get(summary.name);
        const rows = count?.rows ?? 0;
        const hash = (count?.hash ?? createHash("sha256")).digest("hex");
        const lines = count ? ` (lines ${count.first} to ${count.last})` : "";
        if (rows !== summary.rows) throw new Refusal(`The table ${summary.name} in ${name} has ${rows} rows${lines}, but its manifest says ${summary.rows}. ${CHANGED}`);
        if (hash !== summary.sha256) throw new Refusal(`The rows of the table ${summary.name} in ${name}${lines} do not match its manifest: they were changed. ${CHANGED}`);
      }
    } else if (kind === "checksum" && manifest) {
      const parsed = checksumSchema.safeParse(record);
      if (!parsed.success || parsed.data.sha256 !== whole.digest("hex")) throw new Refusal(`${name} does not match its checksum (line ${lineNumber}). ${CHANGED}`);
      done = true;
    } else {
      throw new Refusal(`Line ${lineNumber} of ${name} is out of place (a ${typeof kind === "string" ? kind : "record of no kind"} where the backup's layout does not have one). ${CHANGED}`);
    }
    if (!done) whole.update(raw);
    bytes += Buffer.byteLength(raw);
  }
  if (lineNumber === 0) throw new Refusal(`${name} is empty: it is not a TOMs Suite backup.`);
  if (!done || !header || !manifest) throw new Refusal(`${name} ends early, after line ${lineNumber}: it was cut short (it has no closing checksum). Use a complete copy of the backup.`);
  // Every byte read back as lines ending in a newline: none lost at the end, no line endings changed.
  if (bytes !== size) throw new Refusal(`${name} ends early or its line endings were changed (it has ${size} bytes where its lines make ${bytes}). ${CHANGED}`);
  return { file, header, tables: manifest, rows: manifest.reduce((sum, t) => sum + t.rows, 0), bytes };
}

/**
 * Checks the whole file without writing anything: every line, value, per-table hash and the
 * checksum. A refusal names the file and what is wrong (line, table) in words.
 *
 * @example
 * const check = await checkBackup("backup.jsonl", BACKUP_TABLES);
 * if (!check.ok) console.error(check.refusal);
 */
export async function checkBackup(file: string, knownTables: readonly string[]): Promise<BackupCheck> {
  try {
    return { ok: true, backup: await readBackup(file, knownTables, async () => undefined) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, refusal: error.message };
    throw error;
  }
}

/**
 * Reads a checked backup again, handing over each row. Should the file be changed between the
 * check and this reading, it fails at the first fault (a BackupChangedError) with the rows
 * before it handed over.
 */
export async function readCheckedBackup(backup: VerifiedBackup, knownTables: readonly string[], onRow: (row: BackupRow) => Promise<void>): Promise<void> {
  try {
    await readBackup(backup.file, knownTables, onRow);
  } catch (error) {
    if (error instanceof Refusal) throw new BackupChangedError(`${basename(backup.file)} changed while it was being imported: ${error.message}`);
    throw error;
  }
}

/** The file changed between its check and the import's reading of it. */
export class BackupChangedError extends Error {}
