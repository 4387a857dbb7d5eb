// What a supplier's contact sees of the award on their contract: what they committed and what it
// is worth, not the council's working (scoring issues and their review, who awarded, whether the
// evaluator confirmed the supplier's name).
import type { AwardRecord } from "./award-record.js";
import type { ContractCommitment } from "./commitments.js";

export interface SupplierAwardView {
  contractId: string;
  contractReference: string;
  /** When the award was made; null while the contract carries none. */
  awardedAt: string | null;
  totalCommittedValue: number;
  commitments: ContractCommitment[];
}

/**
 * The supplier's view of a contract's award (or of no award yet).
 *
 * @example
 * supplierAwardView({ id, reference: "CCC-101" }, award); // { contractId, contractReference: "CCC-101", awardedAt, totalCommittedValue: 350, commitments }
 */
export function supplierAwardView(contract: { id: string; reference: string }, award: (AwardRecord & { commitments: ContractCommitment[] }) | undefined): SupplierAwardView {
  return {
    contractId: contract.id,
    contractReference: contract.reference,
    awardedAt: award?.awardedAt ?? null,
    totalCommittedValue: award?.totalCommittedValue ?? 0,
    commitments: award?.commitments ?? [],
  };
}
