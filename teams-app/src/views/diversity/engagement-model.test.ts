import { describe, expect, it } from "vitest";
import { QUESTIONNAIRE_V1 } from "@toms/domain";
import { NO_FILTERS, engagementFilters, filterChoices, purposeProblem, rowWords } from "./engagement-model.js";

describe("the engagement list's filters", () => {
  it("offer the questionnaire's barriers and sectors, without Prefer not to say, and SME sizes only", () => {
    const choices = filterChoices(QUESTIONNAIRE_V1);
    expect(choices.barrier.map((o) => o.value)).toEqual(["finding-opportunities", "tender-complexity", "time-and-cost-of-bidding", "insurance-or-accreditation-demands", "contract-size", "payment-terms", "social-value-requirements", "other"]);
    expect(choices.sector[0]).toEqual({ value: "construction", label: "Construction and building maintenance" });
    expect(choices.sector.some((o) => o.value === "prefer-not-to-say")).toBe(false);
    expect(choices.size.map((o) => o.value)).toEqual(["micro", "small", "medium"]);
    expect(choices.characteristic.map((o) => o.label)).toEqual(["Majority-owned by people from ethnic minority groups", "Majority-owned by women", "Majority-owned by disabled people"]);
  });

  it("send only what is chosen, and nothing the service does not know", () => {
    expect(engagementFilters(NO_FILTERS, undefined)).toEqual({});
    expect(engagementFilters({ barrier: "payment-terms", sector: "", size: "micro", characteristic: "womenOwned" }, 2026)).toEqual({ year: 2026, barrier: "payment-terms", size: "micro", characteristic: "womenOwned" });
    expect(engagementFilters({ ...NO_FILTERS, size: "large", characteristic: "ownersReligion" }, 2026)).toEqual({ year: 2026 });
  });
});

describe("the purpose", () => {
  it("is needed, of at least 5 characters, before the list is loaded", () => {
    expect(purposeProblem("")).toMatch(/^Say why you need this list/);
    expect(purposeProblem("   ")).toMatch(/^Say why you need this list/);
    expect(purposeProblem(" MtB ")).toMatch(/at least 5 characters/);
    expect(purposeProblem("Meet the Buyer, March")).toBeUndefined();
  });
});

describe("a business of the list", () => {
  it("is described in the questionnaire's words", () => {
    const words = rowWords({ supplierId: "s1", supplierName: "Foleshill Bakery", year: 2026, sector: "hospitality-and-catering", sizeBand: "micro", barriers: ["payment-terms", "contract-size"], womenOwned: "yes", ethnicMinorityOwned: "prefer-not-to-say" }, QUESTIONNAIRE_V1);
    expect(words).toEqual({ sector: "Hospitality and catering", size: "Micro", barriers: "Payment terms; Contract size", ownership: "Majority-owned by women" });
    expect(rowWords({ supplierId: "s2", supplierName: "Spon End Joinery", year: 2026, sizeBand: "unknown", barriers: [] }, QUESTIONNAIRE_V1)).toEqual({ sector: "Not given", size: "Not known (the bands given do not settle it)", barriers: "None named", ownership: "None of these" });
  });
});
