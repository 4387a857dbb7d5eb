// The year's campaigns against a real Azurite: one per year, and changed only under the ETag read.
import { beforeAll, describe, expect, it, inject } from "vitest";
import { isStorageError } from "../errors.js";
import { TableStore } from "../store.js";
import { CAMPAIGNS_TABLE } from "./campaigns.js";
import type { DiversityStorage } from "./diversity-storage.js";
import { openDiversityStorage } from "./open-diversity-storage.js";
import type { CampaignRecord } from "./records.js";

let store: TableStore;
let diversity: DiversityStorage;
beforeAll(async () => {
  store = new TableStore({ connectionString: inject("azuriteConnectionString") }, `dc${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`);
  diversity = await openDiversityStorage(store);
});

const campaign = (year: number, openedBy = "admin-1"): CampaignRecord => ({
  year,
  questionnaireVersion: "2026.1",
  openedAt: `${year}-04-01T09:00:00.000Z`,
  openedBy,
  closesAt: `${year}-06-30T23:59:59.000Z`,
  invited: 42,
});

describe("diversity campaigns", () => {
  it("are created once a year: a second campaign of the same year is a conflict and the first stays", async () => {
    const created = await diversity.campaigns.create(campaign(2026));
    expect(created.etag).not.toBe("");
    const again = await diversity.campaigns.create(campaign(2026, "admin-2")).catch((error: unknown) => error);
    expect(isStorageError(again, "conflict")).toBe(true);
    const stored = await store.get(CAMPAIGNS_TABLE, "campaigns", "2026");
    expect(stored?.openedBy).toBe("admin-1");
    expect(stored?.etag).toBe(created.etag);
  });

  it("refuse a replacement made with a stale ETag, and keep what is stored", async () => {
    const created = await diversity.campaigns.create(campaign(2027));
    const closed = { ...campaign(2027), closedAt: "2027-07-01T09:00:00.000Z", closedBy: "admin-1" };
    const etag = await diversity.campaigns.replace(closed, created.etag);
    expect(etag).not.toBe(created.etag);
    const stale = await diversity.campaigns.replace({ ...closed, publishedAt: "2027-08-01T09:00:00.000Z", publishedBy: "analyst-1" }, created.etag).catch((error: unknown) => error);
    expect(isStorageError(stale, "precondition-failed")).toBe(true);
    const stored = await diversity.campaigns.get(2027);
    expect(stored).toEqual({ ...closed, etag });
    expect(stored && "publishedAt" in stored).toBe(false);
  });

  it("list every year, oldest first, each with its ETag; an unknown year is undefined", async () => {
    await diversity.campaigns.create(campaign(2025));
    const years = (await diversity.campaigns.list()).map((c) => [c.year, typeof c.etag]);
    expect(years).toEqual([[2025, "string"], [2026, "string"], [2027, "string"]]);
    expect(await diversity.campaigns.get(2031)).toBeUndefined();
  });

  it("store no ETag a caller leaves on the record as a property", async () => {
    const created = await diversity.campaigns.create(campaign(2028));
    await diversity.campaigns.replace({ ...created, invited: 43 }, created.etag);
    const row = await store.get(CAMPAIGNS_TABLE, "campaigns", "2028");
    expect(row?.invited).toBe(43);
    expect(Object.keys(row ?? {}).sort()).toEqual(["closesAt", "etag", "invited", "openedAt", "openedBy", "partitionKey", "questionnaireVersion", "rowKey", "year"]);
  });
});
