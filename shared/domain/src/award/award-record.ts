// What an award records, and what is kept when one is withdrawn: the shapes the service stores
// and answers with, shared by every surface.
import type { ContractCommitment } from "./commitments.js";

/** An award: which bidder won which contract from which evaluation, and what the evaluator confirmed. */
export interface AwardRecord {
  evaluationId: string;
  /** The tender's reference. */
  evaluationReference: string;
  bidder: string;
  contractId: string;
  contractReference: string;
  /** The contract's supplier: the winning bidder in the register. */
  supplierId: string;
  awardedAt: string;
  awardedBy: string;
  /** The sum of the commitments' values, in the catalogue's money (e.g. "Coventry £"). */
  totalCommittedValue: number;
  /** Error-level scoring issues the evaluation had when it was awarded. */
  errorIssues: number;
  /** The evaluator ticked that they reviewed those issues (false when there were none). */
  issuesReviewed: boolean;
  /** The supplier's name differs from the bidder's and the evaluator confirmed they are the same organisation. */
  supplierConfirmed: boolean;
}

/** What an award answers (`POST /api/evaluations/{id}/award`): the award as stored, with the
 * commitments the contract now carries. */
export interface AwardResult extends AwardRecord {
  commitments: ContractCommitment[];
  /** The money unit of the evaluation's catalogue version ("Coventry £"). */
  moneyLabel: string;
  /** What this request added to the register (a repeat of the award adds nothing). */
  created: { contract: boolean; supplier: boolean };
}

/** A withdrawn award, kept: what was withdrawn, by whom, when and why. */
export interface AwardWithdrawal {
  award: AwardRecord;
  /** How many commitments left the contract. */
  commitments: number;
  withdrawnAt: string;
  withdrawnBy: string;
  reason: string;
}

/** An award left unfinished (by a crash or a lost connection) that a procurement officer released:
 * nothing had been awarded, so the evaluation and the contract are free again. */
export interface ReleasedAward {
  evaluationId: string;
  evaluationReference: string;
  bidder: string;
  contractId: string;
  contractReference: string;
  /** When the unfinished award began, and who made it. */
  claimedAt: string;
  claimedBy: string;
  /** Commitment rows it had written, now removed. */
  commitmentsRemoved: number;
  /** The award was creating its contract, and that contract left the register with it (false when
   * another award holds the contract since, or the award did not create it). */
  contractRemoved: boolean;
  releasedAt: string;
  releasedBy: string;
}
