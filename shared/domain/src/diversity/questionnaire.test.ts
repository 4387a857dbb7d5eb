import { describe, expect, it } from "vitest";
import { allQuestions, compareVersions, questionnaireProblems, ETHNIC_GROUPS, PREFER_NOT_TO_SAY, QUESTIONNAIRE_V1, questionsAsked, type ChoiceQuestion, type Questionnaire } from "./questionnaire.js";

// The reference's table (Census 2021, England and Wales), typed out here so the data is checked against it.
const CENSUS_2021: Record<string, string[]> = {
  "Asian, Asian British or Asian Welsh": ["Bangladeshi", "Chinese", "Indian", "Pakistani", "Any other Asian background"],
  "Black, Black British, Black Welsh, Caribbean or African": ["African", "Caribbean", "Any other Black, Black British or Caribbean background"],
  "Mixed or Multiple ethnic groups": ["White and Asian", "White and Black African", "White and Black Caribbean", "Any other Mixed or Multiple background"],
  White: ["English, Welsh, Scottish, Northern Irish or British", "Irish", "Gypsy or Irish Traveller", "Roma", "Any other White background"],
  "Other ethnic group": ["Arab", "Any other ethnic group"],
};

function question(id: string) {
  const found = allQuestions(QUESTIONNAIRE_V1).find((q) => q.id === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
}

describe("questionnaire 2026.1", () => {
  it("lists the 19 Census 2021 ethnic groups in their 5 headings, worded as the Census words them", () => {
    const grouped: Record<string, string[]> = {};
    for (const { group, label } of ETHNIC_GROUPS) (grouped[group] ??= []).push(label);
    expect(grouped).toEqual(CENSUS_2021);
    expect(ETHNIC_GROUPS).toHaveLength(19);
    const owners = question("ownersEthnicGroup") as ChoiceQuestion;
    expect(owners.kind).toBe("multiple-choice");
    expect(owners.options.map((o) => o.value)).toEqual([...ETHNIC_GROUPS.map((o) => o.value), PREFER_NOT_TO_SAY]);
  });

  it("offers Prefer not to say on every question about a person", () => {
    const aboutAPerson = questionsAsked(QUESTIONNAIRE_V1).filter((q) => q.aboutAPerson);
    expect(aboutAPerson.map((q) => q.id)).toEqual(["ethnicMinorityOwned", "ownersEthnicGroup", "womenOwned", "disabledOwned", "ownersSexualOrientation", "ownersReligion", "ownersAgeBand"]);
    for (const q of aboutAPerson) {
      expect(q.kind, q.id).not.toBe("free-text");
      if (q.kind !== "free-text") expect(q.options.map((o) => o.value), q.id).toContain(PREFER_NOT_TO_SAY);
    }
  });

  it("offers Prefer not to say on every choice but consent, where only a clear yes is consent", () => {
    const without = questionsAsked(QUESTIONNAIRE_V1).filter((q) => q.kind !== "free-text" && !q.options.some((o) => o.value === PREFER_NOT_TO_SAY));
    expect(without.map((q) => q.id)).toEqual(["consentToContact"]);
  });

  it("keeps the field ids the API relies on, each once", () => {
    const ids = allQuestions(QUESTIONNAIRE_V1).map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ["employeesBand", "turnoverBand", "sector", "ethnicMinorityOwned", "ownersEthnicGroup", "womenOwned", "disabledOwned", "ownersSexualOrientation", "ownersReligion", "ownersAgeBand", "barriers", "councilCouldDo", "consentToContact"]) {
      expect(ids).toContain(id);
    }
    expect(question("ethnicMinorityOwned").kind).toBe("yes-no");
    expect((question("ethnicMinorityOwned") as ChoiceQuestion).options.map((o) => o.value)).toEqual(["yes", "no", PREFER_NOT_TO_SAY]);
    expect((question("consentToContact") as ChoiceQuestion).options.map((o) => o.value)).toEqual(["yes", "no"]);
    expect(question("consentToContact").help).toContain("Meet the Buyer");
  });

  it("asks the barriers the council named, with a write-in for other", () => {
    const barriers = question("barriers") as ChoiceQuestion;
    expect(barriers.options.map((o) => o.value)).toEqual([
      "finding-opportunities",
      "tender-complexity",
      "time-and-cost-of-bidding",
      "insurance-or-accreditation-demands",
      "contract-size",
      "payment-terms",
      "social-value-requirements",
      "other",
      PREFER_NOT_TO_SAY,
    ]);
    expect(barriers.other).toEqual({ option: "other", field: "barriersOther", maxLength: 500 });
  });

  it("uses the GSS harmonised wording", () => {
    expect(question("ownersSexualOrientation").text).toBe("Which of the following best describes your sexual orientation?");
    expect(question("ownersReligion").text).toBe("What is your religion?");
    expect(question("ownersEthnicGroup").text).toBe("What is your ethnic group? Choose one option that best describes your ethnic group or background.");
    expect(question("disabledOwned").help).toContain("lasting or expected to last 12 months or more");
  });

  it("has nothing wrong with its data", () => {
    expect(questionnaireProblems(QUESTIONNAIRE_V1)).toEqual([]);
  });

  it("finds what is wrong with a new version's data", () => {
    const [business, ownership] = QUESTIONNAIRE_V1.sections;
    if (!business || !ownership) throw new Error("sections missing");
    const broken = {
      ...QUESTIONNAIRE_V1,
      version: "2027.1",
      sections: [
        business,
        {
          ...ownership,
          questions: [
            { id: "sector", kind: "yes-no", text: "Twice?", options: [{ value: "yes", label: "Yes" }], aboutAPerson: false, since: "2027.1" },
            { id: "ownersSex", kind: "single-choice", text: "What is your sex?", options: [{ value: "female", label: "Female" }, { value: "male", label: "Male" }], aboutAPerson: true, since: "2027.1" },
            { id: "ownersStory", kind: "free-text", text: "Tell us about yourself", maxLength: 100, aboutAPerson: true, since: "2027.1" },
            { id: "gone", kind: "yes-no", text: "Gone?", options: [{ value: "yes", label: "Yes" }], other: { option: "maybe", field: "sectorOther", maxLength: 10 }, aboutAPerson: false, since: "2027.1", retiredIn: "2026.1" },
          ],
        },
      ],
    } satisfies Questionnaire;
    expect(questionnaireProblems(broken)).toEqual([
      'Question "sector" is used twice; give it a field of its own.',
      'Question "ownersSex" is about a person, so it must offer "prefer-not-to-say".',
      'Question "ownersStory" is about a person, so it must be a choice that offers "Prefer not to say", not free text.',
      'Question "gone" is retired in 2026.1, no later than it was added (2027.1).',
      'Write-in field "sectorOther" is used twice; give it a field of its own.',
      'Question "gone" has a write-in for "maybe", which is not one of its options.',
    ]);
  });

  it("orders versions by year, then by issue as a number", () => {
    expect(compareVersions("2026.1", "2026.1")).toBe(0);
    expect(compareVersions("2026.2", "2026.10")).toBeLessThan(0);
    expect(compareVersions("2027.1", "2026.9")).toBeGreaterThan(0);
  });
});
