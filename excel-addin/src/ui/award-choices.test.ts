import { describe, expect, it } from "vitest";
import { issue, scoreWorkbook } from "@toms/domain";
import type { Contract } from "../api/client.js";
import { smallWorkbook } from "../testing/fixtures.js";
import { awardFigures, contractChoices, contractDraft, contractFromDraft, detailsToCompleteText, filterChoices, moneyText, placeProblems, suppliersByName, workbookIssues } from "./award-choices.js";

const contract = (reference: string, supplierId: string, award: Contract["award"] = null): Contract => ({
  id: `id-${reference}`,
  reference,
  title: `Title ${reference}`,
  supplierId,
  category: "services",
  value: 1000,
  startDate: "2026-01-01",
  endDate: "2027-01-01",
  managerName: "Tom",
  status: "active",
  award,
});
const suppliers = [
  { id: "acme", name: "ACME Limited", detailsToComplete: [] },
  { id: "beta", name: "Beta plc", detailsToComplete: [] },
];

describe("the contract picker", () => {
  it("lists the winner's unawarded contracts first, then the others, unawarded before awarded, each by reference", () => {
    const awarded = { evaluationId: "e9", evaluationReference: "T-9", bidder: "Acme Ltd", awardedAt: "2026-01-01T00:00:00Z" };
    const choices = contractChoices([contract("C-10", "acme"), contract("C-2", "beta"), contract("C-9", "acme", awarded), contract("C-1", "acme"), contract("C-3", "gone")], suppliers, "Acme Ltd");
    expect(choices.winners.map((c) => c.contract.reference)).toEqual(["C-1", "C-10"]);
    expect(choices.others.map((c) => [c.contract.reference, c.note])).toEqual([
      ["C-2", "with Beta plc"],
      ["C-3", "with a supplier not in the register"],
      ["C-9", "awarded from T-9"],
    ]);
  });

  it("searches references, titles, notes and suppliers, every word", () => {
    const { others } = contractChoices([contract("C-2", "beta"), contract("C-3", "acme")], suppliers, "Gamma");
    expect(filterChoices(others, "beta c-2").map((c) => c.contract.reference)).toEqual(["C-2"]);
    expect(filterChoices(others, "TITLE").map((c) => c.contract.reference)).toEqual(["C-2", "C-3"]);
    expect(filterChoices(others, "nothing")).toEqual([]);
  });
});

describe("the new contract", () => {
  const { catalogue, workbook } = smallWorkbook();
  const read = scoreWorkbook(workbook, catalogue);
  if (!read.ok) throw new Error(read.refusal.message);
  const scored = read.scored;

  it("is prefilled from the tender and the winner's price, and says what is still to fill in", () => {
    const draft = contractDraft(scored, "Bidder 2");
    expect(draft).toMatchObject({ reference: "T-2026-001", value: String(scored.evaluation.bidders[1]?.price), category: "", serviceArea: "", managerId: "" });
    const missing = contractFromDraft(draft);
    // The fixture's tender has no title.
    expect(missing.ok ? [] : Object.keys(missing.missing)).toEqual(["title", "category", "serviceArea", "startDate", "endDate", "managerId"]);
    expect(missing.ok ? "" : missing.missing.startDate).toBe("Fill in the start date.");
    expect(missing.ok ? "" : missing.missing.serviceArea).toBe("Fill in the service area.");
    const filled = contractFromDraft({ ...draft, title: "Parks", category: "works", serviceArea: "Streetscene and Regulatory Services", value: "£250,000", startDate: "2026-04-01", endDate: "2027-03-31", managerId: " tom.brennan " });
    expect(filled).toEqual({
      ok: true,
      contract: { reference: "T-2026-001", title: "Parks", category: "works", serviceArea: "Streetscene and Regulatory Services", value: 250000, startDate: "2026-04-01", endDate: "2027-03-31", managerId: "tom.brennan" },
    });
    expect(contractFromDraft({ ...draft, value: "lots" })).toMatchObject({ ok: false, missing: { value: "Write the value in pounds, for example 250000." } });
  });

  it("states the winner's commitments and total, and every Error-level issue", () => {
    const notANumber = issue("NON_NUMERIC", "F3 is not a number");
    const highOffer = issue("HIGH_SV_ADD", "Bidder 2 offers a lot");
    const withError = { ...scored, result: { ...scored.result, issues: [highOffer] }, issues: [notANumber, highOffer] };
    const figures = awardFigures(withError, "Bidder 2");
    const bidder = scored.result.bidders.find((b) => b.bidder === "Bidder 2");
    expect(figures.total).toBeCloseTo(bidder?.socialValue ?? NaN, 9);
    expect(figures.commitments).toBeGreaterThan(0);
    expect(figures.errors.map((i) => i.code)).toEqual(["NON_NUMERIC"]);
    expect(workbookIssues(withError)).toEqual([notANumber]);
  });
});

describe("the supplier of a new contract", () => {
  it("says what procurement has still to complete of it, in words", () => {
    expect(detailsToCompleteText({ id: "s1", name: "Acme Ltd", detailsToComplete: [] })).toBe("");
    expect(detailsToCompleteText({ id: "s1", name: "Acme Ltd", detailsToComplete: ["postcode"] })).toBe("Procurement has still to complete its postcode.");
    expect(detailsToCompleteText({ id: "s1", name: "Acme Ltd", detailsToComplete: ["postcode", "employees", "turnover", "balanceSheet"] })).toBe("Procurement has still to complete its postcode, headcount, turnover and balance sheet.");
  });

  it("lists the register by name to choose from", () => {
    const register = [{ id: "s2", name: "beta plc", detailsToComplete: [] }, { id: "s1", name: "Acme Ltd", detailsToComplete: [] }, { id: "s3", name: "Northgate Ltd", detailsToComplete: [] }];
    expect(suppliersByName(register).map((s) => s.id)).toEqual(["s1", "s2", "s3"]);
  });
});

describe("words on the Award step", () => {
  it("writes money in the configured label", () => {
    expect(moneyText("Coventry £", 350)).toBe("Coventry £350.00");
    expect(moneyText("SV points", 1234.5)).toBe("SV points 1,234.50");
  });

  it("puts each refusal by the control that caused it", () => {
    const placed = placeProblems([
      { field: "contractId", message: "is held by Alpha Ltd, not Beta Ltd. Choose Beta Ltd's contract" },
      { field: "contract.reference", message: "is already another contract's reference" },
      { field: "contract.serviceArea", message: "must be one of the council's service areas: Adult Services; a procurement officer can add one" },
      { field: "", message: "Something else" },
    ]);
    expect(placed.byControl).toEqual({
      contract: "This contract is held by Alpha Ltd, not Beta Ltd. Choose Beta Ltd's contract.",
      reference: "The reference is already another contract's reference.",
      serviceArea: "The service area must be one of the council's service areas: Adult Services; a procurement officer can add one.",
    });
    expect(placed.rest).toEqual([{ field: "", message: "Something else" }]);
  });

  it("says what to do about the service's refusals in words, without its field names", () => {
    const placed = placeProblems([
      { field: "issuesReviewed", message: "is needed: tick that you reviewed the 1 Error-level scoring issue, then award" },
      { field: "supplierId", message: "is to be chosen: 2 suppliers in the register are named like Beta Ltd (Beta Ltd (s-1), BETA LIMITED (s-2)). Choose the one that won" },
    ]);
    expect(placed.byControl).toEqual({
      issues: "Your review is needed: tick that you reviewed the 1 Error-level scoring issue, then award.",
      supplier: "The supplier is to be chosen: 2 suppliers in the register are named like Beta Ltd (Beta Ltd (s-1), BETA LIMITED (s-2)). Choose the one that won.",
    });
  });
});
