import { describe, expect, it } from "vitest";
import { issue } from "../evaluation/issues.js";
import { awardRequestSchema } from "./award-request.js";
import { AWARD_CLAIM_STALE_AFTER_MS, claimIsStale, errorIssues, supplierFit, withdrawalRefusal } from "./award-rules.js";

const acme = { id: "s-1", name: "ACME Limited" };

describe("the contract's supplier and the winner", () => {
  it("fits when the names are the same organisation's", () => {
    expect(supplierFit("Acme Ltd.", acme)).toEqual({ fits: true, confirmed: false });
  });

  it("fits another name only when the evaluator confirms the supplier", () => {
    expect(supplierFit("Acme Services", acme, "s-1")).toEqual({ fits: true, confirmed: true });
    const refused = supplierFit("Beta Ltd", acme);
    expect(refused).toMatchObject({ fits: false });
    expect(!refused.fits && refused.message).toBe("is held by ACME Limited, not Beta Ltd. Choose Beta Ltd's contract, or, if ACME Limited is the same organisation as Beta Ltd, confirm that it is");
    const wrong = supplierFit("Beta Ltd", acme, "s-2");
    expect(!wrong.fits && wrong.message).toBe("is held by ACME Limited, not by the supplier you confirmed as Beta Ltd. Reload the contracts and choose Beta Ltd's contract");
  });
});

describe("what must be reviewed, and when a claim was left behind", () => {
  it("lists only Error-level issues", () => {
    const issues = [issue("NON_NUMERIC", "C3 is not a number"), issue("NUMBER_AS_TEXT", "D4 is text"), issue("RECORD_ONLY", "note")];
    expect(errorIssues(issues).map((i) => i.code)).toEqual(["NON_NUMERIC"]);
  });

  it("takes a pending claim for left behind once it is older than the limit", () => {
    const at = new Date("2026-05-01T10:00:00.000Z");
    expect(claimIsStale(at.toISOString(), new Date(at.getTime() + AWARD_CLAIM_STALE_AFTER_MS - 1))).toBe(false);
    expect(claimIsStale(at.toISOString(), new Date(at.getTime() + AWARD_CLAIM_STALE_AFTER_MS))).toBe(true);
  });

  it("allows a withdrawal only while no KPI update has been recorded", () => {
    expect(withdrawalRefusal(0, "CCC-1")).toBeUndefined();
    expect(withdrawalRefusal(2, "CCC-1")).toBe("This award cannot be withdrawn: 2 KPI updates have been recorded against contract CCC-1. Change the contract instead.");
  });
});

describe("the award request", () => {
  it("takes an existing contract or a new one, never both or neither", () => {
    expect(awardRequestSchema.parse({ bidder: " Acme ", contractId: "c-1" })).toEqual({ bidder: "Acme", contractId: "c-1", issuesReviewed: false });
    const both = awardRequestSchema.safeParse({ bidder: "Acme", contractId: "c-1", contract: { reference: "R", title: "T", category: "works", value: 1, startDate: "2026-01-01", endDate: "2026-12-31", managerId: "m", serviceArea: "Adult Services" } });
    expect(both.success ? [] : both.error.issues.map((i) => i.path.join("."))).toEqual(["contract"]);
    const neither = awardRequestSchema.safeParse({ bidder: "Acme" });
    expect(neither.success ? [] : neither.error.issues.map((i) => i.path.join("."))).toEqual(["contractId"]);
    const supplierInContract = awardRequestSchema.safeParse({ bidder: "Acme", contract: { reference: "R", title: "T", category: "works", value: 1, startDate: "2026-01-01", endDate: "2026-12-31", managerId: "m", serviceArea: "Adult Services", supplierId: "s" } });
    expect(supplierInContract.success).toBe(false);
  });
});
