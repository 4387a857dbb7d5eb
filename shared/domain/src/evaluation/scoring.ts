// The scoring rules (docs/scoring.md says them in plain words). Amounts keep full precision;
// only display rounds.
import { issue, type Issue } from "./issues.js";
import type { Commitment, Evaluation } from "./model.js";

/** Totals this close share a rank: they look the same when shown to two decimal places. */
export const RANK_TOLERANCE = 0.005;
// Float sums such as 10.005 - 10 land a hair either side of 0.005.
const FLOAT_SLACK = 1e-9;

export interface BidderResult {
  bidder: string;
  price: number | null;
  /** SV(b): the sum of quantity x proxy x accepted fraction over the priced measures. */
  socialValue: number;
  /** SV add(b) = SV(b) / price, a fraction; null when the price is missing or not positive. */
  socialValueAdd: number | null;
  quantitativeMarks: number;
  qualitativeMarks: number;
  totalMarks: number;
  /** 1 + the number of bidders whose total is more than 0.005 higher (ties: 1, 1, 3). */
  rank: number;
  /** Social value by theme, every theme of the evaluation present (0 when nothing). */
  byTheme: Record<string, number>;
}

export interface ScoringResult {
  /** One per bidder, in the evaluation's bidder order. */
  bidders: BidderResult[];
  /** values[c][b]: the £ value of commitment c for bidder b after moderation. */
  values: number[][];
  /** Issues found while scoring (HIGH_SV_ADD). */
  issues: Issue[];
}

/** The £ value of a commitment for bidder b: quantity x proxy x accepted fraction; 0 when the
 * measure is record only. The one place the rule is written (award uses it too). */
export function commitmentValue(c: Commitment, b: number): number {
  return c.measure.proxyValue === null ? 0 : (c.quantities[b] ?? 0) * c.measure.proxyValue * (c.accepted[b] ?? 1);
}

export function scoreEvaluation(evaluation: Evaluation): ScoringResult {
  const { tender, bidders, commitments, themes } = evaluation;
  const n = bidders.length;
  const socialValue = new Array<number>(n).fill(0);
  const byTheme = new Map<string, number[]>(themes.map((t) => [t, new Array<number>(n).fill(0)]));
  const values: number[][] = [];

  for (const c of commitments) {
    const row = new Array<number>(n).fill(0);
    values.push(row);
    if (c.measure.proxyValue === null) continue; // record only: adds nothing
    let theme = byTheme.get(c.measure.theme);
    if (!theme) {
      theme = new Array<number>(n).fill(0);
      byTheme.set(c.measure.theme, theme);
    }
    for (let b = 0; b < n; b++) {
      const v = commitmentValue(c, b);
      row[b] = v;
      socialValue[b] = (socialValue[b] ?? 0) + v;
      theme[b] = (theme[b] ?? 0) + v;
    }
  }

  const svAdd = bidders.map((bidder, b) =>
    bidder.price !== null && bidder.price > 0 ? (socialValue[b] ?? 0) / bidder.price : null,
  );
  const metric = bidders.map((_, b) => (tender.basis === "value" ? (socialValue[b] ?? 0) : (svAdd[b] ?? 0)));
  const best = Math.max(0, ...metric);
  const quantitativeAvailable = (tender.weighting * tender.quantitativeShare) / 100;
  const qualitativeAvailable = (tender.weighting * (100 - tender.quantitativeShare)) / 100;

  const totals: number[] = [];
  const results: BidderResult[] = bidders.map((bidder, b) => {
    // The share of the best (0 to 1) is taken first, so no bidder gets more than the marks
    // available and the best gets exactly them, however small the numbers (a product first can
    // lose its digits below the smallest normal float, 1e-308).
    const quantitativeMarks = best > 0 ? quantitativeAvailable * ((metric[b] ?? 0) / best) : 0;
    const qualitativeMarks =
      bidder.qualitativeScore === null ? 0 : qualitativeAvailable * (bidder.qualitativeScore / tender.qualitativeMaximum);
    const totalMarks = quantitativeMarks + qualitativeMarks;
    totals.push(totalMarks);
    return {
      bidder: bidder.name,
      price: bidder.price,
      socialValue: socialValue[b] ?? 0,
      socialValueAdd: svAdd[b] ?? null,
      quantitativeMarks,
      qualitativeMarks,
      totalMarks,
      rank: 0,
      byTheme: Object.fromEntries([...byTheme].map(([t, v]) => [t, v[b] ?? 0])),
    };
  });
  const ranks = ranksOf(totals);
  results.forEach((r, b) => (r.rank = ranks[b] ?? 1));

  const issues: Issue[] = [];
  results.forEach((r, b) => {
    // Compared with slack, so 700 on a £10,000 price is not "above" a 7% threshold by rounding.
    if (r.socialValueAdd !== null && r.socialValueAdd * 100 - tender.deliverabilityThreshold > FLOAT_SLACK) {
      issues.push(
        issue(
          "HIGH_SV_ADD",
          `${r.bidder} offers social value worth ${percentText(r.socialValueAdd * 100)} of its tender price, above the deliverability threshold of ${percentText(tender.deliverabilityThreshold)}: check the commitments can be delivered.`,
          { sheet: "Bidders", bidder: r.bidder, ...(bidders[b]?.priceCell ? { cell: bidders[b]?.priceCell } : {}) },
        ),
      );
    }
  });
  return { bidders: results, values, issues };
}

/**
 * Ranks, highest total first. Going down the totals, a bidder within RANK_TOLERANCE of the top of
 * the current group shares its rank; the next group's rank is 1 + the number of bidders above it
 * (1, 1, 3). Measured from the group's top, so 9, 8.996, 8.992 rank 1, 1, 3, never 1, 1, 2.
 */
export function ranksOf(totals: readonly number[]): number[] {
  const order = totals.map((_, i) => i).sort((a, b) => (totals[b] ?? 0) - (totals[a] ?? 0));
  const ranks = new Array<number>(totals.length).fill(1);
  let groupTop = Number.POSITIVE_INFINITY;
  let groupRank = 1;
  order.forEach((bidder, position) => {
    const total = totals[bidder] ?? 0;
    if (groupTop - total > RANK_TOLERANCE + FLOAT_SLACK) {
      groupTop = total;
      groupRank = position + 1;
    }
    ranks[bidder] = groupRank;
  });
  return ranks;
}

function percentText(p: number): string {
  return `${Number(p.toFixed(2))}%`;
}

/** Bidder indexes best first: by rank, then in the order the bidders were listed. */
export function rankedOrder(result: ScoringResult): number[] {
  return result.bidders.map((_, i) => i).sort((a, b) => (result.bidders[a]?.rank ?? 0) - (result.bidders[b]?.rank ?? 0) || a - b);
}
