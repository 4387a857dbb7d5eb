// The diversity campaign and its form links on the test run's Azurite: who may run it, the links'
// CSV, every misuse of a link, resubmission, idempotency and two sends at once.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEFAULT_MONEY_LABEL, parseCsv, QUESTIONNAIRE_V1, type Principal } from "@toms/domain";
import type { DiversityStorage } from "@toms/storage/diversity";
import { createAppDeps } from "../deps.js";
import { closeCampaign } from "./close-campaign.js";
import { FORM_LINK_NOT_VALID } from "./diversity-access.js";
import { createDiversityDeps, type DiversityDeps } from "./diversity-deps.js";
import { issueFormLinks } from "./issue-form-links.js";
import { listCampaigns } from "./list-campaigns.js";
import { openCampaign } from "./open-campaign.js";
import { openForm } from "./open-form.js";
import { ownAnswers } from "./own-answers.js";
import { reminderList } from "./reminder-list.js";
import { saveDraft } from "./save-draft.js";
import { submitResponse } from "./submit-response.js";
import { admin, analyst, evaluator, manager, openTestStorage, small, tablePrefixOf, value } from "./test-deps.js";

const OPENING = new Date("2026-12-03T09:00:00.000Z");
const CLOSES = "2027-02-26T17:00:00.000Z";
const NOTICE = QUESTIONNAIRE_V1.privacyNoticeVersion;

interface Fixture {
  d: DiversityDeps;
  diversity: DiversityStorage;
  setNow(date: Date): void;
  refused: string[];
  ids: { alpha: string; beta: string; gamma: string; large: string; away: string };
  contact(supplierId: string): Principal;
}

async function fresh(): Promise<Fixture> {
  const { storage, diversity } = await openTestStorage(tablePrefixOf("dv"));
  let now = OPENING;
  const refused: string[] = [];
  const d = createDiversityDeps(createAppDeps(storage, { moneyLabel: DEFAULT_MONEY_LABEL, now: () => now }), diversity, { publicUrl: "http://127.0.0.1:3000/", threshold: 3, log: { refused: (reason) => refused.push(reason) } });
  const alpha = await storage.suppliers.create({ name: "Alpha Ltd", postcode: "CV1 2GT", ...small });
  await storage.suppliers.addContact(alpha.id, { name: "Ann Lee", email: "ann@alpha.example" });
  const beta = await storage.suppliers.create({ name: '=HYPERLINK("http://evil.example","Beta")', postcode: "CV3 1AA", ...small });
  // Figures not complete yet: not known to be large, so invited.
  const gamma = await storage.suppliers.create({ name: "Gamma Co-op", postcode: "CV5 6AB", vcse: true });
  const large = await storage.suppliers.create({ name: "Large plc", postcode: "CV1 1AA", employees: 900, turnover: 90_000_000, balanceSheet: 60_000_000, vcse: false });
  const away = await storage.suppliers.create({ name: "Away Ltd", postcode: "B1 1AA", ...small });
  return {
    d,
    diversity,
    setNow: (date) => (now = date),
    refused,
    ids: { alpha: alpha.id, beta: beta.id, gamma: gamma.id, large: large.id, away: away.id },
    contact: (supplierId) => ({ userId: `contact-of-${supplierId}`, name: "A contact", roles: ["supplier"], supplierId }),
  };
}

/** Opens the campaign and issues every link: supplier id → token. */
async function openWithLinks(f: Fixture): Promise<Map<string, string>> {
  value(await openCampaign(f.d, admin, { year: 2026, closesAt: CLOSES }));
  const { csv } = value(await issueFormLinks(f.d, admin, { year: 2026, only: "all" }));
  const invitations = await f.diversity.invitations.list(2026);
  const byName = new Map(invitations.map((i) => [i.supplierName, i.supplierId]));
  const tokens = new Map<string, string>();
  for (const [supplier, , , link] of parseCsv(csv).slice(1)) {
    const name = supplier?.startsWith("'=") ? supplier.slice(1) : supplier;
    tokens.set(byName.get(name ?? "") ?? "", link?.split("/diversity/")[1] ?? "");
  }
  return tokens;
}

const answers = (fields: Record<string, unknown> = {}) => ({ privacyNoticeVersion: NOTICE, womenOwned: "yes", sector: "construction", ...fields });

describe("opening a campaign", () => {
  it("invites the local SMEs and those not known to be large, each with its first contact, once a year", async () => {
    const f = await fresh();
    const view = value(await openCampaign(f.d, admin, { year: 2026, closesAt: CLOSES }));
    expect(view).toMatchObject({ year: 2026, status: "open", invited: 3, answered: 0, published: null, questionnaireVersion: "2026.1" });
    const invitations = await f.diversity.invitations.list(2026);
    expect(invitations.map((i) => i.supplierId).sort()).toEqual([f.ids.alpha, f.ids.beta, f.ids.gamma].sort());
    expect(invitations.find((i) => i.supplierId === f.ids.alpha)).toMatchObject({ contactName: "Ann Lee", contactEmail: "ann@alpha.example" });
    const [entry] = await f.diversity.audit.list();
    expect(entry).toMatchObject({ action: "open-campaign", actor: "rob.amor", year: 2026 });
    expect(entry?.supplierIds.sort()).toEqual([f.ids.alpha, f.ids.beta, f.ids.gamma].sort());
    expect(await openCampaign(f.d, admin, { year: 2026, closesAt: CLOSES })).toMatchObject({ ok: false, kind: "conflict" });
    const bad = await openCampaign(f.d, admin, { year: 1999, closesAt: "2029-01-01T00:00:00Z" });
    expect(bad).toMatchObject({ ok: false, kind: "invalid" });
    expect(bad.ok ? [] : bad.errors?.map((e) => e.field)).toEqual(["year", "closesAt"]);
  });

  it("is completed when opened again after an opening that stopped half way; a fully opened year stays a conflict", async () => {
    const f = await fresh();
    // The campaign stored, then only the first invitation before the table failed.
    const halfWay: DiversityDeps = { ...f.d, diversity: { ...f.diversity, invitations: { ...f.diversity.invitations, saveAll: async (invitations) => { await f.diversity.invitations.saveAll(invitations.slice(0, 1)); throw new Error("invitations table unavailable"); } } } };
    await expect(openCampaign(halfWay, admin, { year: 2026, closesAt: CLOSES })).rejects.toThrow("invitations table unavailable");
    expect(await f.diversity.invitations.list(2026)).toHaveLength(1);
    f.setNow(new Date("2026-12-03T10:00:00.000Z"));
    const view = value(await openCampaign(f.d, admin, { year: 2026, closesAt: "2027-01-31T17:00:00.000Z" }));
    expect(view).toMatchObject({ year: 2026, status: "open", invited: 3, closesAt: CLOSES });
    const invitations = await f.diversity.invitations.list(2026);
    expect(invitations.map((i) => i.supplierId).sort()).toEqual([f.ids.alpha, f.ids.beta, f.ids.gamma].sort());
    expect(invitations.every((i) => i.invitedAt === OPENING.toISOString())).toBe(true);
    expect((await f.diversity.audit.list()).filter((e) => e.action === "open-campaign")).toHaveLength(1);
    expect(await openCampaign(f.d, admin, { year: 2026, closesAt: CLOSES })).toMatchObject({ ok: false, kind: "conflict" });
  });

  it("is run by admins only; the campaigns and reminders are for admins and EDI analysts", async () => {
    const f = await fresh();
    const supplier = f.contact(f.ids.alpha);
    for (const caller of [analyst, evaluator, manager, supplier]) {
      expect(await openCampaign(f.d, caller, { year: 2026, closesAt: CLOSES })).toMatchObject({ ok: false, kind: "forbidden" });
    }
    value(await openCampaign(f.d, admin, { year: 2026, closesAt: CLOSES }));
    for (const caller of [analyst, evaluator, manager, supplier]) {
      expect(await closeCampaign(f.d, caller, { year: 2026 })).toMatchObject({ ok: false, kind: "forbidden" });
      expect(await issueFormLinks(f.d, caller, { year: 2026, only: "all" })).toMatchObject({ ok: false, kind: "forbidden" });
    }
    for (const caller of [evaluator, manager, supplier]) {
      expect(await listCampaigns(f.d, caller)).toMatchObject({ ok: false, kind: "forbidden" });
      expect(await reminderList(f.d, caller, { year: 2026 })).toMatchObject({ ok: false, kind: "forbidden" });
    }
    expect(value(await listCampaigns(f.d, analyst)).map((c) => c.year)).toEqual([2026]);
    expect(value(await reminderList(f.d, analyst, { year: 2026 }))).toHaveLength(3);
    // Nothing the refused calls did reached storage.
    expect((await f.diversity.audit.list()).map((e) => e.action)).toEqual(["open-campaign"]);
  });
});

describe("closing a campaign", () => {
  it("closes once, deletes the year's links, and takes no more links or answers", async () => {
    const f = await fresh();
    const tokens = await openWithLinks(f);
    f.setNow(new Date("2027-01-15T12:00:00.000Z"));
    expect(await closeCampaign(f.d, admin, { year: 2025 })).toMatchObject({ ok: false, kind: "not-found" });
    const closed = value(await closeCampaign(f.d, admin, { year: 2026 }));
    expect(closed).toMatchObject({ status: "closed", closedAt: "2027-01-15T12:00:00.000Z" });
    f.setNow(new Date("2027-01-16T12:00:00.000Z"));
    expect(value(await closeCampaign(f.d, admin, { year: 2026 })).closedAt).toBe("2027-01-15T12:00:00.000Z");
    const closings = (await f.diversity.audit.list()).filter((e) => e.action === "close-campaign");
    expect(closings).toHaveLength(1);
    expect(closings[0]?.detail).toBe("3 form links deleted");
    for (const token of tokens.values()) expect(await f.diversity.tokens.get(createHash("sha256").update(token).digest("hex"))).toBeUndefined();
    expect(await issueFormLinks(f.d, admin, { year: 2026, only: "all" })).toMatchObject({ ok: false, kind: "unprocessable", errors: [{ field: "year" }] });
  });
});

describe("form links", () => {
  it("come as a mail-merge CSV with formula cells escaped, and only their hashes are stored", async () => {
    const f = await fresh();
    value(await openCampaign(f.d, admin, { year: 2026, closesAt: CLOSES }));
    const { csv, count } = value(await issueFormLinks(f.d, admin, { year: 2026, only: "all" }));
    expect(count).toBe(3);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(["Supplier", "Contact name", "Contact email", "Link", "Closes"]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""Beta"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    const alpha = rows.find((r) => r[0] === "Alpha Ltd");
    expect(alpha?.slice(1, 3)).toEqual(["Ann Lee", "ann@alpha.example"]);
    expect(alpha?.[3]).toMatch(/^http:\/\/127\.0\.0\.1:3000\/diversity\/[A-Za-z0-9_-]{43}$/);
    expect(alpha?.[4]).toMatch(/^2027-02-26 17:00/);
    const token = alpha?.[3]?.split("/diversity/")[1] ?? "";
    expect(await f.diversity.tokens.get(token)).toBeUndefined();
    expect(await f.diversity.tokens.get(createHash("sha256").update(token).digest("hex"))).toMatchObject({ year: 2026, supplierId: f.ids.alpha, expiresAt: CLOSES });
    const entry = (await f.diversity.audit.list()).find((e) => e.action === "issue-links");
    expect(entry).toMatchObject({ action: "issue-links", year: 2026 });
    expect(entry?.supplierIds).toHaveLength(3);
  });

  it("open the form; a second issue of links leaves the first working; unanswered ones go to those still to answer", async () => {
    const f = await fresh();
    const first = await openWithLinks(f);
    const form = value(await openForm(f.d, first.get(f.ids.alpha) ?? ""));
    expect(form).toMatchObject({ year: 2026, supplierName: "Alpha Ltd", closesAt: CLOSES, answers: {} });
    expect(form.questionnaire.version).toBe("2026.1");
    value(await submitResponse(f.d, { kind: "token", token: first.get(f.ids.alpha) ?? "" }, answers()));
    const again = value(await issueFormLinks(f.d, admin, { year: 2026, only: "unanswered" }));
    expect(again.count).toBe(2);
    expect(again.csv).not.toContain("Alpha Ltd");
    expect(value(await openForm(f.d, first.get(f.ids.beta) ?? "")).year).toBe(2026);
    expect(value(await reminderList(f.d, admin, { year: 2026 })).map((r) => r.supplierId).sort()).toEqual([f.ids.beta, f.ids.gamma].sort());
  });

  it("that do not work all read the same: unknown, altered by one character, expired, or the campaign closed", async () => {
    const f = await fresh();
    const tokens = await openWithLinks(f);
    const token = tokens.get(f.ids.alpha) ?? "";
    const altered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    // A token stored with an expiry already past.
    const expired = "x".repeat(43);
    await f.diversity.tokens.saveAll([{ tokenHash: createHash("sha256").update(expired).digest("hex"), year: 2026, supplierId: f.ids.alpha, issuedAt: OPENING.toISOString(), expiresAt: "2026-12-03T08:00:00.000Z" }]);
    const notValid = { ok: false, kind: "not-found", message: FORM_LINK_NOT_VALID };
    for (const bad of ["unknown-token-that-was-never-issued-000000", altered, expired, "", "../../etc/passwd"]) {
      expect(await openForm(f.d, bad)).toEqual(notValid);
      expect(await saveDraft(f.d, bad, { sector: "construction" })).toEqual(notValid);
      expect(await submitResponse(f.d, { kind: "token", token: bad }, answers())).toEqual(notValid);
      expect(await ownAnswers(f.d, { kind: "token", token: bad })).toEqual(notValid);
    }
    expect(new Set(f.refused)).toEqual(new Set(["unknown", "expired"]));
    value(await closeCampaign(f.d, admin, { year: 2026 }));
    f.refused.length = 0;
    expect(await openForm(f.d, token)).toEqual(notValid);
    expect(await submitResponse(f.d, { kind: "token", token }, answers())).toEqual(notValid);
    // Closing deleted the links: they are unknown now.
    expect(f.refused).toEqual(["unknown", "unknown"]);
    expect(await f.diversity.responses.currentOf(f.ids.alpha, 2026)).toBeUndefined();
  });

  it("stop at the campaign's closing time even before an admin closes it", async () => {
    const f = await fresh();
    const tokens = await openWithLinks(f);
    f.setNow(new Date("2027-02-26T17:00:00.000Z"));
    expect(await openForm(f.d, tokens.get(f.ids.alpha) ?? "")).toMatchObject({ ok: false, message: FORM_LINK_NOT_VALID });
    expect(f.refused).toEqual(["expired"]);
  });

  it("answer for their own business and year only", async () => {
    const f = await fresh();
    const tokens = await openWithLinks(f);
    const token = tokens.get(f.ids.alpha) ?? "";
    const other = await submitResponse(f.d, { kind: "token", token }, { ...answers(), supplierId: f.ids.beta });
    expect(other).toMatchObject({ ok: false, kind: "invalid" });
    expect(other.ok ? [] : other.errors?.map((e) => e.field)).toEqual(["supplierId"]);
    expect(await submitResponse(f.d, { kind: "token", token }, { ...answers(), year: 2025 })).toMatchObject({ ok: false, kind: "invalid", errors: [{ field: "year" }] });
    expect(await f.diversity.responses.currentOf(f.ids.beta, 2026)).toBeUndefined();
    expect(await f.diversity.responses.currentOf(f.ids.alpha, 2026)).toBeUndefined();
    // Matching ones are accepted.
    expect(value(await submitResponse(f.d, { kind: "token", token }, { ...answers(), year: 2026, supplierId: f.ids.alpha })).supplierId).toBe(f.ids.alpha);
  });
});

describe("sending answers", () => {
  it("refuses answers that are not the questionnaire's, naming the field", async () => {
    const f = await fresh();
    const tokens = await openWithLinks(f);
    const outcome = await submitResponse(f.d, { kind: "token", token: tokens.get(f.ids.alpha) ?? "" }, answers({ womenOwned: "maybe", shoeSize: "9" }));
    expect(outcome).toMatchObject({ ok: false, kind: "invalid" });
    expect(outcome.ok ? [] : outcome.errors?.map((e) => e.field).sort()).toEqual(["shoeSize", "womenOwned"]);
  });

  it("keeps a draft, prefills the form from it, and drops it once the answers are sent; a resubmission replaces and keeps history", async () => {
    const f = await fresh();
    const tokens = await openWithLinks(f);
    const token = tokens.get(f.ids.alpha) ?? "";
    expect(await saveDraft(f.d, token, { shoeSize: "9" })).toMatchObject({ ok: false, kind: "invalid", errors: [{ field: "shoeSize" }] });
    value(await saveDraft(f.d, token, { sector: "other", sectorOther: "Bee keeping" }));
    expect(value(await openForm(f.d, token))).toMatchObject({ answers: { sector: "other", sectorOther: "Bee keeping" }, draftSavedAt: OPENING.toISOString() });

    const first = value(await submitResponse(f.d, { kind: "token", token }, answers()));
    expect(first).toMatchObject({ revision: 1, replaced: false, replayed: false });
    const form = value(await openForm(f.d, token));
    expect(form.draftSavedAt).toBeUndefined();
    // The answers sent, without the versions they carry: the form shows the current privacy notice again.
    expect(form.answers).toEqual({ womenOwned: "yes", sector: "construction" });
    expect((await f.diversity.invitations.get(2026, f.ids.alpha))?.answeredAt).toBe(OPENING.toISOString());

    f.setNow(new Date("2026-12-10T09:00:00.000Z"));
    const second = value(await submitResponse(f.d, { kind: "token", token }, answers({ womenOwned: "no" })));
    expect(second).toMatchObject({ revision: 2, replaced: true, submittedAt: "2026-12-10T09:00:00.000Z" });
    const stored = await f.diversity.responses.allOf(f.ids.alpha);
    expect(stored.current).toHaveLength(1);
    expect(stored.current[0]).toMatchObject({ revision: 2, answers: { womenOwned: "no" }, submittedBy: { kind: "form" } });
    expect(stored.history.map((r) => [r.revision, r.answers["womenOwned"]])).toEqual([[1, "yes"], [2, "no"]]);
    expect(stored.drafts).toEqual([]);
  });

  it("answers a replay of the same idempotency key with the stored answer, and stores nothing new", async () => {
    const f = await fresh();
    const tokens = await openWithLinks(f);
    const token = tokens.get(f.ids.alpha) ?? "";
    const first = value(await submitResponse(f.d, { kind: "token", token }, answers(), "key-1"));
    f.setNow(new Date("2026-12-03T09:05:00.000Z"));
    const replay = value(await submitResponse(f.d, { kind: "token", token }, answers(), "key-1"));
    expect(replay).toEqual({ ...first, replayed: true });
    expect((await f.diversity.responses.allOf(f.ids.alpha)).history).toHaveLength(1);
    const next = value(await submitResponse(f.d, { kind: "token", token }, answers(), "key-2"));
    expect(next).toMatchObject({ revision: 2, replayed: false });
  });

  it("marks the invitation answered on a replay, when the first send stored the answer but failed to mark it", async () => {
    const f = await fresh();
    const tokens = await openWithLinks(f);
    const token = tokens.get(f.ids.alpha) ?? "";
    const failing: DiversityDeps = { ...f.d, diversity: { ...f.diversity, invitations: { ...f.diversity.invitations, markAnswered: () => Promise.reject(new Error("invitations table unavailable")) } } };
    await expect(submitResponse(failing, { kind: "token", token }, answers(), "key-1")).rejects.toThrow("invitations table unavailable");
    expect((await f.diversity.invitations.get(2026, f.ids.alpha))?.answeredAt).toBeUndefined();
    const replay = value(await submitResponse(f.d, { kind: "token", token }, answers(), "key-1"));
    expect(replay).toMatchObject({ revision: 1, replayed: true });
    expect((await f.diversity.invitations.get(2026, f.ids.alpha))?.answeredAt).toBe(replay.submittedAt);
  });

  it("loses nothing when the same business sends twice at the same moment", async () => {
    const f = await fresh();
    const tokens = await openWithLinks(f);
    const token = tokens.get(f.ids.alpha) ?? "";
    const contact = f.contact(f.ids.alpha);
    const [a, b] = await Promise.all([
      submitResponse(f.d, { kind: "token", token }, answers({ womenOwned: "yes" })),
      submitResponse(f.d, { kind: "user", caller: contact }, { ...answers({ womenOwned: "no" }), year: 2026, supplierId: f.ids.alpha }),
    ]);
    expect([value(a).revision, value(b).revision].sort()).toEqual([1, 2]);
    const stored = await f.diversity.responses.allOf(f.ids.alpha);
    expect(stored.history.map((r) => r.answers["womenOwned"]).sort()).toEqual(["no", "yes"]);
    expect(stored.current).toHaveLength(1);
    expect(stored.current[0]).toEqual(stored.history[1]);
  });

  it("takes a signed-in contact's answers for their own business only, while the campaign is open", async () => {
    const f = await fresh();
    value(await openCampaign(f.d, admin, { year: 2026, closesAt: CLOSES }));
    const contact = f.contact(f.ids.alpha);
    const body = (supplierId: string) => ({ ...answers(), year: 2026, supplierId });
    expect(await submitResponse(f.d, { kind: "user", caller: contact }, body(f.ids.beta))).toMatchObject({ ok: false, kind: "not-found" });
    for (const caller of [admin, analyst, evaluator, manager]) {
      expect(await submitResponse(f.d, { kind: "user", caller }, body(f.ids.alpha))).toMatchObject({ ok: false, kind: "forbidden" });
    }
    expect(await submitResponse(f.d, { kind: "user", caller: contact }, { ...body(f.ids.alpha), year: 2031 })).toMatchObject({ ok: false, kind: "not-found" });
    // Not invited (large, or away from the area): refused, so it does not enter the SME baseline.
    for (const uninvited of [f.ids.large, f.ids.away]) {
      const refused = await submitResponse(f.d, { kind: "user", caller: f.contact(uninvited) }, body(uninvited));
      expect(refused).toMatchObject({ ok: false, kind: "unprocessable", errors: [{ field: "year", message: expect.stringContaining("your business was not invited to the 2026 questionnaire") as string }] });
      expect(await f.diversity.responses.currentOf(uninvited, 2026)).toBeUndefined();
    }
    expect(value(await submitResponse(f.d, { kind: "user", caller: contact }, body(f.ids.alpha)))).toMatchObject({ revision: 1 });
    expect((await f.diversity.responses.currentOf(f.ids.alpha, 2026))?.submittedBy).toEqual({ kind: "user", userId: contact.userId });
    expect(await f.diversity.responses.currentOf(f.ids.beta, 2026)).toBeUndefined();
    value(await closeCampaign(f.d, admin, { year: 2026 }));
    expect(await submitResponse(f.d, { kind: "user", caller: contact }, body(f.ids.alpha))).toMatchObject({ ok: false, kind: "unprocessable", errors: [{ field: "year" }] });
    expect((await f.diversity.responses.allOf(f.ids.alpha)).history).toHaveLength(1);
  });
});
