// The diversity demo: its generators the same on every load, with the counts each year asks for and every answer one questionnaire 2026.1 accepts; and loaded twice into a real Azurite through the use cases, the second load adding nothing.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createAppDeps } from "@toms/app";
import { baselineOf, createDiversityDeps, type DiversityDeps } from "@toms/app/diversity";
import { connectStorage, type Storage } from "@toms/storage";
import { openDiversityStorage } from "@toms/storage/diversity";
import { campaignInvitees, diversityBaseline, DEFAULT_LOCAL_DISTRICTS, DEFAULT_SIZE_THRESHOLDS, isLocalPostcode, PREFER_NOT_TO_SAY, QUESTIONNAIRE_V1, readDiversityAnswers, sizeBand, type SupplierRecord } from "@toms/domain";
import { DEMO_EDI_ANALYST, demoSuppliers, seedDemo } from "./demo.js";
import {
  DEMO_DIVERSITY_SUPPLIER_COUNT,
  demoDiversityAnswers,
  demoDiversityCampaigns,
  demoDiversityRespondents,
  demoDiversitySubmissions,
  demoDiversitySuppliers,
  seedDemoDiversity,
  type DemoRespondent,
} from "./demo-diversity.js";

declare module "vitest" {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}

const TODAY = new Date("2026-12-03T08:00:00Z");
const portfolio = demoSuppliers();
const added = demoDiversitySuppliers(portfolio.map((s) => s.name));

/** Who a campaign invites (the rule openCampaign applies): the register's local SMEs. */
const register: SupplierRecord[] = [...portfolio.map(({ contact: _contact, id, ...input }) => ({ ...input, id })), ...added.map((s) => ({ ...s.input, id: s.id }))].map((s) => ({ ...s, createdAt: "", updatedAt: "" }));
const invited: DemoRespondent[] = campaignInvitees(register, { sizeThresholds: DEFAULT_SIZE_THRESHOLDS, localDistricts: DEFAULT_LOCAL_DISTRICTS }).map(({ id, name, employees, turnover, balanceSheet }) => ({ id, name, employees, turnover, balanceSheet }));

const { lastYear, thisYear } = demoDiversityCampaigns(TODAY);
const submissions = [...demoDiversitySubmissions(invited, lastYear), ...demoDiversitySubmissions(invited, thisYear)];

describe("the demo's figures", () => {
  it("are the ones its seed has always given: the suppliers, the respondents and every answer and date", () => {
    const fingerprint = createHash("sha256").update(JSON.stringify({ added, respondents: demoDiversityRespondents(invited, 2025, 0.75), submissions })).digest("hex");
    expect(fingerprint).toBe("7e62cecec03258e93484ea35aec785c15ad33303bded5bb6a8d8ae6c5ed55495");
  });
});

describe("the suppliers the diversity demo adds", () => {
  it("are 140 local SMEs, micro, small and medium, with names and ids of their own and one contact each; a campaign invites them all", () => {
    expect(added).toHaveLength(DEMO_DIVERSITY_SUPPLIER_COUNT);
    expect(added.every((s) => invited.some((i) => i.id === s.id))).toBe(true);
    const names = new Set([...portfolio.map((s) => s.name), ...added.map((s) => s.input.name)]);
    expect(names.size).toBe(portfolio.length + added.length);
    expect(new Set(added.map((s) => s.id)).size).toBe(added.length);
    expect(new Set(added.map((s) => s.contact.email)).size).toBe(added.length);
    for (const { input, contact } of added) {
      expect(input.postcode).toMatch(/^CV[1-6] [1-9][A-Z]{2}$/);
      expect(isLocalPostcode(input.postcode)).toBe(true);
      expect(contact.email.endsWith(`@${input.email?.split("@")[1]}`)).toBe(true);
    }
    const bands = added.map((s) => sizeBand(s.input));
    expect(bands).not.toContain("large");
    for (const band of ["micro", "small", "medium"] as const) expect(bands.filter((b) => b === band).length).toBeGreaterThan(5);
  });

  it("are the same on every load", () => {
    expect(demoDiversitySuppliers(portfolio.map((s) => s.name))).toEqual(added);
  });
});

describe("the campaigns", () => {
  it("last year's opened, closed and was published in that year; this year's opened before today and closes in about two months", () => {
    expect(lastYear.year).toBe(2025);
    expect([lastYear.openedAt, lastYear.closesAt, lastYear.closedAt, lastYear.publishedAt].every((at) => at?.startsWith("2025-"))).toBe(true);
    expect(lastYear.openedAt < lastYear.closesAt && lastYear.closesAt < (lastYear.closedAt as string) && (lastYear.closedAt as string) < (lastYear.publishedAt as string)).toBe(true);
    expect(thisYear.year).toBe(2026);
    expect(thisYear.openedAt < TODAY.toISOString()).toBe(true);
    const weeks = (Date.parse(thisYear.closesAt) - TODAY.getTime()) / (7 * 86_400_000);
    expect(weeks).toBeGreaterThan(7);
    expect(weeks).toBeLessThan(10);
    expect(thisYear.closedAt).toBeUndefined();
    expect(thisYear.publishedAt).toBeUndefined();
  });

  it("early in January, this year's campaign opens on 1 January, not in the year before", () => {
    const { thisYear: january } = demoDiversityCampaigns(new Date("2027-01-10T12:00:00Z"));
    expect(january.openedAt).toBe("2027-01-01T09:00:00.000Z");
  });
});

describe("who answers", () => {
  it("75% of the invited answered last year and 55% so far this year, and the respondents are the same on every load", () => {
    expect(invited.length).toBeGreaterThan(150);
    const answered = (year: number) => new Set(submissions.filter((s) => s.year === year).map((s) => s.supplierId)).size;
    expect(answered(2025)).toBe(Math.round(0.75 * invited.length));
    expect(answered(2026)).toBe(Math.round(0.55 * invited.length));
    expect(demoDiversityRespondents(invited, 2025, 0.75)).toEqual(demoDiversityRespondents([...invited].reverse(), 2025, 0.75));
    // Different years draw different respondents, with many answering both.
    const both = demoDiversityRespondents(invited, 2025, 0.75).filter((r) => demoDiversityRespondents(invited, 2026, 0.55).includes(r)).length;
    expect(both).toBeGreaterThan(50);
    expect(both).toBeLessThan(Math.round(0.55 * invited.length));
  });

  it("every submission is within its campaign, none after today, with a key of its own; a few are replaced by a second", () => {
    for (const s of submissions) {
      const campaign = s.year === 2025 ? lastYear : thisYear;
      expect(s.at >= campaign.openedAt && s.at <= campaign.answersUntil).toBe(true);
    }
    expect(submissions.every((s) => s.at <= TODAY.toISOString())).toBe(true);
    expect(new Set(submissions.map((s) => s.idempotencyKey)).size).toBe(submissions.length);
    const seconds = submissions.filter((s) => s.step === 2);
    expect(seconds.length).toBeGreaterThan(3);
    for (const second of seconds) {
      const first = submissions.find((s) => s.supplierId === second.supplierId && s.year === second.year && s.step === 1);
      expect(first && first.at <= second.at).toBe(true);
      expect(first?.answers.ethnicMinorityOwned).toBeUndefined();
    }
  });

  it("are the same on every load", () => {
    expect(demoDiversitySubmissions(invited, lastYear)).toEqual(submissions.filter((s) => s.year === 2025));
  });
});

describe("the answers", () => {
  const finals = submissions.filter((s) => s.step === 2 || !submissions.some((o) => o.step === 2 && o.supplierId === s.supplierId && o.year === s.year));
  const share = (test: (answers: Record<string, unknown>) => boolean) => finals.filter((s) => test(s.answers)).length / finals.length;

  it("every one is accepted by questionnaire 2026.1, as given", () => {
    for (const s of submissions) {
      const read = readDiversityAnswers(QUESTIONNAIRE_V1, s.answers);
      expect(read, `${s.supplierId} ${s.year}: ${JSON.stringify(read.ok ? "" : read.errors)}`).toMatchObject({ ok: true });
      if (read.ok) expect({ ...read.answers, questionnaireVersion: undefined }).toEqual({ ...s.answers, questionnaireVersion: undefined });
    }
  });

  it("about 60% consent to contact; some prefer not to say; barriers are several at once", () => {
    expect(share((a) => a.consentToContact === "yes")).toBeGreaterThan(0.52);
    expect(share((a) => a.consentToContact === "yes")).toBeLessThan(0.68);
    expect(share((a) => a.consentToContact === undefined)).toBeGreaterThan(0);
    expect(share((a) => a.ethnicMinorityOwned === PREFER_NOT_TO_SAY)).toBeGreaterThan(0.03);
    expect(share((a) => a.ethnicMinorityOwned === "yes")).toBeGreaterThan(0.15);
    expect(share((a) => a.ethnicMinorityOwned === "yes")).toBeLessThan(0.4);
    expect(share((a) => a.womenOwned === "yes")).toBeGreaterThan(0.1);
    expect(share((a) => Array.isArray(a.barriers) && a.barriers.length >= 2)).toBeGreaterThan(0.3);
    expect(share((a) => Array.isArray(a.barriers) && a.barriers.includes(PREFER_NOT_TO_SAY))).toBeGreaterThan(0);
    expect(share((a) => typeof a.councilCouldDo === "string")).toBeGreaterThan(0.2);
  });

  it("with more than 10 of each of the larger answers, so a baseline at threshold 10 has counts to show", () => {
    const year = finals.filter((s) => s.year === 2026);
    const count = (field: string, value: string) => year.filter((s) => s.answers[field] === value || (Array.isArray(s.answers[field]) && s.answers[field].includes(value))).length;
    expect(count("ethnicMinorityOwned", "yes")).toBeGreaterThanOrEqual(10);
    expect(count("ethnicMinorityOwned", "no")).toBeGreaterThanOrEqual(10);
    expect(count("womenOwned", "yes")).toBeGreaterThanOrEqual(10);
    expect(count("barriers", "tender-complexity")).toBeGreaterThanOrEqual(10);
  });

  it("last year's baseline at threshold 10 publishes its main counts: ownership, size bands, the SME test and the common barriers", () => {
    const answers = finals.filter((s) => s.year === 2025).map((s) => {
      const read = readDiversityAnswers(QUESTIONNAIRE_V1, s.answers);
      if (!read.ok) throw new Error("refused");
      return read.answers;
    });
    const baseline = diversityBaseline(2025, QUESTIONNAIRE_V1, answers, { invited: invited.length });
    expect(baseline.total).toBe(Math.round(0.75 * invited.length));
    for (const id of ["ethnicMinorityOwned", "womenOwned"]) for (const value of ["yes", "no"]) expect(baseline.characteristics[id]?.counts[value], `${id} ${value}`).toBeGreaterThanOrEqual(10);
    for (const band of ["micro", "small", "medium"]) expect(baseline.sizeBands.counts[band], band).toBeGreaterThanOrEqual(10);
    expect(baseline.statutorySme.counts.yes).toBe(baseline.total);
    for (const barrier of ["finding-opportunities", "tender-complexity", "time-and-cost-of-bidding"]) expect(baseline.barriers.counts[barrier], barrier).toBeGreaterThanOrEqual(10);
    // And some are suppressed, as small counts must be.
    expect(Object.values(baseline.characteristics.ownersEthnicGroup?.counts ?? {})).toContain(null);
  });

  it("the owners are the same each year; the size bands follow the register's figures", () => {
    const supplier = invited.find((s) => submissions.filter((x) => x.supplierId === s.id).length >= 2) as DemoRespondent;
    const a = demoDiversityAnswers(supplier, 2025);
    const b = demoDiversityAnswers(supplier, 2026);
    for (const field of ["ownersEthnicGroup", "ownersReligion", "ownersAgeBand"]) if (a[field] && b[field] && a[field] !== PREFER_NOT_TO_SAY && !(a[field] as string[]).includes(PREFER_NOT_TO_SAY) && !(b[field] as string[]).includes(PREFER_NOT_TO_SAY)) expect(b[field]).toEqual(a[field]);
    const micro = invited.find((s) => (s.employees ?? 99) < 10) as DemoRespondent;
    const answers = [2025, 2026, 2027, 2028].map((year) => demoDiversityAnswers(micro, year).employeesBand).filter((band) => band !== undefined && band !== PREFER_NOT_TO_SAY);
    expect(answers.length).toBeGreaterThan(0);
    expect(new Set(answers)).toEqual(new Set(["under-10"]));
  });
});

describe("loading the diversity demo into storage", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "toms-demo-diversity-"));
  let storage: Storage;
  let d: DiversityDeps;
  beforeAll(async () => {
    const log = { info: () => {}, warn: () => {}, error: () => {} };
    storage = await connectStorage({ dataDir, connectionString: inject("azuriteConnectionString"), tablePrefix: `dd${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`, log });
    d = createDiversityDeps(createAppDeps(storage, { moneyLabel: "Coventry £" }), await openDiversityStorage(storage.store), { publicUrl: "http://127.0.0.1:3000" });
    await seedDemo(storage, TODAY);
  }, 240_000);
  afterAll(async () => {
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("adds the suppliers, opens both years, answers, closes and publishes last year's; a second load adds nothing", async () => {
    const first = await seedDemoDiversity(storage, d, TODAY);
    expect(first.suppliers).toBe(DEMO_DIVERSITY_SUPPLIER_COUNT);
    expect(first.campaigns).toBe(2);
    const expected = submissions.length;
    expect(first.responses).toBe(expected);
    expect(await seedDemoDiversity(storage, d, TODAY)).toEqual({ suppliers: 0, campaigns: 0, responses: 0 });

    const last = await d.diversity.campaigns.get(2025);
    expect(last).toMatchObject({ year: 2025, invited: invited.length, openedAt: lastYear.openedAt, closedAt: lastYear.closedAt, publishedAt: lastYear.publishedAt, publishedBy: DEMO_EDI_ANALYST.name });
    const current = await d.diversity.campaigns.get(2026);
    expect(current).toMatchObject({ year: 2026, invited: invited.length, openedAt: thisYear.openedAt, closesAt: thisYear.closesAt });
    expect(current?.closedAt).toBeUndefined();

    for (const [year, share] of [[2025, 0.75], [2026, 0.55]] as const) {
      const stored = await d.diversity.responses.current(year);
      expect(stored).toHaveLength(Math.round(share * invited.length));
      // Dated when they were sent, within the campaign: last year's answers carry last year's dates.
      expect(stored.every((r) => r.submittedAt.startsWith(String(year)))).toBe(true);
      const answered = (await d.diversity.invitations.list(year)).filter((i) => i.answeredAt !== undefined);
      expect(answered).toHaveLength(stored.length);
    }
    const twice = submissions.filter((s) => s.step === 2);
    const history = await d.diversity.responses.allOf(twice[0]?.supplierId as string);
    expect(history.current.find((r) => r.year === twice[0]?.year)?.revision).toBe(2);

    const baseline = await baselineOf(d, DEMO_EDI_ANALYST, { year: 2025 });
    expect(baseline.ok && baseline.value).toMatchObject({ total: Math.round(0.75 * invited.length), invited: invited.length, published: { at: lastYear.publishedAt } });
    // With threshold 10, the larger counts are shown.
    expect(baseline.ok && baseline.value.characteristics.ethnicMinorityOwned?.counts.no).toBeGreaterThanOrEqual(10);
  }, 240_000);
});
