// The social value a contract carries since award, as each reader may see it: the whole award for
// the council's staff, what was committed and its value for the supplier's contacts.
import { canSeeContract, hasRole, supplierAwardView, type Principal, type SupplierAwardView } from "@toms/domain";
import type { ContractAward } from "@toms/storage";
import type { AppDeps } from "../deps.js";
import { notFound, succeeded, type Outcome } from "../outcome.js";

/** A contract with no award yet, as the council's staff read it. */
export interface NoAward {
  evaluationId: null;
  commitments: [];
  totalCommittedValue: 0;
}

/**
 * The contract's awarded commitments. Procurement officers, evaluators and the contract's manager
 * get the award as stored (who awarded it, the scoring issues and their review, the supplier's
 * confirmation); a supplier's contact gets only what their organisation committed and its value.
 * A contract out of the caller's scope reads as not found.
 *
 * @example
 * const outcome = await contractCommitments(deps, caller, contractId);
 * if (outcome.ok) console.log(outcome.value.totalCommittedValue);
 */
export async function contractCommitments(deps: AppDeps, caller: Principal, contractId: string): Promise<Outcome<ContractAward | NoAward | SupplierAwardView>> {
  const contract = await deps.storage.contracts.get(contractId);
  if (!contract || !canSeeContract(caller, contract)) return notFound("The contract");
  const award = await deps.storage.awards.contractAward(contract.id);
  if (!hasRole(caller, "admin", "evaluator", "contract-manager")) return succeeded(supplierAwardView(contract, award));
  return succeeded(award ?? { evaluationId: null, commitments: [], totalCommittedValue: 0 });
}
