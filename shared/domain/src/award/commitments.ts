import type { Evaluation } from "../evaluation/model.js";
import { commitmentValue } from "../evaluation/scoring.js";

/** One social value commitment a contract carries after award: what the winner promised for a
 * measure, after moderation, and what it is worth at the tender's catalogue version. */
export interface ContractCommitment {
  measure: string;
  name: string;
  theme: string;
  unit: string;
  /** Quantity over the contract term, as committed in the tender. */
  committedQuantity: number;
  /** The share evaluators accepted (1 = 100%). */
  acceptedFraction: number;
  /** £ per unit at the tender's catalogue version; null for a record-only measure. */
  proxyValue: number | null;
  /** committedQuantity x proxyValue x acceptedFraction; 0 when record only. */
  committedValue: number;
  catalogueVersion: string;
}

/** The winner's commitments: every measure where they committed a quantity above zero that was accepted. */
export function winnerCommitments(evaluation: Evaluation, bidderIndex: number): ContractCommitment[] {
  return evaluation.commitments
    .map((c) => {
      const quantity = c.quantities[bidderIndex] ?? 0;
      const accepted = c.accepted[bidderIndex] ?? 1;
      return {
        measure: c.measure.code,
        name: c.measure.name,
        theme: c.measure.theme,
        unit: c.measure.unit,
        committedQuantity: quantity,
        acceptedFraction: accepted,
        proxyValue: c.measure.proxyValue,
        committedValue: commitmentValue(c, bidderIndex),
        catalogueVersion: evaluation.tender.catalogueVersion,
      };
    })
    // A commitment evaluators rejected outright is not part of the contract.
    .filter((c) => c.committedQuantity > 0 && c.acceptedFraction > 0);
}
