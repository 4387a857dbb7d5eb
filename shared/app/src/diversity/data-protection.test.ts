// Diversity answers as special category data, on the test run's Azurite: identified reads for EDI
// analysts only and audited first, export and erasure, retention, and the baseline, published only
// once its campaign is closed and then for the council's staff, never for suppliers.
import { describe, expect, it } from "vitest";
import { DEFAULT_MONEY_LABEL, parseCsv, QUESTIONNAIRE_V1, type Principal } from "@toms/domain";
import type { DiversityStorage } from "@toms/storage/diversity";
import { createAppDeps } from "../deps.js";
import { auditLog } from "./audit-log.js";
import { baselineOf } from "./baseline-of.js";
import { closeCampaign } from "./close-campaign.js";
import { createDiversityDeps, type DiversityDeps } from "./diversity-deps.js";
import { engagementList } from "./engagement-list.js";
import { eraseAnswers } from "./erase-answers.js";
import { issueFormLinks } from "./issue-form-links.js";
import { openCampaign } from "./open-campaign.js";
import { ownAnswers } from "./own-answers.js";
import { publishBaseline } from "./publish-baseline.js";
import { readResponses } from "./read-responses.js";
import { runRetention } from "./run-retention.js";
import { submitResponse } from "./submit-response.js";
import { admin, analyst, evaluator, manager, openTestStorage, tablePrefixOf, value } from "./test-deps.js";

const NOTICE = QUESTIONNAIRE_V1.privacyNoticeVersion;
const micro = { employeesBand: "under-10", turnoverBand: "up-to-2m", balanceSheetBand: "up-to-2m" };
const EVIL = '=HYPERLINK("http://evil.example","Click")';

interface Fixture {
  d: DiversityDeps;
  diversity: DiversityStorage;
  setNow(date: Date): void;
  suppliers: string[];
  contact(supplierId: string): Principal;
}

/** A register of `count` local micro businesses, the first named like a formula. */
async function fresh(count = 8, start = new Date("2026-12-03T09:00:00.000Z")): Promise<Fixture> {
  const { storage, diversity } = await openTestStorage(tablePrefixOf("dp"));
  let now = start;
  const d = createDiversityDeps(createAppDeps(storage, { moneyLabel: DEFAULT_MONEY_LABEL, now: () => now }), diversity, { publicUrl: "http://127.0.0.1:3000", threshold: 3 });
  const suppliers: string[] = [];
  for (let i = 0; i < count; i++) {
    const supplier = await storage.suppliers.create({ name: i === 0 ? EVIL : `Business ${String(i).padStart(2, "0")}`, postcode: "CV1 2GT", employees: 5, turnover: 300_000, balanceSheet: 100_000, vcse: false });
    await storage.suppliers.addContact(supplier.id, { name: `Contact ${i}`, email: `c${i}@business.example` });
    suppliers.push(supplier.id);
  }
  return { d, diversity, setNow: (date) => (now = date), suppliers, contact: (supplierId) => ({ userId: `contact-of-${supplierId}`, name: "A contact", roles: ["supplier"], supplierId }) };
}

/** Opens `year`'s campaign and has every business answer, signed in; women-owned for the first `women`. */
async function campaignAnswered(f: Fixture, year: number, women: number, closesAt: string, extra: Record<string, unknown> = {}): Promise<void> {
  value(await openCampaign(f.d, admin, { year, closesAt }));
  for (const [i, supplierId] of f.suppliers.entries()) {
    const fields = { privacyNoticeVersion: NOTICE, ...micro, womenOwned: i < women ? "yes" : "no", consentToContact: i % 2 === 0 ? "yes" : "no", barriers: ["payment-terms"], sector: "construction", ...extra };
    value(await submitResponse(f.d, { kind: "user", caller: f.contact(supplierId) }, { ...fields, year, supplierId }));
  }
}

describe("identified answers", () => {
  it("are read by EDI analysts only, for a stated purpose, and the read is audited with the businesses first", async () => {
    const f = await fresh(3);
    await campaignAnswered(f, 2026, 2, "2027-02-26T17:00:00.000Z");
    const supplier = f.contact(f.suppliers[0] ?? "");
    for (const caller of [admin, evaluator, manager, supplier]) {
      expect(await readResponses(f.d, caller, { purpose: "Curious about the answers", year: 2026 })).toMatchObject({ ok: false, kind: "forbidden" });
    }
    expect(await readResponses(f.d, analyst, { purpose: " why ", year: 2026 })).toMatchObject({ ok: false, kind: "invalid", errors: [{ field: "purpose" }] });
    expect((await f.diversity.audit.list()).filter((e) => e.action === "read-responses")).toEqual([]);

    const read = value(await readResponses(f.d, analyst, { purpose: "Check the sector counts", year: 2026 }));
    expect(read).toHaveLength(3);
    expect(read.find((r) => r.supplierId === f.suppliers[1])).toMatchObject({ supplierName: "Business 01", year: 2026, revision: 1, answers: { womenOwned: "yes" } });
    const [entry] = (await f.diversity.audit.list()).filter((e) => e.action === "read-responses");
    expect(entry).toMatchObject({ actor: "asha.patel", purpose: "Check the sector counts", year: 2026 });
    expect(entry?.supplierIds.sort()).toEqual([...f.suppliers].sort());
    expect(entry?.detail).not.toMatch(/yes|no/);

    const one = value(await readResponses(f.d, analyst, { purpose: "A business asked what it sent", supplierId: f.suppliers[2] ?? "" }));
    expect(one.map((r) => r.supplierId)).toEqual([f.suppliers[2]]);
  });

  it("are not returned when the audit line cannot be written", async () => {
    const f = await fresh(1);
    await campaignAnswered(f, 2026, 1, "2027-02-26T17:00:00.000Z");
    const failing: DiversityDeps = { ...f.d, diversity: { ...f.diversity, audit: { ...f.diversity.audit, record: () => Promise.reject(new Error("audit table unavailable")) } } };
    await expect(readResponses(failing, analyst, { purpose: "Check the sector counts" })).rejects.toThrow("audit table unavailable");
    await expect(ownAnswers(failing, { kind: "user", caller: f.contact(f.suppliers[0] ?? "") })).rejects.toThrow("audit table unavailable");
    await expect(engagementList(failing, analyst, { filters: {}, purpose: "Meet the Buyer", format: "csv" })).rejects.toThrow("audit table unavailable");
    await expect(eraseAnswers(failing, { kind: "analyst", caller: analyst, supplierId: f.suppliers[0] ?? "", purpose: "The business asked" })).rejects.toThrow("audit table unavailable");
    // Not erased either: the erasure waits for its audit line.
    expect(await f.diversity.responses.currentOf(f.suppliers[0] ?? "", 2026)).toBeDefined();
  });

  it("are exported to the business itself, through its link or signed in, and the export is audited", async () => {
    const f = await fresh(2);
    await campaignAnswered(f, 2026, 1, "2027-02-26T17:00:00.000Z");
    const [alpha = "", beta = ""] = f.suppliers;
    value(await submitResponse(f.d, { kind: "user", caller: f.contact(alpha) }, { privacyNoticeVersion: NOTICE, womenOwned: "no", year: 2026, supplierId: alpha }));
    for (const caller of [admin, analyst, evaluator, manager]) expect(await ownAnswers(f.d, { kind: "user", caller })).toMatchObject({ ok: false, kind: "forbidden" });
    const own = value(await ownAnswers(f.d, { kind: "user", caller: f.contact(alpha) }));
    expect(own).toMatchObject({ supplierId: alpha, supplierName: EVIL });
    expect(own.responses.map((r) => r.revision)).toEqual([2]);
    expect(own.history.map((r) => r.revision)).toEqual([1, 2]);
    expect([...own.responses, ...own.history].every((r) => r.supplierId === alpha)).toBe(true);
    const exports = (await f.diversity.audit.list()).filter((e) => e.action === "export-own");
    expect(exports.map((e) => e.supplierIds[0])).toEqual([alpha]);
    expect(beta).not.toBe(alpha);
  });

  it("reach through a form link its own year only: no link for a business that answered, the export and erasure of that year", async () => {
    const f = await fresh(2, new Date("2025-12-01T09:00:00.000Z"));
    await campaignAnswered(f, 2025, 1, "2026-02-26T17:00:00.000Z");
    f.setNow(new Date("2026-12-03T09:00:00.000Z"));
    value(await openCampaign(f.d, admin, { year: 2026, closesAt: "2027-02-26T17:00:00.000Z" }));
    const [, beta = ""] = f.suppliers;
    const links = value(await issueFormLinks(f.d, admin, { year: 2026, only: "all" }));
    expect(links.count).toBe(2);
    const token = parseCsv(links.csv).find((row) => row[0] === "Business 01")?.[3]?.split("/diversity/")[1] ?? "";
    value(await submitResponse(f.d, { kind: "token", token }, { privacyNoticeVersion: NOTICE, womenOwned: "no" }));
    // Answered: no new link for it, even with only=all.
    const again = value(await issueFormLinks(f.d, admin, { year: 2026, only: "all" }));
    expect(again.count).toBe(1);
    expect(again.csv).not.toContain("Business 01");

    const viaLink = value(await ownAnswers(f.d, { kind: "token", token }));
    expect(viaLink.supplierId).toBe(beta);
    expect([...viaLink.responses, ...viaLink.history].map((r) => r.year)).toEqual([2026, 2026]);
    const signedIn = value(await ownAnswers(f.d, { kind: "user", caller: f.contact(beta) }));
    expect(signedIn.responses.map((r) => r.year)).toEqual([2025, 2026]);
    const exports = (await f.diversity.audit.list()).filter((e) => e.action === "export-own");
    expect(exports.map((e) => `${e.supplierIds.join()} ${e.year ?? "all"}`).sort()).toEqual([`${beta} 2026`, `${beta} all`]);

    expect(value(await eraseAnswers(f.d, { kind: "token", token }))).toEqual({ erased: 2 });
    expect((await f.diversity.responses.allOf(beta)).current.map((r) => r.year)).toEqual([2025]);
    expect((await f.diversity.audit.list()).filter((e) => e.action === "erase").map((e) => e.year)).toEqual([2026]);
    expect(value(await eraseAnswers(f.d, { kind: "user", caller: f.contact(beta) }))).toEqual({ erased: 2 });
    expect(await f.diversity.responses.allOf(beta)).toEqual({ current: [], history: [], drafts: [] });
  });
});

describe("erasure", () => {
  it("deletes everything of the business at once, audited first, and the baseline no longer counts it", async () => {
    const f = await fresh(7);
    await campaignAnswered(f, 2026, 7, "2027-02-26T17:00:00.000Z");
    const [first = "", second = "", third = ""] = f.suppliers;
    expect(value(await baselineOf(f.d, analyst, { year: 2026 }))).toMatchObject({ total: 7, characteristics: { womenOwned: { counts: { yes: 7, no: 0 } } } });

    for (const caller of [admin, evaluator, manager, f.contact(first)]) {
      expect(await eraseAnswers(f.d, { kind: "analyst", caller, supplierId: second, purpose: "Someone asked" })).toMatchObject({ ok: false, kind: "forbidden" });
    }
    for (const caller of [admin, analyst]) expect(await eraseAnswers(f.d, { kind: "user", caller })).toMatchObject({ ok: false, kind: "forbidden" });
    expect(await eraseAnswers(f.d, { kind: "analyst", caller: analyst, supplierId: second, purpose: "no" })).toMatchObject({ ok: false, kind: "invalid" });
    expect(await f.diversity.responses.currentOf(second, 2026)).toBeDefined();

    // The business itself, signed in: its answers only.
    value(await submitResponse(f.d, { kind: "user", caller: f.contact(first) }, { privacyNoticeVersion: NOTICE, womenOwned: "yes", year: 2026, supplierId: first }));
    expect(value(await eraseAnswers(f.d, { kind: "user", caller: f.contact(first) }))).toEqual({ erased: 3 });
    expect(await f.diversity.responses.allOf(first)).toEqual({ current: [], history: [], drafts: [] });
    expect(await f.diversity.responses.currentOf(second, 2026)).toBeDefined();
    expect(value(await baselineOf(f.d, analyst, { year: 2026 }))).toMatchObject({ total: 6, characteristics: { womenOwned: { counts: { yes: 6 } } } });

    // An analyst, for a business that asked by phone.
    expect(value(await eraseAnswers(f.d, { kind: "analyst", caller: analyst, supplierId: third, purpose: "The business asked by phone" }))).toEqual({ erased: 2 });
    const baseline = value(await baselineOf(f.d, analyst, { year: 2026 }));
    expect(baseline.total).toBe(5);
    // Below twice the threshold nothing but the respondents is shown.
    expect(baseline.characteristics["womenOwned"]?.counts["yes"]).toBeNull();

    const erasures = (await f.diversity.audit.list()).filter((e) => e.action === "erase");
    expect(erasures.map((e) => `${e.supplierIds.join()} by ${e.actor}`).sort()).toEqual([`${first} by contact-of-${first}`, `${third} by asha.patel`].sort());
    expect(erasures.every((e) => e.detail === undefined || !/yes|no/.test(e.detail))).toBe(true);
  });
});

describe("retention", () => {
  it("deletes only answers sent more than the retention period ago, and audits it first", async () => {
    const f = await fresh(2, new Date("2022-11-01T09:00:00.000Z"));
    const [old = "", recent = ""] = f.suppliers;
    value(await openCampaign(f.d, admin, { year: 2022, closesAt: "2023-02-01T00:00:00.000Z" }));
    value(await submitResponse(f.d, { kind: "user", caller: f.contact(old) }, { privacyNoticeVersion: NOTICE, womenOwned: "yes", year: 2022, supplierId: old }));
    f.setNow(new Date("2026-11-01T09:00:00.000Z"));
    value(await openCampaign(f.d, admin, { year: 2026, closesAt: "2027-02-01T00:00:00.000Z" }));
    for (const supplierId of [old, recent]) value(await submitResponse(f.d, { kind: "user", caller: f.contact(supplierId) }, { privacyNoticeVersion: NOTICE, womenOwned: "no", year: 2026, supplierId }));

    f.setNow(new Date("2026-12-03T09:00:00.000Z"));
    expect(value(await runRetention(f.d))).toEqual({ deleted: 2, before: "2023-12-03T09:00:00.000Z" });
    const kept = await f.diversity.responses.allOf(old);
    expect(kept.current.map((r) => r.year)).toEqual([2026]);
    expect(kept.history.map((r) => r.year)).toEqual([2026]);
    expect((await f.diversity.responses.allOf(recent)).current.map((r) => r.year)).toEqual([2026]);
    const [entry] = (await f.diversity.audit.list()).filter((e) => e.action === "retention");
    expect(entry).toMatchObject({ actor: "retention-job", supplierIds: [old] });
    // Nothing more is old enough.
    expect(value(await runRetention(f.d)).deleted).toBe(0);
  });
});

describe("the baseline", () => {
  it("is published by an EDI analyst once the campaign is closed, then read by staff but never by suppliers", async () => {
    const f = await fresh(8);
    await campaignAnswered(f, 2026, 5, "2027-02-26T17:00:00.000Z");
    const supplier = f.contact(f.suppliers[0] ?? "");
    for (const caller of [admin, evaluator, manager]) {
      expect(await baselineOf(f.d, caller, { year: 2026 })).toEqual({ ok: false, kind: "forbidden", message: "Only EDI analysts can see the 2026 baseline until it is published." });
    }
    expect(await baselineOf(f.d, supplier, { year: 2026 })).toMatchObject({ ok: false, kind: "forbidden" });
    for (const caller of [admin, evaluator, manager, supplier]) expect(await publishBaseline(f.d, caller, { year: 2026 })).toMatchObject({ ok: false, kind: "forbidden" });
    expect(await publishBaseline(f.d, analyst, { year: 2026 })).toMatchObject({ ok: false, kind: "unprocessable", errors: [{ field: "year" }] });

    value(await closeCampaign(f.d, admin, { year: 2026 }));
    f.setNow(new Date("2027-03-01T09:00:00.000Z"));
    const published = value(await publishBaseline(f.d, analyst, { year: 2026 }));
    expect(published).toMatchObject({ year: 2026, status: "closed", total: 8, invited: 8, responseRate: 100, published: { at: "2027-03-01T09:00:00.000Z", by: "Asha Patel" }, previousYear: null });
    expect(published.characteristics["womenOwned"]?.counts).toMatchObject({ yes: 5, no: 3 });
    for (const caller of [admin, evaluator, manager, analyst]) expect(value(await baselineOf(f.d, caller, { year: 2026 })).total).toBe(8);
    expect(await baselineOf(f.d, supplier, { year: 2026 })).toMatchObject({ ok: false, kind: "forbidden" });

    // Publishing again keeps the first publication.
    f.setNow(new Date("2027-03-05T09:00:00.000Z"));
    expect(value(await publishBaseline(f.d, analyst, { year: 2026 })).published).toEqual({ at: "2027-03-01T09:00:00.000Z", by: "Asha Patel" });
    expect((await f.diversity.audit.list()).filter((e) => e.action === "publish-baseline")).toHaveLength(1);
  });

  it("compares with the newest earlier published year as it was published, even after an erasure", async () => {
    const f = await fresh(8, new Date("2025-12-01T09:00:00.000Z"));
    await campaignAnswered(f, 2025, 4, "2026-02-26T17:00:00.000Z");
    value(await closeCampaign(f.d, admin, { year: 2025 }));
    const before = value(await publishBaseline(f.d, analyst, { year: 2025 }));
    expect(before.characteristics["womenOwned"]?.counts).toMatchObject({ yes: 4, no: 4 });

    f.setNow(new Date("2026-12-03T09:00:00.000Z"));
    await campaignAnswered(f, 2026, 7, "2027-02-26T17:00:00.000Z");
    // Erased after 2025 was published: 2025 recomputed would now be 7 businesses.
    value(await eraseAnswers(f.d, { kind: "analyst", caller: analyst, supplierId: f.suppliers[7] ?? "", purpose: "The business asked by e-mail" }));
    const now = value(await baselineOf(f.d, analyst, { year: 2026 }));
    expect(now.total).toBe(7);
    expect(now.previousYear).toMatchObject({ year: 2025, respondents: -1, characteristics: { womenOwned: { counts: { yes: 3, no: -4 } } } });
    expect(value(await baselineOf(f.d, analyst, { year: 2025 })).total).toBe(7);
    // Staff who are not EDI analysts read 2025 as published: nothing to difference.
    for (const caller of [admin, evaluator, manager]) {
      const published = value(await baselineOf(f.d, caller, { year: 2025 }));
      expect(published).toMatchObject({ total: 8, status: "closed", published: { by: "Asha Patel" }, previousYear: null });
      expect(published.characteristics).toEqual(before.characteristics);
    }
    // Against an unpublished earlier year there is no comparison.
    const g = await fresh(6, new Date("2025-12-01T09:00:00.000Z"));
    await campaignAnswered(g, 2025, 3, "2026-02-26T17:00:00.000Z");
    g.setNow(new Date("2026-12-03T09:00:00.000Z"));
    await campaignAnswered(g, 2026, 3, "2027-02-26T17:00:00.000Z");
    expect(value(await baselineOf(g.d, analyst, { year: 2026 })).previousYear).toBeNull();
  });
});

describe("the engagement list", () => {
  it("lists only those who said yes to contact, by filter, audited with the businesses, with a CSV in words and formulas escaped", async () => {
    const f = await fresh(6);
    await campaignAnswered(f, 2026, 3, "2027-02-26T17:00:00.000Z");
    for (const caller of [admin, evaluator, manager, f.contact(f.suppliers[0] ?? "")]) {
      expect(await engagementList(f.d, caller, { filters: {}, purpose: "Meet the Buyer", format: "json" })).toMatchObject({ ok: false, kind: "forbidden" });
    }
    expect(await engagementList(f.d, analyst, { filters: {}, purpose: "", format: "json" })).toMatchObject({ ok: false, kind: "invalid", errors: [{ field: "purpose" }] });
    expect(await engagementList(f.d, analyst, { filters: { size: "tiny" as "micro" }, purpose: "Meet the Buyer", format: "json" })).toMatchObject({ ok: false, kind: "invalid", errors: [{ field: "size" }] });
    expect(await engagementList(f.d, analyst, { filters: { year: 2019 }, purpose: "Meet the Buyer", format: "json" })).toMatchObject({ ok: false, kind: "not-found" });

    // Consent from businesses 0, 2 and 4; women-owned are 0, 1 and 2.
    const all = value(await engagementList(f.d, analyst, { filters: {}, purpose: "Meet the Buyer", format: "json" }));
    expect(all.rows.map((r) => r.supplierId).sort()).toEqual([f.suppliers[0], f.suppliers[2], f.suppliers[4]].sort());
    expect(all.csv).toBeUndefined();
    const women = value(await engagementList(f.d, analyst, { filters: { characteristic: "womenOwned", size: "micro", barrier: "payment-terms", sector: "construction" }, purpose: "Women in construction event", format: "csv" }));
    expect(women.rows.map((r) => r.supplierId).sort()).toEqual([f.suppliers[0], f.suppliers[2]].sort());
    expect(women.rows.find((r) => r.supplierId === f.suppliers[2])).toMatchObject({ supplierName: "Business 02", contactName: "Contact 2", contactEmail: "c2@business.example", year: 2026, sizeBand: "micro", barriers: ["payment-terms"], womenOwned: "yes" });
    const rows = parseCsv(women.csv ?? "");
    expect(rows[0]?.[0]).toBe("Supplier");
    expect(rows.find((r) => r[0] === `'${EVIL}`)?.slice(4, 7)).toEqual(["Construction and building maintenance", "Micro", "Payment terms"]);
    expect(women.csv).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(value(await engagementList(f.d, analyst, { filters: { barrier: "contract-size" }, purpose: "Lotting review", format: "json" })).rows).toEqual([]);

    const entries = (await f.diversity.audit.list()).filter((e) => e.action === "view-engagement" || e.action === "export-engagement");
    expect(entries.map((e) => e.action).sort()).toEqual(["export-engagement", "view-engagement", "view-engagement"]);
    expect(entries.find((e) => e.action === "export-engagement")).toMatchObject({ purpose: "Women in construction event", year: 2026 });
    expect(entries.find((e) => e.action === "export-engagement")?.supplierIds.sort()).toEqual([f.suppliers[0], f.suppliers[2]].sort());
  });
});

describe("the audit log", () => {
  it("is read by admins and EDI analysts, between dates", async () => {
    const f = await fresh(1);
    value(await openCampaign(f.d, admin, { year: 2026, closesAt: "2027-02-26T17:00:00.000Z" }));
    for (const caller of [evaluator, manager, f.contact(f.suppliers[0] ?? "")]) expect(await auditLog(f.d, caller, {})).toMatchObject({ ok: false, kind: "forbidden" });
    expect(value(await auditLog(f.d, admin, {})).map((e) => e.action)).toEqual(["open-campaign"]);
    expect(value(await auditLog(f.d, analyst, { from: "2026-12-03", to: "2026-12-03" }))).toHaveLength(1);
    expect(value(await auditLog(f.d, analyst, { from: "2026-12-04" }))).toEqual([]);
    expect(await auditLog(f.d, analyst, { from: "last week" })).toMatchObject({ ok: false, kind: "invalid", errors: [{ field: "from" }] });
  });

  it("shows admins reads of answers without the businesses or the filter, only how many; EDI analysts whole lines", async () => {
    const f = await fresh(3);
    await campaignAnswered(f, 2026, 2, "2027-02-26T17:00:00.000Z");
    value(await engagementList(f.d, analyst, { filters: { characteristic: "womenOwned" }, purpose: "Women in construction event", format: "csv" }));
    value(await engagementList(f.d, analyst, { filters: { characteristic: "womenOwned" }, purpose: "Women in construction event", format: "json" }));
    value(await readResponses(f.d, analyst, { purpose: "Check the sector counts", year: 2026 }));
    const reads = new Set(["view-engagement", "export-engagement", "read-responses"]);
    const asAdmin = value(await auditLog(f.d, admin, {})).filter((e) => reads.has(e.action));
    expect(asAdmin.map((e) => e.action).sort()).toEqual(["export-engagement", "read-responses", "view-engagement"]);
    for (const line of asAdmin) {
      expect(line).not.toHaveProperty("supplierIds");
      expect(line).not.toHaveProperty("detail");
      expect(line).toMatchObject({ actor: "asha.patel", actorName: "Asha Patel", purpose: expect.any(String) as string, year: 2026 });
      expect(JSON.stringify(line)).not.toMatch(/womenOwned|characteristic/);
    }
    expect(asAdmin.find((e) => e.action === "export-engagement")?.businesses).toBe(1);
    expect(asAdmin.find((e) => e.action === "read-responses")?.businesses).toBe(3);
    // Other lines stay whole for admins.
    expect(value(await auditLog(f.d, admin, {})).find((e) => e.action === "open-campaign")).toHaveProperty("supplierIds");
    const asAnalyst = value(await auditLog(f.d, analyst, {})).filter((e) => reads.has(e.action));
    expect(asAnalyst.find((e) => e.action === "export-engagement")).toMatchObject({ supplierIds: [f.suppliers[0]], businesses: 1, detail: expect.stringMatching(/womenOwned/) as string });
  });
});
