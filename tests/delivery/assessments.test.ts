// The annual assessment against the real service: a draft's suggested rating per KPI from the
// period ratings, confirming with and without overrides, corrections that replace a confirmed one,
// and the UK9 contract performance notice of a confirmed assessment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RATINGS, type AssessmentRecord, type RatingId } from "@toms/domain";
import {
  addContract,
  addKpi,
  addSupplier,
  confirmedAssessment,
  deliveryPeople,
  fieldsOf,
  monthAfter,
  monthEnd,
  monthsBetween,
  monthStart,
  PEOPLE,
  readAssessments,
  sendUpdate,
  todayUk,
  type ContractMade,
  type KpiView,
  type People,
} from "../support/delivery-fixtures.js";
import { releaseErrors } from "../support/ocds.js";
import { startTestService, type TestService } from "../support/service.js";

let service: TestService;
let people: People;
let contract: ContractMade;
let kpis: { good: KpiView; worseMiddle: KpiView; sparse: KpiView; lower: KpiView };

const today = todayUk();
const month = (n: number) => monthAfter(today, n);
/** The twelve months before this one: the range assessed. */
const range = { from: monthStart(month(-12)), to: monthEnd(month(-1)), kind: "annual" as const };
const months = monthsBetween(month(-12), month(-1));

beforeAll(async () => {
  service = await startTestService();
  people = await deliveryPeople(service);
  const supplierId = await addSupplier(service, people.admin, "Coventry Grounds Ltd");
  contract = await addContract(service, people.admin, { supplierId, title: "Grounds maintenance", startDate: monthStart(month(-14)), endDate: monthEnd(month(24)) });
  const manager = (fields: Parameters<typeof addKpi>[3]) => addKpi(service, people.manager, contract.id, { reporter: "manager", target: 90, tolerance: 5, ...fields });
  kpis = {
    good: await manager({ title: "Grass cut to schedule" }),
    worseMiddle: await manager({ title: "Shrub beds maintained" }),
    sparse: await manager({ title: "Play areas inspected" }),
    lower: await manager({ title: "Complaints per month", unit: "complaints", direction: "lower", target: 4, tolerance: 1 }),
  };
  const sends: [KpiView, string, number][] = [
    // Every month at 95: good.
    ...months.map((m): [KpiView, string, number] => [kpis.good, m, 95]),
    // Six months approaching (87), six requiring improvement (82): the worse of the two middle ones.
    ...months.map((m, i): [KpiView, string, number] => [kpis.worseMiddle, m, i < 6 ? 87 : 82]),
    // Five of twelve months reported: fewer than half, so Other.
    ...months.slice(0, 5).map((m): [KpiView, string, number] => [kpis.sparse, m, 99]),
    // Lower is better: 5 is within 1 of 4 (approaching), 7 beyond 2 (inadequate); median approaching.
    ...months.map((m, i): [KpiView, string, number] => [kpis.lower, m, i < 7 ? 5 : 7]),
  ];
  for (let i = 0; i < sends.length; i += 10) {
    await Promise.all(sends.slice(i, i + 10).map(([kpi, period, value]) => sendUpdate(service, people.manager, contract.id, kpi.id, period, value)));
  }
});
afterAll(() => service.close());

const assessments = (suffix = "") => `/api/contracts/${contract.id}/assessments${suffix}`;

async function draft(body: Record<string, unknown> = range): Promise<AssessmentRecord> {
  const response = await service.call(assessments(), { method: "POST", token: people.manager, body });
  expect(response.status).toBe(201);
  return (await response.json()) as AssessmentRecord;
}

const confirm = (id: string, body: unknown = {}, token = people.manager) => service.call(assessments(`/${id}/confirm`), { method: "POST", token, body });

const EXPECTED: [keyof typeof kpis, RatingId][] = [
  ["good", "good"],
  ["worseMiddle", "requiresImprovement"],
  ["sparse", "other"],
  ["lower", "approachingTarget"],
];

describe("drafting and confirming", () => {
  it("a draft holds a suggested rating per KPI, worked out from its periods' ratings", async () => {
    const made = await draft();
    expect(made).toMatchObject({ id: expect.any(String), contractId: contract.id, kind: "annual", from: range.from, to: range.to, status: "draft", createdBy: PEOPLE.manager });
    const byKpi = new Map(made.kpis.map((k) => [k.kpiId, k]));
    expect(made.kpis).toHaveLength(4);
    for (const [name, rating] of EXPECTED) {
      const entry = byKpi.get(kpis[name].id);
      expect([name, entry?.suggested, entry?.rating]).toEqual([name, rating, rating]);
      expect(entry?.periods.map((p) => p.period)).toEqual(months);
    }
    expect(byKpi.get(kpis.worseMiddle.id)?.periods.map((p) => p.rating)).toEqual([...Array<RatingId>(6).fill("approachingTarget"), ...Array<RatingId>(6).fill("requiresImprovement")]);
    expect(byKpi.get(kpis.lower.id)).toMatchObject({ direction: "lower", target: 4, unit: "complaints" });
  });

  it("confirming without overrides lets the suggestions stand; confirming again is 409", async () => {
    const made = await draft();
    const response = await confirm(made.id);
    expect(response.status).toBe(200);
    const confirmed = (await response.json()) as AssessmentRecord;
    expect(confirmed).toMatchObject({ id: made.id, status: "confirmed", confirmedBy: PEOPLE.manager });
    expect(confirmed.confirmedAt).toEqual(expect.any(String));
    expect(confirmed.kpis.map((k) => [k.kpiId, k.rating, k.override])).toEqual(made.kpis.map((k) => [k.kpiId, k.suggested, undefined]));

    expect((await confirm(made.id)).status).toBe(409);
    expect((await confirm(made.id, { overrides: [{ kpiId: kpis.good.id, rating: "inadequate", reason: "Second thoughts." }] }, people.admin)).status).toBe(409);
    const stored = (await readAssessments(service, people.evaluator, contract.id)).find((a) => a.id === made.id);
    expect(stored?.kpis.map((k) => k.rating)).toEqual(confirmed.kpis.map((k) => k.rating));
    expect(stored).toMatchObject({ status: "confirmed", notice: null });
  });

  it("an override needs a reason (400 naming it); with one, the override is stored beside the suggestion", async () => {
    const made = await draft();
    const noReason = await confirm(made.id, { overrides: [{ kpiId: kpis.sparse.id, rating: "good" }] });
    expect(noReason.status).toBe(400);
    expect(await fieldsOf(noReason)).toContain("overrides[0].reason");
    const blank = await confirm(made.id, { overrides: [{ kpiId: kpis.sparse.id, rating: "good", reason: "  " }] });
    expect(blank.status).toBe(400);
    const badRating = await confirm(made.id, { overrides: [{ kpiId: kpis.sparse.id, rating: "excellent", reason: "Inspections were done, the log was lost." }] });
    expect(await fieldsOf(badRating)).toContain("overrides[0].rating");
    expect((await readAssessments(service, people.admin, contract.id)).find((a) => a.id === made.id)?.status).toBe("draft");

    const reason = "Inspections were done every month; the log for seven months was lost in the depot fire.";
    const response = await confirm(made.id, { overrides: [{ kpiId: kpis.sparse.id, rating: "good", reason }] });
    expect(response.status).toBe(200);
    const stored = (await readAssessments(service, people.admin, contract.id)).find((a) => a.id === made.id);
    const sparse = stored?.kpis.find((k) => k.kpiId === kpis.sparse.id);
    expect(sparse).toMatchObject({ suggested: "other", rating: "good", override: { rating: "good", reason } });
    expect(stored?.kpis.find((k) => k.kpiId === kpis.good.id)).toMatchObject({ suggested: "good", rating: "good" });
    expect(stored?.kpis.find((k) => k.kpiId === kpis.good.id)?.override).toBeUndefined();
  });

  it("an override must name a KPI of the assessment", async () => {
    const made = await draft();
    const response = await confirm(made.id, { overrides: [{ kpiId: "not-a-kpi", rating: "good", reason: "Because." }] });
    expect([400, 422]).toContain(response.status);
    // Named as the schema names a missing reason: overrides[0].reason.
    expect(await fieldsOf(response)).toContain("overrides[0].kpiId");
  });

  it("refuses a range outside the contract, naming the field", async () => {
    const after = await service.call(assessments(), { method: "POST", token: people.manager, body: { from: monthStart(month(30)), to: monthEnd(month(32)), kind: "annual" } });
    expect([400, 422]).toContain(after.status);
    expect(await fieldsOf(after)).toContain("from");
    const backwards = await service.call(assessments(), { method: "POST", token: people.manager, body: { from: range.to, to: range.from, kind: "annual" } });
    expect(backwards.status).toBe(400);
    expect(await fieldsOf(backwards)).toContain("to");
    const kind = await service.call(assessments(), { method: "POST", token: people.manager, body: { ...range, kind: "quarterly" } });
    expect(await fieldsOf(kind)).toContain("kind");
  });
});

describe("corrections", () => {
  it("a correction is a new assessment that references the one it replaces, which stays as confirmed", async () => {
    const original = await confirmedAssessment(service, people.manager, contract.id, range);
    const correction = await draft({ ...range, replaces: original.id });
    expect(correction.replaces).toBe(original.id);
    expect(correction.id).not.toBe(original.id);
    expect((await confirm(correction.id, { overrides: [{ kpiId: kpis.worseMiddle.id, rating: "approachingTarget", reason: "Two months were reported against the wrong beds." }] })).status).toBe(200);
    const stored = await readAssessments(service, people.admin, contract.id);
    const before = stored.find((a) => a.id === original.id);
    expect(before).toMatchObject({ status: "confirmed", supersededBy: correction.id });
    expect(before?.kpis.map((k) => k.rating)).toEqual(original.kpis.map((k) => k.rating));
    expect(stored.find((a) => a.id === correction.id)).toMatchObject({ status: "confirmed", replaces: original.id });
    expect(stored.find((a) => a.id === correction.id)?.supersededBy ?? null).toBeNull();
  });

  it("a correction must replace a confirmed assessment of the contract", async () => {
    const pending = await draft();
    const ofDraft = await service.call(assessments(), { method: "POST", token: people.manager, body: { ...range, replaces: pending.id } });
    expect([400, 409, 422]).toContain(ofDraft.status);
    expect(await fieldsOf(ofDraft)).toContain("replaces");
    const unknown = await service.call(assessments(), { method: "POST", token: people.manager, body: { ...range, replaces: "no-such-assessment" } });
    expect([400, 404, 422]).toContain(unknown.status);
    expect(await fieldsOf(unknown)).toContain("replaces");
  });
});

interface Release {
  ocid?: string;
  tag?: string[];
  parties?: { id: string; name?: string; roles?: string[]; identifier?: { scheme?: string; id?: string }; details?: { scale?: string } }[];
  contracts?: {
    agreedMetrics?: { id: string; title?: string }[];
    implementation?: { metrics?: { id: string; title?: string; observations?: { id: string; period?: { startDate?: string; endDate?: string }; measureClassification?: { id?: string } }[] }[] };
  }[];
}

/** Every object anywhere in the release. */
function objectsIn(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(objectsIn);
  if (value && typeof value === "object") return [value as Record<string, unknown>, ...Object.values(value).flatMap(objectsIn)];
  return [];
}

const ocdsOf = (rating: RatingId) => RATINGS.find((r) => r.id === rating)?.ocds;

describe("the UK9 contract performance notice", () => {
  let confirmed: AssessmentRecord;
  let notice: Release;

  beforeAll(async () => {
    confirmed = await confirmedAssessment(service, people.manager, contract.id, range);
    const response = await service.call(`/api/contracts/${contract.id}/performance-notice?assessmentId=${confirmed.id}`, { token: people.manager });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    notice = (await response.json()) as Release;
  });

  it("is an OCDS release with a UK9 document", () => {
    expect(notice.ocid).toEqual(expect.any(String));
    const documents = objectsIn(notice).filter((o) => o.noticeType === "UK9");
    expect(documents.length).toBeGreaterThan(0);
  });

  it("carries every KPI of the contract with its rating as the measureClassification id", () => {
    const contractPart = notice.contracts?.[0];
    const metrics = contractPart?.implementation?.metrics ?? [];
    const agreed = contractPart?.agreedMetrics ?? [];
    for (const entry of confirmed.kpis) {
      const metric = metrics.find((m) => m.id.includes(entry.kpiId) || m.title === entry.title);
      expect(metric, entry.title).toBeDefined();
      const classes = (metric?.observations ?? []).map((o) => o.measureClassification?.id);
      expect(classes, entry.title).toContain(ocdsOf(entry.rating));
      expect(agreed.some((m) => m.id.includes(entry.kpiId) || m.title === entry.title), entry.title).toBe(true);
    }
    // Nothing but the statutory ids.
    const all = metrics.flatMap((m) => (m.observations ?? []).map((o) => o.measureClassification?.id)).filter((id) => id !== undefined);
    for (const id of all) expect(["met", "slightlyBelow", "below", "significantlyBelow", "other"]).toContain(id);
    const observed = metrics.flatMap((m) => m.observations ?? []).filter((o) => o.measureClassification);
    for (const o of observed) expect(o.period?.startDate, o.id).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00[+-]\d{2}:\d{2}$/);
  });

  it("names the supplier party with its identifier and size", () => {
    const supplierParty = notice.parties?.find((p) => p.roles?.includes("supplier"));
    expect(supplierParty?.name).toBe("Coventry Grounds Ltd");
    expect(supplierParty?.identifier?.id).toEqual(expect.any(String));
    expect(supplierParty?.identifier?.scheme).toEqual(expect.any(String));
    expect(["micro", "sme", "small", "medium", "large"]).toContain(supplierParty?.details?.scale);
    expect(notice.parties?.some((p) => p.roles?.includes("buyer"))).toBe(true);
  });

  it("validates against the shipped OCDS 1.1.5 + UK extension schema", () => {
    expect(releaseErrors(notice)).toEqual([]);
  });

  it("answers 422 naming assessmentId for a draft, and 400 without one", async () => {
    const made = await draft();
    const ofDraft = await service.call(`/api/contracts/${contract.id}/performance-notice?assessmentId=${made.id}`, { token: people.manager });
    expect(ofDraft.status).toBe(422);
    expect(await fieldsOf(ofDraft)).toContain("assessmentId");
    expect((await service.call(`/api/contracts/${contract.id}/performance-notice`, { token: people.manager })).status).toBe(400);
  });

  it("marks the notice published once: 201, then 409; the assessment then shows it", async () => {
    const url = "https://www.find-tender.service.gov.uk/Notice/012345-2026";
    const first = await service.call(assessments(`/${confirmed.id}/notice`), { method: "POST", token: people.manager, body: { url } });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ assessmentId: confirmed.id, publishedBy: PEOPLE.manager, url });
    const again = await service.call(assessments(`/${confirmed.id}/notice`), { method: "POST", token: people.admin, body: {} });
    expect(again.status).toBe(409);
    const stored = (await readAssessments(service, people.admin, contract.id)).find((a) => a.id === confirmed.id);
    expect(stored?.notice).toMatchObject({ assessmentId: confirmed.id, publishedBy: PEOPLE.manager, url });
    const ofDraft = await service.call(assessments(`/${(await draft()).id}/notice`), { method: "POST", token: people.manager, body: {} });
    expect([409, 422]).toContain(ofDraft.status);
  });
});
