import { describe, expect, it } from "vitest";
import { diversityBaseline } from "./baseline.js";
import { QUESTIONNAIRE_V1 } from "./questionnaire.js";
import type { DiversityAnswers } from "./responses.js";

const answer = (fields: Record<string, string | string[]>): DiversityAnswers => ({ questionnaireVersion: QUESTIONNAIRE_V1.version, privacyNoticeVersion: QUESTIONNAIRE_V1.privacyNoticeVersion, ...fields });
const many = (count: number, fields: Record<string, string | string[]>) => Array.from({ length: count }, () => answer(fields));
const micro = { employeesBand: "under-10", turnoverBand: "up-to-2m", balanceSheetBand: "up-to-2m" };

describe("a year's baseline", () => {
  it("counts each question's answers, with the size bands and the SME test worked out, and the response rate", () => {
    const answers = [...many(30, { ...micro, ethnicMinorityOwned: "yes", barriers: ["tender-complexity", "payment-terms"] }), ...many(15, { ...micro, ethnicMinorityOwned: "no", barriers: ["finding-opportunities"] })];
    const baseline = diversityBaseline(2026, QUESTIONNAIRE_V1, answers, { invited: 450 });
    expect(baseline).toMatchObject({ year: 2026, questionnaireVersion: "2026.1", suppressionThreshold: 10, total: 45, invited: 450, responseRate: 10 });
    expect(baseline.characteristics["ethnicMinorityOwned"]).toEqual({ counts: { yes: 30, no: 15, "prefer-not-to-say": 0 }, answered: 45 });
    expect(baseline.sizeBands.counts).toMatchObject({ micro: 45, small: 0, medium: 0, large: 0, unknown: 0 });
    expect(baseline.statutorySme.counts).toMatchObject({ yes: 45, no: 0, unknown: 0 });
    expect(baseline.barriers.counts).toMatchObject({ "tender-complexity": 30, "payment-terms": 30, "finding-opportunities": 15, "contract-size": 0 });
    // Every ownership question is there, answered or not.
    expect(Object.keys(baseline.characteristics).sort()).toEqual(["disabledOwned", "ethnicMinorityOwned", "ownersAgeBand", "ownersEthnicGroup", "ownersReligion", "ownersSexualOrientation", "womenOwned"]);
  });

  it("publishes no small count, nor one that the others would give away", () => {
    const answers = [...many(35, { ethnicMinorityOwned: "yes" }), ...many(3, { ethnicMinorityOwned: "no" }), ...many(2, { ethnicMinorityOwned: "prefer-not-to-say" })];
    const { counts, answered } = diversityBaseline(2026, QUESTIONNAIRE_V1, answers).characteristics["ethnicMinorityOwned"]!;
    expect(counts["no"]).toBeNull();
    expect(counts["prefer-not-to-say"]).toBeNull();
    for (const count of Object.values(counts)) if (count !== null) expect(count === 0 || count >= 10).toBe(true);
    // With the number who answered shown, the one hidden count left would be 40 - 35 - the other: so more is hidden.
    const shown = Object.values(counts).filter((c): c is number => c !== null).reduce((sum, c) => sum + c, 0);
    if (answered !== null) expect(answered - shown).toBeGreaterThanOrEqual(10);
  });

  it("says only how many answered when too few did, and the size of those who gave no bands is unknown", () => {
    const baseline = diversityBaseline(2026, QUESTIONNAIRE_V1, many(12, { ethnicMinorityOwned: "yes" }), { threshold: 10 });
    expect(baseline.total).toBe(12);
    expect(baseline.characteristics["ethnicMinorityOwned"]?.counts["yes"]).toBeNull();
    expect(diversityBaseline(2026, QUESTIONNAIRE_V1, many(25, {})).sizeBands.counts).toMatchObject({ unknown: 25, micro: 0 });
  });
});
