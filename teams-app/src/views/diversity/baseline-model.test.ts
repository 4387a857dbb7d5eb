import { describe, expect, it } from "vitest";
import { QUESTIONNAIRE_V1, diversityBaseline, type DiversityAnswers } from "@toms/domain";
import type { BaselineView } from "@toms/client";
import { barrierRanking, baselineQuestions, changeLine, changeWords, countRows, countWords, headingOf, notShownWords, questionnaireFor, responseWords, shareOf, tooFewWords } from "./baseline-model.js";

const answer = (fields: Record<string, string | string[]>): DiversityAnswers => ({ questionnaireVersion: "2026.1", privacyNoticeVersion: "diversity-2026.1", ...fields });
const many = (count: number, fields: Record<string, string | string[]>) => Array.from({ length: count }, () => answer(fields));

/** A baseline as the service answers it: the domain's own, with the campaign's state. */
function view(answers: DiversityAnswers[], extra: Partial<BaselineView> = {}): BaselineView {
  return { ...diversityBaseline(2026, QUESTIONNAIRE_V1, answers, { invited: 400 }), status: "closed", published: null, previousYear: null, ...extra };
}

describe("a question's rows", () => {
  it("keeps a suppressed count as not shown, never 0, and gives no share for it", () => {
    const rows = countRows({ counts: { yes: 35, no: null, "prefer-not-to-say": null }, answered: 60 }, QUESTIONNAIRE_V1.sections[1]!.questions[0]!.kind === "free-text" ? [] : QUESTIONNAIRE_V1.sections[1]!.questions[0]!.options);
    expect(rows.map((r) => [r.label, r.count, r.share])).toEqual([
      ["Yes", 35, 58.3],
      ["No", null, null],
      ["Prefer not to say", null, null],
    ]);
    expect(rows.map((r) => countWords(r.count))).toEqual(["35", "Not shown", "Not shown"]);
    expect(notShownWords(rows, 10)).toBe("Fewer than 10, or hidden to protect such a count, so not shown: No; Prefer not to say.");
  });

  it("shows a 0 as 0, and names an answer the labels do not know by its value", () => {
    const rows = countRows({ counts: { yes: 0, maybe: 12 }, answered: 40 }, [{ value: "yes", label: "Yes" }]);
    expect(rows.map((r) => [r.label, countWords(r.count)])).toEqual([["Yes", "0"], ["maybe", "12"]]);
    expect(notShownWords(rows, 10)).toBe("");
  });

  it("gives no share when those who answered are not shown", () => {
    expect(shareOf(12, null)).toBeNull();
    expect(shareOf(12, 0)).toBeNull();
    expect(shareOf(1, 3)).toBe(33.3);
  });

  it("has a change only where there was a published year before, and says a hidden one is not shown", () => {
    const labels = [{ value: "yes", label: "Yes" }, { value: "no", label: "No" }];
    expect(countRows({ counts: { yes: 20, no: 30 }, answered: 50 }, labels).map((r) => r.change)).toEqual([undefined, undefined]);
    const rows = countRows({ counts: { yes: 20, no: 30 }, answered: 50 }, labels, { counts: { yes: 4, no: null }, answered: 2 });
    expect(rows.map((r) => changeWords(r.change))).toEqual(["+4", "Not shown"]);
    expect([changeWords(-3), changeWords(0), changeWords(undefined)]).toEqual(["−3", "No change", ""]);
    expect(changeLine(rows, 2025)).toBe("Since 2025: Yes +4; No not shown.");
    expect(changeLine(countRows({ counts: { yes: 20 }, answered: 20 }, labels), undefined)).toBe("");
  });
});

describe("the baseline's questions", () => {
  const answers = [...many(30, { ethnicMinorityOwned: "yes", womenOwned: "no", sector: "construction", employeesBand: "under-10", turnoverBand: "up-to-2m", barriers: ["payment-terms", "tender-complexity"] }), ...many(25, { ethnicMinorityOwned: "no", womenOwned: "yes", sector: "it-and-digital", barriers: ["payment-terms"] }), ...many(3, { ethnicMinorityOwned: "prefer-not-to-say", barriers: ["contract-size"] })];
  const baseline = view(answers);

  it("has every ownership question in the questionnaire's order, then size, the SME test and sectors, labelled from the questionnaire", () => {
    const questions = baselineQuestions(baseline, QUESTIONNAIRE_V1);
    expect(questions.map((q) => q.id)).toEqual(["ethnicMinorityOwned", "ownersEthnicGroup", "womenOwned", "disabledOwned", "ownersSexualOrientation", "ownersReligion", "ownersAgeBand", "sizeBands", "statutorySme", "sectors"]);
    const sectors = questions.find((q) => q.id === "sectors")!;
    expect(sectors.rows.find((r) => r.value === "construction")).toMatchObject({ label: "Construction and building maintenance", count: 30 });
    expect(sectors.title).toBe("Sector");
    expect(questions.find((q) => q.id === "sizeBands")!.rows.map((r) => r.label)).toContain("Micro");
    expect(questions[0]?.title).toBe("Majority-owned by people from ethnic minority groups");
    expect(questions[0]?.asked).toBe("Is the business majority-owned by people from ethnic minority groups?");
  });

  it("heads every ownership question of the questionnaire in a few words, not its question to the owner", () => {
    for (const question of QUESTIONNAIRE_V1.sections.find((s) => s.id === "ownership")!.questions) expect(headingOf(QUESTIONNAIRE_V1, question.id)).not.toBe(question.text);
    expect(headingOf(QUESTIONNAIRE_V1, "legalForm")).toBe("What kind of organisation is the business?");
  });

  it("ranks the barriers most named first, with those not shown last, and leaves out Prefer not to say", () => {
    const barriers = { counts: { "finding-opportunities": 12, "tender-complexity": 30, "time-and-cost-of-bidding": null, "insurance-or-accreditation-demands": 0, "contract-size": null, "payment-terms": 40, "social-value-requirements": 12, other: 0, "prefer-not-to-say": 50 }, answered: 90 };
    const ranking = barrierRanking({ ...baseline, barriers }, QUESTIONNAIRE_V1);
    // Equals stay in the questionnaire's order; zeros are counts, ranked as such; the hidden follow.
    expect(ranking.map((r) => [r.value, r.count])).toEqual([
      ["payment-terms", 40],
      ["tender-complexity", 30],
      ["finding-opportunities", 12],
      ["social-value-requirements", 12],
      ["insurance-or-accreditation-demands", 0],
      ["other", 0],
      ["time-and-cost-of-bidding", null],
      ["contract-size", null],
    ]);
    expect(ranking[0]).toMatchObject({ label: "Payment terms", share: 44.4 });
  });

  it("says so when too few answered for any count to be shown", () => {
    expect(tooFewWords(view(many(12, { ethnicMinorityOwned: "yes" })))).toBe("12 businesses answered in 2026. Counts are shown only once at least 20 have answered, so that nobody can be picked out.");
    expect(tooFewWords(baseline)).toBeNull();
  });

  it("says how many answered of those asked", () => {
    expect(responseWords(baseline)).toBe("58 businesses of the 400 asked answered (14.5%).");
    expect(responseWords({ total: 1, invited: null, responseRate: null })).toBe("1 business answered.");
  });

  it("takes its labels from the questionnaire the year was asked under", () => {
    expect(questionnaireFor("2026.1")).toBe(QUESTIONNAIRE_V1);
    expect(questionnaireFor("2099.1")).toBe(QUESTIONNAIRE_V1);
  });
});
