import { describe, expect, it } from "vitest";
import type { AssessmentKpi, RatingId } from "@toms/domain";
import { assessmentTitle, confirmationOf, noticeFileName, offeredKind, offeredRange, overrideFieldErrors, overrideProblems, publishedAtOf, suggestionReason } from "./assessment-words.js";

function kpi(ratings: (RatingId | undefined)[], suggested: RatingId): Pick<AssessmentKpi, "periods" | "suggested"> {
  return {
    suggested,
    periods: ratings.map((rating, i) => ({ period: `2026-${String(i + 1).padStart(2, "0")}`, startDate: "", endDate: "", ...(rating ? { value: i, rating } : { rating: "other" as const }) })),
  };
}

describe("the annual assessment's words", () => {
  it("titles an assessment by its kind and range", () => {
    expect(assessmentTitle({ kind: "annual", from: "2025-09-01", to: "2026-08-31" })).toBe("Annual assessment, 1 September 2025 to 31 August 2026");
    expect(assessmentTitle({ kind: "termination", from: "2026-01-01", to: "2026-12-31" })).toBe("Termination assessment, 1 January 2026 to 31 December 2026");
  });

  it("gives the reason for a suggestion from the periods assessed", () => {
    const good = kpi([...Array(7).fill("good"), ...Array(3).fill("approachingTarget"), ...Array(2).fill("requiresImprovement")], "good");
    expect(suggestionReason(good)).toBe("12 of the 12 periods in the range have an accepted value (Good ×7, Approaching target ×3, Requires improvement ×2): the middle rating is Good.");
    const few = kpi(["good", "good", undefined, undefined, undefined], "other");
    expect(suggestionReason(few)).toBe("Only 2 of the 5 periods in the range have an accepted value: fewer than half, so there is not enough reported to rate it.");
    expect(suggestionReason(kpi([undefined, undefined], "other"))).toBe("None of the 2 periods in the range has an accepted value: there is nothing to rate it on.");
    expect(suggestionReason(kpi([], "other"))).toBe("No period of this KPI ends in the range, so there is nothing to rate it on.");
    expect(suggestionReason(kpi(["inadequate"], "inadequate"))).toBe("1 of the 1 period in the range has an accepted value (Inadequate ×1): the middle rating is Inadequate.");
  });

  it("offers the twelve months ending on the due date, and the kind the contract's state suggests", () => {
    expect(offeredRange("2027-08-31")).toEqual({ from: "2026-09-01", to: "2027-08-31" });
    expect(offeredRange("2026-04-01")).toEqual({ from: "2025-04-02", to: "2026-04-01" });
    expect(offeredRange("2028-02-29")).toEqual({ from: "2027-03-01", to: "2028-02-29" });
    expect(offeredRange("2025-03-01")).toEqual({ from: "2024-03-02", to: "2025-03-01" });
    expect(offeredKind("ended")).toBe("termination");
    expect(offeredKind("active")).toBe("annual");
  });

  it("needs a rating and a reason for each override, and nothing when the suggestion stands", () => {
    expect(overrideProblems({ a: { override: false, reason: "" }, b: { override: true, rating: "good", reason: "Depot fire" } })).toEqual({});
    expect(overrideProblems({ a: { override: true, reason: "  " } })).toEqual({
      a: { rating: "Choose the rating that stands instead of the suggestion.", reason: "Say why the rating differs from the suggestion: the reason is kept with the assessment." },
    });
    expect(Object.keys(overrideProblems({ a: { override: true, rating: "good", reason: "" } }).a ?? {})).toEqual(["reason"]);
  });

  it("sends the overrides chosen in the draft's order, and names a service's message by its KPI", () => {
    const kpis = [{ kpiId: "k1" }, { kpiId: "k2" }, { kpiId: "k3" }];
    const sent = confirmationOf(kpis, { k3: { override: true, rating: "inadequate", reason: " Missed every month " }, k1: { override: true, rating: "good", reason: "Corrected" }, k2: { override: false, rating: "other", reason: "x" } });
    expect(sent).toEqual({ overrides: [{ kpiId: "k1", rating: "good", reason: "Corrected" }, { kpiId: "k3", rating: "inadequate", reason: "Missed every month" }] });
    expect(confirmationOf(kpis, {})).toEqual({});
    expect(overrideFieldErrors(sent, [{ field: "overrides[1].reason", message: "must be at most 2,000 characters" }, { field: "from", message: "x" }])).toEqual({ k3: { reason: "The reason must be at most 2,000 characters" } });
  });

  it("names the UK9 file by the contract's reference and the assessment's end", () => {
    expect(noticeFileName("CCC-2024-009", "2026-08-31")).toBe("UK9-CCC-2024-009-2026-08-31.json");
    expect(noticeFileName("CON/2026 014", "2027-03-31")).toBe("UK9-CON-2026-014-2027-03-31.json");
  });

  it("sends no publication time for today, and midday of another day", () => {
    expect(publishedAtOf("2026-12-02", "2026-12-02")).toBeUndefined();
    expect(publishedAtOf("2026-11-28", "2026-12-02")).toBe("2026-11-28T12:00:00Z");
  });
});
