// The Procurement Act duties GET /api/contracts/:id checks a contract's delivery against: at least
// three KPIs over £5m, an assessment every 12 months and on termination, updates on time, and UK9
// notices published within 30 days. Dates are set from today so every test holds on any day.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ComplianceFinding } from "@toms/domain";
import { publishTestCatalogue } from "../support/award-fixtures.js";
import {
  addContract,
  addDays,
  addKpi,
  addSupplier,
  confirmedAssessment,
  daysBetween,
  deliveryPeople,
  DUE_DAYS,
  monthAfter,
  monthEnd,
  monthsBetween,
  monthStart,
  sameDayLastYear,
  sameDayNextYear,
  sendUpdate,
  todayUk,
  type ContractFields,
  type People,
} from "../support/delivery-fixtures.js";
import { startTestService, type TestService } from "../support/service.js";

let service: TestService;
let people: People;
let supplierId: string;

const today = todayUk();
const month = (n: number) => monthAfter(today, n);
const due = (m: string) => addDays(monthEnd(m), DUE_DAYS);

beforeAll(async () => {
  service = await startTestService();
  people = await deliveryPeople(service);
  supplierId = await addSupplier(service, people.admin, "Midlands Highways Ltd");
});
afterAll(() => service.close());

const contractOf = (fields: Omit<ContractFields, "supplierId">) => addContract(service, people.admin, { supplierId, ...fields });

async function findings(contractId: string): Promise<ComplianceFinding[]> {
  const response = await service.call(`/api/contracts/${contractId}`, { token: people.manager });
  expect(response.status).toBe(200);
  return ((await response.json()) as { compliance: ComplianceFinding[] }).compliance;
}

const finding = async (contractId: string, code: ComplianceFinding["code"]) => (await findings(contractId)).find((f) => f.code === code);

/** The date in the UK of a moment. */
const ukDateOf = (at: string) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(at));

describe("KPI_MINIMUM", () => {
  const sixMillion = () => ({ value: 6_000_000, startDate: monthStart(month(-1)), endDate: monthEnd(month(35)) });
  const message = (kpis: number) => `This contract is worth £6,000,000, over the £5m threshold, and has ${kpis} KPI${kpis === 1 ? "" : "s"}: the Procurement Act 2023 (s.52) needs at least 3. Add KPIs, or record why the contract is exempt.`;

  it("is an error on a £6m contract with 2 KPIs, and goes with a third", async () => {
    const contract = await contractOf(sixMillion());
    await addKpi(service, people.manager, contract.id);
    expect(await finding(contract.id, "KPI_MINIMUM")).toEqual({ code: "KPI_MINIMUM", severity: "error", message: message(1), due: contract.startDate });
    await addKpi(service, people.manager, contract.id);
    expect(await finding(contract.id, "KPI_MINIMUM")).toEqual({ code: "KPI_MINIMUM", severity: "error", message: message(2), due: contract.startDate });
    await addKpi(service, people.manager, contract.id);
    expect(await finding(contract.id, "KPI_MINIMUM")).toBeUndefined();
  });

  it("does not count social value commitments as KPIs", async () => {
    const { version } = await publishTestCatalogue(service, people.admin);
    const contract = await contractOf(sixMillion());
    await addKpi(service, people.manager, contract.id);
    await addKpi(service, people.manager, contract.id);
    const entered = await service.call(`/api/contracts/${contract.id}/commitments`, { method: "POST", token: people.admin, body: { commitments: [{ measure: "T-1", quantity: 2, catalogueVersion: version }, { measure: "T-2", quantity: 100, catalogueVersion: version }] } });
    expect(entered.status).toBe(201);
    expect(await finding(contract.id, "KPI_MINIMUM")).toMatchObject({ severity: "error", message: message(2) });
  });

  it("is not raised when an exemption reason is recorded, at creation or later", async () => {
    const exempt = await contractOf({ ...sixMillion(), kpiExemptionReason: "A framework call-off: KPIs are set in the framework agreement." });
    await addKpi(service, people.manager, exempt.id);
    expect(await finding(exempt.id, "KPI_MINIMUM")).toBeUndefined();

    const later = await contractOf(sixMillion());
    await addKpi(service, people.manager, later.id);
    await addKpi(service, people.manager, later.id);
    expect(await finding(later.id, "KPI_MINIMUM")).toBeDefined();
    const read = await service.call(`/api/contracts/${later.id}`, { token: people.admin });
    const patched = await service.call(`/api/contracts/${later.id}`, { method: "PATCH", token: people.admin, body: { kpiExemptionReason: "Two KPIs cover the whole service." }, headers: { "if-match": read.headers.get("etag") as string } });
    expect(patched.status).toBe(200);
    expect(await finding(later.id, "KPI_MINIMUM")).toBeUndefined();
  });

  it("is not raised at £5m or less", async () => {
    const contract = await contractOf({ ...sixMillion(), value: 5_000_000 });
    await addKpi(service, people.manager, contract.id);
    expect(await finding(contract.id, "KPI_MINIMUM")).toBeUndefined();
  });
});

describe("UPDATES_OVERDUE", () => {
  it("counts every period past its due date with nothing reported, from the earliest; an error once one is over 30 days late", async () => {
    const contract = await contractOf({ startDate: monthStart(month(-24)), endDate: monthEnd(month(12)) });
    const kpi = await addKpi(service, people.manager, contract.id, { reporter: "supplier" });
    const overdue = monthsBetween(month(-24), month(0)).filter((m) => due(m) < today);
    const first = await finding(contract.id, "UPDATES_OVERDUE");
    expect(first).toMatchObject({ severity: "error", due: due(month(-24)) });
    expect(first?.message).toContain(String(overdue.length));

    await sendUpdate(service, people.manager, contract.id, kpi.id, month(-24), 95);
    await sendUpdate(service, people.manager, contract.id, kpi.id, month(-23), 95);
    const after = await finding(contract.id, "UPDATES_OVERDUE");
    expect(after).toMatchObject({ severity: "error", due: due(month(-22)) });
    expect(after?.message).toContain(String(overdue.length - 2));
  });

  it("a single late period: a warning within 30 days of its due date, an error after", async () => {
    // The latest month already past its due date.
    const late = [0, -1, -2].map(month).find((m) => due(m) < today) as string;
    const contract = await contractOf({ startDate: monthStart(late), endDate: monthEnd(month(12)) });
    await addKpi(service, people.manager, contract.id, { reporter: "manager" });
    const severity = daysBetween(due(late), today) > 30 ? "error" : "warning";
    const found = await finding(contract.id, "UPDATES_OVERDUE");
    expect(found).toMatchObject({ severity, due: due(late) });
    expect(found?.message).toContain("1");
  });

  it("a pending supplier update is not overdue; a rejected one past its due date is", async () => {
    const late = [0, -1, -2].map(month).find((m) => due(m) < today) as string;
    const contract = await contractOf({ startDate: monthStart(late), endDate: monthEnd(month(12)) });
    const kpi = await addKpi(service, people.manager, contract.id, { reporter: "supplier" });
    const supplier = await service.token("hana.highways", "supplier", { supplierId });
    const sent = await sendUpdate(service, supplier, contract.id, kpi.id, late, 91);
    expect(await finding(contract.id, "UPDATES_OVERDUE")).toBeUndefined();
    const rejected = await service.call(`/api/contracts/${contract.id}/kpis/${kpi.id}/updates/${sent.id}/review`, { method: "POST", token: people.manager, body: { decision: "reject", reason: "No evidence attached." } });
    expect(rejected.status).toBe(200);
    expect(await finding(contract.id, "UPDATES_OVERDUE")).toMatchObject({ due: due(late) });
  });

  it("is not raised when nothing is due yet", async () => {
    const contract = await contractOf({ startDate: monthStart(month(0)), endDate: monthEnd(month(12)) });
    await addKpi(service, people.manager, contract.id);
    expect(await finding(contract.id, "UPDATES_OVERDUE")).toBeUndefined();
  });
});

describe("ASSESSMENT_DUE", () => {
  it("is a warning from 30 days before the first anniversary of the start", async () => {
    const startDate = sameDayLastYear(addDays(today, 10));
    const contract = await contractOf({ startDate, endDate: monthEnd(month(24)) });
    await addKpi(service, people.manager, contract.id);
    expect(await finding(contract.id, "ASSESSMENT_DUE")).toMatchObject({ severity: "warning", due: sameDayNextYear(startDate) });
  });

  it("is an error once the anniversary has passed with no assessment", async () => {
    const startDate = monthStart(month(-14));
    const contract = await contractOf({ startDate, endDate: monthEnd(month(24)) });
    await addKpi(service, people.manager, contract.id);
    expect(await finding(contract.id, "ASSESSMENT_DUE")).toMatchObject({ severity: "error", due: sameDayNextYear(startDate) });
  });

  it("is not raised more than 30 days ahead, nor for a contract of £5m or less without KPIs", async () => {
    const early = await contractOf({ startDate: addDays(sameDayLastYear(today), 40), endDate: monthEnd(month(24)) });
    await addKpi(service, people.manager, early.id);
    expect(await finding(early.id, "ASSESSMENT_DUE")).toBeUndefined();
    const noKpis = await contractOf({ startDate: monthStart(month(-14)), endDate: monthEnd(month(24)) });
    expect(await finding(noKpis.id, "ASSESSMENT_DUE")).toBeUndefined();
  });

  it("a confirmed assessment moves the due date to 12 months after its end, and its unpublished notice is raised until marked published", async () => {
    const contract = await contractOf({ startDate: monthStart(month(-14)), endDate: monthEnd(month(24)) });
    const kpi = await addKpi(service, people.manager, contract.id, { reporter: "manager" });
    await sendUpdate(service, people.manager, contract.id, kpi.id, month(-2), 95);
    expect(await finding(contract.id, "ASSESSMENT_DUE")).toBeDefined();
    expect(await finding(contract.id, "NOTICE_UNPUBLISHED")).toBeUndefined();

    const to = monthEnd(month(-1));
    const assessment = await confirmedAssessment(service, people.manager, contract.id, { from: monthStart(month(-13)), to, kind: "annual" });
    expect(await finding(contract.id, "ASSESSMENT_DUE")).toBeUndefined();
    const confirmedOn = ukDateOf(assessment.confirmedAt as string);
    expect(await finding(contract.id, "NOTICE_UNPUBLISHED")).toMatchObject({ code: "NOTICE_UNPUBLISHED", severity: "warning", due: addDays(confirmedOn, 30) });

    const published = await service.call(`/api/contracts/${contract.id}/assessments/${assessment.id}/notice`, { method: "POST", token: people.manager, body: { url: "https://www.find-tender.service.gov.uk/Notice/000777-2026" } });
    expect(published.status).toBe(201);
    expect(await finding(contract.id, "NOTICE_UNPUBLISHED")).toBeUndefined();
  });

  it("a draft assessment does not count", async () => {
    const contract = await contractOf({ startDate: monthStart(month(-14)), endDate: monthEnd(month(24)) });
    await addKpi(service, people.manager, contract.id);
    const drafted = await service.call(`/api/contracts/${contract.id}/assessments`, { method: "POST", token: people.manager, body: { from: monthStart(month(-13)), to: monthEnd(month(-1)), kind: "annual" } });
    expect(drafted.status).toBe(201);
    expect(await finding(contract.id, "ASSESSMENT_DUE")).toMatchObject({ severity: "error" });
    expect(await finding(contract.id, "NOTICE_UNPUBLISHED")).toBeUndefined();
  });

  it("an ended contract needs a termination assessment: an error 30 days after the end, gone once one is confirmed", async () => {
    const endDate = addDays(today, -60);
    const contract = await contractOf({ startDate: monthStart(monthAfter(endDate, -20)), endDate });
    await addKpi(service, people.manager, contract.id, { reporter: "manager" });
    const needed = await finding(contract.id, "ASSESSMENT_DUE");
    expect(needed).toMatchObject({ severity: "error", due: addDays(endDate, 30) });
    expect(needed?.message).toMatch(/termination/i);

    // An annual assessment is not the termination one.
    await confirmedAssessment(service, people.manager, contract.id, { from: addDays(endDate, -200), to: endDate, kind: "annual" });
    expect((await finding(contract.id, "ASSESSMENT_DUE"))?.message).toMatch(/termination/i);

    await confirmedAssessment(service, people.manager, contract.id, { from: addDays(endDate, -200), to: endDate, kind: "termination" });
    expect(await finding(contract.id, "ASSESSMENT_DUE")).toBeUndefined();
  });
});

describe("every finding", () => {
  it("has a code, a severity, a message and a due date", async () => {
    const contract = await contractOf({ value: 7_500_000, startDate: monthStart(month(-24)), endDate: monthEnd(month(12)) });
    await addKpi(service, people.manager, contract.id);
    const all = await findings(contract.id);
    expect(all.map((f) => f.code).sort()).toEqual(["ASSESSMENT_DUE", "KPI_MINIMUM", "UPDATES_OVERDUE"]);
    for (const f of all) {
      expect(["warning", "error"]).toContain(f.severity);
      expect(f.message.length).toBeGreaterThan(20);
      expect(f.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
