import { describe, expect, it } from "vitest";
import { diversityBaseline } from "./baseline.js";
import { baselineChange } from "./baseline-change.js";
import { QUESTIONNAIRE_V1 } from "./questionnaire.js";
import type { DiversityAnswers } from "./responses.js";

const answer = (fields: Record<string, string | string[]>): DiversityAnswers => ({ questionnaireVersion: QUESTIONNAIRE_V1.version, privacyNoticeVersion: QUESTIONNAIRE_V1.privacyNoticeVersion, ...fields });
const many = (count: number, fields: Record<string, string | string[]>) => Array.from({ length: count }, () => answer(fields));
const micro = { employeesBand: "under-10", turnoverBand: "up-to-2m", balanceSheetBand: "up-to-2m" };

describe("baselineChange", () => {
  const before = diversityBaseline(2025, QUESTIONNAIRE_V1, [...many(30, { ...micro, womenOwned: "yes", barriers: ["payment-terms"] }), ...many(20, { ...micro, womenOwned: "no", barriers: ["contract-size"] })]);
  const after = diversityBaseline(2026, QUESTIONNAIRE_V1, [...many(40, { ...micro, womenOwned: "yes", barriers: ["payment-terms"] }), ...many(22, { ...micro, womenOwned: "no", barriers: ["contract-size"] }), ...many(3, { ...micro, womenOwned: "prefer-not-to-say" })]);

  it("gives the change in each count both years published", () => {
    const change = baselineChange(after, before);
    expect(change.year).toBe(2025);
    expect(change.respondents).toBe(15);
    expect(change.barriers.counts["payment-terms"]).toBe(10);
    expect(change.sizeBands.counts["micro"]).toBe(15);
    expect(change.statutorySme.counts["yes"]).toBe(15);
    expect(change.statutorySme.counts["unknown"]).toBe(0);
    expect(Object.keys(change.characteristics).sort()).toEqual(Object.keys(after.characteristics).sort());
  });

  it("shows no change beside a count suppressed in either year", () => {
    const change = baselineChange(after, before);
    const women = after.characteristics["womenOwned"]!;
    // 3 said "prefer not to say" this year: suppressed, so its change (and whatever it protects) is null.
    expect(women.counts["prefer-not-to-say"]).toBeNull();
    expect(change.characteristics["womenOwned"]?.counts["prefer-not-to-say"]).toBeNull();
    for (const [key, count] of Object.entries(women.counts)) {
      const last = before.characteristics["womenOwned"]!.counts[key];
      expect(change.characteristics["womenOwned"]?.counts[key]).toBe(count === null || last === null || last === undefined ? null : count - last);
    }
    const answered = before.characteristics["womenOwned"]!.answered;
    expect(change.characteristics["womenOwned"]?.answered).toBe(women.answered === null || answered === null ? null : women.answered - answered);
  });

  it("shows nothing against a year with too few respondents to publish counts", () => {
    const tiny = diversityBaseline(2025, QUESTIONNAIRE_V1, many(12, { ...micro, womenOwned: "yes" }));
    const change = baselineChange(after, tiny);
    expect(change.respondents).toBe(after.total - 12);
    expect(Object.values(change.characteristics["womenOwned"]!.counts).every((c) => c === null)).toBe(true);
    expect(change.sizeBands.answered).toBeNull();
  });
});
