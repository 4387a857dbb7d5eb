// The audit log against a real Azurite: one partition per month, listed in time order across months, never written over.
import { beforeAll, describe, expect, it, inject, vi } from "vitest";
import { isStorageError } from "../errors.js";
import { TableStore } from "../store.js";
import { AUDIT_TABLE } from "./audit.js";
import type { DiversityStorage } from "./diversity-storage.js";
import { openDiversityStorage } from "./open-diversity-storage.js";
import type { AuditEntry } from "./records.js";

let store: TableStore;
let diversity: DiversityStorage;
beforeAll(async () => {
  store = new TableStore({ connectionString: inject("azuriteConnectionString") }, `da${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`);
  diversity = await openDiversityStorage(store);
});

const entry = (id: string, at: string, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at,
  actor: "analyst-1",
  actorName: "Asha Analyst",
  action: "read-responses",
  supplierIds: ["s-1", "s/2"],
  purpose: "Equality monitoring for the 2026 baseline",
  ...extra,
});

// Recorded out of order, across November and December 2026 and January 2027.
const entries = [
  entry("e/4", "2026-12-01T00:00:00.000Z", { action: "erase", supplierIds: ["s-1"], detail: "At the supplier's request" }),
  entry("e-1", "2026-11-03T10:00:00.000Z", { action: "open-campaign", supplierIds: [], year: 2026 }),
  entry("e-5", "2027-01-02T09:00:00.000Z"),
  entry("e-3", "2026-11-30T23:59:59.999Z"),
  entry("e-2", "2026-11-15T12:00:00.000Z", { action: "issue-links", year: 2026 }),
];

describe("the diversity audit log", () => {
  it("keeps each entry in the partition of its month, keyed by its time, and lists them in time order across months", async () => {
    for (const e of entries) await diversity.audit.record(e);
    const rows = await store.all(AUDIT_TABLE);
    expect(rows.map((r) => [r.partitionKey, r.rowKey])).toEqual([
      ["2026-11", "2026-11-03T10:00:00.000Z-e-1"],
      ["2026-11", "2026-11-15T12:00:00.000Z-e-2"],
      ["2026-11", "2026-11-30T23:59:59.999Z-e-3"],
      ["2026-12", "2026-12-01T00:00:00.000Z-e$2F4"],
      ["2027-01", "2027-01-02T09:00:00.000Z-e-5"],
    ]);
    expect(JSON.parse(String(rows[3]?.supplierIds))).toEqual(["s-1"]);
    expect((await diversity.audit.list()).map((e) => e.id)).toEqual(["e-1", "e-2", "e-3", "e/4", "e-5"]);
    expect((await diversity.audit.list())[0]).toEqual(entries[1]);
    expect((await diversity.audit.list())[3]).toEqual(entries[0]);
  });

  it("lists a range of months, its last day whole, and either end open", async () => {
    expect((await diversity.audit.list({ from: "2026-11-15T12:00:00.000Z", to: "2026-12-01" })).map((e) => e.id)).toEqual(["e-2", "e-3", "e/4"]);
    expect((await diversity.audit.list({ from: "2026-11-04", to: "2026-11-30" })).map((e) => e.id)).toEqual(["e-2", "e-3"]);
    expect((await diversity.audit.list({ from: "2026-12-01T00:00:00.001Z" })).map((e) => e.id)).toEqual(["e-5"]);
    expect((await diversity.audit.list({ to: "2026-11-15T11:59:59.999Z" })).map((e) => e.id)).toEqual(["e-1"]);
    expect((await diversity.audit.list({ from: "2020-01-01", to: "2030-12-31" })).map((e) => e.id)).toEqual(["e-1", "e-2", "e-3", "e/4", "e-5"]);
    expect(await diversity.audit.list({ from: "2027-02-01", to: "2027-03-01" })).toEqual([]);
  });

  it("reads a bounded range month by month, only the partitions of those months", async () => {
    const all = vi.spyOn(store, "all");
    try {
      expect((await diversity.audit.list({ from: "2026-11-20", to: "2026-12-31" })).map((e) => e.id)).toEqual(["e-3", "e/4"]);
      const filters = all.mock.calls.map(([, filter]) => filter ?? "");
      expect(filters).toHaveLength(2);
      expect(filters.map((f) => /PartitionKey eq '([^']+)'/.exec(f)?.[1]).sort()).toEqual(["2026-11", "2026-12"]);
    } finally {
      all.mockRestore();
    }
  });

  it("never writes an entry over: the same entry twice is a conflict", async () => {
    const again = await diversity.audit.record({ ...entries[2]!, actorName: "Someone else" }).catch((error: unknown) => error);
    expect(isStorageError(again, "conflict")).toBe(true);
    expect((await diversity.audit.list({ from: "2027-01-01", to: "2027-01-31" }))[0]?.actorName).toBe("Asha Analyst");
  });

  it("names every supplier of a read of a whole year's answers, more than one property holds", async () => {
    const supplierIds = Array.from({ length: 2000 }, (_, n) => `supplier-${crypto.randomUUID()}-${n}`);
    await diversity.audit.record(entry("e-big", "2027-02-10T09:00:00.000Z", { supplierIds }));
    const [stored] = await diversity.audit.list({ from: "2027-02-10", to: "2027-02-10" });
    expect(stored?.supplierIds).toEqual(supplierIds);
    const [row] = await store.all(AUDIT_TABLE, "PartitionKey eq '2027-02'");
    expect(typeof row?.supplierIds1).toBe("string");
  });
});
