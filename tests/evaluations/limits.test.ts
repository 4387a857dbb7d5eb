// The API's submission keeps its numbers within the limits of docs/scoring.md, over HTTP against
// the real service: a number beyond a limit or a negative price is a 400 naming the field, nothing
// is stored, and the largest allowed numbers score to finite results.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CATALOGUE } from "@toms/domain";
import { startTestService, type TestService } from "../support/service.js";

let service: TestService;
let evaluator: string;

beforeAll(async () => {
  service = await startTestService();
  evaluator = await service.token("eve.evaluator", "evaluator");
});
afterAll(() => service.close());

// Default catalogue: CCC-EC11 £13.45 an hour, CCC-EC03 £37,430 an FTE year (its highest).
const submission = (bidders: unknown[], quantities: number[][]) => ({
  tender: { reference: "CCC-T-LIM", catalogueVersion: DEFAULT_CATALOGUE.version, weighting: 10, quantitativeShare: 50, qualitativeMaximum: 5, basis: "percent", deliverabilityThreshold: 50 },
  bidders,
  commitments: ["CCC-EC11", "CCC-EC03"].map((measure, m) => ({ measure, quantities: quantities[m], accepted: bidders.map(() => 1) })),
});
const three = (prices: number[]) => prices.map((price, i) => ({ name: `Bidder ${i + 1}`, price, qualitativeScore: 3 }));

type ProblemBody = { status: number; detail: string; errors: { field: string; message: string }[] };
const post = (body: unknown) => service.call("/api/evaluations", { method: "POST", token: evaluator, body });
const stored = async () => ((await (await service.call("/api/evaluations", { token: evaluator })).json()) as { items: unknown[] }).items.length;

describe("numbers in a submitted evaluation", () => {
  it("refuses a quantity of 1e308 (which made Infinity and ranked everyone first), naming the field and the limit", async () => {
    const response = await post(submission(three([1000, 2000, 3000]), [[1e308, 1, 1], [0, 0, 0]]));
    expect(response.status).toBe(400);
    const problem = (await response.json()) as ProblemBody;
    expect(problem.errors).toEqual([{ field: "commitments[0].quantities[0]", message: "must be at most 1,000,000,000" }]);
    expect(problem.detail).toBe("The evaluation: commitments[0].quantities[0] must be at most 1,000,000,000.");
    expect(await stored()).toBe(0);
  });

  it("refuses a negative tender price instead of reading it as no price", async () => {
    const response = await post(submission(three([1000, 2000, -5]), [[1, 1, 1], [0, 0, 0]]));
    expect(response.status).toBe(400);
    expect(((await response.json()) as ProblemBody).errors).toEqual([{ field: "bidders[2].price", message: "must be zero or more" }]);
    expect(await stored()).toBe(0);
  });

  it("refuses a price above £10bn, a price below 1p and a Q above 1,000, all at once", async () => {
    const body = submission(three([10_000_000_001, 0.001, 3000]), [[1, 1, 1], [0, 0, 0]]);
    body.tender.qualitativeMaximum = 1001;
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as ProblemBody).errors).toEqual([
      { field: "tender.qualitativeMaximum", message: "must be at most 1,000" },
      { field: "bidders[0].price", message: "must be at most 10,000,000,000" },
      { field: "bidders[1].price", message: "must be 0 (no price) or at least 0.01" },
    ]);
    expect(await stored()).toBe(0);
  });

  it("scores the largest allowed numbers to finite results, and keeps a price of 0 as no price", async () => {
    // Bidder 1 commits a billion of each on a 1p price; bidder 2 half that on £10bn; bidder 3 has no price.
    const response = await post(submission(three([0.01, 10_000_000_000, 0]), [[1e9, 5e8, 1e9], [1e9, 5e8, 1e9]]));
    expect(response.status).toBe(201);
    const { result } = (await response.json()) as { result: { bidders: { bidder: string; socialValue: number; socialValueAdd: number | null; quantitativeMarks: number; totalMarks: number; rank: number }[] } };
    const sv = 1e9 * 13.45 + 1e9 * 37_430;
    expect(result.bidders.map((b) => [b.bidder, b.rank, b.socialValueAdd === null ? null : Number.isFinite(b.socialValueAdd)])).toEqual([
      ["Bidder 1", 1, true],
      ["Bidder 2", 2, true],
      ["Bidder 3", 2, null],
    ]);
    expect(result.bidders[0]?.socialValue).toBeCloseTo(sv, 0);
    expect(result.bidders[0]?.socialValueAdd).toBeCloseTo(sv / 0.01, -6);
    expect(result.bidders[0]?.quantitativeMarks).toBe(5);
    expect(result.bidders.every((b) => Number.isFinite(b.totalMarks) && b.totalMarks <= 10)).toBe(true);
    expect(await stored()).toBe(1);
  });
});
