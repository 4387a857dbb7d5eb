// An import checks the whole file first: a damaged or cut file, or storage that holds data, is refused and nothing changes; --replace leaves exactly the file.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TableServiceClient, type TransactionAction } from "@azure/data-tables";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { BACKUP_TABLES } from "@toms/api";
import { BackupChangedError, checkBackup, exportBackup, freePort, importBackup, openStorage, type OpenStorage, type TableStore } from "@toms/storage";
import { startServiceProcess } from "../support/service-process.js";
import { counts, rawSnapshot, resealed, runCommand, typedSnapshot } from "./support.js";

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const connectionString = inject("azuriteConnectionString");
const work = mkdtempSync(join(tmpdir(), "toms-backup-refusals-"));
const prefix = () => `r${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`;
const account = (tablePrefix: string) => ({ TOMS_DATA_DIR: join(work, "unused"), TOMS_STORAGE_CONNECTION_STRING: connectionString, TOMS_TABLE_PREFIX: tablePrefix });
const open = (tablePrefix: string) => openStorage({ dataDir: join(work, "unused"), connectionString, tablePrefix, log: quiet }, BACKUP_TABLES);

/** Rows in several tables and partitions, 250 in one partition (three transactions on import). */
async function fill(storage: OpenStorage, label: string): Promise<void> {
  const contracts = await storage.store.tableClient("Contracts");
  for (let start = 0; start < 250; start += 100) {
    const rows = Array.from({ length: Math.min(100, 250 - start) }, (_, i): TransactionAction => ["upsert", { partitionKey: "contract", rowKey: `c:${String(start + i).padStart(4, "0")}`, title: `${label} contract ${start + i}`, value: { value: 1_000_000 + start + i, type: "Double" }, count: { value: "12345678901234", type: "Int64" } }, "Replace"]);
    await contracts.submitTransaction(rows);
  }
  const responses = await storage.store.tableClient("DiversityResponses");
  for (const supplier of ["s1", "s2", "s3"]) await responses.upsertEntity({ partitionKey: supplier, rowKey: "current-2026", answers: `{"label":"${label}"}`, at: "2026-11-01T10:00:00.000Z" });
}

let source: OpenStorage;
const file = join(work, "backup.jsonl");
beforeAll(async () => {
  const sourcePrefix = prefix();
  source = await open(sourcePrefix);
  await fill(source, "Source");
  const exported = await runCommand("export", [file], account(sourcePrefix));
  expect(exported.code, exported.stderr).toBe(0);
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Storage with data of its own, and how to see that it did not change. */
async function occupied(): Promise<{ tablePrefix: string; storage: OpenStorage; unchanged: () => Promise<void> }> {
  const tablePrefix = prefix();
  const storage = await open(tablePrefix);
  await fill(storage, "Other");
  await (await storage.store.tableClient("KpiTemplates")).upsertEntity({ partitionKey: "template", rowKey: "leftover", name: "Only here" });
  const before = await rawSnapshot(storage.store);
  return { tablePrefix, storage, unchanged: async () => expect(await rawSnapshot(storage.store)).toEqual(before) };
}

/** The tables with this prefix in the account. */
async function tablesOf(tablePrefix: string): Promise<string[]> {
  const names: string[] = [];
  for await (const table of TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection: true }).listTables()) if (table.name?.startsWith(tablePrefix)) names.push(table.name);
  return names;
}

/** A copy of the backup with `change` applied to its text. */
function damaged(name: string, change: (text: string) => string): string {
  const copy = join(work, name);
  writeFileSync(copy, change(readFileSync(file, "utf8")));
  return copy;
}

type Row = { partitionKey: string; rowKey: string; properties: Record<string, { type: string; value: unknown }> };

/** A copy of the backup with one row line changed and every hash made right again: only the row's own checks can refuse it. */
function rowChanged(name: string, lineNumber: number, change: (row: Row) => void): string {
  return damaged(name, (text) =>
    resealed(
      text
        .split("\n")
        .map((raw, index) => {
          if (index + 1 !== lineNumber) return raw;
          const row = JSON.parse(raw) as Row;
          change(row);
          return JSON.stringify(row);
        })
        .join("\n"),
    ),
  );
}
const text = (value: string) => ({ type: "String", value });

describe("an import refuses a damaged or incomplete file, before it writes anything", () => {
  const cases: { what: string; make: () => string; says: RegExp }[] = [
    {
      what: "one byte of a row changed (still a valid line)",
      make: () => damaged("changed-byte.jsonl", (text) => text.replace("Source contract 7", "Source contract 8")),
      says: /^Nothing was imported\. The rows of the table Contracts in changed-byte\.jsonl \(lines 2 to 251\) do not match its manifest: they were changed\. Use another copy/,
    },
    {
      what: "one byte that breaks a line",
      make: () => damaged("broken-line.jsonl", (text) => text.replace('{"kind":"row","table":"Contracts","partitionKey":"contract","rowKey":"c:0004"', '{"kind":"row","table":"Contracts","partitionKey":"contract","rowKey":"c:0004')),
      says: /^Nothing was imported\. Line 6 of broken-line\.jsonl is damaged: it is not a complete record\./,
    },
    {
      what: "a value that is not of its type",
      make: () => damaged("bad-type.jsonl", (text) => text.replace('"count":{"type":"Int64","value":"12345678901234"}', '"count":{"type":"Int64","value":"12x45678901234"}')),
      says: /^Nothing was imported\. Line 2 of bad-type\.jsonl \(table Contracts\) is damaged: the value of "count" is not of its type\./,
    },
    {
      what: "its header changed (only the checksum shows it)",
      make: () => damaged("header.jsonl", (text) => text.replace('"createdAt":"2', '"createdAt":"1')),
      says: /^Nothing was imported\. header\.jsonl does not match its checksum \(line 256\)\. Use another copy/,
    },
    {
      what: "cut short in the middle of a line",
      make: () => {
        const copy = join(work, "cut.jsonl");
        copyFileSync(file, copy);
        truncateSync(copy, Math.floor(readFileSync(file).length / 2));
        return copy;
      },
      says: /^Nothing was imported\. cut\.jsonl ends early, in the middle of a line: it was cut short\./,
    },
    {
      what: "cut short at the end of a line (its manifest and checksum lost)",
      make: () => damaged("lines-lost.jsonl", (text) => text.split("\n").slice(0, 100).join("\n") + "\n"),
      says: /^Nothing was imported\. lines-lost\.jsonl ends early, after line 100: it was cut short \(it has no closing checksum\)\./,
    },
    {
      what: "not a backup at all",
      make: () => damaged("notes.jsonl", () => "Minutes of the contract review\n"),
      says: /^Nothing was imported\. notes\.jsonl is not a TOMs Suite backup: its first line is not a backup's header\./,
    },
    // Rows whose hashes are right but which Azure would refuse: --replace must not have deleted anything by then.
    {
      what: "a RowKey Azure cannot hold (a /), hashes right",
      make: () => rowChanged("bad-rowkey.jsonl", 4, (row) => (row.rowKey = "c:0002/a")),
      says: /^Nothing was imported\. Line 4 of bad-rowkey\.jsonl \(table Contracts\) cannot be restored: its RowKey is not one Azure can hold/,
    },
    {
      what: "a PartitionKey with a control character, hashes right",
      make: () => rowChanged("bad-partitionkey.jsonl", 5, (row) => (row.partitionKey = "contract\u0001")),
      says: /^Nothing was imported\. Line 5 of bad-partitionkey\.jsonl \(table Contracts\) cannot be restored: its PartitionKey is not one Azure can hold/,
    },
    {
      what: "a property name Azure does not allow, hashes right",
      make: () => rowChanged("bad-name.jsonl", 6, (row) => (row.properties["unit-price"] = text("12"))),
      says: /^Nothing was imported\. Line 6 of bad-name\.jsonl \(table Contracts\) cannot be restored: its property "unit-price" has a name Azure does not allow/,
    },
    {
      what: "a property named odata.*, hashes right",
      make: () => rowChanged("odata-name.jsonl", 6, (row) => (row.properties["odata.etag"] = text("W/1"))),
      says: /^Nothing was imported\. Line 6 of odata-name\.jsonl \(table Contracts\) cannot be restored: its property "odata\.etag" has a name Azure does not allow/,
    },
    {
      what: "a property over 64 KiB, hashes right",
      make: () => rowChanged("big-property.jsonl", 7, (row) => (row.properties.title = text("x".repeat(70_000)))),
      says: /^Nothing was imported\. Line 7 of big-property\.jsonl \(table Contracts\) cannot be restored \(Azure would refuse it\): The "title" of the Contracts entity \(contract, c:0005\) is too large to store/,
    },
    {
      what: "253 properties, hashes right",
      make: () => rowChanged("many-properties.jsonl", 8, (row) => Array.from({ length: 250 }, (_, i) => (row.properties[`p${i}`] = text("x")))),
      says: /^Nothing was imported\. Line 8 of many-properties\.jsonl \(table Contracts\) cannot be restored \(Azure would refuse it\): The Contracts entity \(contract, c:0006\) has 253 properties; Azure allows 252\./,
    },
    {
      what: "an entity over 1 MiB, hashes right",
      make: () => rowChanged("big-entity.jsonl", 9, (row) => Array.from({ length: 20 }, (_, i) => (row.properties[`part${i}`] = text("x".repeat(30_000))))),
      says: /^Nothing was imported\. Line 9 of big-entity\.jsonl \(table Contracts\) cannot be restored \(Azure would refuse it\): The Contracts entity \(contract, c:0007\) is larger than the 1 MiB Azure allows\./,
    },
    {
      what: "an Int64 beyond 64 bits, hashes right",
      make: () => rowChanged("big-int64.jsonl", 6, (row) => (row.properties.count = { type: "Int64", value: "9223372036854775808" })),
      says: /^Nothing was imported\. Line 6 of big-int64\.jsonl \(table Contracts\) is damaged: the value of "count" is not of its type\./,
    },
    {
      what: "a date that does not exist, hashes right",
      make: () => rowChanged("bad-date.jsonl", 6, (row) => (row.properties.when = { type: "DateTime", value: "2024-13-45T25:61:00Z" })),
      says: /^Nothing was imported\. Line 6 of bad-date\.jsonl \(table Contracts\) is damaged: the value of "when" is not of its type\./,
    },
    {
      what: "a property named as the SDK names an entity's key, hashes right",
      make: () => rowChanged("sdk-name.jsonl", 6, (row) => (row.properties["partitionKey"] = text("another"))),
      says: /^Nothing was imported\. Line 6 of sdk-name\.jsonl \(table Contracts\) cannot be restored: its property "partitionKey" has a name Azure does not allow/,
    },
    {
      what: "the same keys twice in a table, hashes right",
      make: () => rowChanged("twice.jsonl", 10, (row) => (row.rowKey = "c:0000")),
      says: /^Nothing was imported\. Line 10 of twice\.jsonl \(table Contracts\) cannot be restored: it has the same PartitionKey and RowKey \(contract, c:0000\) as an earlier row of that table\./,
    },
  ];

  for (const { what, make, says } of cases) {
    it(`${what}: refused in words, and storage holding data is left as it was, even with --replace`, async () => {
      const damagedFile = make();
      const target = await occupied();
      const run = await runCommand("import", [damagedFile, "--replace"], account(target.tablePrefix));
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(says);
      await target.unchanged();
    });
  }

  it("into empty storage: not even a table is created", async () => {
    const tablePrefix = prefix();
    const run = await runCommand("import", [join(work, "cut.jsonl")], account(tablePrefix));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/ends early/);
    expect(await tablesOf(tablePrefix)).toEqual([]);
  });
});

describe("an import into storage that holds data", () => {
  it("is refused without --replace, naming where the data is, and changes nothing", async () => {
    const target = await occupied();
    const run = await runCommand("import", [file], account(target.tablePrefix));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Nothing was imported: the storage account devstoreaccount1 at http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1 \(TOMS_STORAGE_CONNECTION_STRING\) already holds the suite's data \(in Contracts, KpiTemplates, DiversityResponses\)\. To replace all of it with the backup's contents, run the import again with --replace\.\n$/);
    await target.unchanged();
  });

  it("with --replace holds exactly the file's rows afterwards: none of its own left, none changed", async () => {
    const target = await occupied();
    const run = await runCommand("import", [file, "--replace"], account(target.tablePrefix));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Restored 253 rows into .* after deleting the 254 rows it held .*It now holds exactly what .*backup\.jsonl holds\./s);
    expect(await typedSnapshot(target.storage.store)).toEqual(await typedSnapshot(source.store));
    expect(await rawSnapshot(target.storage.store)).toEqual(await rawSnapshot(source.store));
  });
});

describe("the embedded storage while the service runs", () => {
  it("is refused to export and import alike, naming the service; no file is written and nothing imported", async () => {
    const dataDir = join(work, "service-data");
    const service = startServiceProcess({ port: await freePort(), dataDir });
    try {
      await service.healthy();
      const pid = service.child.pid;
      const target = join(work, "while-running.jsonl");
      const exported = await runCommand("export", [target], { TOMS_DATA_DIR: dataDir });
      expect(exported.code).toBe(1);
      expect(exported.stderr).toBe(`The backup was not made: The TOMs service (process ${pid}) is using the embedded storage in ${dataDir}. Stop the service first, then run this again.\n`);
      expect(existsSync(target) || existsSync(`${target}.partial`)).toBe(false);
      const imported = await runCommand("import", [file], { TOMS_DATA_DIR: dataDir });
      expect(imported.code).toBe(1);
      expect(imported.stderr).toBe(`Nothing was imported: The TOMs service (process ${pid}) is using the embedded storage in ${dataDir}. Stop the service first, then run this again.\n`);
    } finally {
      service.child.kill("SIGTERM");
      await service.exited();
    }
  }, 90_000);
});

describe("an export", () => {
  it("never writes over an existing file", async () => {
    const existing = join(work, "existing.jsonl");
    writeFileSync(existing, "last month's backup\n");
    const run = await runCommand("export", [existing], account(prefix()));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/existing\.jsonl already exists\. Name a new file for the backup, or move the old one away first\./);
    expect(readFileSync(existing, "utf8")).toBe("last month's backup\n");
  });

  it("never truncates a FILE.partial that is there (another export's, or one stopped part way)", async () => {
    const target = join(work, "other-export.jsonl");
    writeFileSync(`${target}.partial`, "another export, still writing\n");
    const run = await runCommand("export", [target], account(prefix()));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`The backup was not made: ${target}.partial already exists: another export may be writing it, or one stopped part way. If no export is running, delete it, then run this again.\n`);
    expect(readFileSync(`${target}.partial`, "utf8")).toBe("another export, still writing\n");
    expect(existsSync(target)).toBe(false);
  });

  it("never writes over a FILE that appears while it runs, and leaves no .partial", async () => {
    const target = join(work, "appeared.jsonl");
    // `now` is asked once the export has begun writing its .partial: the file appears then.
    const appear = () => {
      writeFileSync(target, "someone else's file\n");
      return new Date();
    };
    await expect(exportBackup(source.store, target, { tables: BACKUP_TABLES, suiteVersion: "0.1.0", source: "test", now: appear })).rejects.toThrow(
      `${target} already exists. Name a new file for the backup, or move the old one away first.`,
    );
    expect(readFileSync(target, "utf8")).toBe("someone else's file\n");
    expect(existsSync(`${target}.partial`)).toBe(false);
  });
});

describe("an import that fails part way", () => {
  it("has waited for every transaction it sent when it fails: nothing lands after it has said what the storage holds", async () => {
    const changing = join(work, "changing.jsonl");
    copyFileSync(file, changing);
    const check = await checkBackup(changing, BACKUP_TABLES);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    // Changed after its check: the second reading fails at the manifest, with Contracts' transactions sent.
    writeFileSync(changing, readFileSync(file, "utf8").replace("Source contract 249", "Source contract 250"));
    const target = await open(prefix());
    // Each transaction reaches the storage half a second after it is sent.
    const slow = {
      tableClient: async (table: string) => {
        const client = await target.store.tableClient(table);
        return new Proxy(client, {
          get: (object, name) => {
            const value: unknown = Reflect.get(object, name);
            if (name === "submitTransaction") return async (...args: Parameters<typeof client.submitTransaction>) => (await new Promise((r) => setTimeout(r, 500)), client.submitTransaction(...args));
            return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(object) : value;
          },
        });
      },
    } as unknown as TableStore;
    await expect(importBackup(slow, check.backup, { tables: BACKUP_TABLES, replace: false })).rejects.toThrow(BackupChangedError);
    const atFailure = counts(await typedSnapshot(target.store));
    expect(atFailure.Contracts).toBe(250);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(counts(await typedSnapshot(target.store))).toEqual(atFailure);
  });
});
