// The portfolio's row per contract and its ratings quarter by quarter, against the real service:
// every figure recounted here from the rows stored in the contracts' partitions (KPIs, updates and
// reviews), with the tests' own calendar and rating rule, for the portfolio, a service area, a
// manager's portfolio and a supplier's scorecard.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KpiRecord, KpiReview, KpiUpdateRecord, PortfolioContract, PortfolioDashboard, RatingCounts, RatingId, RatingsInQuarter, SupplierScorecard } from "@toms/domain";
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
  type ContractFields,
  type ContractMade,
  type People,
} from "../support/delivery-fixtures.js";
import { ensureServiceArea } from "../support/service-areas.js";
import { startTestService, type TestService } from "../support/service.js";

let service: TestService;
let people: People;

const today = todayUk();
const month = (n: number) => monthAfter(today, n);
const EDUCATION = "Education and Skills";
const none = (): RatingCounts => ({ good: 0, approachingTarget: 0, requiresImprovement: 0, inadequate: 0, other: 0 });

/** A contract made here, with what the tests know of it apart from the service. */
interface Made extends ContractMade {
  supplierName: string;
  serviceArea: string;
  managerName: string | null;
}

let alpha: Made;
let bravo: Made;
let awarded: Made;

// The tests' own calendar and rules, on plain dates (YYYY-MM-DD).

/** The calendar quarter a day falls in: "2026-Q2". */
const quarterOfDay = (date: string) => `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;

/** The 8 quarters up to today's, oldest first. */
function lastEightQuarters(): string[] {
  const quarters: string[] = [];
  for (let m = -21; m <= 0; m += 3) quarters.push(quarterOfDay(monthStart(month(m))));
  return quarters;
}

/** A KPI's periods over a term: id, last day, due day. */
function periodsOf(kpi: KpiRecord, term: { startDate: string; endDate: string }): { period: string; end: string; due: string }[] {
  const months = monthsBetween(term.startDate.slice(0, 7), term.endDate.slice(0, 7));
  const ids = kpi.frequency === "monthly" ? months : [...new Set(months.map((m) => quarterOfDay(monthStart(m))))];
  return ids.map((period) => {
    const end = kpi.frequency === "monthly" ? monthEnd(period) : quarterEnd(period);
    return { period, end, due: addDays(end, DUE_DAYS) };
  });
}

/** Higher is better, target and tolerance as set (tolerance 10% of the target when none). */
function rateHigher(target: number, tolerance: number, value: number): RatingId {
  if (value >= target) return "good";
  if (value >= target - tolerance) return "approachingTarget";
  if (value >= target - 2 * tolerance) return "requiresImprovement";
  return "inadequate";
}

interface Recount {
  /** Each KPI's current rating (the last period rated now), when it has one. */
  current: RatingId[];
  byQuarter: Map<string, RatingCounts>;
  overdueUpdates: number;
  reviewsWaiting: number;
}

/**
 * A contract's figures from its stored KPI, update and review rows. An award's commitments are
 * tracked without a KPI row until changed: they come from the contract's list of KPIs, and are
 * owed like KPIs but never rated.
 */
async function recount(contract: Made): Promise<Recount> {
  const partition = await service.storage.delivery.read(contract.id);
  const commitments = (await readKpis(service, people.admin, contract.id)).filter((k) => k.kind === "social-value");
  const reviews = new Map<string, KpiReview>(partition.reviews.map((r) => [r.updateId, r]));
  const statusOf = (u: KpiUpdateRecord) => (u.submittedAs === "council" ? "accepted" : reviews.get(u.id)?.decision === "approve" ? "accepted" : reviews.get(u.id) ? "rejected" : "pending");
  const result: Recount = { current: [], byQuarter: new Map(lastEightQuarters().map((q) => [q, none()])), overdueUpdates: 0, reviewsWaiting: 0 };
  const stored: KpiRecord[] = partition.kpis.filter((k) => k.kind === "kpi");
  for (const kpi of [...stored, ...commitments]) {
    const version = kpi.versions[0];
    if (!version || kpi.direction !== "higher" || (kpi.kind === "kpi" && kpi.versions.length !== 1)) throw new Error("The recount knows one target, higher is better.");
    let current: RatingId | undefined;
    for (const p of periodsOf(kpi, contract)) {
      const revisions = partition.updates.filter((u) => u.kpiId === kpi.id && u.period === p.period).sort((a, b) => a.revision - b.revision);
      const accepted = revisions.filter((u) => statusOf(u) === "accepted").at(-1);
      const latest = revisions.at(-1);
      if (kpi.kind === "kpi" && p.end < today && (accepted || p.due < today)) {
        current = accepted ? rateHigher(version.target, version.tolerance ?? version.target / 10, accepted.value) : "other";
        const counts = result.byQuarter.get(quarterOfDay(p.end));
        if (counts) counts[current] += 1;
      }
      if (latest && statusOf(latest) === "pending") result.reviewsWaiting += 1;
      else if ((!latest || statusOf(latest) === "rejected") && p.due < today) result.overdueUpdates += 1;
    }
    if (current) result.current.push(current);
  }
  return result;
}

/** The ratings over time of several recounts added up. */
function overTime(recounts: readonly Recount[]): RatingsInQuarter[] {
  return lastEightQuarters().map((quarter) => {
    const ratings = none();
    for (const r of recounts) for (const [rating, n] of Object.entries(r.byQuarter.get(quarter) ?? none())) ratings[rating as RatingId] += n;
    return { quarter, ratings };
  });
}

const ORDER: RatingId[] = ["good", "approachingTarget", "requiresImprovement", "inadequate"];

/** The row the portfolio must show of a contract, from the recount and what the test made. */
async function expectedRow(contract: Made, counted: Recount, token = people.admin): Promise<Omit<PortfolioContract, "assessment">> {
  const ratings = none();
  for (const rating of counted.current) ratings[rating] += 1;
  const worst = [...ORDER].reverse().find((r) => ratings[r] > 0) ?? (ratings.other > 0 ? "other" : null);
  const sv = (await (await service.call(`/api/contracts/${contract.id}/social-value`, { token })).json()) as { committed: number; delivered: number };
  return {
    contractId: contract.id,
    reference: contract.reference,
    title: contract.title,
    supplierId: contract.supplierId,
    supplierName: contract.supplierName,
    serviceArea: contract.serviceArea,
    managerId: contract.managerId,
    managerName: contract.managerName,
    status: contract.startDate > today ? "not started" : contract.endDate < today ? "ended" : "active",
    startDate: contract.startDate,
    endDate: contract.endDate,
    ratings,
    rating: worst,
    overdueUpdates: counted.overdueUpdates,
    reviewsWaiting: counted.reviewsWaiting,
    socialValue: { committed: sv.committed, delivered: sv.delivered },
  };
}

beforeAll(async () => {
  service = await startTestService();
  people = await deliveryPeople(service);
  await ensureServiceArea(service, people.admin, EDUCATION);

  // Alpha: the manager's, 14 months in. A KPI the manager reports most months (every rating), one
  // the supplier reports (approved, rejected, waiting), and a quarterly one.
  const alphaName = `Alpha Cleansing ${crypto.randomUUID().slice(0, 4)} Ltd`;
  const alphaSupplier = await addSupplier(service, people.admin, alphaName);
  const alphaTerm = { startDate: monthStart(month(-14)), endDate: monthEnd(month(10)) };
  alpha = { ...(await addContract(service, people.admin, { supplierId: alphaSupplier, title: "Street cleansing", managerName: "Tom Brennan", ...alphaTerm } as ContractFields)), supplierName: alphaName, serviceArea: SERVICE_AREA, managerName: "Tom Brennan" };
  const monthly = await addKpi(service, people.manager, alpha.id, { reporter: "manager", title: "Streets cleansed on time" });
  // Month -1 (the 14th) is 70: Inadequate.
  const values = [95, 70, 87, 82];
  for (let m = -14; m <= -1; m++) {
    if (m === -9 || m === -8) continue;
    await sendUpdate(service, people.manager, alpha.id, monthly.id, month(m), values[(m + 14) % 4] as number);
  }
  const reported = await addKpi(service, people.manager, alpha.id, { reporter: "supplier", title: "Bins returned to the kerb" });
  const contact = await supplierContact(service, alphaSupplier);
  await review(service, people.manager, alpha.id, reported.id, (await sendUpdate(service, contact, alpha.id, reported.id, month(-4), 91)).id, { decision: "approve" });
  await review(service, people.manager, alpha.id, reported.id, (await sendUpdate(service, contact, alpha.id, reported.id, month(-3), 88)).id, { decision: "reject", reason: "The photographs are of another street." });
  await sendUpdate(service, contact, alpha.id, reported.id, month(-2), 60);
  const quarterly = await addKpi(service, people.manager, alpha.id, { reporter: "manager", frequency: "quarterly", title: "Fly-tips cleared within a day" });
  await sendUpdate(service, people.manager, alpha.id, quarterly.id, quarterOfDay(monthStart(month(-7))), 84);

  // Bravo: another manager's, in another service area, 30 months in: reported once, long ago (before the 8 quarters), then nothing.
  const bravoName = `Bravo Grounds ${crypto.randomUUID().slice(0, 4)} Ltd`;
  const bravoSupplier = await addSupplier(service, people.admin, bravoName);
  bravo = { ...(await addContract(service, people.admin, { supplierId: bravoSupplier, title: "School grounds", managerId: PEOPLE.otherManager, serviceArea: EDUCATION, startDate: monthStart(month(-30)), endDate: monthEnd(month(6)) })), supplierName: bravoName, serviceArea: EDUCATION, managerName: null };
  const grounds = await addKpi(service, people.otherManager, bravo.id, { reporter: "supplier", title: "Grass cut to schedule" });
  const bravoContact = await supplierContact(service, bravoSupplier);
  await review(service, people.otherManager, bravo.id, grounds.id, (await sendUpdate(service, bravoContact, bravo.id, grounds.id, month(-29), 99)).id, { decision: "approve" });

  // An award: its commitments are tracked like KPIs but are not KPIs, so none of it is rated.
  const made = await awardedContract(service, people, { startDate: monthStart(month(-12)), endDate: monthEnd(month(11)) });
  awarded = { ...made, supplierName: "Beta Ltd", serviceArea: SERVICE_AREA, managerName: null };
  const commitment = (await readKpis(service, people.manager, awarded.id)).find((k) => k.kind === "social-value");
  if (!commitment) throw new Error("The award tracks no commitment.");
  const beta = await supplierContact(service, awarded.supplierId, "bea.beta");
  const delivered = await sendUpdate(service, beta, awarded.id, commitment.id, quarterOfDay(monthStart(month(-6))), 0.5);
  await review(service, people.manager, awarded.id, commitment.id, delivered.id, { decision: "approve" });
});
afterAll(() => service.close());

async function portfolio(token: string): Promise<PortfolioDashboard> {
  const response = await service.call("/api/dashboard/portfolio", { token });
  expect(response.status).toBe(200);
  return (await response.json()) as PortfolioDashboard;
}

const withoutAssessment = ({ assessment: _assessment, ...row }: PortfolioContract) => row;

describe("the portfolio's ratings over time", () => {
  it("are the 8 quarters up to today's, each KPI period counted by the quarter it ended in, as recounted from the stored rows", async () => {
    const shown = await portfolio(people.admin);
    const counted = await Promise.all([alpha, bravo, awarded].map(recount));
    expect(shown.ratingsOverTime.map((q) => q.quarter)).toEqual(lastEightQuarters());
    expect(shown.ratingsOverTime).toEqual(overTime(counted));
    // The data covers every rating, and the unreported periods past due as Other.
    const all = overTime(counted).reduce((sum, q) => sum + Object.values(q.ratings).reduce((a, b) => a + b, 0), 0);
    expect(all).toBeGreaterThan(20);
    for (const rating of ["good", "approachingTarget", "requiresImprovement", "inadequate", "other"] as const) expect(shown.ratingsOverTime.some((q) => q.ratings[rating] > 0), rating).toBe(true);
    // Bravo's one value (month -29) ended before the quarters begin: only its Others are in the chart.
    const [, bravoCount] = counted;
    expect([...(bravoCount?.byQuarter.values() ?? [])].every((r) => r.good === 0)).toBe(true);
  });

  it("are the same for each service area's contracts, and for a manager's own", async () => {
    const shown = await portfolio(people.admin);
    const [a, b, c] = await Promise.all([alpha, bravo, awarded].map(recount));
    expect(shown.byServiceArea.map((row) => row.serviceArea)).toEqual([EDUCATION, SERVICE_AREA]);
    expect(shown.byServiceArea[0]?.ratingsOverTime).toEqual(overTime([b as Recount]));
    expect(shown.byServiceArea[1]?.ratingsOverTime).toEqual(overTime([a as Recount, c as Recount]));
    const mine = await portfolio(people.manager);
    expect(mine.contracts).toBe(2);
    expect(mine.ratingsOverTime).toEqual(overTime([a as Recount, c as Recount]));
  });

  it("leave out the commitments' periods, even accepted ones", async () => {
    const shown = await portfolio(people.admin);
    const row = shown.byContract.find((r) => r.contractId === awarded.id);
    expect(row?.socialValue.delivered).toBeGreaterThan(0);
    const [, , c] = await Promise.all([alpha, bravo, awarded].map(recount));
    expect([...(c?.byQuarter.values() ?? [])]).toEqual(lastEightQuarters().map(() => none()));
    expect(row).toMatchObject({ ratings: none(), rating: null });
  });
});

describe("the portfolio's table", () => {
  it("has a row per contract, by reference, each as recounted from its stored rows", async () => {
    const shown = await portfolio(people.admin);
    const contracts = [alpha, bravo, awarded].sort((x, y) => x.reference.localeCompare(y.reference, "en-GB"));
    expect(shown.byContract.map((r) => r.reference)).toEqual(contracts.map((c) => c.reference));
    for (const contract of contracts) {
      const row = shown.byContract.find((r) => r.contractId === contract.id) as PortfolioContract;
      expect(withoutAssessment(row), contract.title).toEqual(await expectedRow(contract, await recount(contract)));
      // The assessment as the contract's own dashboard gives it.
      const dashboard = (await (await service.call(`/api/dashboard/contracts/${contract.id}`, { token: people.admin })).json()) as { assessment: PortfolioContract["assessment"] };
      expect(row.assessment).toEqual(dashboard.assessment);
    }
    // The table adds up to the totals.
    expect(shown.byContract.reduce((sum, r) => sum + r.overdueUpdates, 0)).toBe(shown.overdueUpdates);
    const alphaRow = shown.byContract.find((r) => r.contractId === alpha.id);
    // Worked out by hand: the monthly KPI's last month (-1) is 70 (Inadequate), the supplier's KPI
    // waits for a review of month -2, and the quarterly one is unreported since.
    expect(alphaRow).toMatchObject({ rating: "inadequate", reviewsWaiting: 1, managerName: "Tom Brennan", supplierName: alpha.supplierName, serviceArea: SERVICE_AREA, status: "active" });
  });

  it("a manager's table has only their contracts; a supplier's scorecard its own, with the same rows", async () => {
    expect((await portfolio(people.manager)).byContract.map((r) => r.contractId).sort()).toEqual([alpha.id, awarded.id].sort());
    expect((await portfolio(people.otherManager)).byContract.map((r) => r.contractId)).toEqual([bravo.id]);
    const response = await service.call(`/api/dashboard/suppliers/${alpha.supplierId}`, { token: people.admin });
    expect(response.status).toBe(200);
    const card = (await response.json()) as SupplierScorecard;
    const counted = await recount(alpha);
    expect(card.ratingsOverTime).toEqual(overTime([counted]));
    expect(card.byContract.map(withoutAssessment)).toEqual([await expectedRow(alpha, counted)]);
    const contact = await supplierContact(service, alpha.supplierId);
    expect((await portfolio(contact)).byContract.map((r) => [r.contractId, r.supplierName])).toEqual([[alpha.id, alpha.supplierName]]);
  });
});
