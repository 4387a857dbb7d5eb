// Which contracts a caller may see: the pure access rules every surface and use case applies.
import { hasRole, type Principal } from "./roles.js";

/** The contracts a caller may see, as the filter that picks them: an empty scope is every contract. */
export interface ContractScope {
  managerId?: string;
  supplierId?: string;
}

/**
 * All contracts for procurement officers and evaluators, their own for a contract manager, their
 * supplier's for a supplier contact. Undefined: none at all.
 */
export function contractScope(principal: Principal): ContractScope | undefined {
  if (hasRole(principal, "admin", "evaluator")) return {};
  if (hasRole(principal, "contract-manager")) return { managerId: principal.userId };
  if (hasRole(principal, "supplier") && principal.supplierId) return { supplierId: principal.supplierId };
  return undefined;
}

/** Whether the caller may see this contract (out of scope reads as not found, never as forbidden). */
export function canSeeContract(principal: Principal, contract: { managerId: string; supplierId: string }): boolean {
  const scope = contractScope(principal);
  if (!scope) return false;
  return (!scope.managerId || scope.managerId === contract.managerId) && (!scope.supplierId || scope.supplierId === contract.supplierId);
}
