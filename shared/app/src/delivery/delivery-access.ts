// Who may do what with a contract's delivery: the pure access rules applied to the contract as stored.
import { canSeeContract, hasRole, type ContractRecord, type Principal, type SubmittedAs } from "@toms/domain";
import type { Versioned } from "@toms/storage";
import type { AppDeps } from "../deps.js";
import { forbidden, notFound, type Failure } from "../outcome.js";

/** Procurement officers, and the contract's own manager, manage its KPIs, reviews and assessments. */
export function managesContract(caller: Principal, contract: ContractRecord): boolean {
  return hasRole(caller, "admin") || (hasRole(caller, "contract-manager") && contract.managerId === caller.userId);
}

/** How the caller's update is taken: the council's staff are accepted as sent, a supplier's contact is reviewed. */
export function submitterOf(caller: Principal, contract: ContractRecord): SubmittedAs | undefined {
  if (managesContract(caller, contract)) return "council";
  if (hasRole(caller, "supplier") && caller.supplierId === contract.supplierId) return "supplier";
  return undefined;
}

/**
 * The contract if the caller may see it; otherwise not found (never forbidden: a supplier must not
 * learn that another's contract exists).
 */
export async function visibleContract(deps: AppDeps, caller: Principal, contractId: string): Promise<{ ok: true; contract: Versioned<ContractRecord> } | Failure> {
  const contract = await deps.storage.contracts.get(contractId);
  if (!contract || !canSeeContract(caller, contract)) return notFound("The contract");
  return { ok: true, contract };
}

/** The contract if the caller manages it; a contract they may only read is forbidden, one they cannot see not found. */
export async function managedContract(deps: AppDeps, caller: Principal, contractId: string, doing: string): Promise<{ ok: true; contract: Versioned<ContractRecord> } | Failure> {
  const visible = await visibleContract(deps, caller, contractId);
  if (!visible.ok) return visible;
  if (!managesContract(caller, visible.contract)) return forbidden(`Only procurement officers and the contract's manager can ${doing}.`);
  return visible;
}
