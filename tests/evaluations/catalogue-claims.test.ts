import { odata } from "@azure/data-tables";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Catalogue } from "@toms/domain";
import { CATALOGUES_TABLE, CATALOGUE_VERSIONS_TABLE, CatalogueRepository, isStorageError, tableKey, TableStore } from "@toms/storage";
import { heldStore } from "../support/held-store.js";

declare module "vitest" {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}

// The publishing claim, driven with a clock that moves on: a claim taken over, a publisher that
// goes on writing after it lost its claim, a wait that ends, and rows that do not add up.
let store: TableStore;
beforeAll(async () => {
  store = new TableStore({ connectionString: inject("azuriteConnectionString") }, `k${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`);
  await store.ensureTables([CATALOGUES_TABLE, CATALOGUE_VERSIONS_TABLE]);
});

const T0 = Date.parse("2026-03-03T14:02:00Z");
const catalogue = (version: string, proxyValue: number, count = 3): Catalogue => ({
  version,
  measures: Array.from({ length: count }, (_, i) => ({ code: `M-${i}`, theme: "Economic", outcomes: ["Jobs"], name: `Measure ${i}`, unit: "hours", proxyValue, source: "Test" })),
});
const proxies = (found: Catalogue | undefined) => found?.measures.map((m) => [m.code, m.proxyValue]);

describe("publishing a catalogue version under a claim", () => {
  it("keeps the whole version of a claim that took over, when the slow publisher writes its rows afterwards", async () => {
    const version = `T-${crypto.randomUUID().slice(0, 6)}`;
    let clock = T0;
    const now = () => new Date(clock);
    const { slow, atRows, release } = heldStore(store);
    const slowPublish = new CatalogueRepository(slow, now).publish(catalogue(version, 1), "slow.publisher");
    await atRows; // claimed, and about to write its rows
    clock += 61_000;
    expect(await new CatalogueRepository(store, now).publish(catalogue(version, 2), "rob.amor")).toMatchObject({ outcome: "published" });
    release();
    // Its rows land after the takeover, then its claim is gone: the version is the other's.
    expect(await slowPublish).toEqual({ outcome: "changed" });
    const stored = await new CatalogueRepository(store).get(version);
    expect(proxies(stored)).toEqual([["M-0", 2], ["M-1", 2], ["M-2", 2]]);
    // The slow publisher's rows are there, under its own claim, overwriting nothing.
    const rows = await store.all(CATALOGUES_TABLE, odata`PartitionKey eq ${`v:${tableKey(version)}`}`);
    expect(rows.map((r) => r.proxyValue).sort()).toEqual([1, 1, 1, 2, 2, 2]);
  });

  it("answers \"in progress\", naming who and since when, instead of waiting on under a clock that stands still", async () => {
    const version = `W-${crypto.randomUUID().slice(0, 6)}`;
    const now = () => new Date(T0);
    const { slow, atRows, release } = heldStore(store);
    const first = new CatalogueRepository(slow, now).publish(catalogue(version, 1), "slow.publisher");
    await atRows;
    const other = { version, publishedBy: "slow.publisher", since: new Date(T0) };
    expect(await new CatalogueRepository(store, now).publish(catalogue(version, 1), "rob.amor")).toEqual({ outcome: "in-progress", other: { ...other, sameMeasures: true } });
    expect(await new CatalogueRepository(store, now).publish(catalogue(version, 5), "rob.amor")).toEqual({ outcome: "in-progress", other: { ...other, sameMeasures: false } });
    expect(await new CatalogueRepository(store).get(version)).toBeUndefined();
    release();
    expect(await first).toMatchObject({ outcome: "published", summary: { publishedBy: "slow.publisher", measureCount: 3 } });
    expect(proxies(await new CatalogueRepository(store).get(version))).toEqual([["M-0", 1], ["M-1", 1], ["M-2", 1]]);
  });

  it("refuses a version whose rows do not add up to its count, rather than serve fewer measures", async () => {
    const version = `D-${crypto.randomUUID().slice(0, 6)}`;
    const repository = new CatalogueRepository(store);
    await repository.publish(catalogue(version, 3), "rob.amor");
    const partition = `v:${tableKey(version)}`;
    const [lost] = await store.all(CATALOGUES_TABLE, odata`PartitionKey eq ${partition}`);
    await store.delete(CATALOGUES_TABLE, partition, String(lost?.rowKey));
    const read = new CatalogueRepository(store).get(version);
    await expect(read).rejects.toSatisfy((error) => isStorageError(error, "damaged"));
    await expect(read).rejects.toThrow(`Catalogue version ${version} should have 3 measures, but storage holds 2: the stored catalogue is damaged`);
  });

  it("reads versions stored before rows were keyed by claim: rows keyed by code, with or without a claim id", async () => {
    for (const claimId of ["a-claim", undefined]) {
      const version = `O-${crypto.randomUUID().slice(0, 6)}`;
      const partition = `v:${tableKey(version)}`;
      await store.create(CATALOGUE_VERSIONS_TABLE, { partitionKey: "catalogue", rowKey: tableKey(version), version, publishedAt: new Date(T0).toISOString(), publishedBy: "toms", measureCount: 2, claimId, complete: true }, "test");
      for (const [order, code] of ["B-2", "A-1"].entries()) {
        await store.create(CATALOGUES_TABLE, { partitionKey: partition, rowKey: code, claimId, order, code, theme: "Social", outcomes: "[\"Community\"]", name: code, unit: "hours", proxyValue: 4, source: "Test" }, "test");
      }
      expect(proxies(await new CatalogueRepository(store).get(version))).toEqual([["B-2", 4], ["A-1", 4]]);
    }
  });
});
