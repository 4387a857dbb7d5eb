// A council backs up its embedded storage and moves it to an Azure-compatible account by connection string: every row and type arrives.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { BACKUP_TABLES } from "@toms/api";
import { openStorage, type OpenStorage } from "@toms/storage";
import { counts, rawSnapshot, runCommand, typedSnapshot } from "./support.js";

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const BINARY = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
// Over 32 KiB in one property, outside ASCII: the size the suite sends as a one-row transaction.
const LONG_TEXT = "Social value: Ünïcödé, 中文, 🚀 — ".repeat(600);

/** One entity of every Edm type, written by the SDK as another tool might: the suite itself writes only strings, Doubles and Booleans. */
const PROBE = {
  partitionKey: "backup-probe",
  rowKey: "every-type",
  int32: { value: 7, type: "Int32" },
  int32Min: { value: -2147483648, type: "Int32" },
  int64: { value: "9223372036854775807", type: "Int64" },
  wholeDouble: { value: 5, type: "Double" },
  double: { value: 0.1, type: "Double" },
  hugeDouble: { value: 1e300, type: "Double" },
  notANumber: { value: "NaN", type: "Double" },
  dateTime: { value: "2026-01-02T03:04:05.1234567Z", type: "DateTime" },
  guid: { value: "6f9619ff-8b86-d011-b42d-00c04fc964ff", type: "Guid" },
  binary: { value: BINARY.toString("base64"), type: "Binary" },
  yes: true,
  no: false,
  empty: "",
  long: LONG_TEXT,
};

const work = mkdtempSync(join(tmpdir(), "toms-backup-"));
const dataDir = join(work, "data");
const file = join(work, "council.jsonl");
const embedded = { TOMS_DATA_DIR: dataDir };
const azure = { TOMS_DATA_DIR: join(work, "unused"), TOMS_STORAGE_CONNECTION_STRING: inject("azuriteConnectionString"), TOMS_TABLE_PREFIX: `b${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}` };
const openEmbedded = () => openStorage({ dataDir, tablePrefix: "toms", log: quiet, exclusive: true }, BACKUP_TABLES);
const openAzure = () => openStorage({ dataDir: azure.TOMS_DATA_DIR, connectionString: azure.TOMS_STORAGE_CONNECTION_STRING, tablePrefix: azure.TOMS_TABLE_PREFIX, log: quiet }, BACKUP_TABLES);

let target: OpenStorage;
beforeAll(async () => {
  const seeded = await runCommand("seed", [], embedded);
  expect(seeded.code, seeded.stderr).toBe(0);
  const source = await openEmbedded();
  try {
    await (await source.store.tableClient("ServiceAreas")).submitTransaction([["upsert", PROBE, "Replace"]]);
  } finally {
    await source.close();
  }
  target = await openAzure();
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("backup and move from embedded storage to an account reached by connection string", () => {
  it("exports the seeded demo (every table, diversity's included) and imports it into a fresh account: every table equal row by row, types included", async () => {
    const exported = await runCommand("export", [file], embedded);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/^Backed up [\d,]+ rows of 23 tables from the embedded storage in .* \(TOMS_DATA_DIR\) to .*council\.jsonl \([\d,]+ KB, in [\d.]+ s\)\.\n$/);
    // Personal data: the file is its owner's alone.
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const imported = await runCommand("import", [file], azure);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/is a complete backup of [\d,]+ rows, made .* from the embedded storage in .*\nRestored [\d,]+ rows into .*127\.0\.0\.1.*TOMS_STORAGE_CONNECTION_STRING.*It now holds exactly what .*council\.jsonl holds\.\n$/);

    const source = await openEmbedded();
    try {
      const before = await typedSnapshot(source.store);
      const after = await typedSnapshot(target.store);
      // The demo fills the suite's tables and diversity's: the comparison below is not of empty tables.
      for (const table of ["Suppliers", "Contracts", "Evaluations", "ContractSocialValue", "Catalogues", "DiversityCampaigns", "DiversityInvitations", "DiversityResponses", "DiversityAudit"]) expect(before[table]?.length, table).toBeGreaterThan(0);
      expect(counts(after)).toEqual(counts(before));
      expect(after).toEqual(before);
      // The same, read without the backup's code: the service's own text, where a Double 5 is "5.0".
      expect(await rawSnapshot(target.store)).toEqual(await rawSnapshot(source.store));
    } finally {
      await source.close();
    }

    // The probe arrived with each value of its own type, read the SDK's usual way.
    const client = await target.store.tableClient("ServiceAreas");
    const probe = await client.getEntity("backup-probe", "every-type");
    expect(probe.int32).toBe(7);
    expect(probe.int32Min).toBe(-2147483648);
    expect(probe.int64).toBe(9223372036854775807n);
    expect(probe.double).toBe(0.1);
    expect(probe.hugeDouble).toBe(1e300);
    expect(probe.guid).toEqual({ value: "6f9619ff-8b86-d011-b42d-00c04fc964ff", type: "Guid" });
    expect(Buffer.from(probe.binary as Uint8Array)).toEqual(BINARY);
    expect([probe.yes, probe.no, probe.empty, probe.long]).toEqual([true, false, "", LONG_TEXT]);
    const typed = await client.getEntity("backup-probe", "every-type", { disableTypeConversion: true });
    // All 7 decimals of the time (a Date would keep 3).
    expect(typed.dateTime).toEqual({ value: "2026-01-02T03:04:05.1234567Z", type: "DateTime" });
    expect(typed.notANumber).toEqual({ value: "NaN", type: "Double" });
    let body = "";
    await client.getEntity("backup-probe", "every-type", { onResponse: (response) => (body = response.bodyAsText ?? "") });
    expect(body).toContain('"wholeDouble":5.0');
    expect(body).toContain('"int32":7,');
  });

  it("restores into the embedded storage it came from (--replace), leaving it as it was", async () => {
    const source = await openEmbedded();
    const before = await typedSnapshot(source.store);
    await source.close();
    const restored = await runCommand("import", [file, "--replace"], embedded);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/after deleting the [\d,]+ rows it held/);
    const again = await openEmbedded();
    try {
      expect(await typedSnapshot(again.store)).toEqual(before);
    } finally {
      await again.close();
    }
  }, 60_000);

  it("writes one file of JSON lines: a header naming every table, the rows, a manifest, a checksum", () => {
    const lines = readFileSync(file, "utf8").trimEnd().split("\n").map((text) => JSON.parse(text) as { kind: string; tables?: unknown[]; table?: string; source?: string });
    expect(lines[0]).toMatchObject({ kind: "header", format: "toms-backup", formatVersion: 1, suiteVersion: "0.1.0", tables: BACKUP_TABLES });
    expect(lines[0]?.source).not.toMatch(/AccountKey|SharedAccessSignature|sig=/);
    expect(lines.at(-2)).toMatchObject({ kind: "manifest" });
    expect((lines.at(-2)?.tables as { name: string }[]).map((t) => t.name)).toEqual(BACKUP_TABLES);
    expect(lines.at(-1)).toMatchObject({ kind: "checksum" });
    expect(new Set(lines.slice(1, -2).map((l) => l.kind))).toEqual(new Set(["row"]));
  });
});
