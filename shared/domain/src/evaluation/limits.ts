// The largest (and smallest) numbers an evaluation may hold, in a workbook, a submission or the
// catalogue it is scored with. They sit far beyond any council tender, and low enough that every
// sum and ratio scoring makes stays a finite number (docs/scoring.md lists them).

/** The bounds every reader of an evaluation or a catalogue applies; docs/scoring.md says them in words. */
export const LIMITS = {
  /** A catalogue's proxy value: at most £1,000,000 of social value per unit (the council's highest
   * is £37,430, an FTE year). */
  proxyValue: 1_000_000,
  /** A committed quantity, in the measure's unit over the contract term: at most a billion. */
  quantity: 1_000_000_000,
  /** A tender price: at most £10 billion. */
  price: 10_000_000_000,
  /** A tender price above 0 is at least 1p, so SV add (social value / price) stays finite. */
  smallestPrice: 0.01,
  /** Q, the highest qualitative score an evaluator can give: at most 1,000. */
  qualitativeMaximum: 1_000,
  /** d, the deliverability threshold: at most 1,000%. */
  deliverabilityThreshold: 1_000,
} as const;

const grouped = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });

/** A limit as people write it: 1000000000 is "1,000,000,000". */
export function limitText(limit: number): string {
  return grouped.format(limit);
}
