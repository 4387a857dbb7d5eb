import { describe, expect, it } from "vitest";
import { TEST_CATALOGUE } from "../evaluation/test-support.js";
import { evaluationFromSubmission, evaluationSubmissionSchema } from "./submission.js";

const valid = () => ({
  tender: { reference: "CCC-T-1", catalogueVersion: "T1", weighting: 10, quantitativeShare: 50, qualitativeMaximum: 5, basis: "value" },
  bidders: [
    { name: "A", price: 10000, qualitativeScore: 4 },
    { name: "B", price: 20000, qualitativeScore: 5 },
    { name: "C", price: 0, qualitativeScore: null },
  ],
  commitments: [{ measure: "T01", quantities: [10, 5, 20], accepted: [1, 1, 1] }],
});

/** The fields at fault and what is said about each, as the API's 400 names them. */
function problems(body: unknown): [string, string][] {
  const parsed = evaluationSubmissionSchema.safeParse(body);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => [i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").slice(1), i.message]);
}

describe("the submission's numbers stay within the limits", () => {
  it("accepts the largest allowed values", () => {
    const body = valid();
    body.tender.qualitativeMaximum = 1000;
    Object.assign(body.tender, { deliverabilityThreshold: 1000 });
    body.bidders[0] = { name: "A", price: 10_000_000_000, qualitativeScore: 1000 };
    body.bidders[1] = { name: "B", price: 0.01, qualitativeScore: 0 };
    body.commitments[0] = { measure: "T01", quantities: [1_000_000_000, 0, 1_000_000_000], accepted: [1, 1, 1] };
    expect(problems(body)).toEqual([]);
  });

  it("refuses each number above its limit, naming the field and the limit", () => {
    const body = valid();
    body.tender.qualitativeMaximum = 1001;
    Object.assign(body.tender, { deliverabilityThreshold: 1000.5 });
    body.bidders[1] = { name: "B", price: 10_000_000_001, qualitativeScore: 5 };
    body.commitments[0] = { measure: "T01", quantities: [1e308, 1, 1], accepted: [1, 1, 1] };
    expect(problems(body)).toEqual([
      ["tender.qualitativeMaximum", "must be at most 1,000"],
      ["tender.deliverabilityThreshold", "must be at most 1,000"],
      ["bidders[1].price", "must be at most 10,000,000,000"],
      ["commitments[0].quantities[0]", "must be at most 1,000,000,000"],
    ]);
  });

  it("refuses a negative price instead of reading it as no price", () => {
    const body = valid();
    body.bidders[2] = { name: "C", price: -5, qualitativeScore: null };
    expect(problems(body)).toEqual([["bidders[2].price", "must be zero or more"]]);
  });

  it("refuses a price above 0 but below 1p, and a number JSON turned into Infinity", () => {
    const body = valid();
    body.bidders[0] = { name: "A", price: 0.001, qualitativeScore: 4 };
    body.bidders[1] = { name: "B", price: Number.POSITIVE_INFINITY, qualitativeScore: 5 };
    expect(problems(body)).toEqual([
      ["bidders[0].price", "must be 0 (no price) or at least 0.01"],
      ["bidders[1].price", "must be a finite number"],
    ]);
    expect(problems(JSON.parse(JSON.stringify(valid()).replace('"price":10000', '"price":"ten"')))).toEqual([["bidders[0].price", "must be a number"]]);
  });

  it("keeps a price of 0 or null as no price", () => {
    const body = valid();
    body.bidders[1] = { name: "B", price: null as unknown as number, qualitativeScore: 5 };
    const built = evaluationFromSubmission(evaluationSubmissionSchema.parse(body), TEST_CATALOGUE);
    expect(built.ok && built.evaluation.bidders.map((b) => b.price)).toEqual([10000, null, null]);
  });
});
