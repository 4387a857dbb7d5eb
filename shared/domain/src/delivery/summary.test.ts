import { describe, expect, it } from "vitest";
import type { AssessmentRecord } from "./model.js";
import { deliveryDigest, readMarks, summarise, type DeliveryRecords } from "./summary.js";
import { commitmentKpiRecord, kpi, review, update } from "./test-support.js";

const assessment = (overrides: Partial<AssessmentRecord>): AssessmentRecord => ({
  id: "a-1",
  contractId: "c-1",
  kind: "annual",
  from: "2026-04-01",
  to: "2027-03-31",
  status: "confirmed",
  kpis: [],
  createdAt: "2027-04-02T09:00:00.000Z",
  createdBy: "m-1",
  confirmedAt: "2027-04-03T09:00:00.000Z",
  confirmedBy: "m-1",
  ...overrides,
});

function records(overrides: Partial<DeliveryRecords> = {}): DeliveryRecords {
  return {
    contractId: "c-1",
    kpis: [kpi(), commitmentKpiRecord()],
    updates: [
      // April: rejected, then corrected and approved.
      update({ period: "2026-04", revision: 1, value: 70 }),
      update({ period: "2026-04", revision: 2, value: 91 }),
      // May: approved, then a correction waiting for review.
      update({ period: "2026-05", revision: 1, value: 96 }),
      update({ period: "2026-05", revision: 2, value: 99, submittedAt: "2026-06-20T23:30:00.000Z" }),
      // June: rejected at 00:30 on 1 July UK time, nothing since.
      update({ period: "2026-06", revision: 1, value: 10 }),
      // July: the council's update, accepted as sent.
      update({ period: "2026-07", revision: 1, value: 84, submittedAs: "council", submittedBy: "m-1" }),
      // Social value: 12 hours in 2026-Q2, approved.
      update({ kpiId: "sv-1", period: "2026-Q2", revision: 1, value: 12 }),
    ],
    reviews: [review("u-k-1-2026-04-1", "reject"), review("u-k-1-2026-04-2", "approve"), review("u-k-1-2026-05-1", "approve"), review("u-k-1-2026-06-1", "reject", "2026-06-30T23:30:00.000Z"), review("u-sv-1-2026-Q2-1", "approve")],
    assessments: [assessment({ id: "a-2", replaces: "a-1", createdAt: "2027-05-01T09:00:00.000Z" }), assessment({})],
    publications: [{ assessmentId: "a-1", publishedAt: "2027-04-20T09:00:00.000Z", publishedBy: "m-1" }],
    ...overrides,
  };
}

describe("the summary", () => {
  const summary = summarise(records(), 7, "2026-07-01T00:00:00.000Z");

  it("keeps each period's latest revision and the latest accepted one", () => {
    expect(summary.periods["k-1"]).toEqual({
      "2026-04": {
        latest: { updateId: "u-k-1-2026-04-2", revision: 2, status: "accepted", value: 91, submittedAs: "supplier", submittedAt: "2026-05-03T10:00:00.000Z", submittedBy: "supplier-1", reviewedAt: "2026-05-05T10:00:00.000Z" },
        accepted: { updateId: "u-k-1-2026-04-2", revision: 2, value: 91, submittedAt: "2026-05-03T10:00:00.000Z" },
      },
      "2026-05": {
        latest: { updateId: "u-k-1-2026-05-2", revision: 2, status: "pending", value: 99, submittedAs: "supplier", submittedAt: "2026-06-20T23:30:00.000Z", submittedBy: "supplier-1" },
        accepted: { updateId: "u-k-1-2026-05-1", revision: 1, value: 96, submittedAt: "2026-05-03T10:00:00.000Z" },
      },
      "2026-06": {
        latest: { updateId: "u-k-1-2026-06-1", revision: 1, status: "rejected", value: 10, submittedAs: "supplier", submittedAt: "2026-05-03T10:00:00.000Z", submittedBy: "supplier-1", reviewedAt: "2026-06-30T23:30:00.000Z" },
      },
      "2026-07": {
        latest: { updateId: "u-k-1-2026-07-1", revision: 1, status: "accepted", value: 84, submittedAs: "council", submittedAt: "2026-05-03T10:00:00.000Z", submittedBy: "m-1" },
        accepted: { updateId: "u-k-1-2026-07-1", revision: 1, value: 84, submittedAt: "2026-05-03T10:00:00.000Z" },
      },
    });
    expect(Object.keys(summary.periods["sv-1"] ?? {})).toEqual(["2026-Q2"]);
  });

  it("digests the assessments in the order made, with the day their notice was published", () => {
    expect(summary.assessments).toEqual([
      { id: "a-1", kind: "annual", from: "2026-04-01", to: "2027-03-31", status: "confirmed", confirmedAt: "2027-04-03T09:00:00.000Z", publishedAt: "2027-04-20T09:00:00.000Z" },
      { id: "a-2", kind: "annual", from: "2026-04-01", to: "2027-03-31", status: "confirmed", replaces: "a-1", confirmedAt: "2027-04-03T09:00:00.000Z" },
    ]);
  });

  it("keeps the KPIs as given, with the version and time it was worked out", () => {
    expect(summary).toMatchObject({ contractId: "c-1", version: 7, updatedAt: "2026-07-01T00:00:00.000Z" });
    expect(summary.kpis.map((k) => k.id)).toEqual(["k-1", "sv-1"]);
  });

  it("is the same whatever order the records come in", () => {
    const shuffled = records();
    const again = summarise({ ...shuffled, updates: [...shuffled.updates].reverse(), reviews: [...shuffled.reviews].reverse(), assessments: [...shuffled.assessments].reverse() }, 7, "2026-07-01T00:00:00.000Z");
    expect(again).toEqual(summary);
  });
});

describe("the digest", () => {
  const digest = deliveryDigest(summarise(records(), 7, "2026-07-01T00:00:00.000Z"));

  it("marks each period with updates: the accepted value's rating, then p and the day sent, or x and the day rejected", () => {
    // Target 95, tolerance 5: 91 approaching, 96 good, 84 inadequate. Days are UK days: June's rejection at 23:30 UTC is on 1 July.
    expect(digest.kpis[0]).toEqual({ id: "k-1", kind: "kpi", title: "Collections on time", reporter: "supplier", frequency: "monthly", marks: "2026-04:a 2026-05:gp2026-06-21 2026-06:x2026-07-01 2026-07:i" });
    expect(digest.kpis[1]?.marks).toBe("2026-Q2:g");
  });

  it("reads its marks back", () => {
    expect([...readMarks(digest.kpis[0]?.marks ?? "")]).toEqual([
      ["2026-04", { rating: "approachingTarget", latest: "accepted" }],
      ["2026-05", { rating: "good", latest: "pending", sentOn: "2026-06-21" }],
      ["2026-06", { latest: "rejected", rejectedOn: "2026-07-01" }],
      ["2026-07", { rating: "inadequate", latest: "accepted" }],
    ]);
    expect([...readMarks("2026-Q1:p2026-04-02 2026-Q2:ax2026-08-03")]).toEqual([
      ["2026-Q1", { latest: "pending", sentOn: "2026-04-02" }],
      ["2026-Q2", { rating: "approachingTarget", latest: "rejected", rejectedOn: "2026-08-03" }],
    ]);
    // A digest written before the day of a rejection was kept: a bare x.
    expect([...readMarks("2026-Q2:rx 2026-Q3:x")]).toEqual([
      ["2026-Q2", { rating: "requiresImprovement", latest: "rejected" }],
      ["2026-Q3", { latest: "rejected" }],
    ]);
    expect(readMarks("").size).toBe(0);
  });

  it("rates with the target of the period's version", () => {
    const retargeted = kpi({ versions: [...kpi().versions, { fromPeriod: "2026-07", target: 84, tolerance: 5, changedAt: "", changedBy: "" }] });
    expect(deliveryDigest(summarise(records({ kpis: [retargeted] }), 1, "")).kpis[0]?.marks).toBe("2026-04:a 2026-05:gp2026-06-21 2026-06:x2026-07-01 2026-07:g");
  });

  it("sums social value committed at award and delivered as accepted, at the proxy", () => {
    expect(digest.socialValue).toEqual({ committed: 8000, delivered: 1200 });
  });
});
