// KPIs and their updates against the real service: creation and its refusals, periods and due
// dates, versioned targets under If-Match, idempotent updates, corrections and reviews, and
// concurrent updates and reviews that must not lose or double a write. Checks what is stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KpiUpdate } from "@toms/domain";
import {
  addContract,
  addDays,
  addKpi,
  addSupplier,
  deliveryPeople,
  DUE_DAYS,
  fieldsOf,
  monthAfter,
  monthEnd,
  monthsBetween,
  monthStart,
  PEOPLE,
  postReview,
  postUpdate,
  problemOf,
  readKpi,
  readKpis,
  readUpdates,
  review,
  sendUpdate,
  supplierContact,
  todayUk,
  type ContractMade,
  type KpiView,
  type People,
} from "../support/delivery-fixtures.js";
import { startTestService, type TestService } from "../support/service.js";

let service: TestService;
let people: People;
let supplier: string;
let contract: ContractMade;

const today = todayUk();
/** The month n months from this one: -1 is last month. */
const month = (n: number) => monthAfter(today, n);

beforeAll(async () => {
  service = await startTestService();
  people = await deliveryPeople(service);
  const supplierId = await addSupplier(service, people.admin);
  supplier = await supplierContact(service, supplierId);
  // Two years behind and one ahead, so past periods can be reported and future ones not.
  contract = await addContract(service, people.admin, { supplierId, startDate: monthStart(month(-24)), endDate: monthEnd(month(12)) });
});
afterAll(() => service.close());

const kpisPath = () => `/api/contracts/${contract.id}/kpis`;

describe("KPIs", () => {
  it("creates a KPI: 201 with its id, Location and ETag, its first target from the contract's first period", async () => {
    const response = await service.call(kpisPath(), {
      method: "POST",
      token: people.manager,
      body: { title: "Missed bins collected within 24 hours", unit: "%", target: 98, tolerance: 2, direction: "higher", frequency: "monthly", reporter: "supplier", description: "Share of reported missed bins collected the next working day." },
    });
    expect(response.status).toBe(201);
    const kpi = (await response.json()) as KpiView;
    expect(kpi.id).toEqual(expect.any(String));
    expect(response.headers.get("location")).toContain(kpi.id);
    expect(response.headers.get("etag")).toBeTruthy();
    expect(kpi).toMatchObject({ contractId: contract.id, kind: "kpi", title: "Missed bins collected within 24 hours", unit: "%", direction: "higher", frequency: "monthly", reporter: "supplier", createdBy: PEOPLE.manager });
    expect(kpi.versions).toHaveLength(1);
    expect(kpi.versions[0]).toMatchObject({ fromPeriod: month(-24), target: 98, tolerance: 2 });
    expect((await readKpis(service, people.admin, contract.id)).map((k) => k.id)).toContain(kpi.id);
  });

  it("refuses a bad KPI with 400 naming each field, and stores nothing", async () => {
    const before = (await readKpis(service, people.admin, contract.id)).length;
    const good = { title: "Graffiti removed", unit: "%", target: 90, direction: "higher", frequency: "monthly", reporter: "supplier" };
    const cases: [unknown, string][] = [
      [{ ...good, direction: "up" }, "direction"],
      [{ ...good, frequency: "weekly" }, "frequency"],
      [{ ...good, reporter: "council" }, "reporter"],
      [{ ...good, target: "ninety" }, "target"],
      [{ ...good, tolerance: -1 }, "tolerance"],
      [{ ...good, title: "" }, "title"],
      [{ ...good, unit: undefined }, "unit"],
    ];
    for (const [body, field] of cases) {
      const response = await service.call(kpisPath(), { method: "POST", token: people.manager, body });
      expect(response.status, field).toBe(400);
      expect(await fieldsOf(response), field).toContain(field);
    }
    expect(await readKpis(service, people.admin, contract.id)).toHaveLength(before);
  });

  it("lists each KPI with every period of the contract, its dates, due date, target and status", async () => {
    const kpi = await addKpi(service, people.manager, contract.id, { frequency: "monthly", target: 90, tolerance: 5 });
    const listed = await readKpi(service, people.evaluator, contract.id, kpi.id);
    const months = monthsBetween(month(-24), month(12));
    expect(listed.periods.map((p) => p.period)).toEqual(months);
    const first = listed.periods[0];
    expect(first).toMatchObject({ period: month(-24), startDate: monthStart(month(-24)), endDate: monthEnd(month(-24)), due: addDays(monthEnd(month(-24)), DUE_DAYS), target: 90, tolerance: 5, rating: "other", status: "overdue" });
    expect(listed.periods.at(-1)).toMatchObject({ period: month(12), status: "not-started" });
    expect(listed.etag).toBeTruthy();

    const quarterly = await addKpi(service, people.manager, contract.id, { frequency: "quarterly", target: 10, tolerance: undefined });
    const quarters = (await readKpi(service, people.admin, contract.id, quarterly.id)).periods;
    expect(quarters[0]?.period).toMatch(/^\d{4}-Q[1-4]$/);
    // No tolerance given: 10% of the target.
    expect(quarters[0]?.tolerance).toBeCloseTo(1, 12);
  });
});

describe("versioned targets", () => {
  it("a new target applies from the named period on; earlier periods keep theirs, and their ratings follow", async () => {
    const created = await service.call(kpisPath(), { method: "POST", token: people.manager, body: { title: "Street cleanliness grade A", unit: "%", target: 90, tolerance: 5, direction: "higher", frequency: "monthly", reporter: "manager" } });
    const kpi = (await created.json()) as KpiView;
    const etag = created.headers.get("etag") as string;
    const from = month(-6);
    const patched = await service.call(`${kpisPath()}/${kpi.id}`, { method: "PATCH", token: people.manager, body: { target: 95, tolerance: 3, fromPeriod: from }, headers: { "if-match": etag } });
    expect(patched.status).toBe(200);
    expect(patched.headers.get("etag")).toBeTruthy();
    expect(patched.headers.get("etag")).not.toBe(etag);

    await sendUpdate(service, people.manager, contract.id, kpi.id, month(-7), 92);
    await sendUpdate(service, people.manager, contract.id, kpi.id, from, 92);
    const periods = (await readKpi(service, people.admin, contract.id, kpi.id)).periods;
    for (const p of periods) {
      if (p.period < from) expect([p.period, p.target, p.tolerance]).toEqual([p.period, 90, 5]);
      else expect([p.period, p.target, p.tolerance]).toEqual([p.period, 95, 3]);
    }
    // 92 meets the old target of 90, and is within 3 of the new 95.
    expect(periods.find((p) => p.period === month(-7))).toMatchObject({ value: 92, rating: "good", status: "accepted" });
    expect(periods.find((p) => p.period === from)).toMatchObject({ value: 92, rating: "approachingTarget", status: "accepted" });
  });

  it("refuses a stale If-Match with 412 and a missing one with 428, changing nothing", async () => {
    const created = await service.call(kpisPath(), { method: "POST", token: people.manager, body: { title: "Fly-tips cleared in 48 hours", unit: "%", target: 80, tolerance: 5, direction: "higher", frequency: "monthly", reporter: "manager" } });
    const kpi = (await created.json()) as KpiView;
    const first = created.headers.get("etag") as string;
    expect((await service.call(`${kpisPath()}/${kpi.id}`, { method: "PATCH", token: people.manager, body: { title: "Fly-tips cleared within 48 hours" }, headers: { "if-match": first } })).status).toBe(200);
    const stale = await service.call(`${kpisPath()}/${kpi.id}`, { method: "PATCH", token: people.manager, body: { target: 50, fromPeriod: month(-1) }, headers: { "if-match": first } });
    expect(stale.status).toBe(412);
    const missing = await service.call(`${kpisPath()}/${kpi.id}`, { method: "PATCH", token: people.manager, body: { target: 50, fromPeriod: month(-1) } });
    expect(missing.status).toBe(428);
    const stored = await readKpi(service, people.admin, contract.id, kpi.id);
    expect(stored.title).toBe("Fly-tips cleared within 48 hours");
    expect(stored.versions.map((v) => v.target)).toEqual([80]);
  });

  it("needs fromPeriod with a new target, and refuses one before the current target's", async () => {
    const kpi = await addKpi(service, people.manager, contract.id, { reporter: "manager" });
    const noFrom = await service.call(`${kpisPath()}/${kpi.id}`, { method: "PATCH", token: people.manager, body: { target: 91 }, headers: { "if-match": kpi.etag } });
    expect(noFrom.status).toBe(400);
    expect(await fieldsOf(noFrom)).toContain("fromPeriod");
    const moved = await service.call(`${kpisPath()}/${kpi.id}`, { method: "PATCH", token: people.manager, body: { target: 91, fromPeriod: month(-3) }, headers: { "if-match": kpi.etag } });
    expect(moved.status).toBe(200);
    const earlier = await service.call(`${kpisPath()}/${kpi.id}`, { method: "PATCH", token: people.manager, body: { target: 92, fromPeriod: month(-5) }, headers: { "if-match": moved.headers.get("etag") as string } });
    expect([400, 422]).toContain(earlier.status);
    expect(await fieldsOf(earlier)).toContain("fromPeriod");
    expect((await readKpi(service, people.admin, contract.id, kpi.id)).versions.map((v) => [v.fromPeriod, v.target])).toEqual([
      [month(-24), 90],
      [month(-3), 91],
    ]);
  });
});

describe("updates: periods and idempotency", () => {
  let kpi: KpiView;
  beforeAll(async () => {
    kpi = await addKpi(service, people.manager, contract.id, { reporter: "supplier" });
  });

  it("refuses a period outside the contract with 422 naming period", async () => {
    for (const period of [month(-25), month(13)]) {
      const response = await postUpdate(service, supplier, contract.id, kpi.id, { period, value: 95 });
      expect(response.status, period).toBe(422);
      expect(await fieldsOf(response)).toContain("period");
    }
    expect(await readUpdates(service, people.admin, contract.id, kpi.id)).toEqual([]);
  });

  it("refuses a period written for another frequency, or one not begun yet, naming period", async () => {
    for (const period of [`${month(-3).slice(0, 4)}-Q1`, "2026-13", month(1)]) {
      const response = await postUpdate(service, supplier, contract.id, kpi.id, { period, value: 95 });
      expect([400, 422], period).toContain(response.status);
      expect(await fieldsOf(response)).toContain("period");
    }
    expect(await readUpdates(service, people.admin, contract.id, kpi.id)).toEqual([]);
  });

  it("refuses a bad value, note or evidence address naming the field", async () => {
    const cases: [unknown, string][] = [
      [{ period: month(-2), value: "95" }, "value"],
      [{ period: month(-2) }, "value"],
      [{ period: month(-2), value: 95, evidenceUrl: "javascript:alert(1)" }, "evidenceUrl"],
    ];
    for (const [body, field] of cases) {
      const response = await postUpdate(service, supplier, contract.id, kpi.id, body);
      expect(response.status, field).toBe(400);
      expect(await fieldsOf(response)).toContain(field);
    }
  });

  it("the same key with the same body is the same update; another body is 422 naming Idempotency-Key; no key is 400", async () => {
    const key = `delivery-${crypto.randomUUID()}`;
    const body = { period: month(-2), value: 93.5, note: "Two crews off sick in week 2.", evidenceUrl: "https://evidence.example/report-1.pdf" };
    const first = await postUpdate(service, supplier, contract.id, kpi.id, body, key);
    expect(first.status).toBe(201);
    const update = (await first.json()) as KpiUpdate;
    expect(update).toMatchObject({ kpiId: kpi.id, contractId: contract.id, period: month(-2), value: 93.5, revision: 1, status: "pending", submittedAs: "supplier", idempotencyKey: key });

    const again = await postUpdate(service, supplier, contract.id, kpi.id, body, key);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(((await again.json()) as KpiUpdate).id).toBe(update.id);

    const other = await postUpdate(service, supplier, contract.id, kpi.id, { ...body, value: 94 }, key);
    expect(other.status).toBe(422);
    expect(await fieldsOf(other)).toContain("Idempotency-Key");

    const keyless = await postUpdate(service, supplier, contract.id, kpi.id, { period: month(-3), value: 90 }, null);
    expect(keyless.status).toBe(400);
    expect(JSON.stringify(await problemOf(keyless))).toContain("Idempotency-Key");
    const tooLong = await postUpdate(service, supplier, contract.id, kpi.id, { period: month(-3), value: 90 }, "k".repeat(201));
    expect(tooLong.status).toBe(400);

    const stored = await readUpdates(service, people.admin, contract.id, kpi.id);
    expect(stored.map((u) => [u.id, u.period, u.value, u.revision])).toEqual([[update.id, month(-2), 93.5, 1]]);
  });

  it("the same key sent five times at once stores one update", async () => {
    const key = `delivery-${crypto.randomUUID()}`;
    const body = { period: month(-4), value: 88 };
    const answers = await Promise.all(Array.from({ length: 5 }, () => postUpdate(service, supplier, contract.id, kpi.id, body, key)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    const ids = new Set(await Promise.all(answers.map(async (a) => ((await a.json()) as KpiUpdate).id)));
    expect(ids.size).toBe(1);
    const stored = (await readUpdates(service, people.admin, contract.id, kpi.id)).filter((u) => u.period === month(-4));
    expect(stored.map((u) => [u.id, u.value, u.revision])).toEqual([[[...ids][0], 88, 1]]);
  });
});

describe("corrections and reviews", () => {
  it("the council's corrections are new revisions, accepted as sent; the latest accepted counts", async () => {
    const kpi = await addKpi(service, people.manager, contract.id, { reporter: "manager" });
    const first = await sendUpdate(service, people.manager, contract.id, kpi.id, month(-3), 80);
    const second = await sendUpdate(service, people.admin, contract.id, kpi.id, month(-3), 85);
    expect(first).toMatchObject({ revision: 1, status: "accepted", submittedAs: "council" });
    expect(second).toMatchObject({ revision: 2, status: "accepted", submittedAs: "council" });
    const history = await readUpdates(service, people.evaluator, contract.id, kpi.id);
    expect(history.map((u) => [u.id, u.revision, u.value, u.status, u.counts])).toEqual([
      [first.id, 1, 80, "accepted", false],
      [second.id, 2, 85, "accepted", true],
    ]);
    const period = (await readKpi(service, people.admin, contract.id, kpi.id)).periods.find((p) => p.period === month(-3));
    expect(period).toMatchObject({ value: 85, updateId: second.id, status: "accepted" });
  });

  it("a supplier's update waits for review; a second is refused while it waits; a rejection needs a reason and reopens the period", async () => {
    const kpi = await addKpi(service, people.manager, contract.id, { reporter: "supplier", target: 90, tolerance: 5 });
    const P = month(-2);
    const periodOf = async () => (await readKpi(service, people.admin, contract.id, kpi.id)).periods.find((p) => p.period === P);

    const first = await sendUpdate(service, supplier, contract.id, kpi.id, P, 70);
    expect(first).toMatchObject({ revision: 1, status: "pending", submittedAs: "supplier", counts: false });
    expect(await periodOf()).toMatchObject({ status: "awaiting-review", rating: "other" });
    expect((await periodOf())?.value).toBeUndefined();

    const whilePending = await postUpdate(service, supplier, contract.id, kpi.id, { period: P, value: 71 });
    expect(whilePending.status).toBe(409);
    expect((await problemOf(whilePending)).detail).toContain(P);

    const approved = await review(service, people.manager, contract.id, kpi.id, first.id, { decision: "approve" });
    expect(approved).toMatchObject({ id: first.id, status: "accepted", counts: true, review: { decision: "approve", reviewedBy: PEOPLE.manager } });
    expect(await periodOf()).toMatchObject({ status: "accepted", value: 70, updateId: first.id, rating: "inadequate" });

    const correction = await sendUpdate(service, supplier, contract.id, kpi.id, P, 89);
    expect(correction).toMatchObject({ revision: 2, status: "pending" });
    // The approved value still counts while the correction waits.
    expect(await periodOf()).toMatchObject({ value: 70, updateId: first.id });

    const noReason = await postReview(service, people.manager, contract.id, kpi.id, correction.id, { decision: "reject" });
    expect(noReason.status).toBe(400);
    expect(await fieldsOf(noReason)).toContain("reason");
    const rejected = await review(service, people.manager, contract.id, kpi.id, correction.id, { decision: "reject", reason: "The evidence covers another month." });
    expect(rejected).toMatchObject({ status: "rejected", counts: false, review: { decision: "reject", reason: "The evidence covers another month." } });
    expect(await periodOf()).toMatchObject({ status: "rejected", value: 70, updateId: first.id });

    const again = await postReview(service, people.admin, contract.id, kpi.id, correction.id, { decision: "approve" });
    expect(again.status).toBe(409);

    // The rejection reopened the period for the supplier.
    const third = await sendUpdate(service, supplier, contract.id, kpi.id, P, 91);
    expect(third).toMatchObject({ revision: 3, status: "pending" });
    await review(service, people.admin, contract.id, kpi.id, third.id, { decision: "approve" });
    expect(await periodOf()).toMatchObject({ status: "accepted", value: 91, updateId: third.id, rating: "good" });

    const history = await readUpdates(service, people.admin, contract.id, kpi.id);
    expect(history.map((u) => [u.revision, u.value, u.status, u.counts, u.review?.decision])).toEqual([
      [1, 70, "accepted", false, "approve"],
      [2, 89, "rejected", false, "reject"],
      [3, 91, "accepted", true, "approve"],
    ]);
  });

  it("only the latest revision can be reviewed: a pending one the council has sent past answers 409", async () => {
    const kpi = await addKpi(service, people.manager, contract.id, { reporter: "supplier" });
    const P = month(-5);
    const pending = await sendUpdate(service, supplier, contract.id, kpi.id, P, 60);
    const byCouncil = await sendUpdate(service, people.manager, contract.id, kpi.id, P, 75);
    expect(byCouncil).toMatchObject({ revision: 2, status: "accepted" });
    const late = await postReview(service, people.manager, contract.id, kpi.id, pending.id, { decision: "approve" });
    expect(late.status).toBe(409);
    const councilReview = await postReview(service, people.manager, contract.id, kpi.id, byCouncil.id, { decision: "approve" });
    expect(councilReview.status).toBe(409);
    const history = await readUpdates(service, people.admin, contract.id, kpi.id);
    expect(history.map((u) => [u.revision, u.status, u.counts])).toEqual([
      [1, "pending", false],
      [2, "accepted", true],
    ]);
  });
});

describe("concurrency", () => {
  it("20 updates at once to different KPIs and periods of one contract: all 201, all 20 stored as sent", async () => {
    const kpis = await Promise.all(Array.from({ length: 4 }, () => addKpi(service, people.manager, contract.id, { reporter: "supplier" })));
    const sends = kpis.flatMap((kpi, k) => Array.from({ length: 5 }, (_, p) => ({ kpi, period: month(-1 - p), value: 50 + k * 10 + p })));
    const answers = await Promise.all(sends.map((s) => postUpdate(service, supplier, contract.id, s.kpi.id, { period: s.period, value: s.value })));
    expect(answers.map((a) => a.status)).toEqual(sends.map(() => 201));
    const ids = await Promise.all(answers.map(async (a) => ((await a.json()) as KpiUpdate).id));
    expect(new Set(ids).size).toBe(20);

    const views = await readKpis(service, people.admin, contract.id);
    for (const kpi of kpis) {
      const expected = sends.filter((s) => s.kpi.id === kpi.id).map((s) => [s.period, s.value, 1, "pending"]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      const stored = await readUpdates(service, people.admin, contract.id, kpi.id);
      expect(stored.map((u) => [u.period, u.value, u.revision, u.status])).toEqual(expected);
      // The summary the KPI list reads saw every one of them too.
      const awaiting = views.find((v) => v.id === kpi.id)?.periods.filter((p) => p.status === "awaiting-review").map((p) => p.period);
      expect(awaiting).toEqual(expected.map((e) => e[0]));
    }
  });

  it("10 council corrections of one period at once: revisions 1 to 10, none lost, the highest counts", async () => {
    const kpi = await addKpi(service, people.manager, contract.id, { reporter: "manager" });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => postUpdate(service, people.manager, contract.id, kpi.id, { period: month(-1), value: 100 + i })));
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 10 }, () => 201));
    const stored = await readUpdates(service, people.admin, contract.id, kpi.id);
    expect(stored.map((u) => u.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(stored.map((u) => u.value).sort()).toEqual(Array.from({ length: 10 }, (_, i) => 100 + i).sort());
    const latest = stored.at(-1) as KpiUpdate;
    expect(stored.filter((u) => u.counts).map((u) => u.id)).toEqual([latest.id]);
    expect((await readKpi(service, people.admin, contract.id, kpi.id)).periods.find((p) => p.period === month(-1))).toMatchObject({ value: latest.value, updateId: latest.id });
  });

  it("two reviews of one update at once: exactly one 200 and one 409, and the stored review is the winner's", async () => {
    const kpi = await addKpi(service, people.manager, contract.id, { reporter: "supplier" });
    for (const [i, period] of [month(-6), month(-7), month(-8)].entries()) {
      const update = await sendUpdate(service, supplier, contract.id, kpi.id, period, 80 + i);
      const [approve, reject] = await Promise.all([
        postReview(service, people.manager, contract.id, kpi.id, update.id, { decision: "approve" }),
        postReview(service, people.admin, contract.id, kpi.id, update.id, { decision: "reject", reason: "Figures do not match the evidence." }),
      ]);
      expect([approve.status, reject.status].sort()).toEqual([200, 409]);
      const winner = approve.status === 200 ? { decision: "approve", reviewedBy: PEOPLE.manager, status: "accepted" } : { decision: "reject", reviewedBy: PEOPLE.admin, status: "rejected" };
      const stored = (await readUpdates(service, people.admin, contract.id, kpi.id)).find((u) => u.id === update.id);
      expect(stored).toMatchObject({ status: winner.status, review: { decision: winner.decision, reviewedBy: winner.reviewedBy } });
    }
  });
});
