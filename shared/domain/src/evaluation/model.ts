// An evaluation as the scoring engine sees it, whatever it was read from.
import type { Measure } from "./catalogue.js";

export type ScoringBasis = "value" | "percent";

export interface TenderSettings {
  reference: string;
  title: string | null;
  catalogueVersion: string;
  /** W: social value marks out of 100. */
  weighting: number;
  /** s: the share of W given to the quantitative offer, in %. */
  quantitativeShare: number;
  /** Q: the highest qualitative score an evaluator can give. */
  qualitativeMaximum: number;
  basis: ScoringBasis;
  /** d: SV add above this % is flagged for a deliverability check. */
  deliverabilityThreshold: number;
}

export const DEFAULT_DELIVERABILITY_THRESHOLD = 50;

export interface Bidder {
  name: string;
  /** Tender price in £, or null when missing or not positive (SV add is then none). */
  price: number | null;
  /** Qualitative score out of Q, or null when missing or unusable (qualitative marks 0). */
  qualitativeScore: number | null;
  /** Where the tender price was read ("Bidders!B3"), when read from a workbook: issues about the
   * bidder's offer as a whole point there. */
  priceCell?: string;
}

/** One measure's row of commitments: what each bidder offers and how much of it is accepted. */
export interface Commitment {
  measure: Measure;
  /** Committed quantity over the contract term, one per bidder in `Evaluation.bidders` order. */
  quantities: number[];
  /** Accepted fraction after moderation (1 = 100%), one per bidder. */
  accepted: number[];
}

export interface Evaluation {
  tender: TenderSettings;
  bidders: Bidder[];
  commitments: Commitment[];
  /** Themes to report on, in order (the catalogue's themes). */
  themes: string[];
}
