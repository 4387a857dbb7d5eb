// Invitations and form tokens against a real Azurite: batched saves, marks that keep what others wrote, tokens by hash only.
import { createHash, randomBytes } from "node:crypto";
import { odata } from "@azure/data-tables";
import { beforeAll, describe, expect, it, inject, vi } from "vitest";
import { tableKey } from "../entity.js";
import { isStorageError } from "../errors.js";
import { TableStore } from "../store.js";
import type { DiversityStorage } from "./diversity-storage.js";
import { INVITATIONS_TABLE } from "./invitations.js";
import { openDiversityStorage } from "./open-diversity-storage.js";
import type { FormTokenRecord, InvitationRecord } from "./records.js";
import { TOKENS_TABLE } from "./tokens.js";

let store: TableStore;
let diversity: DiversityStorage;
beforeAll(async () => {
  store = new TableStore({ connectionString: inject("azuriteConnectionString") }, `di${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`);
  diversity = await openDiversityStorage(store);
});

const invitation = (year: number, n: number, extra: Partial<InvitationRecord> = {}): InvitationRecord => ({
  year,
  supplierId: `s/${n}#x`,
  supplierName: `Supplier ${String(n).padStart(3, "0")}`,
  contactEmail: `c${n}@example.org`,
  invitedAt: `${year}-04-01T09:00:00.000Z`,
  ...extra,
});

describe("diversity invitations", () => {
  it("are saved in transactions of at most 100 rows of one year each", async () => {
    const batch = vi.spyOn(store, "batch");
    try {
      await diversity.invitations.saveAll([...Array.from({ length: 250 }, (_, n) => invitation(2026, n)), invitation(2025, 1), invitation(2025, 2)]);
      const calls = batch.mock.calls.map(([table, partitionKey, operations]) => ({ table, partitionKey, size: operations.length }));
      expect(calls.filter((c) => c.partitionKey === "2026").map((c) => c.size)).toEqual([100, 100, 50]);
      expect(calls.filter((c) => c.partitionKey === "2025").map((c) => c.size)).toEqual([2]);
      for (const [, partitionKey, operations] of batch.mock.calls) for (const op of operations) expect(op.kind === "delete" ? op.partitionKey : op.entity.partitionKey).toBe(partitionKey);
    } finally {
      batch.mockRestore();
    }
    const rows = await store.all(INVITATIONS_TABLE, odata`PartitionKey eq ${"2026"}`);
    expect(rows).toHaveLength(250);
    expect(rows.find((r) => r.rowKey === tableKey("s/7#x"))?.supplierId).toBe("s/7#x");
    expect(await diversity.invitations.list(2025)).toEqual([invitation(2025, 1), invitation(2025, 2)]);
    const listed = await diversity.invitations.list(2026);
    expect(listed).toHaveLength(250);
    expect(listed[0]).toEqual(invitation(2026, 0));
  });

  it("are saved once per supplier: the last given for one wins", async () => {
    await diversity.invitations.saveAll([invitation(2030, 1, { contactName: "First" }), invitation(2030, 1, { contactName: "Second" })]);
    expect(await diversity.invitations.list(2030)).toEqual([invitation(2030, 1, { contactName: "Second" })]);
  });

  it("mark links issued on the suppliers named only, across more than one transaction", async () => {
    const named = Array.from({ length: 150 }, (_, n) => `s/${n}#x`);
    await diversity.invitations.markLinksIssued(2026, [...named, "not-invited"], "2026-04-02T09:00:00.000Z");
    const rows = await store.all(INVITATIONS_TABLE, odata`PartitionKey eq ${"2026"}`);
    expect(rows.filter((r) => r.linksIssuedAt === "2026-04-02T09:00:00.000Z")).toHaveLength(150);
    expect(rows.filter((r) => r.linksIssuedAt === undefined).map((r) => r.supplierId).sort()).toEqual(Array.from({ length: 100 }, (_, n) => `s/${n + 150}#x`).sort());
    expect(rows).toHaveLength(250);
    expect(await diversity.invitations.get(2026, "not-invited")).toBeUndefined();
  });

  it("keep the first answer's time, and what links issued wrote", async () => {
    await diversity.invitations.markAnswered(2026, "s/3#x", "2026-04-05T09:00:00.000Z");
    await diversity.invitations.markAnswered(2026, "s/3#x", "2026-05-05T09:00:00.000Z");
    await diversity.invitations.markAnswered(2026, "nobody", "2026-05-05T09:00:00.000Z");
    expect(await diversity.invitations.get(2026, "s/3#x")).toEqual(invitation(2026, 3, { linksIssuedAt: "2026-04-02T09:00:00.000Z", answeredAt: "2026-04-05T09:00:00.000Z" }));
    await diversity.invitations.markLinksIssued(2026, ["s/3#x"], "2026-04-09T09:00:00.000Z");
    expect(await diversity.invitations.get(2026, "s/3#x")).toEqual(invitation(2026, 3, { linksIssuedAt: "2026-04-09T09:00:00.000Z", answeredAt: "2026-04-05T09:00:00.000Z" }));
    expect(await diversity.invitations.get(2026, "nobody")).toBeUndefined();
  });
});

const hash = (token: string) => createHash("sha256").update(token).digest("hex");
const token = (year: number, supplierId: string): { token: string; record: FormTokenRecord } => {
  const value = randomBytes(32).toString("base64url");
  return { token: value, record: { tokenHash: hash(value), year, supplierId, issuedAt: `${year}-04-02T09:00:00.000Z`, expiresAt: `${year}-06-30T23:59:59.000Z` } };
};

describe("diversity form tokens", () => {
  it("are found by the hash of the token, and the token itself is stored nowhere", async () => {
    const issued = Array.from({ length: 30 }, (_, n) => token(2026, `s-${n}`));
    await diversity.tokens.saveAll(issued.map((t) => t.record));
    const [first] = issued;
    if (!first) throw new Error("no token");
    expect(first.token).toHaveLength(43);
    expect(await diversity.tokens.get(hash(first.token))).toEqual(first.record);
    const rows = await store.all(TOKENS_TABLE);
    expect(rows).toHaveLength(30);
    const text = JSON.stringify(rows);
    for (const t of issued) expect(text).not.toContain(t.token);
    expect(rows.find((r) => r.partitionKey === first.record.tokenHash)?.rowKey).toBe("token");
  });

  it("find nothing for an unknown, altered or unhashed token, and refuse to store a token unhashed", async () => {
    const saved = token(2026, "s-x");
    await diversity.tokens.saveAll([saved.record]);
    expect(await diversity.tokens.get(hash(`${saved.token}a`))).toBeUndefined();
    expect(await diversity.tokens.get(saved.token)).toBeUndefined();
    expect(await diversity.tokens.get("../token")).toBeUndefined();
    await expect(diversity.tokens.saveAll([{ ...saved.record, tokenHash: saved.token }])).rejects.toThrow(/SHA-256/);
    const again = await diversity.tokens.saveAll([saved.record]).catch((error: unknown) => error);
    expect(isStorageError(again, "conflict")).toBe(true);
  });

  it("of one year are deleted with it, and the other years' stay", async () => {
    const other = token(2027, "s-1");
    await diversity.tokens.saveAll([other.record]);
    expect(await diversity.tokens.deleteOfYear(2026)).toBe(31);
    const rows = await store.all(TOKENS_TABLE);
    expect(rows.map((r) => r.partitionKey)).toEqual([other.record.tokenHash]);
    expect(await diversity.tokens.deleteOfYear(2026)).toBe(0);
  });
});
