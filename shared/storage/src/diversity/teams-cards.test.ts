// Teams invitation cards against a real Azurite: claimed once by insert, a second claim answered the row, changed only under the ETag read.
import { beforeAll, describe, expect, it, inject } from "vitest";
import { isStorageError } from "../errors.js";
import { TableStore } from "../store.js";
import type { DiversityStorage } from "./diversity-storage.js";
import { openDiversityStorage } from "./open-diversity-storage.js";
import type { TeamsCardRecord } from "./records.js";
import { TEAMS_CARDS_TABLE, teamsCardKey } from "./teams-cards.js";

let store: TableStore;
let diversity: DiversityStorage;
beforeAll(async () => {
  store = new TableStore({ connectionString: inject("azuriteConnectionString") }, `dt${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`);
  diversity = await openDiversityStorage(store);
});

const card = (year: number, supplierId: string, userId: string, extra: Partial<TeamsCardRecord> = {}): TeamsCardRecord => ({
  year,
  supplierId,
  userId,
  tenantId: "tenant-1",
  state: "claimed",
  claimedAt: `${year}-12-03T09:00:00.000Z`,
  attempts: 1,
  ...extra,
});

describe("diversity Teams cards", () => {
  it("are claimed once: a second claim writes nothing and answers the row that is there", async () => {
    const first = await diversity.teamsCards.claim(card(2026, "s/1#x", "aad-1"));
    expect(first.claimed).toBe(true);
    expect(first.card).toMatchObject(card(2026, "s/1#x", "aad-1"));
    const second = await diversity.teamsCards.claim(card(2026, "s/1#x", "aad-1", { claimedAt: "2026-12-03T10:00:00.000Z", tenantId: "tenant-2" }));
    expect(second).toEqual({ claimed: false, card: first.card });
    const row = await store.get(TEAMS_CARDS_TABLE, "2026", teamsCardKey("s/1#x", "aad-1"));
    expect(row).toMatchObject({ partitionKey: "2026", rowKey: "s$2F1$23x$7Caad-1", supplierId: "s/1#x", userId: "aad-1", tenantId: "tenant-1", state: "claimed", attempts: 1 });
  });

  it("are claimed once by two claims at the same moment", async () => {
    const claims = await Promise.all(Array.from({ length: 5 }, (_, n) => diversity.teamsCards.claim(card(2026, "race", "aad-r", { claimedAt: `2026-12-03T09:00:0${n}.000Z` }))));
    expect(claims.filter((c) => c.claimed)).toHaveLength(1);
    const winner = claims.find((c) => c.claimed)?.card;
    for (const claim of claims) expect(claim.card).toEqual(winner);
  });

  it("are replaced only under the ETag read, and keep what was stored when it is stale", async () => {
    const { card: claimed } = await diversity.teamsCards.claim(card(2027, "s-2", "aad-2"));
    const { etag, ...record } = claimed;
    const failedEtag = await diversity.teamsCards.replace({ ...record, state: "failed", error: "Teams was busy (503)." }, etag);
    const stale = await diversity.teamsCards.replace({ ...record, state: "sent", sentAt: "2027-12-03T09:00:01.000Z" }, etag).catch((error: unknown) => error);
    expect(isStorageError(stale, "precondition-failed")).toBe(true);
    expect(await diversity.teamsCards.list(2027)).toEqual([{ ...record, state: "failed", error: "Teams was busy (503).", etag: failedEtag }]);
    // A retry takes the failed row back under its ETag, and the error goes with the new attempt.
    const retried = await diversity.teamsCards.replace({ ...record, claimedAt: "2027-12-04T09:00:00.000Z", attempts: 2 }, failedEtag);
    const sentEtag = await diversity.teamsCards.replace({ ...record, claimedAt: "2027-12-04T09:00:00.000Z", attempts: 2, state: "sent", sentAt: "2027-12-04T09:00:01.000Z" }, retried);
    const [stored] = await diversity.teamsCards.list(2027);
    expect(stored).toEqual({ ...record, claimedAt: "2027-12-04T09:00:00.000Z", attempts: 2, state: "sent", sentAt: "2027-12-04T09:00:01.000Z", etag: sentEtag });
    expect(stored).not.toHaveProperty("error");
  });

  it("list one year's cards only", async () => {
    await diversity.teamsCards.claim(card(2028, "a", "aad-a"));
    await diversity.teamsCards.claim(card(2028, "a", "aad-b"));
    await diversity.teamsCards.claim(card(2029, "a", "aad-a"));
    const listed = await diversity.teamsCards.list(2028);
    expect(listed.map((c) => `${c.year} ${c.supplierId} ${c.userId}`).sort()).toEqual(["2028 a aad-a", "2028 a aad-b"]);
    expect(await diversity.teamsCards.list(2030)).toEqual([]);
  });
});
