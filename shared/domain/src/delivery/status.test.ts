import { describe, expect, it } from "vitest";
import type { DeliverySummary } from "./model.js";
import { contractDelivery, currentRating, deliveryCounts, kpiPeriods } from "./status.js";
import { deliveryDigest, summarise } from "./summary.js";
import { commitmentKpiRecord, contract, kpi, review, update } from "./test-support.js";

const term = contract();

function summary(): DeliverySummary {
  return summarise(
    {
      contractId: "c-1",
      kpis: [kpi(), kpi({ id: "k-2", title: "Complaints answered", reporter: "manager" }), commitmentKpiRecord()],
      updates: [
        update({ period: "2026-04", value: 91 }),
        update({ period: "2026-05", revision: 1, value: 96 }),
        update({ period: "2026-05", revision: 2, value: 80, submittedAt: "2026-06-21T09:00:00.000Z" }),
        update({ period: "2026-06", value: 10 }),
        update({ kpiId: "sv-1", period: "2026-Q2", value: 12 }),
      ],
      reviews: [review("u-k-1-2026-04-1", "approve"), review("u-k-1-2026-05-1", "approve"), review("u-k-1-2026-06-1", "reject", "2026-07-16T09:00:00.000Z"), review("u-sv-1-2026-Q2-1", "approve")],
      assessments: [],
      publications: [],
    },
    3,
    "2026-07-01T00:00:00.000Z",
  );
}

describe("a KPI's periods today", () => {
  it("gives each period its status, target, the value that counts and its rating", () => {
    const s = summary();
    const periods = kpiPeriods(term, kpi(), s.periods["k-1"], "2026-07-20", 14);
    expect(periods).toHaveLength(24);
    expect(periods.slice(0, 5)).toEqual([
      { period: "2026-04", startDate: "2026-04-01", endDate: "2026-04-30", due: "2026-05-14", target: 95, tolerance: 5, status: "accepted", value: 91, updateId: "u-k-1-2026-04-1", rating: "approachingTarget" },
      // A correction waits for review: the approved value still counts.
      { period: "2026-05", startDate: "2026-05-01", endDate: "2026-05-31", due: "2026-06-14", target: 95, tolerance: 5, status: "awaiting-review", value: 96, updateId: "u-k-1-2026-05-1", rating: "good" },
      { period: "2026-06", startDate: "2026-06-01", endDate: "2026-06-30", due: "2026-07-14", target: 95, tolerance: 5, status: "rejected", rating: "other" },
      { period: "2026-07", startDate: "2026-07-01", endDate: "2026-07-31", due: "2026-08-14", target: 95, tolerance: 5, status: "open", rating: "other" },
      { period: "2026-08", startDate: "2026-08-01", endDate: "2026-08-31", due: "2026-09-14", target: 95, tolerance: 5, status: "not-started", rating: "other" },
    ]);
  });

  it("is overdue only after its due day", () => {
    const status = (today: string) => kpiPeriods(term, kpi(), undefined, today, 14)[2]?.status;
    expect(status("2026-07-14")).toBe("open");
    expect(status("2026-07-15")).toBe("overdue");
    expect(status("2026-05-31")).toBe("not-started");
    expect(status("2026-06-01")).toBe("open");
  });
});

describe("a contract's counts today", () => {
  it("lists who owes what since when, oldest first", () => {
    const counts = deliveryCounts(term, deliveryDigest(summary()), "2026-07-20", 14);
    const item = { contractId: "c-1" };
    expect(counts.owed).toEqual([
      { ...item, kpiId: "k-2", kpiTitle: "Complaints answered", period: "2026-04", since: "2026-05-14", owedBy: "manager", what: "update" },
      { ...item, kpiId: "k-2", kpiTitle: "Complaints answered", period: "2026-05", since: "2026-06-14", owedBy: "manager", what: "update" },
      { ...item, kpiId: "k-1", kpiTitle: "Collections on time", period: "2026-05", since: "2026-06-21", owedBy: "manager", what: "review" },
      { ...item, kpiId: "k-2", kpiTitle: "Complaints answered", period: "2026-06", since: "2026-07-14", owedBy: "manager", what: "update" },
      // Rejected on 16 July, after its due date: the correction is owed since the rejection.
      { ...item, kpiId: "k-1", kpiTitle: "Collections on time", period: "2026-06", since: "2026-07-16", owedBy: "supplier", what: "correction" },
    ]);
    expect(counts.overdueUpdates).toBe(4);
  });

  it("owes a correction since the due date when the digest has no day of the rejection (written before it was kept)", () => {
    const digest = deliveryDigest(summary());
    const old = { ...digest, kpis: digest.kpis.map((k) => ({ ...k, marks: k.marks.replace("x2026-07-16", "x") })) };
    expect(old.kpis[0]?.marks).toContain("2026-06:x");
    expect(deliveryCounts(term, old, "2026-07-20", 14).owed.filter((o) => o.what === "correction").map((o) => o.since)).toEqual(["2026-07-14"]);
  });

  it("owes no correction of a rejected update until the period is past due", () => {
    const counts = deliveryCounts(term, deliveryDigest(summary()), "2026-07-14", 14);
    expect(counts.owed.filter((o) => o.what === "correction")).toEqual([]);
    expect(counts.overdueUpdates).toBe(2);
  });

  it("rates each KPI (not commitments) by its latest ended period", () => {
    const digest = deliveryDigest(summary());
    // On 2026-06-15 the latest ended period is 2026-05 (good for k-1, nothing for k-2).
    expect(deliveryCounts(term, digest, "2026-06-15", 14).ratings).toEqual({ good: 1, approachingTarget: 0, requiresImprovement: 0, inadequate: 0, other: 1 });
    expect(deliveryCounts(term, digest, "2026-05-15", 14).ratings).toMatchObject({ approachingTarget: 1, other: 1 });
    // Before any period has ended, no KPI is rated.
    expect(deliveryCounts(term, digest, "2026-04-30", 14).ratings).toEqual({ good: 0, approachingTarget: 0, requiresImprovement: 0, inadequate: 0, other: 0 });
  });

  it("has nothing to count without a digest", () => {
    const counts = deliveryCounts(term, undefined, "2026-07-20", 14);
    const none = { good: 0, approachingTarget: 0, requiresImprovement: 0, inadequate: 0, other: 0 };
    const quarters = ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"];
    expect(counts).toEqual({ contractId: "c-1", status: "active", ratings: none, ratingsOverTime: quarters.map((quarter) => ({ quarter, ratings: none })), owed: [], overdueUpdates: 0, assessment: null, socialValue: { committed: 0, delivered: 0 }, compliance: [] });
  });

  it("says whether the contract has started or ended", () => {
    expect(deliveryCounts(term, undefined, "2026-03-31", 14).status).toBe("not started");
    expect(deliveryCounts(term, undefined, "2028-03-31", 14).status).toBe("active");
    expect(deliveryCounts(term, undefined, "2028-04-01", 14).status).toBe("ended");
  });

  it("says when the next assessment is due", () => {
    expect(deliveryCounts(term, deliveryDigest(summary()), "2026-07-20", 14).assessment).toEqual({ due: "2027-04-01", isDue: false });
    expect(deliveryCounts(term, deliveryDigest(summary()), "2027-03-02", 14).assessment).toEqual({ due: "2027-04-01", isDue: true });
  });
});

describe("a contract's ratings over time", () => {
  const none = { good: 0, approachingTarget: 0, requiresImprovement: 0, inadequate: 0, other: 0 };
  const quarter = (counts: ReturnType<typeof deliveryCounts>, q: string) => counts.ratingsOverTime.find((r) => r.quarter === q)?.ratings;

  it("counts each KPI period rated now by the quarter it ended in, Other once past due with nothing accepted, never a commitment", () => {
    // By hand from summary(), on 20 July 2026: k-1 April 91 (approaching), May 96 (good: the
    // correction waits), June rejected and past due (Other); k-2 April to June past due, nothing
    // sent (Other x3). July has not ended. sv-1's Q2 is a commitment: not counted.
    const counts = deliveryCounts(term, deliveryDigest(summary()), "2026-07-20", 14);
    expect(counts.ratingsOverTime.map((r) => r.quarter)).toEqual(["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]);
    expect(quarter(counts, "2026-Q2")).toEqual({ ...none, good: 1, approachingTarget: 1, other: 4 });
    expect(quarter(counts, "2026-Q3")).toEqual(none);
    expect(quarter(counts, "2026-Q1")).toEqual(none);
  });

  it("leaves out a period just ended whose update is not due yet, as the current rating does", () => {
    // On 10 July June's update (due 14 July) is still to come for k-2; k-1's rejected June is not past due either.
    const counts = deliveryCounts(term, deliveryDigest(summary()), "2026-07-10", 14);
    expect(quarter(counts, "2026-Q2")).toEqual({ ...none, good: 1, approachingTarget: 1, other: 2 });
  });

  it("covers the 8 quarters up to today's: older periods fall out", () => {
    const counts = deliveryCounts(term, deliveryDigest(summary()), "2028-05-01", 14);
    expect(counts.ratingsOverTime.map((r) => r.quarter)).toEqual(["2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4", "2028-Q1", "2028-Q2"]);
    // Every month from July 2026 to March 2028 is past due and unreported for both KPIs: 3 a quarter each.
    expect(quarter(counts, "2026-Q3")).toEqual({ ...none, other: 6 });
    expect(quarter(counts, "2028-Q1")).toEqual({ ...none, other: 6 });
    expect(quarter(counts, "2028-Q2")).toEqual(none);
  });

  it("counts a quarterly KPI in its own quarter and an annual one in the quarter its year ends", () => {
    const kpis = [kpi({ id: "k-q", frequency: "quarterly", reporter: "manager", versions: [{ fromPeriod: "2026-Q2", target: 95, tolerance: 5, changedAt: "2026-03-01T09:00:00.000Z", changedBy: "m-1" }] }), kpi({ id: "k-y", frequency: "annual", reporter: "manager", versions: [{ fromPeriod: "2026", target: 95, tolerance: 5, changedAt: "2026-03-01T09:00:00.000Z", changedBy: "m-1" }] })];
    const updates = [update({ kpiId: "k-q", period: "2026-Q2", value: 80, submittedAs: "council" }), update({ kpiId: "k-y", period: "2026", value: 99, submittedAs: "council", submittedAt: "2027-01-03T10:00:00.000Z" })];
    const s = summarise({ contractId: "c-1", kpis, updates, reviews: [], assessments: [], publications: [] }, 1, "2027-01-03T10:00:00.000Z");
    const counts = deliveryCounts(term, deliveryDigest(s), "2027-01-20", 14);
    expect(quarter(counts, "2026-Q2")).toEqual({ ...none, inadequate: 1 });
    // Q3 2026 was not reported and is past due; the year 2026 ends in Q4.
    expect(quarter(counts, "2026-Q3")).toEqual({ ...none, other: 1 });
    expect(quarter(counts, "2026-Q4")).toEqual({ ...none, good: 1, other: 1 });
  });
});

describe("a contract's delivery in full", () => {
  it("has the dashboard's counts and each KPI's periods and current rating", () => {
    const s = summary();
    const delivery = contractDelivery(term, s, "2026-07-20", 14);
    // Worked out by hand from summary(): k-2 (the manager's) has nothing for April to June, due
    // 14 May, 14 June and 14 July; k-1's May correction waits for review since 21 June; k-1's
    // June update was rejected on 16 July. The assessment is not due until 2027-04-01.
    expect(delivery.owed.map((o) => [o.kpiId, o.period, o.what, o.owedBy, o.since])).toEqual([
      ["k-2", "2026-04", "update", "manager", "2026-05-14"],
      ["k-2", "2026-05", "update", "manager", "2026-06-14"],
      ["k-1", "2026-05", "review", "manager", "2026-06-21"],
      ["k-2", "2026-06", "update", "manager", "2026-07-14"],
      ["k-1", "2026-06", "correction", "supplier", "2026-07-16"],
    ]);
    expect(delivery.overdueUpdates).toBe(4);
    expect(delivery.compliance).toEqual([
      // The oldest was due on 14 May, more than 30 days before 20 July: an error.
      { code: "UPDATES_OVERDUE", severity: "error", message: "4 KPI updates are overdue, the oldest due on 2026-05-14: the supplier owes 1 and the contract manager owes 3.", due: "2026-05-14" },
    ]);
    expect(delivery.assessment).toEqual({ due: "2027-04-01", isDue: false });
    expect(delivery.ratings).toEqual({ good: 0, approachingTarget: 0, requiresImprovement: 0, inadequate: 0, other: 2 });
    expect(delivery.socialValue).toEqual({ committed: 8000, delivered: 1200 });
    const { kpis } = delivery;
    expect(kpis.map((k) => [k.kpi.id, k.periods.length, k.currentRating])).toEqual([
      ["k-1", 24, "other"],
      ["k-2", 24, "other"],
      ["sv-1", 8, "good"],
    ]);
    expect(contractDelivery(term, s, "2026-06-15", 14).kpis[0]?.currentRating).toBe("good");
    expect(contractDelivery(term, s, "2026-04-15", 14).kpis[0]?.currentRating).toBeNull();
  });
});

describe("a KPI's current rating", () => {
  const periods = [
    { period: "2026-09", endDate: "2026-09-30", due: "2026-10-14", rating: "good" as const, value: 99 },
    { period: "2026-10", endDate: "2026-10-31", due: "2026-11-14", rating: "other" as const },
  ];
  it("is not a period just ended whose update is not due yet: that one is still to come", () => {
    expect(currentRating(periods, "2026-11-05")).toBe("good");
  });
  it("is Other once the unreported period is past its due date", () => {
    expect(currentRating(periods, "2026-11-15")).toBe("other");
  });
  it("is a period reported before its due date", () => {
    const reported = [periods[0], { endDate: "2026-10-31", due: "2026-11-14", rating: "approachingTarget" as const, value: 80 }];
    expect(currentRating(reported.filter((p) => p !== undefined), "2026-11-02")).toBe("approachingTarget");
  });
  it("is none before any period has ended", () => {
    expect(currentRating(periods, "2026-09-15")).toBeNull();
  });
});
