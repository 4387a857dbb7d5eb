import { describe, expect, it } from "vitest";
import { allQuestions, QUESTIONNAIRE_V1, questionnaireProblems, questionsAsked, type Question, type Questionnaire } from "./questionnaire.js";
import { readDiversityAnswers } from "./responses.js";

const NOTICE = QUESTIONNAIRE_V1.privacyNoticeVersion;

function refusals(input: unknown, questionnaire: Questionnaire = QUESTIONNAIRE_V1) {
  const result = readDiversityAnswers(questionnaire, input);
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.answers)}`);
  return result.errors;
}

function accepted(input: unknown, questionnaire: Questionnaire = QUESTIONNAIRE_V1) {
  const result = readDiversityAnswers(questionnaire, input);
  if (!result.ok) throw new Error(`expected answers, got ${JSON.stringify(result.errors)}`);
  return result.answers;
}

// A next version that retires womenOwned and asks something new.
const NEXT: Questionnaire = {
  version: "2027.1",
  privacyNoticeVersion: "diversity-2027.1",
  sections: QUESTIONNAIRE_V1.sections.map((section) => ({
    ...section,
    questions: [
      ...section.questions.map((q): Question => (q.id === "womenOwned" ? { ...q, retiredIn: "2027.1" } : q)),
      ...(section.id === "bidding" ? [{ id: "bidsLastYear", kind: "free-text", text: "How many council tenders did the business bid for last year?", maxLength: 20, aboutAPerson: false, since: "2027.1" } as const] : []),
    ],
  })),
};
const V1_WITH_LATER_QUESTIONS: Questionnaire = { ...NEXT, version: "2026.1", privacyNoticeVersion: NOTICE };

describe("reading diversity answers", () => {
  it("takes no answers at all: every question is optional", () => {
    expect(accepted({})).toEqual({ questionnaireVersion: "2026.1" });
    expect(accepted({ ethnicMinorityOwned: null, barriers: [], councilCouldDo: "   " })).toEqual({ questionnaireVersion: "2026.1" });
  });

  it("takes any one question on its own", () => {
    for (const question of questionsAsked(QUESTIONNAIRE_V1)) {
      const value = question.kind === "free-text" ? "Some words" : question.kind === "multiple-choice" ? [question.options[0]?.value] : question.options[0]?.value;
      expect(accepted({ privacyNoticeVersion: NOTICE, [question.id]: value })[question.id], question.id).toEqual(value);
    }
  });

  it("keeps the version the answers were given under, and the privacy notice accepted", () => {
    const answers = accepted({ privacyNoticeVersion: NOTICE, ethnicMinorityOwned: "yes", barriers: ["payment-terms", "finding-opportunities"], consentToContact: "yes" });
    expect(answers).toEqual({
      questionnaireVersion: "2026.1",
      privacyNoticeVersion: NOTICE,
      ethnicMinorityOwned: "yes",
      barriers: ["finding-opportunities", "payment-terms"],
      consentToContact: "yes",
    });
    // Stored answers read back the same.
    expect(accepted(answers)).toEqual(answers);
    expect(refusals({ ...answers, questionnaireVersion: "2027.1" })).toEqual([expect.objectContaining({ field: "questionnaireVersion" })]);
  });

  it("needs the privacy notice's version once anything is answered, and only the one shown", () => {
    expect(refusals({ womenOwned: "no" })).toEqual([{ field: "privacyNoticeVersion", message: `is required when anything is answered: it must be "${NOTICE}", the privacy notice the person accepted` }]);
    expect(refusals({ womenOwned: "no", privacyNoticeVersion: "diversity-2025.1" })[0]?.field).toBe("privacyNoticeVersion");
  });

  it("refuses a field that is not a question, naming it", () => {
    expect(refusals({ privacyNoticeVersion: NOTICE, favouriteColour: "blue", ethnicMinorityOwned: "no" })).toEqual([
      { field: "favouriteColour", message: "is not a question of questionnaire 2026.1; remove it" },
    ]);
  });

  it("refuses a value not among the choices, naming the field and the choices in words", () => {
    const [error] = refusals({ privacyNoticeVersion: NOTICE, ethnicMinorityOwned: "maybe" });
    expect(error).toEqual({ field: "ethnicMinorityOwned", message: 'must be one of "yes" (Yes), "no" (No), "prefer-not-to-say" (Prefer not to say)' });
    const [listed] = refusals({ privacyNoticeVersion: NOTICE, barriers: ["payment-terms", "parking"] });
    expect(listed?.field).toBe("barriers");
    expect(listed?.message).toContain('"parking"');
    expect(listed?.message).toContain('"payment-terms" (Payment terms)');
    expect(refusals({ privacyNoticeVersion: NOTICE, barriers: "payment-terms" })[0]?.field).toBe("barriers");
    expect(refusals({ privacyNoticeVersion: NOTICE, employeesBand: 12 })[0]?.field).toBe("employeesBand");
  });

  it("gives every error at once, each naming its field", () => {
    const errors = refusals({ ethnicMinorityOwned: "maybe", ownersReligion: ["jedi"], councilCouldDo: 42, extra: 1 });
    expect(errors.map((e) => e.field).sort()).toEqual(["councilCouldDo", "ethnicMinorityOwned", "extra", "ownersReligion", "privacyNoticeVersion"]);
  });

  it("lets Prefer not to say stand only on its own in a multiple choice", () => {
    expect(refusals({ privacyNoticeVersion: NOTICE, ownersEthnicGroup: ["indian", "prefer-not-to-say"] })).toEqual([
      { field: "ownersEthnicGroup", message: '"prefer-not-to-say" (Prefer not to say) cannot be chosen with other answers; choose either it or the others' },
    ]);
    expect(accepted({ privacyNoticeVersion: NOTICE, ownersEthnicGroup: ["prefer-not-to-say"] }).ownersEthnicGroup).toEqual(["prefer-not-to-say"]);
    expect(accepted({ privacyNoticeVersion: NOTICE, ownersEthnicGroup: ["roma", "indian", "roma"] }).ownersEthnicGroup).toEqual(["indian", "roma"]);
  });

  it("takes other's write-in only with the other choice, trimmed and limited in length", () => {
    expect(accepted({ privacyNoticeVersion: NOTICE, barriers: ["other"], barriersOther: "  Portal keeps logging us out  " }).barriersOther).toBe("Portal keeps logging us out");
    expect(accepted({ privacyNoticeVersion: NOTICE, barriers: ["other"] }).barriers).toEqual(["other"]);
    expect(refusals({ privacyNoticeVersion: NOTICE, barriers: ["payment-terms"], barriersOther: "Parking" })).toEqual([
      { field: "barriersOther", message: 'is only for when "other" (Other) is chosen in barriers; choose it there or remove this text' },
    ]);
    expect(refusals({ privacyNoticeVersion: NOTICE, barriersOther: "Parking" })[0]?.field).toBe("barriersOther");
    expect(refusals({ privacyNoticeVersion: NOTICE, barriers: ["other"], barriersOther: "x".repeat(501) })).toEqual([
      { field: "barriersOther", message: "must be at most 500 characters (it has 501); please shorten it" },
    ]);
    expect(accepted({ privacyNoticeVersion: NOTICE, sector: "other", sectorOther: "Funeral services" }).sectorOther).toBe("Funeral services");
    expect(refusals({ privacyNoticeVersion: NOTICE, sector: "construction", sectorOther: "Funeral services" })[0]?.field).toBe("sectorOther");
  });

  it("trims free text and limits its length", () => {
    expect(accepted({ privacyNoticeVersion: NOTICE, councilCouldDo: "\n Smaller lots \n" }).councilCouldDo).toBe("Smaller lots");
    expect(accepted({ privacyNoticeVersion: NOTICE, councilCouldDo: "x".repeat(2000) }).councilCouldDo).toHaveLength(2000);
    expect(refusals({ privacyNoticeVersion: NOTICE, councilCouldDo: "x".repeat(2001) })).toEqual([
      { field: "councilCouldDo", message: "must be at most 2000 characters (it has 2001); please shorten it" },
    ]);
  });

  it("builds the next version from valid data", () => {
    expect(questionnaireProblems(NEXT)).toEqual([]);
  });

  it("refuses a retired question in the new version, and still reads it on answers given before", () => {
    expect(allQuestions(NEXT).some((q) => q.id === "womenOwned")).toBe(true);
    expect(questionsAsked(NEXT).some((q) => q.id === "womenOwned")).toBe(false);
    expect(refusals({ privacyNoticeVersion: "diversity-2027.1", womenOwned: "yes" }, NEXT)).toEqual([
      { field: "womenOwned", message: "was retired in questionnaire 2027.1, so questionnaire 2027.1 does not ask it; remove it" },
    ]);
    const old = accepted({ questionnaireVersion: "2026.1", privacyNoticeVersion: NOTICE, womenOwned: "yes" }, V1_WITH_LATER_QUESTIONS);
    expect(old).toEqual({ questionnaireVersion: "2026.1", privacyNoticeVersion: NOTICE, womenOwned: "yes" });
  });

  it("asks a question added in a later version only from that version", () => {
    expect(accepted({ privacyNoticeVersion: "diversity-2027.1", bidsLastYear: "3" }, NEXT)).toEqual({ questionnaireVersion: "2027.1", privacyNoticeVersion: "diversity-2027.1", bidsLastYear: "3" });
    expect(refusals({ privacyNoticeVersion: NOTICE, bidsLastYear: "3" }, V1_WITH_LATER_QUESTIONS)).toEqual([{ field: "bidsLastYear", message: "is not a question of questionnaire 2026.1; remove it" }]);
  });

  it("refuses what is not an object of answers", () => {
    expect(refusals(["yes"])).toEqual([{ field: "answers", message: "must be an object of answers keyed by question id" }]);
    expect(refusals(null)[0]?.field).toBe("answers");
  });
});
