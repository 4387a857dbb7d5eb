// The Procurement Act duties a contract is checked against today, from its delivery summary.
import { complianceFindings, deliveryDigest, ukDate, type ComplianceFinding, type ContractRecord } from "@toms/domain";
import type { AppDeps } from "../deps.js";

/**
 * The contract's compliance findings (one point read of its summary). The caller has already
 * been allowed to see the contract.
 *
 * @example
 * const findings = await contractCompliance(deps, contract);
 */
export async function contractCompliance(deps: AppDeps, contract: ContractRecord): Promise<ComplianceFinding[]> {
  const stored = await deps.storage.delivery.summary(contract.id);
  return complianceFindings(contract, stored ? deliveryDigest(stored.summary) : undefined, ukDate(deps.now()), deps.delivery.dueDays);
}
