// Suppliers' answers against a real Azurite: one transaction per submission, races lost whole, erasure and retention.
import { odata } from "@azure/data-tables";
import { beforeAll, describe, expect, it, inject, vi } from "vitest";
import { tableKey } from "../entity.js";
import { isStorageError } from "../errors.js";
import { TableStore } from "../store.js";
import type { DiversityStorage } from "./diversity-storage.js";
import { openDiversityStorage } from "./open-diversity-storage.js";
import type { StoredResponse } from "./records.js";
import { RESPONSES_TABLE } from "./responses.js";

let prefix: string;
let store: TableStore;
let diversity: DiversityStorage;
beforeAll(async () => {
  prefix = `dr${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`;
  store = new TableStore({ connectionString: inject("azuriteConnectionString") }, prefix);
  diversity = await openDiversityStorage(store);
});

const answer = (supplierId: string, year: number, revision: number, extra: Partial<StoredResponse> = {}): StoredResponse => ({
  year,
  supplierId,
  revision,
  answers: { questionnaireVersion: "2026.1", privacyNoticeVersion: "diversity-2026.1", ethnicMinorityOwned: revision % 2 === 0 ? "yes" : "no", barriers: ["payment-terms"] },
  submittedAt: `${year}-05-${String(revision).padStart(2, "0")}T09:00:00.000Z`,
  submittedBy: { kind: "form" },
  ...extra,
});

const rowKeysOf = async (supplierId: string) => (await store.all(RESPONSES_TABLE, odata`PartitionKey eq ${tableKey(supplierId)}`)).map((row) => row.rowKey).sort();
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

describe("a submission", () => {
  it("stores the answer that counts and its revision, and removes the draft, in the supplier's partition", async () => {
    const supplier = "sub/1";
    await diversity.responses.saveDraft({ year: 2026, supplierId: supplier, fields: { ethnicMinorityOwned: "no", barriers: ["payment-terms", "insurance"] }, savedAt: "2026-05-01T08:00:00.000Z" });
    expect(await rowKeysOf(supplier)).toEqual(["draft-2026"]);
    const first = answer(supplier, 2026, 1, { submittedBy: { kind: "user", userId: "u-1" }, idempotencyKey: "k-1" });
    expect(await diversity.responses.submit(first, undefined)).toEqual(first);
    expect(await rowKeysOf(supplier)).toEqual(["current-2026", "revision-2026-0001"]);
    expect(await diversity.responses.draftOf(supplier, 2026)).toBeUndefined();
    const current = await diversity.responses.currentOf(supplier, 2026);
    expect(current).toEqual({ ...first, etag: current?.etag });
    const row = await store.get(RESPONSES_TABLE, tableKey(supplier), "revision-2026-0001");
    expect(JSON.parse(String(row?.answers))).toEqual(first.answers);
    expect(JSON.parse(String(row?.submittedBy))).toEqual({ kind: "user", userId: "u-1" });
  });

  it("made with an ETag that is no longer the answer's is refused, and nothing changes", async () => {
    const supplier = "sub-2";
    await diversity.responses.submit(answer(supplier, 2026, 1), undefined);
    const read = await diversity.responses.currentOf(supplier, 2026);
    await diversity.responses.submit(answer(supplier, 2026, 2), read?.etag);
    await diversity.responses.saveDraft({ year: 2026, supplierId: supplier, fields: { womenOwned: "yes" }, savedAt: "2026-05-20T08:00:00.000Z" });
    const before = await store.all(RESPONSES_TABLE, odata`PartitionKey eq ${supplier}`);

    const stale = await failure(diversity.responses.submit(answer(supplier, 2026, 3), read?.etag));
    expect(isStorageError(stale, "precondition-failed")).toBe(true);
    expect(await store.all(RESPONSES_TABLE, odata`PartitionKey eq ${supplier}`)).toEqual(before);
    expect(before.map((r) => r.rowKey).sort()).toEqual(["current-2026", "draft-2026", "revision-2026-0001", "revision-2026-0002"]);
    expect((await diversity.responses.currentOf(supplier, 2026))?.revision).toBe(2);

    // A first submission when one is already there: a conflict, and nothing changes either.
    const twice = await failure(diversity.responses.submit(answer(supplier, 2026, 3), undefined));
    expect(isStorageError(twice, "conflict")).toBe(true);
    expect(await store.all(RESPONSES_TABLE, odata`PartitionKey eq ${supplier}`)).toEqual(before);
  });

  it("raced by another with the same ETag: exactly one wins, and one new revision is stored", async () => {
    const supplier = "sub-3";
    await diversity.responses.submit(answer(supplier, 2026, 1), undefined);
    const read = await diversity.responses.currentOf(supplier, 2026);
    // Two instances of the service, so that nothing in one process puts the two in order.
    const other = new TableStore({ connectionString: inject("azuriteConnectionString") }, prefix);
    const otherDiversity = await openDiversityStorage(other);
    const results = await Promise.allSettled([
      diversity.responses.submit(answer(supplier, 2026, 2, { idempotencyKey: "a" }), read?.etag),
      otherDiversity.responses.submit(answer(supplier, 2026, 3, { idempotencyKey: "b" }), read?.etag),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost.every((r) => isStorageError(r.reason, "precondition-failed") || isStorageError(r.reason, "conflict"))).toBe(true);
    const keys = await rowKeysOf(supplier);
    expect(keys.filter((k) => k.startsWith("revision-"))).toHaveLength(2);
    const winner = won[0]?.status === "fulfilled" ? won[0].value : undefined;
    expect(keys).toContain(`revision-2026-000${winner?.revision}`);
    expect((await diversity.responses.currentOf(supplier, 2026))?.idempotencyKey).toBe(winner?.idempotencyKey);
  });

  it("raced by another first submission: exactly one is stored", async () => {
    const supplier = "sub-4";
    const other = await openDiversityStorage(new TableStore({ connectionString: inject("azuriteConnectionString") }, prefix));
    const results = await Promise.allSettled([diversity.responses.submit(answer(supplier, 2026, 1, { idempotencyKey: "a" }), undefined), other.responses.submit(answer(supplier, 2026, 1, { idempotencyKey: "b" }), undefined)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await rowKeysOf(supplier)).toEqual(["current-2026", "revision-2026-0001"]);
  });
});

describe("a supplier's answers", () => {
  it("list the answers that count, every submission in order, and the drafts", async () => {
    const supplier = "hist@example.org";
    await diversity.responses.submit(answer(supplier, 2026, 1), undefined);
    for (const revision of [2, 3]) await diversity.responses.submit(answer(supplier, 2026, revision), (await diversity.responses.currentOf(supplier, 2026))?.etag);
    await diversity.responses.submit(answer(supplier, 2025, 1), undefined);
    const draft = { year: 2027, supplierId: supplier, fields: { sector: "construction" }, savedAt: "2027-04-03T10:00:00.000Z" };
    await diversity.responses.saveDraft(draft);
    const all = await diversity.responses.allOf(supplier);
    expect(all.current).toEqual([answer(supplier, 2025, 1), answer(supplier, 2026, 3)]);
    expect(all.history).toEqual([answer(supplier, 2025, 1), answer(supplier, 2026, 1), answer(supplier, 2026, 2), answer(supplier, 2026, 3)]);
    expect(all.drafts).toEqual([draft]);
    expect(await diversity.responses.draftOf(supplier, 2027)).toEqual(draft);
    expect((await diversity.responses.current(2026)).find((r) => r.supplierId === supplier)).toEqual(answer(supplier, 2026, 3));
  });

  it("of a year are every supplier's answer that counts, and nothing else", async () => {
    const current = await diversity.responses.current(2025);
    expect(current).toEqual([answer("hist@example.org", 2025, 1)]);
  });

  it("are erased, every row of that supplier over several transactions, and no other supplier's", async () => {
    const supplier = "erase-me";
    await diversity.responses.submit(answer(supplier, 2024, 1), undefined);
    for (let revision = 2; revision <= 120; revision++) {
      await diversity.responses.submit(answer(supplier, 2024, revision), (await diversity.responses.currentOf(supplier, 2024))?.etag);
    }
    await diversity.responses.saveDraft({ year: 2025, supplierId: supplier, fields: {}, savedAt: "2025-04-01T00:00:00.000Z" });
    const neighbour = "erase-me-not";
    await diversity.responses.submit(answer(neighbour, 2024, 1), undefined);
    expect(await rowKeysOf(supplier)).toHaveLength(122);

    const batch = vi.spyOn(store, "batch");
    try {
      expect(await diversity.responses.eraseSupplier(supplier)).toBe(122);
      expect(batch.mock.calls.map(([, partitionKey, operations]) => [partitionKey, operations.length])).toEqual([[supplier, 100], [supplier, 22]]);
    } finally {
      batch.mockRestore();
    }
    expect(await rowKeysOf(supplier)).toEqual([]);
    expect(await rowKeysOf(neighbour)).toEqual(["current-2024", "revision-2024-0001"]);
    expect(await diversity.responses.allOf(supplier)).toEqual({ current: [], history: [], drafts: [] });
    expect(await diversity.responses.eraseSupplier(supplier)).toBe(0);
  });
});

describe("retention", () => {
  it("finds the answers and drafts from before the cutoff, and deletes those only", async () => {
    const fresh = await openDiversityStorage(new TableStore({ connectionString: inject("azuriteConnectionString") }, `dt${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`));
    await fresh.responses.submit(answer("old/1", 2021, 1), undefined);
    await fresh.responses.submit(answer("old/1", 2021, 2), (await fresh.responses.currentOf("old/1", 2021))?.etag);
    await fresh.responses.saveDraft({ year: 2022, supplierId: "old/1", fields: {}, savedAt: "2022-05-01T00:00:00.000Z" });
    await fresh.responses.submit(answer("old/1", 2026, 1), undefined);
    await fresh.responses.saveDraft({ year: 2026, supplierId: "new-2", fields: {}, savedAt: "2026-05-01T00:00:00.000Z" });

    const before = await fresh.responses.submittedBefore("2023-12-03T00:00:00.000Z");
    expect(before.sort((a, b) => a.rowKey.localeCompare(b.rowKey))).toEqual([
      { supplierId: "old/1", rowKey: "current-2021", year: 2021 },
      { supplierId: "old/1", rowKey: "draft-2022", year: 2022 },
      { supplierId: "old/1", rowKey: "revision-2021-0001", year: 2021 },
      { supplierId: "old/1", rowKey: "revision-2021-0002", year: 2021 },
    ]);
    // Twice over, as a run stopped and started again would ask.
    expect(await fresh.responses.deleteRows([...before, ...before])).toBe(4);
    expect(await fresh.responses.submittedBefore("2023-12-03T00:00:00.000Z")).toEqual([]);
    const all = await fresh.responses.allOf("old/1");
    expect(all.history.map((r) => r.year)).toEqual([2026]);
    expect(all.drafts).toEqual([]);
    expect(await fresh.responses.draftOf("new-2", 2026)).toBeDefined();
    expect(await fresh.responses.deleteRows(before)).toBe(4);
  });
});
