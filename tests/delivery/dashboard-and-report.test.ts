// Dashboards and the Cabinet Member's social value report against the real service: an award's
// commitments tracked as KPIs, delivered quantities reviewed and valued at the award's proxies,
// every £ traced to a line, the portfolio, contract and supplier views, who owes what, and the
// JSON, CSV and xlsx report read back.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv, readCsvCell, type OwedUpdate, type PortfolioDashboard, type SocialValueLine, type SocialValueReport, type SupplierScorecard } from "@toms/domain";
import {
  addContract,
  addDays,
  addKpi,
  addSupplier,
  awardedContract,
  deliveryPeople,
  DUE_DAYS,
  monthAfter,
  monthEnd,
  monthsBetween,
  monthStart,
  PEOPLE,
  quarterEnd,
  readKpis,
  review,
  SERVICE_AREA,
  sendUpdate,
  supplierContact,
  todayUk,
  type ContractMade,
  type KpiView,
  type People,
} from "../support/delivery-fixtures.js";
import { ensureServiceArea } from "../support/service-areas.js";
import { startTestService, type TestService } from "../support/service.js";

let service: TestService;
let people: People;

const today = todayUk();
const month = (n: number) => monthAfter(today, n);
/** The last complete financial year (April to March), by the year it starts in. */
const Y = today >= `${today.slice(0, 4)}-04-01` ? Number(today.slice(0, 4)) - 1 : Number(today.slice(0, 4)) - 2;
const fyLabel = (year: number) => `${year}/${String((year + 1) % 100).padStart(2, "0")}`;
const inFy = (date: string, year: number) => date >= `${year}-04-01` && date <= `${year + 1}-03-31`;
/** The eight quarters of two financial years, Y-1 and Y. */
const quarters = [`${Y - 1}-Q2`, `${Y - 1}-Q3`, `${Y - 1}-Q4`, `${Y}-Q1`, `${Y}-Q2`, `${Y}-Q3`, `${Y}-Q4`, `${Y + 1}-Q1`];
const EDUCATION = "Education and Skills";

/** Beta Ltd's awarded contract over financial years Y-1 and Y; its title starts with "=". */
let awarded: ContractMade & { catalogueVersion: string };
/** A contract signed before the suite, with an entered commitment reported yearly; its supplier's name starts with "=". */
let entered: ContractMade;
/** A contract whose five KPIs rate good, approaching, requires improvement, inadequate and other. */
let rated: ContractMade;
/** A contract whose supplier has sent nothing for two years. */
let silent: ContractMade;
let betaId: string;
let gammaId: string;
let commitmentKpis: { t1: KpiView; t2: KpiView };
let enteredKpi: KpiView;
const ids: Record<string, string> = {};
/** The UK day the manager rejected T-1's update for Q2 of year Y. */
let rejectedOn: string;
/** The UK day of an instant. */
const ukDay = (at: string) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(at));

beforeAll(async () => {
  service = await startTestService();
  people = await deliveryPeople(service);
  await ensureServiceArea(service, people.admin, EDUCATION);
  const term = { startDate: `${Y - 1}-04-01`, endDate: `${Y + 1}-03-31` };

  awarded = await awardedContract(service, people, { title: "=SUM(A1:A9) Parks maintenance", ...term });
  betaId = awarded.supplierId;
  const beta = await supplierContact(service, betaId, "bea.beta");
  const kpis = await readKpis(service, people.manager, awarded.id);
  const byMeasure = (code: string) => kpis.find((k) => k.kind === "social-value" && k.commitment?.measure === code) as KpiView;
  commitmentKpis = { t1: byMeasure("T-1"), t2: byMeasure("T-2") };

  const approve = async (kpi: KpiView, period: string, quantity: number, name: string) => {
    const sent = await sendUpdate(service, beta, awarded.id, kpi.id, period, quantity);
    await review(service, people.manager, awarded.id, kpi.id, sent.id, { decision: "approve" });
    ids[name] = sent.id;
  };
  await approve(commitmentKpis.t1, `${Y - 1}-Q2`, 0.25, "t1-first");
  await approve(commitmentKpis.t1, `${Y}-Q3`, 0.5, "t1-second");
  await approve(commitmentKpis.t2, `${Y - 1}-Q3`, 10, "t2-first");
  await approve(commitmentKpis.t2, `${Y}-Q2`, 7, "t2-replaced");
  // A correction of an approved quantity: the latest accepted counts.
  await approve(commitmentKpis.t2, `${Y}-Q2`, 8, "t2-correction");
  const rejected = await sendUpdate(service, beta, awarded.id, commitmentKpis.t1.id, `${Y}-Q2`, 0.3);
  const rejection = await review(service, people.manager, awarded.id, commitmentKpis.t1.id, rejected.id, { decision: "reject", reason: "The payroll extract is for another site." });
  ids["t1-rejected"] = rejected.id;
  rejectedOn = ukDay(rejection.review?.reviewedAt ?? "");
  ids["t2-pending"] = (await sendUpdate(service, beta, awarded.id, commitmentKpis.t2.id, `${Y}-Q4`, 20)).id;

  gammaId = await addSupplier(service, people.admin, "=1+2 Grounds Ltd");
  entered = await addContract(service, people.admin, { supplierId: gammaId, title: "School grounds", serviceArea: EDUCATION, ...term });
  const made = await service.call(`/api/contracts/${entered.id}/commitments`, { method: "POST", token: people.admin, body: { commitments: [{ measure: "T-2", quantity: 7, catalogueVersion: awarded.catalogueVersion }] } });
  expect(made.status).toBe(201);
  const quarterly = ((await made.json()) as { items: KpiView[] }).items[0] as KpiView;
  expect(quarterly.frequency).toBe("quarterly");
  // The manager reports it yearly instead: three calendar years overlap the term.
  const patched = await service.call(`/api/contracts/${entered.id}/kpis/${quarterly.id}`, { method: "PATCH", token: people.manager, body: { frequency: "annual" }, headers: { "if-match": quarterly.etag } });
  expect(patched.status).toBe(200);
  enteredKpi = (await patched.json()) as KpiView;
  const gamma = await supplierContact(service, gammaId, "gil.gamma");
  const delivered = await sendUpdate(service, gamma, entered.id, enteredKpi.id, String(Y), 5);
  await review(service, people.admin, entered.id, enteredKpi.id, delivered.id, { decision: "approve" });
  ids["entered"] = delivered.id;

  const deltaId = await addSupplier(service, people.admin, "Delta Cleansing Ltd");
  rated = await addContract(service, people.admin, { supplierId: deltaId, title: "Public toilets cleansing", startDate: monthStart(month(-1)), endDate: monthEnd(month(23)) });
  for (const [title, value] of [["Good", 95], ["Approaching", 87], ["Requires improvement", 82], ["Inadequate", 70], ["Other", undefined]] as const) {
    const kpi = await addKpi(service, people.manager, rated.id, { title, reporter: "manager", target: 90, tolerance: 5 });
    if (value !== undefined) await sendUpdate(service, people.manager, rated.id, kpi.id, month(-1), value);
  }

  silent = await addContract(service, people.admin, { supplierId: deltaId, title: "Bus shelters cleansing", managerId: PEOPLE.otherManager, startDate: monthStart(month(-24)), endDate: monthEnd(month(12)) });
  await addKpi(service, people.otherManager, silent.id, { reporter: "supplier", title: "Shelters cleaned weekly" });
});
afterAll(() => service.close());

interface SocialValue {
  moneyLabel: string;
  committed: number;
  delivered: number;
  lines: SocialValueLine[];
}

async function socialValue(contractId: string, token = people.admin): Promise<SocialValue> {
  const response = await service.call(`/api/contracts/${contractId}/social-value`, { token });
  expect(response.status).toBe(200);
  return (await response.json()) as SocialValue;
}

// Money is shown to the penny: amounts are added as whole pence, so any grouping of the same lines gives the same total.
const sum = (values: number[]) => values.reduce((pence, v) => pence + Math.round(v * 100), 0) / 100;

describe("social value delivered", () => {
  it("the award's commitments are tracked as quarterly social value KPIs the supplier reports, at the award's proxies", async () => {
    const kpis = await readKpis(service, people.admin, awarded.id);
    const commitments = kpis.filter((k) => k.kind === "social-value");
    expect(commitments.map((k) => [k.commitment?.measure, k.reporter, k.frequency, k.direction])).toEqual([
      ["T-1", "supplier", "quarterly", "higher"],
      ["T-2", "supplier", "quarterly", "higher"],
    ]);
    expect(commitmentKpis.t1.commitment).toMatchObject({ measure: "T-1", committedQuantity: 1, acceptedFraction: 1, proxyValue: 100, committedValue: 100, catalogueVersion: awarded.catalogueVersion, source: "award", theme: "Economic", unit: "FTE years" });
    expect(commitmentKpis.t2.commitment).toMatchObject({ measure: "T-2", committedQuantity: 50, acceptedFraction: 0.5, proxyValue: 10, committedValue: 250, source: "award" });
    const t2 = kpis.find((k) => k.id === commitmentKpis.t2.id) as KpiView;
    expect(t2.periods.map((p) => p.period)).toEqual(quarters);
    // The term's accepted commitment spread evenly over its eight quarters: 50 x 50% / 8.
    for (const p of t2.periods) expect(p.target).toBeCloseTo(3.125, 12);
  });

  it("every line carries quantity x proxy = value, the catalogue version and the update it came from", async () => {
    const sv = await socialValue(awarded.id, people.manager);
    expect(sv.moneyLabel).toBe("Coventry £");
    expect(sv.lines).toHaveLength(16);
    for (const line of sv.lines) {
      expect(line.deliveredValue, `${line.measure} ${line.period}`).toBe(line.deliveredQuantity * (line.proxyValue ?? 0));
      expect(line).toMatchObject({ contractId: awarded.id, contractReference: awarded.reference, supplierId: betaId, serviceArea: SERVICE_AREA, catalogueVersion: awarded.catalogueVersion });
      expect(line.periodEnd).toBe(quarterEnd(line.period));
    }
    const line = (measure: string, period: string) => sv.lines.find((l) => l.measure === measure && l.period === period);
    expect(line("T-1", `${Y - 1}-Q2`)).toMatchObject({ deliveredQuantity: 0.25, proxyValue: 100, deliveredValue: 25, updateId: ids["t1-first"], revision: 1, committedQuantity: 0.125, committedValue: 12.5, theme: "Economic" });
    expect(line("T-2", `${Y}-Q2`)).toMatchObject({ deliveredQuantity: 8, proxyValue: 10, deliveredValue: 80, updateId: ids["t2-correction"], revision: 2, committedQuantity: 3.125, committedValue: 31.25 });
    // Rejected and pending quantities are not delivered.
    expect(line("T-1", `${Y}-Q2`)).toMatchObject({ deliveredQuantity: 0, deliveredValue: 0 });
    expect(line("T-1", `${Y}-Q2`)?.updateId).toBeUndefined();
    expect(line("T-2", `${Y}-Q4`)).toMatchObject({ deliveredQuantity: 0, deliveredValue: 0 });
    expect(line("T-2", `${Y}-Q4`)?.updateId).toBeUndefined();

    expect(sv.committed).toBe(350);
    expect(sv.committed).toBe(sum(sv.lines.map((l) => l.committedValue)));
    expect(sv.delivered).toBe(25 + 50 + 100 + 80);
    expect(sv.delivered).toBe(sum(sv.lines.map((l) => l.deliveredValue)));
  });

  it("an entered commitment's lines sum to its committed value exactly, however it divides", async () => {
    const sv = await socialValue(entered.id);
    expect(sv.lines.map((l) => [l.period, l.periodEnd])).toEqual([String(Y - 1), String(Y), String(Y + 1)].map((year) => [year, `${year}-12-31`]));
    // 7 hours at £10 over three years: the lines cannot all be equal, and still sum to £70.
    expect(sum(sv.lines.map((l) => l.committedValue))).toBe(70);
    expect(sv.committed).toBe(70);
    expect(sv.lines.find((l) => l.period === String(Y))).toMatchObject({ deliveredQuantity: 5, deliveredValue: 50, updateId: ids["entered"], serviceArea: EDUCATION });
    expect(sv.delivered).toBe(50);
  });
});

/** The overdue periods of a KPI: due before today, with nothing accepted or waiting. */
const overdue = (periods: { due: string }[], settled = 0) => periods.filter((p) => p.due < today).length - settled;
const quarterDue = (q: string) => addDays(quarterEnd(q), DUE_DAYS);
const monthDue = (m: string) => addDays(monthEnd(m), DUE_DAYS);

/** What the dashboards must count, worked out here. */
/** The rated contract's unreported KPI counts as Other once last month's update is past due. */
const unreportedOther = () => (monthDue(month(-1)) < today ? 1 : 0);

function expectedOverdue() {
  const q = quarters.map((p) => ({ due: quarterDue(p) }));
  // T-1: two accepted, one rejected (a correction is owed, and counts); T-2: two accepted, one waiting for review.
  const t1 = overdue(q, 2);
  const t2 = overdue(q, 3);
  const years = [Y - 1, Y, Y + 1].map((y) => ({ due: addDays(`${y}-12-31`, DUE_DAYS) }));
  const enteredOverdue = overdue(years, 1);
  const ratedOverdue = monthDue(month(-1)) < today ? 1 : 0;
  const silentOverdue = overdue(monthsBetween(month(-24), month(0)).map((m) => ({ due: monthDue(m) })));
  return { awarded: t1 + t2, entered: enteredOverdue, rated: ratedOverdue, silent: silentOverdue };
}

describe("the portfolio", () => {
  it("answers the issue's shape exactly, with the counts of every contract", async () => {
    const response = await service.call("/api/dashboard/portfolio", { token: people.admin });
    expect(response.status).toBe(200);
    const portfolio = (await response.json()) as PortfolioDashboard;
    expect(Object.keys(portfolio).sort()).toEqual(["assessmentsDue", "byContract", "byServiceArea", "contracts", "overdueUpdates", "ratings", "ratingsOverTime", "socialValue"]);
    expect(Object.keys(portfolio.ratings).sort()).toEqual(["approachingTarget", "good", "inadequate", "other", "requiresImprovement"]);
    expect(Object.keys(portfolio.socialValue).sort()).toEqual(["committed", "delivered"]);
    expect(portfolio.contracts).toBe(4);
    // Commitments are not KPIs: only the rated contract's five and the silent contract's one count.
    expect(portfolio.ratings).toEqual({ good: 1, approachingTarget: 1, requiresImprovement: 1, inadequate: 1, other: 1 + unreportedOther() });
    const owed = expectedOverdue();
    expect(portfolio.overdueUpdates).toBe(owed.awarded + owed.entered + owed.rated + owed.silent);
    // Only the silent contract, started two years ago with a KPI, is past its first assessment.
    expect(portfolio.assessmentsDue).toBe(1);
    // Each contract's totals are the sums of its lines (checked above); the portfolio sums the contracts.
    const contracts = await Promise.all([awarded, entered, rated, silent].map((c) => socialValue(c.id)));
    for (const sv of contracts) expect([sv.committed, sv.delivered]).toEqual([sum(sv.lines.map((l) => l.committedValue)), sum(sv.lines.map((l) => l.deliveredValue))]);
    expect(portfolio.socialValue).toEqual({ committed: sum(contracts.map((sv) => sv.committed)), delivered: sum(contracts.map((sv) => sv.delivered)) });
    expect(portfolio.socialValue).toEqual({ committed: 420, delivered: 305 });

    expect(portfolio.byServiceArea.map((r) => [r.serviceArea, r.contracts, r.socialValue])).toEqual([
      [EDUCATION, 1, { committed: 70, delivered: 50 }],
      [SERVICE_AREA, 3, { committed: 350, delivered: 255 }],
    ]);
    const streets = portfolio.byServiceArea[1];
    expect(streets?.ratings).toEqual(portfolio.ratings);
    expect(streets?.overdueUpdates).toBe(owed.awarded + owed.rated + owed.silent);
    expect(portfolio.byServiceArea[0]?.overdueUpdates).toBe(owed.entered);
  });

  it("a manager's portfolio counts only their contracts", async () => {
    const mine = (await (await service.call("/api/dashboard/portfolio", { token: people.manager })).json()) as PortfolioDashboard;
    expect(mine.contracts).toBe(3);
    expect(mine.ratings).toEqual({ good: 1, approachingTarget: 1, requiresImprovement: 1, inadequate: 1, other: unreportedOther() });
    const theirs = (await (await service.call("/api/dashboard/portfolio", { token: people.otherManager })).json()) as PortfolioDashboard;
    expect(theirs).toMatchObject({ contracts: 1, assessmentsDue: 1, overdueUpdates: expectedOverdue().silent, socialValue: { committed: 0, delivered: 0 } });
  });
});

describe("a contract's dashboard", () => {
  it("shows each KPI's current rating: its latest ended period's, once reported or due", async () => {
    const response = await service.call(`/api/dashboard/contracts/${rated.id}`, { token: people.manager });
    expect(response.status).toBe(200);
    const view = (await response.json()) as { contract: { id: string }; ratings: Record<string, number>; kpis: { kpi: { title: string }; currentRating: string | null }[] };
    expect(view.contract.id).toBe(rated.id);
    expect(view.kpis.map((k) => [k.kpi.title, k.currentRating])).toEqual([
      ["Good", "good"],
      ["Approaching", "approachingTarget"],
      ["Requires improvement", "requiresImprovement"],
      ["Inadequate", "inadequate"],
      // Not reported: Other once its update is past due; before that it is still to come.
      ["Other", unreportedOther() ? "other" : null],
    ]);
    expect(view.ratings).toEqual({ good: 1, approachingTarget: 1, requiresImprovement: 1, inadequate: 1, other: unreportedOther() });
  });
});

describe("who owes what", () => {
  type Owed = OwedUpdate & { contractReference: string; contractTitle: string; supplierId: string; managerId: string };
  let items: Owed[];
  beforeAll(async () => {
    const response = await service.call("/api/dashboard/overdue", { token: people.admin });
    expect(response.status).toBe(200);
    items = ((await response.json()) as { items: Owed[] }).items;
  });

  it("lists oldest first", () => {
    expect(items.map((i) => i.since)).toEqual(items.map((i) => i.since).sort());
  });

  it("the silent supplier owes every update past due, since each due date", () => {
    const owed = items.filter((i) => i.contractId === silent.id);
    const months = monthsBetween(month(-24), month(0)).filter((m) => monthDue(m) < today);
    expect(owed.map((i) => [i.period, i.since, i.owedBy, i.what])).toEqual(months.map((m) => [m, monthDue(m), "supplier", "update"]));
    expect(owed[0]).toMatchObject({ contractReference: silent.reference, contractTitle: silent.title, managerId: PEOPLE.otherManager, kpiTitle: "Shelters cleaned weekly" });
  });

  it("a rejected update owes a correction from the supplier; a waiting one owes a review from the manager", () => {
    const owed = items.filter((i) => i.contractId === awarded.id);
    const correction = owed.find((i) => i.kpiId === commitmentKpis.t1.id && i.period === `${Y}-Q2`);
    expect(correction).toMatchObject({ owedBy: "supplier", what: "correction", supplierId: betaId, managerId: PEOPLE.manager });
    // Since the day of the rejection (UK time), which is long after the period's due date.
    expect(rejectedOn > quarterDue(`${Y}-Q2`)).toBe(true);
    expect(correction?.since).toBe(rejectedOn);
    expect(owed.find((i) => i.kpiId === commitmentKpis.t2.id && i.period === `${Y}-Q4`)).toMatchObject({ owedBy: "manager", what: "review", since: today });
    // Accepted periods owe nothing.
    expect(owed.filter((i) => [`${Y - 1}-Q2`, `${Y}-Q3`].includes(i.period) && i.kpiId === commitmentKpis.t1.id)).toEqual([]);
    const counted = owed.filter((i) => i.what !== "review").length;
    expect(counted).toBe(expectedOverdue().awarded);
  });
});

describe("the supplier scorecard", () => {
  it("sums the supplier's contracts, each beside its own counts", async () => {
    const deltaId = (await (await service.call(`/api/contracts/${rated.id}`, { token: people.admin })).json()) as { supplierId: string };
    const response = await service.call(`/api/dashboard/suppliers/${deltaId.supplierId}`, { token: people.admin });
    expect(response.status).toBe(200);
    const card = (await response.json()) as SupplierScorecard;
    const owed = expectedOverdue();
    expect(card).toMatchObject({ supplierId: deltaId.supplierId, contracts: 2, overdueUpdates: owed.rated + owed.silent, ratings: { good: 1, approachingTarget: 1, requiresImprovement: 1, inadequate: 1, other: 1 + unreportedOther() } });
    expect(card.byContract.map((c) => [c.contractId, c.reference, c.overdueUpdates]).sort()).toEqual(
      [
        [rated.id, rated.reference, owed.rated],
        [silent.id, silent.reference, owed.silent],
      ].sort(),
    );
    const beta = (await (await service.call(`/api/dashboard/suppliers/${betaId}`, { token: await supplierContact(service, betaId, "bea.beta") })).json()) as SupplierScorecard;
    expect(beta).toMatchObject({ supplierId: betaId, contracts: 1, socialValue: { committed: 350, delivered: 255 } });
    expect(beta.byContract).toEqual([expect.objectContaining({ contractId: awarded.id, socialValue: { committed: 350, delivered: 255 }, overdueUpdates: owed.awarded })]);
  });
});

describe("the annual social value report", () => {
  let all: SocialValueLine[];
  beforeAll(async () => {
    all = (await Promise.all([awarded, entered, rated, silent].map((c) => socialValue(c.id)))).flatMap((sv) => sv.lines);
  });

  async function report(query: string): Promise<SocialValueReport> {
    const response = await service.call(`/api/reports/social-value?${query}`, { token: people.admin });
    expect(response.status).toBe(200);
    return (await response.json()) as SocialValueReport;
  }

  it("JSON: the year's totals are the sums of the traceable lines exactly, with the year before beside them", async () => {
    const r = await report(`year=${Y}&format=json`);
    expect(r).toMatchObject({ moneyLabel: "Coventry £", year: Y, yearType: "financial", yearLabel: fyLabel(Y), previousYearLabel: fyLabel(Y - 1) });
    const year = all.filter((l) => inFy(l.periodEnd, Y));
    const before = all.filter((l) => inFy(l.periodEnd, Y - 1));
    expect(r.lines.map((l) => [l.contractId, l.kpiId, l.period, l.updateId]).sort()).toEqual(year.map((l) => [l.contractId, l.kpiId, l.period, l.updateId]).sort());
    expect(r.totals.committed).toBe(sum(r.lines.map((l) => l.committedValue)));
    expect(r.totals.delivered).toBe(sum(r.lines.map((l) => l.deliveredValue)));
    expect(r.totals.committed).toBeCloseTo(sum(year.map((l) => l.committedValue)), 9);
    expect(r.totals.delivered).toBe(80 + 50 + 50);
    expect(r.totals.previousDelivered).toBe(25 + 100);
    expect(r.totals.previousCommitted).toBeCloseTo(sum(before.map((l) => l.committedValue)), 9);

    const row = (rows: SocialValueReport["byTheme"], label: string) => rows.find((x) => x.label === label);
    expect(row(r.byTheme, "Economic")).toMatchObject({ committed: 50, delivered: 50, previousCommitted: 50, previousDelivered: 25 });
    expect(row(r.byTheme, "Social")?.delivered).toBe(130);
    expect(r.byContract.map((x) => x.label)).toEqual([`${awarded.reference} ${awarded.title}`, `${entered.reference} ${entered.title}`].sort());
    expect(row(r.byContract, `${awarded.reference} ${awarded.title}`)).toMatchObject({ committed: 175, delivered: 130, previousCommitted: 175, previousDelivered: 125 });
    expect(r.bySupplier.map((x) => x.label).sort()).toEqual(["=1+2 Grounds Ltd", "Beta Ltd"]);
    expect(row(r.byServiceArea, EDUCATION)).toMatchObject({ delivered: 50 });
    expect(row(r.byServiceArea, SERVICE_AREA)).toMatchObject({ committed: 175, delivered: 130 });
    for (const rows of [r.byTheme, r.byMeasure, r.byContract, r.bySupplier, r.byServiceArea]) {
      expect(sum(rows.map((x) => x.delivered))).toBeCloseTo(r.totals.delivered, 9);
      expect(rows.map((x) => x.label)).toEqual(rows.map((x) => x.label).sort());
    }
  });

  it("defaults to the last complete financial year; calendar years are an option", async () => {
    expect((await report("format=json")).yearLabel).toBe(fyLabel(Y));
    const calendar = await report(`year=${Y}&yearType=calendar`);
    expect(calendar).toMatchObject({ yearType: "calendar", yearLabel: String(Y), previousYearLabel: String(Y - 1) });
    const year = all.filter((l) => l.periodEnd.startsWith(`${Y}-`));
    expect(calendar.lines).toHaveLength(year.length);
    // Q1 to Q4 of the calendar year: T-2's corrected 8 hours (£80), T-1's 0.5 FTE years (£50), and the entered 5 hours (£50).
    expect(calendar.totals.delivered).toBe(180);
    expect(calendar.totals.previousDelivered).toBe(125);
  });

  it("CSV: read back, the rows match the JSON, and a cell that starts with = is escaped", async () => {
    const response = await service.call(`/api/reports/social-value?year=${Y}&format=csv`, { token: people.admin });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const text = await response.text();
    const json = await report(`year=${Y}&format=json`);
    const [header, ...rows] = parseCsv(text).map((cells) => cells.map(readCsvCell));
    expect(header?.slice(0, 3)).toEqual(["Group", "Name", `Committed (Coventry £) ${fyLabel(Y)}`]);
    expect(header?.[3]).toMatch(new RegExp(`^Delivered .*${fyLabel(Y)}$`));
    expect(header?.[4]).toMatch(new RegExp(`^Committed .*${fyLabel(Y - 1)}$`));
    expect(header?.[5]).toMatch(new RegExp(`^Delivered .*${fyLabel(Y - 1)}$`));
    const byName = (name: string) => rows.find((cells) => cells[1] === name);
    for (const group of [json.byTheme, json.byContract, json.bySupplier, json.byServiceArea]) {
      for (const expected of group) {
        const cells = byName(expected.label);
        expect(cells, expected.label).toBeDefined();
        expect(Number(cells?.[2])).toBeCloseTo(expected.committed, 2);
        expect(Number(cells?.[3])).toBeCloseTo(expected.delivered, 2);
        expect(Number(cells?.[4])).toBeCloseTo(expected.previousCommitted, 2);
        expect(Number(cells?.[5])).toBeCloseTo(expected.previousDelivered, 2);
      }
    }
    // The supplier's name is written so that a spreadsheet shows it, never runs it.
    expect(text).toContain(`"'=1+2 Grounds Ltd"`);
    expect(text).not.toMatch(/(^|,)=1\+2/m);
    expect(byName(`${awarded.reference} ${awarded.title}`)).toBeDefined();
  });

  it("xlsx: a finished workbook, read back: title row, the year's totals, a sheet per grouping, formulas never run", async () => {
    const response = await service.call(`/api/reports/social-value?year=${Y}&format=xlsx`, { token: people.admin });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("spreadsheetml");
    expect(response.headers.get("content-disposition")).toMatch(new RegExp(`attachment.*social-value-${Y}-${String((Y + 1) % 100).padStart(2, "0")}\\.xlsx`));
    const json = await report(`year=${Y}&format=json`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    expect(book.worksheets.length).toBeGreaterThan(1);
    const first = book.worksheets[0] as ExcelJS.Worksheet;
    const firstRowText = JSON.stringify(first.getRow(1).values);
    expect(firstRowText).toMatch(/social value/i);
    expect(JSON.stringify([first.getRow(1).values, first.getRow(2).values, first.getRow(3).values])).toContain(fyLabel(Y));

    const cells: ExcelJS.Cell[] = [];
    for (const sheet of book.worksheets) sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    const numeric = cells.filter((c) => typeof c.value === "number");
    const totalCell = numeric.find((c) => Math.abs((c.value as number) - json.totals.delivered) < 0.005);
    expect(totalCell, "the delivered total").toBeDefined();
    expect(totalCell?.numFmt).toBeTruthy();
    expect(numeric.some((c) => Math.abs((c.value as number) - json.totals.committed) < 0.005), "the committed total").toBe(true);
    const named = cells.filter((c) => c.value === "=1+2 Grounds Ltd");
    expect(named.length, "the supplier's name as text").toBeGreaterThan(0);
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula && JSON.stringify(c.value).includes("1+2"))).toBe(false);
    const labels = cells.map((c) => c.value);
    for (const row of [...json.byTheme, ...json.bySupplier, ...json.byServiceArea]) expect(labels, row.label).toContain(row.label);
  });
});
