import { describe, expect, it } from "vitest";
import { assessmentInputSchema, confirmAssessment, confirmInputSchema, draftAssessment } from "./assessment.js";
import type { AssessmentRecord, KpiUpdateRecord } from "./model.js";
import { summarise } from "./summary.js";
import { commitmentKpiRecord, contract, kpi, update } from "./test-support.js";

const term = contract({ startDate: "2024-04-01", endDate: "2027-03-31" });
const meta = { id: "a-1", by: "m-1", at: "2025-04-02T09:00:00.000Z", dueDays: 14 };
const quarterly = kpi({ frequency: "quarterly", reporter: "manager", versions: [{ fromPeriod: "2024-Q2", target: 95, tolerance: 5, changedAt: "", changedBy: "" }] });

/** Council updates (accepted as sent) for the quarterly KPI. */
function values(byPeriod: Record<string, number>): KpiUpdateRecord[] {
  return Object.entries(byPeriod).map(([period, value]) => update({ period, value, submittedAs: "council" }));
}

function draft(byPeriod: Record<string, number>, range = { from: "2024-04-01", to: "2025-03-31" }): AssessmentRecord {
  const summary = summarise({ contractId: "c-1", kpis: [quarterly, commitmentKpiRecord()], updates: values(byPeriod), reviews: [], assessments: [], publications: [] }, 1, "");
  const result = draftAssessment(term, summary, assessmentInputSchema.parse({ ...range, kind: "annual" }), meta);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.assessment;
}

describe("a draft assessment", () => {
  it("covers the KPI's periods ending in the range, each rated, and suggests their median", () => {
    // 2024-Q2 good, Q3 approaching, Q4 inadequate, 2025-Q1 good: even count, the worse middle one.
    const made = draft({ "2024-Q2": 96, "2024-Q3": 91, "2024-Q4": 50, "2025-Q1": 95 });
    expect(made).toMatchObject({ id: "a-1", contractId: "c-1", kind: "annual", from: "2024-04-01", to: "2025-03-31", status: "draft", createdBy: "m-1", createdAt: meta.at });
    // Commitments are not assessed.
    expect(made.kpis).toHaveLength(1);
    expect(made.kpis[0]).toEqual({
      kpiId: "k-1",
      title: "Collections on time",
      unit: "%",
      direction: "higher",
      target: 95,
      periods: [
        { period: "2024-Q2", startDate: "2024-04-01", endDate: "2024-06-30", value: 96, rating: "good" },
        { period: "2024-Q3", startDate: "2024-07-01", endDate: "2024-09-30", value: 91, rating: "approachingTarget" },
        { period: "2024-Q4", startDate: "2024-10-01", endDate: "2024-12-31", value: 50, rating: "inadequate" },
        { period: "2025-Q1", startDate: "2025-01-01", endDate: "2025-03-31", value: 95, rating: "good" },
      ],
      suggested: "approachingTarget",
      rating: "approachingTarget",
    });
  });

  it("takes a period by the day it ends", () => {
    const made = draft({ "2024-Q2": 96 }, { from: "2024-06-30", to: "2024-09-29" });
    expect(made.kpis[0]?.periods.map((p) => p.period)).toEqual(["2024-Q2"]);
  });

  it("suggests Other when fewer than half the periods have a value", () => {
    expect(draft({ "2024-Q2": 96 }).kpis[0]?.suggested).toBe("other");
    expect(draft({ "2024-Q2": 96, "2024-Q3": 80 }).kpis[0]?.suggested).toBe("inadequate");
    expect(draft({}).kpis[0]?.periods.every((p) => p.rating === "other" && p.value === undefined)).toBe(true);
  });

  it("refuses a range that does not overlap the contract", () => {
    const after = draftAssessment(term, undefined, { from: "2027-04-01", to: "2028-03-31", kind: "annual" }, meta);
    expect(after).toEqual({ ok: false, errors: [{ field: "from", message: "must be on or before the contract's end, 2027-03-31" }] });
    const before = draftAssessment(term, undefined, { from: "2023-04-01", to: "2024-03-31", kind: "annual" }, meta);
    expect(before).toEqual({ ok: false, errors: [{ field: "to", message: "must be on or after the contract's start, 2024-04-01" }] });
  });

  it("records the assessment it corrects", () => {
    const result = draftAssessment(term, undefined, { from: "2024-04-01", to: "2025-03-31", kind: "annual", replaces: "a-0" }, meta);
    expect(result.ok && result.assessment.replaces).toBe("a-0");
  });
});

describe("confirming an assessment", () => {
  const made = draft({ "2024-Q2": 96, "2024-Q3": 91, "2024-Q4": 50, "2025-Q1": 95 });
  const at = { by: "m-2", at: "2025-04-10T09:00:00.000Z" };

  it("keeps the suggestions without overrides", () => {
    const result = confirmAssessment(made, confirmInputSchema.parse({}), at);
    expect(result.ok && result.assessment).toMatchObject({ status: "confirmed", confirmedAt: at.at, confirmedBy: "m-2", kpis: [{ suggested: "approachingTarget", rating: "approachingTarget" }] });
  });

  it("lets an override with a reason replace a suggestion", () => {
    const result = confirmAssessment(made, confirmInputSchema.parse({ overrides: [{ kpiId: "k-1", rating: "requiresImprovement", reason: "Two missed weeks in Q4" }] }), at);
    expect(result.ok && result.assessment.kpis[0]).toMatchObject({ suggested: "approachingTarget", rating: "requiresImprovement", override: { rating: "requiresImprovement", reason: "Two missed weeks in Q4" } });
  });

  it("refuses an override of a KPI the assessment does not hold, naming the field", () => {
    const result = confirmAssessment(made, confirmInputSchema.parse({ overrides: [{ kpiId: "k-404", rating: "good", reason: "?" }] }), at);
    expect(result).toEqual({ ok: false, errors: [{ field: "overrides[0].kpiId", message: "is not a KPI of this assessment: k-404. Use the kpiId of one of its KPIs." }] });
    const twice = confirmAssessment(made, confirmInputSchema.parse({ overrides: [{ kpiId: "k-1", rating: "good", reason: "a" }, { kpiId: "k-1", rating: "other", reason: "b" }] }), at);
    expect(twice.ok ? [] : twice.errors.map((e) => e.field)).toEqual(["overrides[1].kpiId"]);
  });

  it("refuses a rating that is not one of the statutory ratings, naming the field", () => {
    const issue = confirmInputSchema.safeParse({ overrides: [{ kpiId: "k-1", rating: "excellent", reason: "a" }] }).error?.issues[0];
    expect([issue?.path, issue?.message]).toEqual([["overrides", 0, "rating"], "must be one of good, approachingTarget, requiresImprovement, inadequate, other"]);
  });

  it("needs a reason for an override", () => {
    expect(confirmInputSchema.safeParse({ overrides: [{ kpiId: "k-1", rating: "good" }] }).error?.issues[0]?.path).toEqual(["overrides", 0, "reason"]);
  });
});
