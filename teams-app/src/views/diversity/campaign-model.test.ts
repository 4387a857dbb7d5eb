import { describe, expect, it } from "vitest";
import type { BaselineView, CampaignView } from "@toms/client";
import { canPublish, chosenCampaign, isCouncilStaff, isEdiAnalyst, newestPublished, publishConfirmWords, publishNote, readYear, reminderLine, remindersHeadline, responseRate, staffYears, statusWords } from "./campaign-model.js";

const campaign = (year: number, extra: Partial<CampaignView> = {}): CampaignView => ({ year, questionnaireVersion: "2026.1", status: "closed", openedAt: `${year}-10-01T09:00:00Z`, closesAt: `${year}-12-31T23:59:59Z`, closedAt: `${year + 1}-01-05T10:00:00Z`, invited: 400, answered: 58, published: null, ...extra });
const baseline = (year: number, extra: Partial<BaselineView> = {}) => ({ year, status: "closed", published: null, ...extra }) as BaselineView;

describe("the year shown", () => {
  it("is the address's when there is such a campaign, else the newest", () => {
    const campaigns = [campaign(2025), campaign(2026, { status: "open" }), campaign(2024)];
    expect(chosenCampaign(campaigns, 2025)?.year).toBe(2025);
    expect(chosenCampaign(campaigns, 2019)?.year).toBe(2026);
    expect(chosenCampaign(campaigns, undefined)?.year).toBe(2026);
    expect(chosenCampaign([], undefined)).toBeUndefined();
  });

  it("reads only a four-digit year from the address", () => {
    expect(readYear(new URLSearchParams("year=2025"))).toBe(2025);
    expect(readYear(new URLSearchParams("year=25"))).toBeUndefined();
    expect(readYear(new URLSearchParams("year=2025x"))).toBeUndefined();
    expect(readYear(new URLSearchParams())).toBeUndefined();
  });
});

describe("the campaign in words", () => {
  it("says whether it is open or closed, and whether its baseline is published", () => {
    expect(statusWords(campaign(2026, { status: "open", closedAt: undefined }))).toBe("Open until 31 December 2026. Baseline not published.");
    expect(statusWords(campaign(2025, { published: { at: "2026-01-20T11:00:00Z", by: "Priya Shah" } }))).toBe("Closed on 5 January 2026. Baseline published to colleagues on 20 January 2026 by Priya Shah.");
  });

  it("gives the response rate to one decimal, and none when nobody was asked", () => {
    expect(responseRate({ invited: 400, answered: 58 })).toBe(14.5);
    expect(responseRate({ invited: 0, answered: 0 })).toBeNull();
  });

  it("counts and names those to remind, with whom to ask", () => {
    const rows = [{ supplierId: "s1", supplierName: "Foleshill Bakery", contactName: "Amira Khan", contactEmail: "amira@foleshill.example", invitedAt: "2026-10-01T09:00:00Z" }, { supplierId: "s2", supplierName: "Spon End Joinery", invitedAt: "2026-10-01T09:00:00Z" }];
    expect(remindersHeadline(rows)).toBe("2 businesses have not answered yet.");
    expect(remindersHeadline(rows.slice(0, 1))).toBe("1 business has not answered yet.");
    expect(remindersHeadline([])).toBe("Every business asked has answered.");
    expect(rows.map(reminderLine)).toEqual(["Foleshill Bakery (Amira Khan, amira@foleshill.example)", "Spon End Joinery (no contact recorded)"]);
  });
});

describe("publishing", () => {
  it("is offered only for a closed campaign not yet published", () => {
    expect(canPublish(baseline(2025))).toBe(true);
    expect(canPublish(baseline(2026, { status: "open" }))).toBe(false);
    expect(canPublish(baseline(2025, { published: { at: "2026-01-20T11:00:00Z", by: "Priya Shah" } }))).toBe(false);
    expect(publishNote(baseline(2026, { status: "open" }))).toBe("The 2026 baseline can be published to colleagues once the questionnaire has closed.");
  });

  it("says who will be able to see it, and that suppliers cannot", () => {
    const words = publishConfirmWords(2025);
    expect(words).toContain("Procurement officers, evaluators and contract managers");
    expect(words).toContain("Suppliers cannot see it.");
    expect(words).toContain("2025 baseline");
  });
});

describe("colleagues who are not EDI analysts", () => {
  it("are told apart by their role", () => {
    expect(isEdiAnalyst({ roles: ["edi-analyst"] })).toBe(true);
    expect(isEdiAnalyst({ roles: ["admin", "contract-manager"] })).toBe(false);
    expect(isCouncilStaff({ roles: ["contract-manager"] })).toBe(true);
    expect(isCouncilStaff({ roles: ["supplier"] })).toBe(false);
  });

  it("see the newest published baseline of this year and the year before", () => {
    expect(staffYears("2026-12-03")).toEqual([2026, 2025]);
    const published = { at: "2026-01-20T11:00:00Z", by: "Priya Shah" };
    expect(newestPublished([null, baseline(2025, { published })])?.year).toBe(2025);
    expect(newestPublished([baseline(2026, { published }), baseline(2025, { published })])?.year).toBe(2026);
    expect(newestPublished([baseline(2026), null])).toBeUndefined();
  });
});
